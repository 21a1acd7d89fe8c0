package web

import (
	"context"
	"errors"
	"time"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// errUnknownCode answers a join code no session has.
var errUnknownCode = model.Errorf(model.ECodeNotFound, "no survey has this code")

// joinSession finds the session behind a join code typed by a pupil, with its survey.
// A closed session is returned too; callers decide what closed means for them.
func (s *Server) joinSession(ctx context.Context, rawCode string) (*model.Session, *survey.Survey, error) {
	code := classroom.NormalizeCode(rawCode)
	if !classroom.IsCode(code) {
		return nil, nil, errUnknownCode
	}
	sess, err := s.sessionByCode(ctx, code)
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil, errUnknownCode
	}
	if err != nil {
		return nil, nil, err
	}
	sv, ok := s.surveys.Get(sess.SurveyID, sess.SurveyVersion)
	if !ok {
		return nil, nil, model.Errorf(model.ECodeInternal, "survey %s version %d is not installed", sess.SurveyID, sess.SurveyVersion)
	}
	return sess, sv, nil
}

// submit stores a pupil's answers to the session behind code. It returns created=false when
// this device's submission was stored before: a retry is acknowledged again and counted once.
// Invalid answers, an unknown or closed code and a full session store nothing.
func (s *Server) submit(ctx context.Context, code string, sub classroom.Submission) (created bool, err error) {
	sess, sv, err := s.joinSession(ctx, code)
	if err != nil {
		return false, err
	}
	answers, err := classroom.Check(sub, sv, sess.Items, s.pupilLanguages())
	if err != nil {
		return false, err
	}
	lang := sub.Lang
	if lang == "" {
		lang = "da"
	}
	return s.storeAnswer(ctx, sess, &model.Response{
		SessionID: sess.ID, SubmissionID: sub.SubmissionID,
		SurveyID: sess.SurveyID, SurveyVersion: sess.SurveyVersion,
		Lang: lang, Day: model.Day(time.Now(), s.tz), Answers: answers,
	})
}

// canAnswer says why a session takes no more answers (closed, full), or nil when it does.
// Submitting checks again; this spares a pupil filling in a form in vain.
func (s *Server) canAnswer(ctx context.Context, sess *model.Session) error {
	if !sess.IsOpen() {
		return model.ErrSessionClosed
	}
	n, err := s.count(ctx, sess.ID, displayCountAge)
	if err != nil {
		return err
	}
	if n >= sess.Capacity() {
		return model.ErrSessionFull
	}
	return nil
}

// pupilLanguages are the languages pupils can answer in.
func (s *Server) pupilLanguages() []string { return s.i18n.AreaLanguages("pupil") }
