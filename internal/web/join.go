package web

import (
	"context"
	"errors"
	"hash/fnv"
	"sync"
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
	// Pages may show a session a second old; storing an answer needs its status now, so an
	// answer can't slip in after the teacher closed (and the summary was written).
	if sess, err = s.freshSession(ctx, sess); err != nil {
		return false, err
	}
	if !sess.IsOpen() {
		return false, s.alreadyStoredOr(ctx, sess, sub, model.ErrSessionClosed)
	}
	lang := sub.Lang
	if lang == "" {
		lang = "da"
	}
	resp := &model.Response{
		SessionID: sess.ID, SubmissionID: sub.SubmissionID,
		SurveyID: sess.SurveyID, SurveyVersion: sess.SurveyVersion,
		Lang: lang, Day: model.Day(time.Now(), s.tz), Answers: answers,
	}

	// Counting and storing happen under the session's lock, so two pupils can't both take
	// the last place. (With several app instances, each has its own locks: at the very last
	// place a session may take one answer per extra instance more than its capacity.)
	lock := s.answerLocks.of(sess.ID)
	lock.Lock()
	defer lock.Unlock()
	n, err := s.count(ctx, sess.ID, capacityCountAge)
	if err != nil {
		return false, err
	}
	if n >= sess.Capacity() {
		if err := s.alreadyStoredOr(ctx, sess, sub, model.ErrSessionFull); err == nil {
			return false, nil
		}
		if noteErr := s.store.NoteTurnedAway(ctx, sess.ID); noteErr != nil {
			s.log.Error("note turned-away answer", "err", noteErr)
		}
		s.hub.Publish(sess.ID) // the projector tells the teacher
		return false, model.ErrSessionFull
	}
	// The response's id is derived from the submission id, so storing it is also the
	// check for a retry: a second attempt collides with the first and is acknowledged again.
	if err := s.store.InsertResponse(ctx, resp); err != nil {
		if errors.Is(err, model.ErrConflict) {
			return false, nil
		}
		return false, err
	}
	s.counted(sess.ID)
	s.hub.Publish(sess.ID)
	return true, nil
}

// alreadyStoredOr keeps an acknowledged answer acknowledged when the session can take no
// more (closed, full): nil if this device's submission is stored, otherwise refusal.
func (s *Server) alreadyStoredOr(ctx context.Context, sess *model.Session, sub classroom.Submission, refusal error) error {
	_, err := s.store.ResponseBySubmission(ctx, sess.ID, sub.SubmissionID)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, model.ErrNotFound):
		return refusal
	}
	return err
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

// lockStripes serialises work per session with a fixed set of mutexes: sessions that share
// a stripe wait for each other briefly, and memory stays constant however many sessions run.
type lockStripes [64]sync.Mutex

func (l *lockStripes) of(key string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(key))
	return &l[h.Sum32()%uint32(len(l))]
}

// pupilLanguages are the languages pupils can answer in.
func (s *Server) pupilLanguages() []string { return s.i18n.AreaLanguages("pupil") }
