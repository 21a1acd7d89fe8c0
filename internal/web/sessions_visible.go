package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// visibleSessions lists what the signed-in user may manage: a teacher's school, an SSP
// consultant's municipality, everything for an administrator.
func (s *Server) visibleSessions(c *fiber.Ctx) ([]model.Session, error) {
	u := currentUser(c)
	var f store.SessionFilter
	switch u.Role {
	case model.RoleTeacher:
		f.SchoolID = u.SchoolID
	case model.RoleSSP:
		f.Municipality = u.Municipality
	}
	return s.store.ListSessions(c.UserContext(), f)
}
