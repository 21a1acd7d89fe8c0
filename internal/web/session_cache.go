package web

import (
	"context"
	"sync"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
)

// sessionCacheTTL is how long a pupil-facing lookup may reuse a session read from the store.
// A teacher's close, re-open or delete on this instance takes effect at once (the entry is
// dropped); one made on another instance within this time.
const sessionCacheTTL = time.Second

// sessionCache keeps recently read sessions by join code, so that the pupils of a class — who
// all ask for the same session within seconds — cost one read, not dozens. Only pupil
// requests and the projector's counter use it; teachers' pages read the store.
type sessionCache struct {
	mu     sync.Mutex
	byCode map[string]cachedSession
}

type cachedSession struct {
	sess model.Session
	at   time.Time
}

// sessionByCode returns the session with a join code, from the cache when fresh.
func (s *Server) sessionByCode(ctx context.Context, code string) (*model.Session, error) {
	c := &s.sessions
	c.mu.Lock()
	e, ok := c.byCode[code]
	c.mu.Unlock()
	if ok && time.Since(e.at) <= sessionCacheTTL {
		sess := e.sess
		return &sess, nil
	}
	sess, err := s.store.SessionByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.byCode == nil {
		c.byCode = map[string]cachedSession{}
	}
	if len(c.byCode) > 10_000 { // far more classes than answer at once: start afresh
		c.byCode = map[string]cachedSession{}
	}
	c.byCode[code] = cachedSession{sess: *sess, at: time.Now()}
	c.mu.Unlock()
	return sess, nil
}

// freshSession re-reads a session from the store and refreshes the cache with it.
func (s *Server) freshSession(ctx context.Context, sess *model.Session) (*model.Session, error) {
	fresh, err := s.store.SessionByID(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	c := &s.sessions
	c.mu.Lock()
	if c.byCode != nil {
		c.byCode[fresh.Code] = cachedSession{sess: *fresh, at: time.Now()}
	}
	c.mu.Unlock()
	return fresh, nil
}

// sessionChanged drops a session from the cache after this instance changed it.
func (s *Server) sessionChanged(sess *model.Session) {
	c := &s.sessions
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.byCode, sess.Code)
}
