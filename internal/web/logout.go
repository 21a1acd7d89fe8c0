package web

import (
	"github.com/gofiber/fiber/v2"
)

// logout ends the login session (a form post, so another site cannot log anyone out). After
// a single sign-on it sends the browser on to end the provider's session too, where the
// provider offers RP-initiated logout; the provider sends it back to the login page.
func (s *accountHandlers) logout(c *fiber.Ctx) error {
	idToken, err := s.endLogin(c)
	if err != nil {
		return err
	}
	if s.sso != nil && idToken != "" {
		if target := s.sso.LogoutURL(c.UserContext(), idToken); target != "" {
			return c.Redirect(target, fiber.StatusSeeOther)
		}
	}
	return c.Redirect("/login?logged_out=1", fiber.StatusSeeOther)
}
