package app

import (
	"context"
	"time"

	"github.com/heltnormal/heltnormal/internal/cache"
	"github.com/heltnormal/heltnormal/internal/model"
)

// sessionCacheTTL is how long a pupil-facing lookup may reuse a session read from the store.
// A teacher's close, re-open or delete on this instance takes effect at once (the entry is
// dropped); one made on another instance within this time.
const sessionCacheTTL = time.Second

// sessionCacheSize bounds the session and count caches: far more classes than answer at once.
const sessionCacheSize = 10_000

// The pupils of a class — who all ask for the same session within seconds — and the
// projectors showing its counter are served from a cache of recently read sessions, by join
// code and by id, so they cost one read, not dozens. Teachers' pages read the store.

// SessionByCode returns the session with a join code, from the cache when fresh.
func (a *App) SessionByCode(ctx context.Context, code string) (*model.Session, error) {
	return a.cachedSession(ctx, a.sessionsByCode, code,
		func(ctx context.Context) (*model.Session, error) { return a.store.SessionByCode(ctx, code) })
}

// LiveSession returns the session with an id, from the cache when fresh (the projector's
// counter).
func (a *App) LiveSession(ctx context.Context, id string) (*model.Session, error) {
	return a.cachedSession(ctx, a.sessionsByID, id,
		func(ctx context.Context) (*model.Session, error) { return a.store.SessionByID(ctx, id) })
}

// cachedSession looks a session up in one of the caches and reads the store when the entry is
// missing or stale; a session read is remembered under both its code and its id.
func (a *App) cachedSession(ctx context.Context, c *cache.Cache[model.Session], key string, read func(context.Context) (*model.Session, error)) (*model.Session, error) {
	if sess, ok := c.Get(key, sessionCacheTTL); ok {
		return &sess, nil
	}
	sess, err := c.Shared(ctx, key, func(ctx context.Context) (model.Session, error) {
		sess, err := read(ctx)
		if err != nil {
			return model.Session{}, err
		}
		a.remember(sess)
		return *sess, nil
	})
	if err != nil {
		return nil, err
	}
	return &sess, nil
}

// remember puts a session just read from the store in both caches.
func (a *App) remember(sess *model.Session) {
	a.sessionsByCode.Put(sess.Code, *sess)
	a.sessionsByID.Put(sess.ID, *sess)
}

// freshSession re-reads a session from the store and refreshes the caches with it.
func (a *App) freshSession(ctx context.Context, sess *model.Session) (*model.Session, error) {
	fresh, err := a.store.SessionByID(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	a.remember(fresh)
	return fresh, nil
}

// sessionChanged drops a session from the caches after this instance changed it, and tells
// its projectors.
func (a *App) sessionChanged(sess *model.Session) {
	a.sessionsByCode.Forget(sess.Code)
	a.sessionsByID.Forget(sess.ID)
	a.Hub.Publish(sess.ID)
}
