package web

import (
	"context"
	"sync"
	"time"
)

// countCache remembers each session's number of answers for a moment. Counting means
// reading a class's answers in the embedded store, and every page view, write of answers and
// projector poll needs the number; with the cache a busy session is counted about once a
// second instead of hundreds of times. Answers stored by this instance update the count at
// once (by the session's one writer, answer_queue.go); answers stored by another instance
// show up when the entry is older than the caller allows.
type countCache struct {
	mu      sync.Mutex
	entries map[string]countEntry
}

type countEntry struct {
	n  int
	at time.Time
}

// count returns the session's count, from the cache when it is at most maxAge old.
func (s *Server) count(ctx context.Context, sessionID string, maxAge time.Duration) (int, error) {
	c := &s.counts
	c.mu.Lock()
	e, ok := c.entries[sessionID]
	c.mu.Unlock()
	if ok && time.Since(e.at) <= maxAge {
		return e.n, nil
	}
	n, err := s.store.CountResponses(ctx, sessionID)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]countEntry{}
	}
	// Keep the larger of the stored and a concurrently incremented count: answers are never
	// taken back, so a count only grows.
	if cur, ok := c.entries[sessionID]; !ok || cur.n <= n || time.Since(cur.at) > maxAge {
		c.entries[sessionID] = countEntry{n: n, at: time.Now()}
	} else {
		n = cur.n
	}
	c.mu.Unlock()
	return n, nil
}

// counted records answers stored by this instance.
func (s *Server) counted(sessionID string, added int) {
	c := &s.counts
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[sessionID]; ok {
		c.entries[sessionID] = countEntry{n: e.n + added, at: e.at}
	}
}

// forgetCount drops a session's cached count (it was deleted).
func (s *Server) forgetCount(sessionID string) {
	c := &s.counts
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, sessionID)
}

// How fresh a count must be: the capacity check tolerates a second (other instances' answers
// count within it), pages and the projector a little more.
const (
	capacityCountAge = time.Second
	displayCountAge  = time.Second
)
