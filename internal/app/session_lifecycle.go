package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// SessionFor returns the session with id if u may manage it. A session of another school
// answers "not found", so its existence is not revealed.
func (a *App) SessionFor(ctx context.Context, u *model.User, id string) (*model.Session, error) {
	sess, err := a.store.SessionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if u == nil || !u.CanManageSession(sess) {
		return nil, model.ErrNotFound
	}
	return sess, nil
}

// VisibleSessions lists what u may manage: a teacher's school, an SSP consultant's
// municipality, everything for an administrator.
func (a *App) VisibleSessions(ctx context.Context, u *model.User) ([]model.Session, error) {
	var f store.SessionFilter
	switch u.Role {
	case model.RoleTeacher:
		f.SchoolID = u.SchoolID
	case model.RoleSSP:
		f.Municipality = u.Municipality
	case model.RoleAdmin:
	default: // a coordinator reads comparisons, never sessions
		return nil, model.Errorf(model.ECodeForbidden, "your account (%s) has no class sessions", u.Role)
	}
	return a.store.ListSessions(ctx, f)
}

// Close stops a session taking answers and stores its summary for comparisons.
// Closing a closed session writes the summary again, so a failed attempt can be repeated.
func (a *App) Close(ctx context.Context, sess *model.Session) (*model.Session, error) {
	closed := sess
	if sess.IsOpen() {
		var err error
		// Under the session's lock no answer is being written on this instance: each one was
		// stored before (and is in the summary) or will find the session closed (410).
		lock := a.counts.locks.of(sess.ID)
		lock.Lock()
		closed, err = a.store.SetSessionStatus(ctx, sess.ID, model.StatusClosed, a.Today())
		lock.Unlock()
		if err != nil {
			return nil, err
		}
		a.sessionChanged(sess)
	}
	return a.saveSummary(ctx, closed)
}

// saveSummary releases what may be released of a closed session's answers and stores what
// its results show as its summary for comparisons, replacing an earlier one: a class shows
// the same figures on its own pages and in every comparison.
func (a *App) saveSummary(ctx context.Context, sess *model.Session) (*model.Session, error) {
	sv, err := a.SessionSurvey(sess)
	if err != nil {
		return nil, err
	}
	if sess, err = a.release(ctx, sess, sv); err != nil {
		return nil, err
	}
	shown, err := a.shown(ctx, sess, sv)
	if err != nil {
		return nil, err
	}
	answered, err := a.store.CountResponses(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	if err := a.store.SaveSummary(ctx, sv, compare.Summarize(sess, shown.Tallies, figuresN(shown, answered, a.rules.MinGroup))); err != nil {
		return nil, err
	}
	return sess, nil
}

// Reopen lets a class go on answering the day it was closed (a pupil was late, the
// teacher closed too early). Later, the results may already have been shown and compared,
// so a new session is the honest way.
func (a *App) Reopen(ctx context.Context, sess *model.Session) (*model.Session, error) {
	if sess.IsOpen() {
		return sess, nil
	}
	if today := a.Today(); sess.ClosedDay != today {
		return nil, model.Errorf(model.ECodeConflict, "a session can only be re-opened the day it was closed (it was closed %s)", sess.ClosedDay)
	}
	opened, err := a.store.Reopen(ctx, sess.ID, a.closeBy(time.Now()))
	if err != nil {
		return nil, err
	}
	a.sessionChanged(sess)
	return opened, nil
}

// SetClassSize changes how many pupils an open session expects; its capacity (the number
// plus 20 %) follows. A class bigger than first typed in then takes its last pupils instead
// of turning them away — a new session would split the class — and a smaller number never
// removes an answer already given. It is changed under the session's lock, so the next
// write of answers checks the new capacity.
func (a *App) SetClassSize(ctx context.Context, sess *model.Session, n int) (*model.Session, error) {
	if n < 1 || n > maxExpectedPupils {
		return nil, model.Invalid("the class size is not valid", map[string]string{
			"expected_pupils": fmt.Sprintf("must be between 1 and %d", maxExpectedPupils)})
	}
	if !sess.IsOpen() {
		return nil, model.ErrSessionClosed
	}
	lock := a.counts.locks.of(sess.ID)
	lock.Lock()
	changed, err := a.store.SetExpectedPupils(ctx, sess.ID, n)
	lock.Unlock()
	if err != nil {
		return nil, err
	}
	a.sessionChanged(sess)
	return changed, nil
}

// ChoosePresenterTopics keeps the topics the teacher will present from the session's own;
// none chosen, or all, means all.
func (a *App) ChoosePresenterTopics(ctx context.Context, sess *model.Session, topics []string) (*model.Session, error) {
	var chosen []string
	for _, id := range sess.Items {
		if slices.Contains(topics, id) {
			chosen = append(chosen, id)
		}
	}
	if len(chosen) == len(sess.Items) {
		chosen = nil
	}
	changed, err := a.store.SetPresenterTopics(ctx, sess.ID, chosen)
	if err != nil {
		return nil, err
	}
	a.sessionChanged(sess)
	return changed, nil
}

// Delete deletes a session with its answers and summary, and tells its projector.
func (a *App) Delete(ctx context.Context, sess *model.Session) error {
	if err := a.store.DeleteSession(ctx, sess.ID); err != nil {
		return err
	}
	a.counts.cache.Forget(sess.ID)
	a.sessionChanged(sess)
	return nil
}

// SessionDirectory names the schools and teachers of the sessions u sees, by id, for the
// lists of SSP consultants and administrators (a teacher sees only their own school).
func (a *App) SessionDirectory(ctx context.Context, u *model.User) (schools, teachers map[string]string, err error) {
	municipality := u.Municipality
	switch u.Role {
	case model.RoleAdmin:
		municipality = ""
	case model.RoleCoordinator:
		return nil, nil, model.Errorf(model.ECodeForbidden, "your account (%s) has no class sessions", u.Role)
	}
	ss, err := a.store.ListSchools(ctx, municipality)
	if err != nil {
		return nil, nil, err
	}
	us, err := a.store.ListUsers(ctx, store.UserFilter{Municipality: municipality, Role: model.RoleTeacher})
	if err != nil {
		return nil, nil, err
	}
	schools, teachers = make(map[string]string, len(ss)), make(map[string]string, len(us))
	for _, s := range ss {
		schools[s.ID] = s.Name
	}
	for _, t := range us {
		teachers[t.ID] = t.Email
	}
	return schools, teachers, nil
}
