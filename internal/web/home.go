package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
)

// showHome is the pupils' start page: one field for the code on the board.
func (s *pupilHandlers) showHome(c *fiber.Ctx) error {
	return s.render(c, "home", s.localizer(c).T("home.title"), fiber.Map{"Scripts": []string{guessesScript}})
}

// errCodeEmpty refuses the start page's form sent without a code.
var errCodeEmpty = model.Invalid("type the code your teacher shows", map[string]string{"code": "required"})

// findCode takes the code typed on the start page (a plain GET form, so it works without
// JavaScript) and sends the pupil on to that survey.
func (s *pupilHandlers) findCode(c *fiber.Ctx) error {
	code := classroom.NormalizeCode(c.Query("code"))
	if code == "" {
		l := s.localizer(c)
		statusFor(c, errCodeEmpty)
		return s.render(c, "home", l.T("home.title"), fiber.Map{"Error": l.T("error.code_empty"), "Scripts": []string{guessesScript}})
	}
	return c.Redirect("/j/"+url.PathEscape(code), fiber.StatusSeeOther)
}
