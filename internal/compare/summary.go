// Package compare puts classes, schools and municipalities side by side for SSP consultants:
// it builds the comparison tree from the summaries closed sessions leave behind, applies the
// privacy rules to every cell — including complementary suppression, so that no hidden figure
// can be recovered by subtracting visible ones from a visible total — and measures change
// from baseline to follow-up. Pure Go: no web, no storage.
package compare

import (
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
)

// Summary is what a closed session leaves for comparisons: where and when it was, and its
// answers counted per topic. It is written when the session closes and outlives the raw
// responses, so comparisons over years cost one document per class, not one per pupil.
type Summary struct {
	SessionID     string          `bson:"_id"`
	SurveyID      string          `bson:"survey_id"`
	SurveyVersion int             `bson:"survey_version"`
	SchoolID      string          `bson:"school_id"`
	Municipality  string          `bson:"municipality"`
	ClassLabel    string          `bson:"class_label"`
	Grade         int             `bson:"grade"`
	Wave          model.Wave      `bson:"wave"`
	SchoolYear    string          `bson:"school_year"`
	ClosedDay     string          `bson:"closed_day"`
	N             int             `bson:"n"`
	Tallies       []results.Tally `bson:"tallies"`
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
