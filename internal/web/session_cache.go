package web

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/heltnormal/heltnormal/internal/model"
)

// sessionCacheTTL is how long a pupil-facing lookup may reuse a session read from the store.
// A teacher's close, re-open or delete on this instance takes effect at once (the entry is
// dropped); one made on another instance within this time.
const sessionCacheTTL = time.Second

// sharedReadTimeout bounds a store read that several requests wait for together.
const sharedReadTimeout = 5 * time.Second

// sessionCache keeps recently read sessions by join code and by id, so that the pupils of a
// class — who all ask for the same session within seconds — and the projectors showing its
// counter cost one read, not dozens; callers who find an entry stale at the same moment share
// one read. Only pupil requests and the projector's counter use it; teachers' pages read the
// store.
type sessionCache struct {
	mu     sync.Mutex
	byCode map[string]cachedSession
	byID   map[string]cachedSession
	flight singleflight.Group
}

type cachedSession struct {
	sess model.Session
	at   time.Time
}

// sessionByCode returns the session with a join code, from the cache when fresh.
func (s *Server) sessionByCode(ctx context.Context, code string) (*model.Session, error) {
	return s.sessions.get(ctx, false, code,
		func(ctx context.Context) (*model.Session, error) { return s.store.SessionByCode(ctx, code) })
}

// liveSession returns the session with an id, from the cache when fresh (the projector's
// counter).
func (s *Server) liveSession(ctx context.Context, id string) (*model.Session, error) {
	return s.sessions.get(ctx, true, id,
		func(ctx context.Context) (*model.Session, error) { return s.store.SessionByID(ctx, id) })
}

// get looks a session up by id or by join code and reads the store when the entry is
// missing or stale.
func (c *sessionCache) get(ctx context.Context, byID bool, key string, read func(context.Context) (*model.Session, error)) (*model.Session, error) {
	c.mu.Lock()
	entries, flightKey := c.byCode, "code:"+key
	if byID {
		entries, flightKey = c.byID, "id:"+key
	}
	e, ok := entries[key]
	c.mu.Unlock()
	if ok && time.Since(e.at) <= sessionCacheTTL {
		sess := e.sess
		return &sess, nil
	}
	v, err, _ := c.flight.Do(flightKey, func() (any, error) {
		// Shared by every caller waiting for it: one caller leaving must not cancel it.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedReadTimeout)
		defer cancel()
		sess, err := read(ctx)
		if err != nil {
			return nil, err
		}
		c.put(sess)
		return *sess, nil
	})
	if err != nil {
		return nil, err
	}
	sess := v.(model.Session)
	return &sess, nil
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
