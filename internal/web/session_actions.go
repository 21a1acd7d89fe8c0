package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
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

// classSizeForm is the projector's "pupils in the class" field. A number it can't take
// brings the teacher back to the projector with the reason beside the field.
func (s *sessionHandlers) classSizeForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	n, convErr := strconv.Atoi(strings.TrimSpace(c.FormValue("expected_pupils")))
	if convErr != nil {
		n = 0
	}
	_, err = s.app.SetClassSize(c.UserContext(), sess, n)
	if model.ErrorCode(err) == model.ECodeInvalid {
		return c.Redirect("/sessions/"+sess.ID+"?size=invalid#class-size", fiber.StatusSeeOther)
	}
	if err != nil {
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
