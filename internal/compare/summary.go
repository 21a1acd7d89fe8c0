// Package compare puts classes, schools and municipalities side by side for SSP consultants:
// it builds the comparison tree from the summaries closed sessions leave behind, applies the
// privacy rules to every cell — including complementary suppression, so that no hidden figure
// can be recovered by subtracting visible ones from a visible total — and measures change
// from baseline to follow-up. Pure Go: no web, no storage.
package compare

import (
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Summary is what a closed session leaves for comparisons: where and when it was, and its
// answers counted per topic. It is written when the session closes and outlives the raw
// responses, so comparisons over years cost one document per class, not one per pupil.
type Summary struct {
	SessionID     string
	SurveyID      string
	SurveyVersion int
	SchoolID      string
	Municipality  string
	ClassLabel    string
	Grade         int
	Wave          model.Wave
	SchoolYear    string
	ClosedDay     string
	N             int
	Tallies       []results.Tally
}

// SummarizeAnswers makes the summary a session keeps when it closes: its answers counted per
// topic. Closing a session and the demo data both make summaries here.
func SummarizeAnswers(sv *survey.Survey, sess *model.Session, answers []map[string]model.Answer) Summary {
	return Summarize(sess, results.Tallies(sv, sess.Items, answers), len(answers))
}

// Summarize makes a session's summary from its responses.
func Summarize(sess *model.Session, tallies []results.Tally, n int) Summary {
	return Summary{
		SessionID: sess.ID, SurveyID: sess.SurveyID, SurveyVersion: sess.SurveyVersion,
		SchoolID: sess.SchoolID, Municipality: sess.Municipality, ClassLabel: sess.ClassLabel,
		Grade: sess.Grade, Wave: sess.Wave, SchoolYear: sess.SchoolYear, ClosedDay: sess.ClosedDay,
		N: n, Tallies: tallies,
	}
}
