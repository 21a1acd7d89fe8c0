package web

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/heltnormal/heltnormal/internal/charts"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// resultsView is what the results page and its print view show of a session. Every figure
// in it comes from classResults, so the privacy rules of package results hold here too.
type resultsView struct {
	Session    *model.Session
	Survey     string // the survey's title in the page language
	Wave       string
	N          int // responses, shown only as a count of people who answered
	MinGroup   int
	Waiting    int  // answers not yet in the figures (fewer than MinGroup new ones)
	Hidden     bool // open and not yet shown: no figure on screen
	CanShow    bool // Hidden, and enough answers to show them now
	Suppressed bool // too few answers for any figure
	Topics     []topicResult
	// Overview is the shown topics ranked by how wrong the class's guess was, one line each,
	// linking down to the topic; Presented marks the topics the presenter shows.
	Overview  []topicResult
	Presented map[string]bool
}

// topicResult is one topic's block: its figures as words, a chart and a table, the
// teacher's discussion questions. A suppressed topic has its name and nothing else.
type topicResult struct {
	ID, Name   string
	Suppressed bool
	Question   string // what the class was asked to guess
	Gap        string // "I troede 6 af 10 — det er 8 af 10"
	Chart      string // ECharts option JSON for the data-chart attribute
	Answered   string // who answered
	Interval   string // the Wilson interval in words
	Steps      []stepCount
	Figures    []figure
	Discussion []string
	Item       results.Item // the figures themselves, for the CSV export
}

// stepCount is one row of a chart's table: a step of the scale and how many guessed it.
type stepCount struct {
	Label string
	Count int
}

// figure is one labelled number of a topic's table.
type figure struct{ Label, Value string }

// chartsFor says which charts a view needs: none (the CSV export), for a screen or for paper.
type chartsFor int

const (
	noCharts chartsFor = iota
	screenCharts
	paperCharts
)

// resultsView computes a session's results and words them in l's language, with chart
// options for the given medium.
func (s *resultsHandlers) resultsView(ctx context.Context, l *i18n.Localizer, sess *model.Session, withCharts chartsFor) (*resultsView, error) {
	group, sv, err := s.app.ClassResults(ctx, sess)
	if err != nil {
		return nil, err
	}
	v := &resultsView{Session: sess, Survey: sv.Title.In(l.Lang), Wave: l.T("wave." + string(sess.Wave)),
		N: group.N, MinGroup: group.MinGroup, Suppressed: group.Suppressed, Waiting: group.Waiting}
	if !sess.ResultsVisible() {
		v.Hidden, v.CanShow = true, group.N >= group.MinGroup
		return v, nil
	}
	if group.Suppressed {
		// No figures at all; the topics are still named, sensitive ones left out as
		// results.Compute leaves them out.
		for _, id := range sess.Items {
			if def, ok := sv.Item(id); ok && !def.Sensitive {
				v.Topics = append(v.Topics, topicResult{ID: id, Name: def.Topic.In(l.Lang), Suppressed: true,
					Item: results.Item{ID: id, Suppressed: true}})
			}
		}
		return v, nil
	}
	for _, it := range group.Items {
		def, ok := sv.Item(it.ID)
		if !ok {
			continue
		}
		t, err := topicView(l, sv, def, it, withCharts)
		if err != nil {
			return nil, err
		}
		v.Topics = append(v.Topics, t)
	}
	v.Presented = map[string]bool{}
	for _, it := range results.ByGap(group) {
		for _, t := range v.Topics {
			if t.ID == it.ID {
				v.Overview = append(v.Overview, t)
				v.Presented[t.ID] = len(sess.PresenterTopics) == 0 || slices.Contains(sess.PresenterTopics, t.ID)
			}
		}
	}
	return v, nil
}

// topicView words one topic's figures.
func topicView(l *i18n.Localizer, sv *survey.Survey, def *survey.Item, it results.Item, withChart chartsFor) (topicResult, error) {
	name := def.Topic.In(l.Lang)
	t := topicResult{ID: it.ID, Name: name, Suppressed: it.Suppressed, Item: it}
	if it.Suppressed {
		return t, nil
	}
	lang := l.Lang
	guess, truth := results.OutOfTen(it.PerceivedMean), results.OutOfTen(it.ActualShare)
	gapID := "results.gap"
	if guess == truth {
		gapID = "results.gap_same"
	}
	t.Question = l.T("results.question", "Question", def.Perceived.Text.In(lang))
	t.Gap = l.T(gapID, "Guess", guess, "Truth", truth)
	t.Answered = l.T("results.respondents_topic", "Self", it.NSelf, "Perceived", it.NPerceived)
	low, high := percent(it.ActualCI[0], lang), percent(it.ActualCI[1], lang)
	t.Interval = l.T("results.interval", "N", it.NSelf, "Low", low, "High", high)
	t.Discussion = def.Discussion[lang]
	if len(t.Discussion) == 0 {
		t.Discussion = def.Discussion["da"]
	}

	scale := sv.Scale(def)
	labels := make([]string, len(scale))
	for i, step := range scale {
		labels[i] = step.Label.In(lang)
		t.Steps = append(t.Steps, stepCount{Label: labels[i], Count: it.PerceivedCounts[step.ID]})
	}
	k := 0
	for _, opt := range def.Self.Options {
		if opt.Norm {
			k += it.SelfCounts[opt.ID]
		}
	}
	t.Figures = []figure{
		{l.T("results.fig.actual"), l.T("results.fig.actual_value", "Share", percent(it.ActualShare, lang), "K", k, "N", it.NSelf)},
		{l.T("results.fig.mean"), percent(it.PerceivedMean, lang)},
		{l.T("results.fig.gap"), l.T("results.fig.gap_value", "PP", signed(it.GapPP, lang))},
		{l.T("results.fig.over"), percent(it.OverestimatedShare, lang)},
		{l.T("results.fig.under"), percent(it.UnderestimatedShare, lang)},
		{l.T("results.fig.interval"), low + "–" + high},
		{l.T("results.fig.n"), l.T("results.fig.n_value", "Self", it.NSelf, "Perceived", it.NPerceived)},
	}
	if withChart == noCharts {
		return t, nil
	}
	medium := charts.Screen
	if withChart == paperCharts {
		medium = charts.Paper
	}
	// On the usual 0-to-10 scale the axis reads 0 … 10 under "how many of 10", which fits
	// eleven steps across a projector; another scale keeps its own labels.
	axis := ""
	if ofTen(scale) {
		axis = l.T("results.chart.steps_axis")
		for i := range labels {
			labels[i] = strconv.Itoa(i)
		}
	} else {
		for i := range labels {
			labels[i] = strings.Replace(labels[i], " (", "\n(", 1)
		}
	}
	option, err := charts.Gap(scale, it, charts.Texts{
		Steps:       labels,
		StepsAxis:   axis,
		Guesses:     l.T("results.chart.guesses"),
		Mean:        l.T("results.chart.mean"),
		MeanLabel:   l.T("results.chart.mean_label", "Guess", guess),
		Actual:      l.T("results.chart.actual"),
		ActualLabel: l.T("results.chart.actual_label", "Truth", truth),
		Description: l.T("results.chart.description", "Topic", name, "Guess", guess, "Truth", truth),
	}, medium)
	if err != nil && !errors.Is(err, charts.ErrSuppressed) {
		return t, err
	}
	t.Chart = string(option)
	return t, nil
}

// ofTen reports whether a scale is the steps 0, 0.1, … 1 ("0 af 10" … "10 af 10").
func ofTen(scale []survey.Option) bool {
	if len(scale) != 11 {
		return false
	}
	for i, step := range scale {
		if math.Abs(step.Value-float64(i)/10) > 1e-9 {
			return false
		}
	}
	return true
}

// percent writes a share as a whole percentage the way the language does: "75 %" in
// Danish, "75%" in English.
func percent(share float64, lang string) string {
	n := strconv.Itoa(results.Percent(share))
	if lang == "da" {
		return n + "\u00a0%"
	}
	return n + "%"
}

// signed writes a number of percentage points with its sign and one decimal, with the
// language's decimal mark: "+12,5", "−20,0".
func signed(pp float64, lang string) string {
	s := strconv.FormatFloat(math.Abs(pp), 'f', 1, 64)
	if lang == "da" {
		s = strings.Replace(s, ".", ",", 1)
	}
	switch {
	case pp > 0:
		return "+" + s
	case pp < 0:
		return "\u2212" + s
	}
	return s
}
