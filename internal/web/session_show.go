package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// showProjector is the page the teacher puts on the projector: the code big, a QR code, the
// join URL and a live counter ("17 af 24 har svaret").
func (s *sessionHandlers) showProjector(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	// The class joins from where the projector is shown: its code keeps working from this
	// network even while someone on it guesses codes (join_limit.go).
	s.joinLimit.remember(s.clientKey(c), sess.Code)
	l := s.localizer(c)
	state, err := s.counter(sess.ID, func(st counterState) string {
		return l.T("projector.counter", "Count", st.Count, "Expected", st.Expected)
	})
	if err != nil {
		return err
	}
	title := sess.SurveyID
	if sv, ok := s.surveys.Get(sess.SurveyID, sess.SurveyVersion); ok {
		title = sv.Title.In(l.Lang)
	}
	return s.render(c, "projector", sess.ClassLabel+" · "+l.T("projector.title"), fiber.Map{
		"Session": sess, "Survey": title, "JoinURL": s.joinURL(c, sess), "Counter": state, "MinGroup": s.cfg.MinGroup,
		"BodyClass": "projector", "Scripts": []string{"/static/js/projector.js"},
		"SizeInvalid": c.Query("size") == "invalid", "JoinSite": joinSite(s.joinURL(c, sess)),
	})
}

// joinSite is the join URL without its scheme and code ("heltnormal.dk"): the projector
// says "go to heltnormal.dk and type the code", once, and the QR code holds the whole URL.
func joinSite(joinURL string) string {
	_, site, found := strings.Cut(joinURL, "://")
	if !found {
		site = joinURL
	}
	site, _, _ = strings.Cut(site, "/j/")
	return site
}
