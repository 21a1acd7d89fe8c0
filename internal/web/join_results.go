package web

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// guessesScript keeps a pupil's guesses on their phone when they ask for it on the thank-you
// page, sets them beside the class's figures on the results page, and deletes them after 14
// days or when the pupil asks. It sends nothing: the guesses never leave the phone.
const guessesScript = "/static/js/guesses.js"

// showPupilResults is /j/{code}/resultater: the class's results for anyone with the code, once
// the teacher has released them to the pupils — the presenter's figures, built by the same
// code from the same released, suppressed results, sensitive topics left out. The page
// embeds each topic's figures in data attributes, so a phone that kept its pupil's guesses
// sets them beside the truth without sending them anywhere. Closed sessions are the normal
// case here; an unknown code is answered as on the other pupil pages.
func (s *pupilHandlers) showPupilResults(c *fiber.Ctx) error {
	sess, sv, err := s.app.Join(c.UserContext(), c.Params("code"))
	if err != nil {
		return s.renderJoinProblem(c, err)
	}
	l := s.localizer(c)
	view := pupilResults{Code: sess.Code, ClassLabel: sess.ClassLabel, SurveyTitle: sv.Title.In(l.Lang)}
	if sess.PupilResultsVisible() {
		group, sv, err := s.app.ClassResults(c.UserContext(), sess)
		if err != nil {
			return err
		}
		if view, err = newPupilResults(sess, sv, group, l.Lang); err != nil {
			return err
		}
	}
	return s.render(c, "pupil_results", l.T("pupil.results_title"), fiber.Map{
		"Results": view, "Scripts": []string{guessesScript},
	})
}

// pupilResults is what a pupil's phone shows of the class's results.
type pupilResults struct {
	Code, ClassLabel, SurveyTitle string
	// Released: the teacher released the results to the pupils and they may be shown.
	Released bool
	// Suppressed: too few answers in all; MinGroup says how many are needed.
	Suppressed bool
	MinGroup   int
	Topics     []pupilTopic
}

// pupilTopic is one topic as the presenter shows it after the reveal: the class's guess and
// the truth as "X af 10", and, for the phone's script, the out-of-ten of each step of the
// perceived scale, by option id, to word the pupil's own kept guess.
type pupilTopic struct {
	ID, Name, Question string
	Suppressed         bool
	Guess, Truth       int
	Steps              string // JSON {"option id": out of ten}
}

// newPupilResults builds the pupils' view from the presenter's deck, so the two can never show
// different figures: the topics the teacher presents, in the session's order.
func newPupilResults(sess *model.Session, sv *survey.Survey, g results.Group, lang string) (pupilResults, error) {
	deck := newPresenterDeck(sess, sv, g, lang)
	view := pupilResults{Code: sess.Code, ClassLabel: deck.ClassLabel, SurveyTitle: deck.SurveyTitle,
		Released: true, Suppressed: deck.Suppressed, MinGroup: deck.MinGroup}
	for _, t := range deck.Topics {
		def, ok := sv.Item(t.ID)
		if !ok || def.Sensitive { // never at class level (results leaves them out already)
			continue
		}
		topic := pupilTopic{ID: t.ID, Name: t.Name, Question: t.Question, Suppressed: t.Suppressed}
		if !t.Suppressed {
			topic.Guess, topic.Truth = t.Guess, t.Truth
			steps := map[string]int{}
			for _, o := range sv.Scale(def) {
				steps[o.ID] = results.OutOfTen(o.Value)
			}
			data, err := json.Marshal(steps)
			if err != nil {
				return pupilResults{}, fmt.Errorf("encode the scale of %s: %w", t.ID, err)
			}
			topic.Steps = string(data)
		}
		view.Topics = append(view.Topics, topic)
	}
	return view, nil
}

// pupilResultsPath is the address of a class's results for the pupils.
func pupilResultsPath(code string) string { return "/j/" + url.PathEscape(code) + "/resultater" }
