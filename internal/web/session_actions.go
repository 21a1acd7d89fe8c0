package web

import (
	"github.com/gofiber/fiber/v2"
)

// closeSessionForm is the projector's "close" button.
func (s *sessionHandlers) closeSessionForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	if _, err := s.app.Close(c.UserContext(), sess); err != nil {
		return err
	}
	return c.Redirect("/sessions/"+sess.ID, fiber.StatusSeeOther)
}

// reopenSessionForm is the projector's "open again" button.
func (s *sessionHandlers) reopenSessionForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	if _, err := s.app.Reopen(c.UserContext(), sess); err != nil {
		return err
	}
	return c.Redirect("/sessions/"+sess.ID, fiber.StatusSeeOther)
}

// deleteSessionForm deletes a session and its answers once the teacher has ticked the
// confirmation box.
func (s *sessionHandlers) deleteSessionForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	if c.FormValue("confirm") != "yes" {
		return c.Redirect("/sessions/"+sess.ID, fiber.StatusSeeOther)
	}
	if err := s.app.Delete(c.UserContext(), sess); err != nil {
		return err
	}
	return c.Redirect("/sessions", fiber.StatusSeeOther)
}
