package web

import (
	"github.com/gofiber/fiber/v2"
)

// logout ends the login session (a form post, so another site cannot log anyone out).
func (s *accountHandlers) logout(c *fiber.Ctx) error {
	if err := s.endLogin(c); err != nil {
		return err
	}
	return c.Redirect("/login?logged_out=1", fiber.StatusSeeOther)
}
