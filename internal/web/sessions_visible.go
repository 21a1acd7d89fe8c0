package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// visibleSessions lists what the signed-in user may manage (app.VisibleSessions).
func (s *sessionHandlers) visibleSessions(c *fiber.Ctx) ([]model.Session, error) {
	return s.app.VisibleSessions(c.UserContext(), currentUser(c))
}
