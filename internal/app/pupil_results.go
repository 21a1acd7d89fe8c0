package app

import (
	"context"

	"github.com/heltnormal/heltnormal/internal/model"
)

// ReleaseToPupils is the teacher's release (or withdrawal) of the class's results to the
// pupils' own phones. Pupils then see the figures the presenter shows, under the same rules:
// a release does not make figures shown that are not shown on screen, so it needs results
// that may be shown (a closed session, or "show the results now"). A withdrawal always works.
func (a *App) ReleaseToPupils(ctx context.Context, sess *model.Session, released bool) (*model.Session, error) {
	if released && !sess.ResultsVisible() {
		return nil, ErrPupilResultsTooEarly
	}
	if sess.PupilResults == released {
		return sess, nil
	}
	changed, err := a.store.SetPupilResults(ctx, sess.ID, released)
	if err != nil {
		return nil, err
	}
	a.sessionChanged(sess)
	return changed, nil
}

// ErrPupilResultsTooEarly refuses releasing results to pupils while they are still hidden.
var ErrPupilResultsTooEarly = model.Errorf(model.ECodeConflict, "close the session (or show its results) before the pupils may see them on their phones")
