package web

import (
	"github.com/gofiber/fiber/v2"
)

// showSurvey is the survey behind a join code (also the QR code's target). Until sessions
// exist every code is unknown; the pupil gets the start page back to type again.
func (s *Server) showSurvey(c *fiber.Ctx) error {
	code := normalizeCode(c.Params("code"))
	l := s.localizer(c)
	c.Status(fiber.StatusNotFound)
	return s.render(c, "home", l.T("home.title"), fiber.Map{
		"Error": l.T("error.code_unknown", "Code", code),
		"Code":  code,
	})
}
