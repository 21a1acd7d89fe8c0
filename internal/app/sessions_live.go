package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/heltnormal/heltnormal/internal/cache"
	"github.com/heltnormal/heltnormal/internal/live"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// sessionCacheTTL is how long a pupil-facing lookup may reuse a session read from the store.
// A teacher's close, re-open or delete on this instance takes effect at once (the entry is
// dropped); one made on another instance within this time.
const sessionCacheTTL = time.Second

// classrooms is what answering and the projector's live counter need at speed: sessions by
// join code and by id, each session's number of answers, and the writers that store a class's
// answers together. App embeds it.
type classrooms struct {
	store *store.Store
	log   *slog.Logger
	hub   *live.Hub
	// sessionsByCode and sessionsByID keep sessions read for pupils and projectors;
	// counts keeps each session's number of answers (counts.go).
	sessionsByCode *cache.Cache[model.Session]
	sessionsByID   *cache.Cache[model.Session]
	counts         counts
	// queues group the answers to a session that arrive together into one write
	// (answer_queue.go).
	queues answerQueues
}

func newClassrooms(st *store.Store, log *slog.Logger, hub *live.Hub) *classrooms {
	return &classrooms{
		store: st, log: log, hub: hub,
		sessionsByCode: cache.New[model.Session](sessionCacheSize),
		sessionsByID:   cache.New[model.Session](sessionCacheSize),
		counts:         counts{cache: cache.New[int](sessionCacheSize)},
	}
}

// sessionCacheSize bounds the session and count caches: far more classes than answer at once.
const sessionCacheSize = 10_000

// The pupils of a class — who all ask for the same session within seconds — and the
// projectors showing its counter are served from a cache of recently read sessions, by join
// code and by id, so they cost one read, not dozens. Teachers' pages read the store.

// SessionByCode returns the session with a join code, from the cache when fresh.
func (l *classrooms) SessionByCode(ctx context.Context, code string) (*model.Session, error) {
	return l.cachedSession(ctx, l.sessionsByCode, code,
		func(ctx context.Context) (*model.Session, error) { return l.store.SessionByCode(ctx, code) })
}

// LiveSession returns the session with an id, from the cache when fresh (the projector's
// counter).
func (l *classrooms) LiveSession(ctx context.Context, id string) (*model.Session, error) {
	return l.cachedSession(ctx, l.sessionsByID, id,
		func(ctx context.Context) (*model.Session, error) { return l.store.SessionByID(ctx, id) })
}

// cachedSession looks a session up in one of the caches and reads the store when the entry is
// missing or stale; a session read is remembered under both its code and its id.
func (l *classrooms) cachedSession(ctx context.Context, c *cache.Cache[model.Session], key string, read func(context.Context) (*model.Session, error)) (*model.Session, error) {
	if sess, ok := c.Get(key, sessionCacheTTL); ok {
		return &sess, nil
	}
	sess, err := c.Shared(ctx, key, func(ctx context.Context) (model.Session, error) {
		sess, err := read(ctx)
		if err != nil {
			return model.Session{}, err
		}
		l.remember(sess)
		return *sess, nil
	})
	if err != nil {
		return nil, err
	}
	return &sess, nil
}

// remember puts a session just read from the store in both caches.
func (l *classrooms) remember(sess *model.Session) {
	l.sessionsByCode.Put(sess.Code, *sess)
	l.sessionsByID.Put(sess.ID, *sess)
}

// freshSession re-reads a session from the store and refreshes the caches with it.
func (l *classrooms) freshSession(ctx context.Context, sess *model.Session) (*model.Session, error) {
	fresh, err := l.store.SessionByID(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	l.remember(fresh)
	return fresh, nil
}

// sessionChanged drops a session from the caches after this instance changed it, and tells
// its projectors.
func (l *classrooms) sessionChanged(sess *model.Session) {
	l.sessionsByCode.Forget(sess.Code)
	l.sessionsByID.Forget(sess.ID)
	l.hub.Publish(sess.ID)
}
