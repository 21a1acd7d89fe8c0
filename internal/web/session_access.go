package web

import (
	"context"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
)

// sessionFor returns the session with the id in the URL if the signed-in user may manage
// it. A session of another school answers "not found", so its existence is not revealed.
func (s *Server) sessionFor(c *fiber.Ctx) (*model.Session, error) {
	sess, err := s.store.SessionByID(c.UserContext(), c.Params("id"))
	if err != nil {
		return nil, err
	}
	if u := currentUser(c); u == nil || !u.CanManageSession(sess) {
		return nil, model.ErrNotFound
	}
	return sess, nil
}

// closeSession stops a session taking answers and stores its summary for comparisons.
// Closing a closed session writes the summary again, so a failed attempt can be repeated.
func (s *Server) closeSession(ctx context.Context, sess *model.Session) (*model.Session, error) {
	closed := sess
	if sess.IsOpen() {
		var err error
		if closed, err = s.store.SetSessionStatus(ctx, sess.ID, model.StatusClosed, model.Day(time.Now(), s.tz)); err != nil {
			return nil, err
		}
		s.sessionChanged(sess)
		s.hub.Publish(sess.ID)
	}
	if err := s.saveSummary(ctx, closed); err != nil {
		return nil, err
	}
	return closed, nil
}

// saveSummary counts a closed session's answers per topic and stores them for comparisons,
// replacing an earlier summary of the same session.
func (s *Server) saveSummary(ctx context.Context, sess *model.Session) error {
	sv, answers, err := s.sessionAnswers(ctx, sess)
	if err != nil {
		return err
	}
	return s.store.SaveSummary(ctx, sv, compare.Summarize(sess, results.Tallies(sv, sess.Items, answers), len(answers)))
}

// reopenSession lets a class go on answering the day it was closed (a pupil was late, the
// teacher closed too early). Later, the results may already have been shown and compared,
// so a new session is the honest way.
func (s *Server) reopenSession(ctx context.Context, sess *model.Session) (*model.Session, error) {
	if sess.IsOpen() {
		return sess, nil
	}
	if today := model.Day(time.Now(), s.tz); sess.ClosedDay != today {
		return nil, model.Errorf(model.ECodeConflict, "a session can only be re-opened the day it was closed (it was closed %s)", sess.ClosedDay)
	}
	opened, err := s.store.SetSessionStatus(ctx, sess.ID, model.StatusOpen, "")
	if err != nil {
		return nil, err
	}
	s.sessionChanged(sess)
	s.hub.Publish(sess.ID)
	return opened, nil
}

// deleteSession deletes a session with its answers and summary, and tells its projector.
func (s *Server) deleteSession(ctx context.Context, sess *model.Session) error {
	if err := s.store.DeleteSession(ctx, sess.ID); err != nil {
		return err
	}
	s.sessionChanged(sess)
	id := sess.ID
	s.forgetCount(id)
	s.hub.Publish(id)
	return nil
}

// joinURL is the address pupils open (and the QR code holds) for a session.
func (s *Server) joinURL(c *fiber.Ctx, sess *model.Session) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = c.BaseURL()
	}
	return fmt.Sprintf("%s/j/%s", base, sess.Code)
}
