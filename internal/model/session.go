package model

import (
	"fmt"
	"time"
)

// Wave says whether a session measures before (baseline) or after a campaign (follow-up).
type Wave string

// Waves.
const (
	WaveBaseline Wave = "baseline"
	WaveFollowUp Wave = "follow-up"
)

// Valid reports whether w is a known wave.
func (w Wave) Valid() bool { return w == WaveBaseline || w == WaveFollowUp }

// Session statuses.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// Session is one class answering one survey once: it owns a join code while it is open.
type Session struct {
	ID             string   `bson:"_id"`
	Code           string   `bson:"code"`
	SurveyID       string   `bson:"survey_id"`
	SurveyVersion  int      `bson:"survey_version"`
	Items          []string `bson:"items"` // the topics asked, in survey order
	ClassLabel     string   `bson:"class_label"`
	Grade          int      `bson:"grade"`
	Wave           Wave     `bson:"wave"`
	ExpectedPupils int      `bson:"expected_pupils"`
	SchoolID       string   `bson:"school_id"`
	Municipality   string   `bson:"municipality"`
	TeacherID      string   `bson:"teacher_id"`
	Status         string   `bson:"status"`
	CreatedDay     string   `bson:"created_day"`
	ClosedDay      string   `bson:"closed_day,omitempty"`
	SchoolYear     string   `bson:"school_year"` // "2026/27"
	// TurnedAway counts answers refused because the session was full, so the projector can
	// tell the teacher.
	TurnedAway  int  `bson:"turned_away"`
	ShowResults bool `bson:"show_results"` // the teacher chose to show results while open
	// ResponsesDeleted is set when the raw answers are gone after the retention period; the
	// summary remains for comparisons.
	ResponsesDeleted bool `bson:"responses_deleted,omitempty"`
	// Released is what the class's results show (package compare's summary encoding): its
	// answers join it only in steps of at least the minimum group (compare.ReleaseClass),
	// so no two looks at the results differ by fewer. Empty before the first release.
	Released string `bson:"released,omitempty"`
	// Campaign is what the class chose in the campaign workshop; nil until it saves.
	Campaign *Campaign `bson:"campaign,omitempty"`
	// CloseBy is when an open session closes itself (app.Lifecycle); zero for sessions made
	// before it existed, which close by their day. It is the teacher's deadline, not a
	// pupil's time: answers keep only their day.
	CloseBy time.Time `bson:"close_by,omitempty"`
	// PresenterTopics are the topics the teacher chose to present (lesson 2 presents four to
	// six); empty: all.
	PresenterTopics []string `bson:"presenter_topics,omitempty"`
	// PupilResults is the teacher's release of the class's results to the pupils' own
	// phones (/j/{code}/resultater): the same figures the presenter shows, while they may be
	// shown at all (PupilResultsVisible).
	PupilResults bool `bson:"pupil_results,omitempty"`
}

// Capacity is how many answers a session takes: the expected number plus 20 %, at least two
// extra, so a late pupil or a wrong count is not turned away but a leaked code can't flood it.
func (s *Session) Capacity() int {
	extra := (s.ExpectedPupils + 4) / 5
	if extra < 2 {
		extra = 2
	}
	return s.ExpectedPupils + extra
}

// IsOpen reports whether pupils may answer.
func (s *Session) IsOpen() bool { return s.Status == StatusOpen }

// ResultsVisible reports whether a session's results may be shown on screen: once it is
// closed, or earlier when the teacher chose to show them (which needs the minimum group).
func (s *Session) ResultsVisible() bool { return !s.IsOpen() || s.ShowResults }

// PupilResultsVisible reports whether the pupils' own results page shows the class's figures:
// the teacher released them to the pupils, and they may be shown on screen at all.
func (s *Session) PupilResultsVisible() bool { return s.PupilResults && s.ResultsVisible() }

// SchoolYear names the Danish school year (August to July) a day falls in: "2026/27".
func SchoolYear(day time.Time) string {
	y := day.Year()
	if day.Month() < time.August {
		y--
	}
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}

// TimeZone is the zone of the days stored: a Danish school day.
const TimeZone = "Europe/Copenhagen"

// Day is the calendar date of t in Danish time, the only time a response keeps.
func Day(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.DateOnly)
}

// Errors of answering a session that takes no more answers.
var (
	ErrSessionClosed = Errorf(ECodeClosed, "the teacher has closed this survey")
	ErrSessionFull   = Errorf(ECodeConflict, "this survey has received all the answers it expects")
)
