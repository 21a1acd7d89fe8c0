package web

import (
	"context"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
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

// closeSession stops a session taking answers.
func (s *Server) closeSession(ctx context.Context, sess *model.Session) (*model.Session, error) {
	if !sess.IsOpen() {
		return sess, nil
	}
	closed, err := s.store.SetSessionStatus(ctx, sess.ID, model.StatusClosed, model.Day(time.Now(), s.tz))
	if err != nil {
		return nil, err
	}
	s.hub.Publish(sess.ID)
	return closed, nil
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
	s.hub.Publish(sess.ID)
	return opened, nil
}

// joinURL is the address pupils open (and the QR code holds) for a session.
func (s *Server) joinURL(c *fiber.Ctx, sess *model.Session) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = c.BaseURL()
	}
	return fmt.Sprintf("%s/j/%s", base, sess.Code)
}
