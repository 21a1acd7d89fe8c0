package web

import (
	"github.com/gofiber/fiber/v2"
)

// showThanks is the page after a pupil's answers are stored: what happens next and where to
// get help. It holds nothing of the answers, and its script clears the device's copy. It is
// shown for closed sessions too: a pupil who answered just before the teacher closed still
// gets thanked.
func (s *pupilHandlers) showThanks(c *fiber.Ctx) error {
	sess, _, err := s.app.Join(c.UserContext(), c.Params("code"))
	if err != nil {
		return s.renderJoinProblem(c, err)
	}
	l := s.localizer(c)
	return s.render(c, "thanks", l.T("pupil.thanks_title"), fiber.Map{
		"Code": sess.Code, "Scripts": []string{surveyScript},
	})
}
