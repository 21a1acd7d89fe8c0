package web

import (
	"github.com/gofiber/fiber/v2"
)

// showResultsAPI returns a session's class-level results, suppressed by the privacy rules:
// a suppressed session or topic carries no figures, sensitive topics are left out.
func (s *resultsHandlers) showResultsAPI(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	group, _, err := s.app.ClassResults(c.UserContext(), sess)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(group)
}
