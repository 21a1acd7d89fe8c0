package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// showResultsForm is the "show the results now" button: while a session is open its results
// stay hidden (pupils still answering should not see the others' answers) until the teacher
// closes it or chooses to show them, which needs at least the minimum group.
func (s *resultsHandlers) showResultsForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	target := "/sessions/" + sess.ID + "/results"
	if sess.ResultsVisible() {
		return c.Redirect(target, fiber.StatusSeeOther)
	}
	n, err := s.app.ShowResultsNow(c.UserContext(), sess)
	if errors.Is(err, app.ErrTooFewToShow) {
		l := s.localizer(c)
		return refusal(model.ErrorCode(err), l.T("results.show_title"), l.T("results.show_needs", "Min", s.cfg.MinGroup, "N", n))
	}
	if err != nil {
		return err
	}
	return c.Redirect(target, fiber.StatusSeeOther)
}
