package web

import (
	"slices"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// presenterDeck is what the presenter shows of one session, built only from its suppressed
// class-level results: a figure the results package left out cannot reach a slide.
type presenterDeck struct {
	SessionID   string
	ClassLabel  string
	SurveyTitle string
	N           int
	MinGroup    int
	// Waiting: the session is still open and its results are not released; one slide says so.
	Waiting bool
	// Suppressed: too few answers in all; one slide says how many are needed.
	Suppressed bool
	// Topics are the shown topics in the session's order, suppressed ones included.
	Topics []presenterTopic
	// Ranking is the topics with figures, the largest gap between guess and truth first.
	Ranking []presenterTopic
	// Normal is the healthy majorities, largest first, for the closing slide: at most
	// closingMajorities, so that the slide and its thanks fit the screen.
	Normal []healthyMajority
	// PupilResults: the teacher released the results to the pupils' phones, at PupilURL
	// (the last slide says so, with the button that releases or withdraws them).
	PupilResults bool
	PupilURL     string
}

// presenterTopic is one topic's slide: the class's guess, then the truth.
type presenterTopic struct {
	ID, Name, Question string
	Suppressed         bool
	// Guess and Truth are the perceived mean and the actual share as "X af 10".
	Guess, Truth int
	// Gap says how the guess missed in whole tenths: "over", "under" or "close"; Diff is
	// by how much (always positive).
	Gap  string
	Diff int
	// Normal is the healthy-majority line of the topic, when there is one.
	Normal     *healthyMajority
	Discussion []string
	Scale      scaleFigure
	Track      trackFigure
}

// healthyMajority is a line of "X af 10 i 8.B <statement>".
type healthyMajority struct {
	OutOfTen  int
	Statement string
}

// newPresenterDeck builds the deck of a session whose results may be shown: the topics the
// teacher chose to present (all, when none were chosen).
func newPresenterDeck(sess *model.Session, sv *survey.Survey, g results.Group, lang string) presenterDeck {
	d := presenterDeck{SessionID: sess.ID, ClassLabel: sess.ClassLabel, SurveyTitle: sv.Title.In(lang),
		N: g.N, MinGroup: g.MinGroup, Suppressed: g.Suppressed, PupilResults: sess.PupilResults}
	if g.Suppressed {
		return d
	}
	if len(sess.PresenterTopics) > 0 {
		g.Items = slices.DeleteFunc(slices.Clone(g.Items), func(it results.Item) bool { return !slices.Contains(sess.PresenterTopics, it.ID) })
	}
	for _, it := range g.Items {
		if def, ok := sv.Item(it.ID); ok {
			d.Topics = append(d.Topics, newPresenterTopic(sv, def, it, lang))
		}
	}
	for _, it := range results.ByGap(g) {
		for _, t := range d.Topics {
			if t.ID == it.ID {
				d.Ranking = append(d.Ranking, t)
			}
		}
	}
	for _, it := range results.HealthyMajorities(sv, g) {
		if def, ok := sv.Item(it.ID); ok && len(d.Normal) < closingMajorities {
			d.Normal = append(d.Normal, newHealthyMajority(def, it, lang))
		}
	}
	return d
}

// closingMajorities is how many healthy majorities the closing slide lists: the largest six,
// as lesson 2 presents four to six topics; more would push "Tak, fordi I var med!" off a
// 1280 × 720 screen.
const closingMajorities = 6

// newPresenterTopic turns one topic's figures into its slide.
func newPresenterTopic(sv *survey.Survey, def *survey.Item, it results.Item, lang string) presenterTopic {
	t := presenterTopic{ID: it.ID, Name: def.Topic.In(lang), Question: def.Perceived.Text.In(lang),
		Suppressed: it.Suppressed, Discussion: discussionIn(def, lang)}
	if it.Suppressed {
		return t
	}
	t.Guess, t.Truth = results.OutOfTen(it.PerceivedMean), results.OutOfTen(it.ActualShare)
	switch d := t.Guess - t.Truth; {
	case d > 0:
		t.Gap, t.Diff = "over", d
	case d < 0:
		t.Gap, t.Diff = "under", -d
	default:
		t.Gap = "close"
	}
	if results.HealthyMajority(results.HealthyShare(def, it)) {
		m := newHealthyMajority(def, it, lang)
		t.Normal = &m
	}
	t.Scale = newScaleFigure(sv.Scale(def), it)
	t.Track = newTrackFigure(it)
	return t
}

func newHealthyMajority(def *survey.Item, it results.Item, lang string) healthyMajority {
	return healthyMajority{OutOfTen: results.OutOfTen(results.HealthyShare(def, it)),
		Statement: def.Campaign.Statement.In(lang)}
}

// discussionIn is a topic's discussion questions in lang, or in Danish when it has none.
func discussionIn(def *survey.Item, lang string) []string {
	if qs := def.Discussion[lang]; len(qs) > 0 {
		return qs
	}
	return def.Discussion["da"]
}
