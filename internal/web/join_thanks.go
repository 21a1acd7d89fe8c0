package web

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// showThanks is the page after a pupil's answers are stored: what happens next and where to
// get help (the national lines and the municipality's own), and where the class's results will
// be. It holds nothing of the answers: its scripts clear the device's copy, and offer to keep
// the pupil's guesses (only those) on the phone to set beside the class's results. It is
// shown for closed sessions too: a pupil who answered just before the teacher closed still
// gets thanked.
func (s *pupilHandlers) showThanks(c *fiber.Ctx) error {
	sess, _, err := s.app.Join(c.UserContext(), c.Params("code"))
	if err != nil {
		return s.renderJoinProblem(c, err)
	}
	l := s.localizer(c)
	// The municipality's own help line, when its SSP consultant set one; without it (or when
	// the store cannot say) the national lines are there all the same.
	local, err := s.app.LocalHelpFor(c.UserContext(), sess.Municipality)
	if err != nil {
		s.log.Warn("thank-you page without the local help line", "err", err)
	}
	return s.render(c, "thanks", l.T("pupil.thanks_title"), fiber.Map{
		"Code": sess.Code, "Scripts": []string{surveyScript, guessesScript}, "LocalHelp": localHelpView(local),
		"ResultsURL": pupilResultsPath(sess.Code),
	})
}

// localHelpLine is a municipality's help line as the thank-you page shows it.
type localHelpLine struct {
	Name, Phone, URL, URLText, Text string
	PhoneLink                       template.URL // tel: and digits only (model.LocalHelp.PhoneLink)
}

func localHelpView(h *model.LocalHelp) *localHelpLine {
	if h == nil {
		return nil
	}
	return &localHelpLine{Name: h.Name, Phone: h.Phone, URL: h.URL, URLText: h.URLText(), Text: h.Text,
		PhoneLink: template.URL(h.PhoneLink())}
}
