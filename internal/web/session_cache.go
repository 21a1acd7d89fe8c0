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

// sessionCache keeps recently read sessions by join code and by id, so that the pupils of a
// class — who all ask for the same session within seconds — and the projectors showing its
// counter cost one read, not dozens. Only pupil requests and the projector's counter use it;
// teachers' pages read the store.
type sessionCache struct {
	mu     sync.Mutex
	byCode map[string]cachedSession
	byID   map[string]cachedSession
}

type cachedSession struct {
	sess model.Session
	at   time.Time
}

// sessionByCode returns the session with a join code, from the cache when fresh.
func (s *Server) sessionByCode(ctx context.Context, code string) (*model.Session, error) {
	return s.sessions.get(code, func(c *sessionCache) map[string]cachedSession { return c.byCode },
		func() (*model.Session, error) { return s.store.SessionByCode(ctx, code) })
}

// liveSession returns the session with an id, from the cache when fresh (the projector's
// counter).
func (s *Server) liveSession(ctx context.Context, id string) (*model.Session, error) {
	return s.sessions.get(id, func(c *sessionCache) map[string]cachedSession { return c.byID },
		func() (*model.Session, error) { return s.store.SessionByID(ctx, id) })
}

// get looks key up in one of the cache's maps and reads the store when the entry is missing
// or stale.
func (c *sessionCache) get(key string, m func(*sessionCache) map[string]cachedSession, read func() (*model.Session, error)) (*model.Session, error) {
	c.mu.Lock()
	e, ok := m(c)[key]
	c.mu.Unlock()
	if ok && time.Since(e.at) <= sessionCacheTTL {
		sess := e.sess
		return &sess, nil
	}
	sess, err := read()
	if err != nil {
		return nil, err
	}
	c.put(sess)
	return sess, nil
}

// put remembers a session just read from the store.
func (c *sessionCache) put(sess *model.Session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byCode == nil || len(c.byCode) > 10_000 { // far more classes than answer at once: start afresh
		c.byCode, c.byID = map[string]cachedSession{}, map[string]cachedSession{}
	}
	e := cachedSession{sess: *sess, at: time.Now()}
	c.byCode[sess.Code], c.byID[sess.ID] = e, e
}

// freshSession re-reads a session from the store and refreshes the cache with it.
func (s *Server) freshSession(ctx context.Context, sess *model.Session) (*model.Session, error) {
	fresh, err := s.store.SessionByID(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	s.sessions.put(fresh)
	return fresh, nil
}

// sessionChanged drops a session from the cache after this instance changed it.
func (s *Server) sessionChanged(sess *model.Session) {
	c := &s.sessions
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.byCode, sess.Code)
	delete(c.byID, sess.ID)
}
