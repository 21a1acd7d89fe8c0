package app

import (
	"context"
	"errors"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// ErrUnknownCode answers a join code no session has.
var ErrUnknownCode = model.Errorf(model.ECodeNotFound, "no survey has this code")

// Join finds the session behind a join code typed by a pupil, with its survey.
// A closed session is returned too; callers decide what closed means for them.
func (a *App) Join(ctx context.Context, rawCode string) (*model.Session, *survey.Survey, error) {
	code := classroom.NormalizeCode(rawCode)
	if !classroom.IsCode(code) {
		return nil, nil, ErrUnknownCode
	}
	sess, err := a.SessionByCode(ctx, code)
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil, ErrUnknownCode
	}
	if err != nil {
		return nil, nil, err
	}
	sv, err := a.SessionSurvey(sess)
	if err != nil {
		return nil, nil, err
	}
	return sess, sv, nil
}

// Submitted says what became of a valid submission.
type Submitted int

const (
	Stored         Submitted = iota // stored and counted
	StoredBefore                    // this device's submission was stored before: a retry, counted once
	NothingToStore                  // it answered no question: acknowledged, neither stored nor counted
)

// Submit stores a pupil's answers to the session behind code. A retry of a stored submission
// is acknowledged again and counted once; a submission that answers nothing — every topic
// skipped or "won't answer" — is acknowledged, so the phone stops sending it, but is neither
// stored nor counted: the class's count is of pupils who said something. Invalid answers, an
// unknown or closed code and a full session store nothing and are errors.
func (a *App) Submit(ctx context.Context, code string, sub classroom.Submission) (Submitted, error) {
	sess, sv, err := a.Join(ctx, code)
	if err != nil {
		return 0, err
	}
	answers, err := classroom.Check(sub, sv, sess.Items, a.pupilLanguages)
	if err != nil {
		return 0, err
	}
	if len(answers) == 0 {
		if !sess.IsOpen() {
			return 0, model.ErrSessionClosed
		}
		return NothingToStore, nil
	}
	lang := sub.Lang
	if lang == "" {
		lang = "da"
	}
	created, err := a.storeAnswer(ctx, sess, &model.Response{
		SessionID: sess.ID, SubmissionID: sub.SubmissionID,
		SurveyID: sess.SurveyID, SurveyVersion: sess.SurveyVersion,
		Lang: lang, Day: a.Today(), Answers: answers,
	})
	switch {
	case err != nil:
		return 0, err
	case created:
		return Stored, nil
	}
	return StoredBefore, nil
}

// CanAnswer says why a session takes no more answers (closed, full), or nil when it does.
// Submitting checks again; this spares a pupil filling in a form in vain.
func (a *App) CanAnswer(ctx context.Context, sess *model.Session) error {
	if !sess.IsOpen() {
		return model.ErrSessionClosed
	}
	n, err := a.count(ctx, sess.ID, displayCountAge)
	if err != nil {
		return err
	}
	if n >= sess.Capacity() {
		return model.ErrSessionFull
	}
	return nil
}
