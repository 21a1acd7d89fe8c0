package web

import (
	"context"
	"hash/fnv"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// countCache remembers each session's number of answers for a moment. Counting means
// reading a class's answers in the embedded store, and every page view, write of answers and
// projector poll needs the number; with the cache a busy session is counted about once a
// second instead of hundreds of times, and callers who find the entry stale at the same
// moment share one count. Answers stored by this instance update the count at once (by the
// session's writer, answer_queue.go); answers stored by another instance show up when the
// entry is older than the caller allows.
//
// A session's lock is held while its answers are written and while it is counted, so a count
// never runs alongside this instance's write and the cache can't add an answer twice or miss
// one.
type countCache struct {
	mu      sync.Mutex
	entries map[string]countEntry
	flight  singleflight.Group
	locks   lockStripes
}

type countEntry struct {
	n  int
	at time.Time
}

// How fresh a count must be: the capacity check tolerates a second (other instances' answers
// count within it), pages and the projector a little more.
const (
	capacityCountAge = time.Second
	displayCountAge  = time.Second
)

// cached returns the session's count when the cache has one at most maxAge old.
func (c *countCache) cached(sessionID string, maxAge time.Duration) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[sessionID]
	if ok && time.Since(e.at) <= maxAge {
		return e.n, true
	}
	return 0, false
}

// count returns the session's count, from the cache when it is at most maxAge old.
func (s *Server) count(ctx context.Context, sessionID string, maxAge time.Duration) (int, error) {
	if n, ok := s.counts.cached(sessionID, maxAge); ok {
		return n, nil
	}
	n, err, _ := s.counts.flight.Do(sessionID, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedReadTimeout)
		defer cancel()
		lock := s.counts.locks.of(sessionID)
		lock.Lock()
		defer lock.Unlock()
		return s.recount(ctx, sessionID)
	})
	if err != nil {
		return 0, err
	}
	return n.(int), nil
}

// recount counts a session's answers in the store and caches the number. The caller holds
// the session's lock.
func (s *Server) recount(ctx context.Context, sessionID string) (int, error) {
	n, err := s.store.CountResponses(ctx, sessionID)
	if err != nil {
		return 0, err
	}
	c := &s.counts
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]countEntry{}
	}
	c.entries[sessionID] = countEntry{n: n, at: time.Now()}
	return n, nil
}

// counted records answers stored by this instance. The caller holds the session's lock.
func (s *Server) counted(sessionID string, added int) {
	c := &s.counts
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[sessionID]; ok {
		c.entries[sessionID] = countEntry{n: e.n + added, at: e.at}
	}
}

// forgetCount drops a session's cached count (it was deleted, or a write's outcome is
// unknown).
func (s *Server) forgetCount(sessionID string) {
	c := &s.counts
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, sessionID)
}

// lockStripes serialises work per session with a fixed set of mutexes: sessions that share
// a stripe wait for each other briefly, and memory stays constant however many sessions run.
type lockStripes [64]sync.Mutex

func (l *lockStripes) of(key string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(key))
	return &l[h.Sum32()%uint32(len(l))]
}
