package app

import (
	"context"
	"errors"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// ClassResults computes a session's figures at class level, every privacy rule applied
// (see package results). Pages, the API, charts and exports all read them from here. The
// figures are those released (release.go): answers join them only in steps of at least the
// minimum group, and Group.Waiting says how many wait. While results are shown during the
// session, each look releases what may be released. After the retention period has deleted
// the raw answers, the released counts remain: the same figures, under the same rules.
func (a *App) ClassResults(ctx context.Context, sess *model.Session) (results.Group, *survey.Survey, error) {
	sv, err := a.SessionSurvey(sess)
	if err != nil {
		return results.Group{}, nil, err
	}
	// Shown while open: each look releases what may be released. Closed before releases were
	// kept (or its summary failed to be written): released now, once.
	if (sess.IsOpen() && sess.ShowResults) || (!sess.IsOpen() && sess.Released == "") {
		if sess, err = a.release(ctx, sess, sv); err != nil {
			return results.Group{}, nil, err
		}
	}
	shown, err := a.shown(ctx, sess, sv)
	if err != nil {
		return results.Group{}, nil, err
	}
	answered := shown.N
	if !sess.ResponsesDeleted {
		if answered, err = a.count(ctx, sess.ID, displayCountAge); err != nil {
			return results.Group{}, nil, err
		}
	}
	if !sess.ResultsVisible() {
		// Hidden while pupils answer: how many have answered, and no figure.
		return results.Group{N: answered, MinGroup: a.rules.MinGroup, Suppressed: true, Items: []results.Item{}}, sv, nil
	}
	g := results.FromTallies(sv, sess.Items, figuresN(shown, answered, a.rules.MinGroup), shown.Tallies, results.LevelClass, a.rules)
	if shown.N > 0 {
		g.Waiting = max(answered-shown.N, 0)
	}
	return g, sv, nil
}

// figuresN is the n a class's figures are given: the released answers, or, before the first
// release, how many answered — fewer than the minimum, so the class shows no figure, only
// that too few answered.
func figuresN(shown compare.Summary, answered, minGroup int) int {
	if shown.N == 0 && answered < minGroup {
		return answered
	}
	return shown.N
}

// AnswerCount is how many pupils answered a session: counted (and cached for a moment) while
// it is open; once closed, from the summary written at close, which is exact, cheap to read
// for a list of sessions, and outlives the raw answers.
func (a *App) AnswerCount(ctx context.Context, sess *model.Session) (int, error) {
	if sess.IsOpen() {
		return a.count(ctx, sess.ID, displayCountAge)
	}
	sv, err := a.SessionSurvey(sess)
	if err != nil {
		return 0, err
	}
	sum, err := a.store.SessionSummary(ctx, sess, sv)
	switch {
	case err == nil:
		return sum.N, nil
	case !errors.Is(err, model.ErrNotFound):
		return 0, err
	}
	return a.store.CountResponses(ctx, sess.ID) // closed, but its summary was never written
}

// SessionSurvey is the survey version a session was made with.
func (a *App) SessionSurvey(sess *model.Session) (*survey.Survey, error) {
	sv, ok := a.surveys.Get(sess.SurveyID, sess.SurveyVersion)
	if !ok {
		return nil, model.Errorf(model.ECodeInternal, "survey %s version %d is not installed", sess.SurveyID, sess.SurveyVersion)
	}
	return sv, nil
}

// sessionAnswers reads a session's survey definition and every pupil's answers to it.
func (a *App) sessionAnswers(ctx context.Context, sess *model.Session) (*survey.Survey, []map[string]model.Answer, error) {
	sv, err := a.SessionSurvey(sess)
	if err != nil {
		return nil, nil, err
	}
	responses, err := a.store.SessionResponses(ctx, sess.ID)
	if err != nil {
		return nil, nil, err
	}
	answers := make([]map[string]model.Answer, len(responses))
	for i, r := range responses {
		answers[i] = r.Answers
	}
	return sv, answers, nil
}

// ShowResultsNow is the teacher's "show the results now": while a session is open its
// results stay hidden (pupils still answering should not see the others' answers) until the
// teacher closes it or chooses to show them, which needs at least the minimum group. It
// returns the number of answers, which is what a refusal reports.
func (a *App) ShowResultsNow(ctx context.Context, sess *model.Session) (int, error) {
	if sess.ResultsVisible() {
		return 0, nil
	}
	n, err := a.AnswerCount(ctx, sess)
	if err != nil {
		return 0, err
	}
	if n < a.rules.MinGroup {
		return n, ErrTooFewToShow
	}
	a.sessionChanged(sess)
	shown, err := a.store.SetShowResults(ctx, sess.ID, true)
	if err != nil {
		return n, err
	}
	sv, err := a.SessionSurvey(shown)
	if err != nil {
		return n, err
	}
	if _, err := a.release(ctx, shown, sv); err != nil {
		return n, err
	}
	a.Hub.Publish(sess.ID)
	return n, nil
}

// ErrTooFewToShow refuses showing an open session's results before the minimum group answered.
var ErrTooFewToShow = model.Errorf(model.ECodeConflict, "the results can be shown once the minimum group has answered")

// WarmUp reads every shelf of summaries the stored sessions use, so that the first lists and
// dashboards after a start are as quick as the ones after them (on the embedded store the
// shelves then stay decoded until a close changes one). The server calls it once, in the
// background; a failure only means the first page reads the shelf itself.
func (a *App) WarmUp(ctx context.Context) error {
	sessions, err := a.store.ListSessions(ctx, store.SessionFilter{})
	if err != nil {
		return err
	}
	type shelf struct {
		municipality, surveyID, year string
		version                      int
	}
	seen := map[shelf]bool{}
	for _, sess := range sessions {
		key := shelf{sess.Municipality, sess.SurveyID, sess.SchoolYear, sess.SurveyVersion}
		sv, ok := a.surveys.Get(sess.SurveyID, sess.SurveyVersion)
		if seen[key] || !ok {
			continue
		}
		seen[key] = true
		if _, err := a.store.Summaries(ctx, store.SummaryFilter{Municipalities: []string{key.municipality}, Survey: sv, SchoolYear: key.year}); err != nil {
			return err
		}
	}
	return nil
}
