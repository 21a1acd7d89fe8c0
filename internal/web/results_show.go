package web

import (
	"github.com/gofiber/fiber/v2"
)

// showResultsForm is the "show the results now" button: while a session is open its results
// stay hidden (pupils still answering should not see the others' answers) until the teacher
// closes it or chooses to show them, which needs at least the minimum group.
func (s *Server) showResultsForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	target := "/sessions/" + sess.ID + "/results"
	if resultsVisible(sess) {
		return c.Redirect(target, fiber.StatusSeeOther)
	}
	n, err := s.answerCount(c.UserContext(), sess)
	if err != nil {
		return err
	}
	if n < s.cfg.MinGroup {
		l := s.localizer(c)
		c.Status(fiber.StatusConflict)
		return s.render(c, "error", l.T("results.show_title"), fiber.Map{
			"Message": l.T("results.show_needs", "Min", s.cfg.MinGroup, "N", n),
		})
	}
	s.sessionChanged(sess)
	if _, err := s.store.SetShowResults(c.UserContext(), sess.ID, true); err != nil {
		return err
	}
	s.hub.Publish(sess.ID)
	return c.Redirect(target, fiber.StatusSeeOther)
}
