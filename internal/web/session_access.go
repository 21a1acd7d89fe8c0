package web

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// sessionFor returns the session with the id in the URL if the signed-in user may manage
// it; otherwise "not found", so a session of another school is not revealed.
func (s *Server) sessionFor(c *fiber.Ctx) (*model.Session, error) {
	return s.app.SessionFor(c.UserContext(), currentUser(c), c.Params("id"))
}

// joinURL is the address pupils open (and the QR code holds) for a session.
func (s *Server) joinURL(c *fiber.Ctx, sess *model.Session) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = c.BaseURL()
	}
	return fmt.Sprintf("%s/j/%s", base, sess.Code)
}
