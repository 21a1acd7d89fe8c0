package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// showPresenter is the teacher's slide show of a closed session's results, for the projector:
// topic by topic, first the class's guess and then, on a key press, the truth. While the
// session is open and its results are not released it shows only that they will come.
func (s *resultsHandlers) showPresenter(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	var deck presenterDeck
	if sess.ResultsVisible() {
		group, sv, err := s.app.ClassResults(c.UserContext(), sess)
		if err != nil {
			return err
		}
		deck = newPresenterDeck(sess, sv, group, l.Lang)
		deck.PupilURL = s.joinURL(c, sess) + "/resultater"
	} else {
		sv, ok := s.surveys.Get(sess.SurveyID, sess.SurveyVersion)
		if !ok {
			return model.Errorf(model.ECodeInternal, "survey %s version %d is not installed", sess.SurveyID, sess.SurveyVersion)
		}
		deck = presenterDeck{SessionID: sess.ID, ClassLabel: sess.ClassLabel, SurveyTitle: sv.Title.In(l.Lang), Waiting: true}
	}
	return s.render(c, "presenter", sess.ClassLabel+" · "+l.T("presenter.title"), fiber.Map{
		"Deck": deck, "BodyClass": "presenter", "Scripts": []string{"/static/js/presenter.js"},
	})
}

// presenterTopicsForm keeps the topics the teacher ticked in the results' overview for the
// presenter, and goes back to the overview.
func (s *resultsHandlers) presenterTopicsForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	var topics []string
	for _, v := range c.Request().PostArgs().PeekMulti("topics") {
		topics = append(topics, string(v))
	}
	if _, err := s.app.ChoosePresenterTopics(c.UserContext(), sess, topics); err != nil {
		return err
	}
	return c.Redirect("/sessions/"+sess.ID+"/results?saved=topics#overview-title", fiber.StatusSeeOther)
}
