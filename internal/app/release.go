package app

import (
	"context"
	"errors"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// release moves what a class's results show forward when enough new answers wait
// (compare.ReleaseClass), and returns the session as it now is. It runs when the teacher
// closes the session or shows its results, and on each look at results shown while the
// session is open. Under the session's lock no answer is written meanwhile on this instance;
// another instance's release is detected by the store's compare-and-set.
func (a *App) release(ctx context.Context, sess *model.Session, sv *survey.Survey) (*model.Session, error) {
	if sess.ResponsesDeleted {
		return sess, nil // nothing new can come
	}
	lock := a.counts.locks.of(sess.ID)
	lock.Lock()
	defer lock.Unlock()
	fresh, err := a.store.SessionByID(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	_, answers, err := a.sessionAnswers(ctx, fresh)
	if err != nil {
		return nil, err
	}
	shown, err := a.shown(ctx, fresh, sv)
	if err != nil {
		return nil, err
	}
	next, _ := compare.ReleaseClass(shown, compare.SummarizeAnswers(sv, fresh, answers), a.rules.MinGroup)
	if next.N == shown.N && fresh.Released != "" {
		return fresh, nil
	}
	data, err := compare.Encode(sv, next)
	if err != nil {
		return nil, err
	}
	switch ok, err := a.store.SetReleased(ctx, fresh.ID, fresh.Released, data); {
	case err != nil:
		return nil, err
	case !ok:
		return a.store.SessionByID(ctx, sess.ID) // another instance released first
	}
	fresh.Released = data
	return fresh, nil
}

// shown is what a class's results show: its released state (N = 0 while fewer than the
// minimum group have answered); for a session closed before releases were kept, the summary
// written at its close; nothing before the first release.
func (a *App) shown(ctx context.Context, sess *model.Session, sv *survey.Survey) (compare.Summary, error) {
	if sess.Released != "" {
		return compare.Decode(sv, sess.Released, compare.Summary{Municipality: sess.Municipality,
			SurveyID: sess.SurveyID, SurveyVersion: sess.SurveyVersion, SchoolYear: sess.SchoolYear})
	}
	if sess.IsOpen() {
		return compare.Summary{}, nil
	}
	sum, err := a.store.SessionSummary(ctx, sess, sv)
	if errors.Is(err, model.ErrNotFound) {
		return compare.Summary{}, nil
	}
	return sum, err
}
