// Package cache keeps values read from the store for a moment. It is the one cache type of
// the application: sessions by join code and id, answer counts, rendered survey topics and
// summary shelves all use it, each with its own key and age.
package cache

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// sharedReadTimeout bounds a read that several callers wait for together.
const sharedReadTimeout = 5 * time.Second

// Cache maps keys to values with the time each was put. Callers say how old a value they
// accept, so one entry can serve a strict reader and a lenient one. Callers who miss the
// same key at the same moment share one read (Shared, Load). When it holds Max entries it
// starts afresh: far more than are ever in use at once, so memory stays bounded without
// bookkeeping.
type Cache[V any] struct {
	mu      sync.Mutex
	max     int
	entries map[string]entry[V]
	flight  singleflight.Group
}

type entry[V any] struct {
	value V
	at    time.Time
}

// New makes a cache that holds at most max entries.
func New[V any](max int) *Cache[V] {
	return &Cache[V]{max: max, entries: map[string]entry[V]{}}
}

// Get returns key's value when it is at most maxAge old; maxAge 0 accepts any age.
func (c *Cache[V]) Get(key string, maxAge time.Duration) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || (maxAge > 0 && time.Since(e.at) > maxAge) {
		var zero V
		return zero, false
	}
	return e.value, true
}

// Put stores key's value as of now.
func (c *Cache[V]) Put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		c.entries = map[string]entry[V]{}
	}
	c.entries[key] = entry[V]{value: v, at: time.Now()}
}

// Update changes key's value in place, keeping its age; a missing key stays missing.
func (c *Cache[V]) Update(key string, change func(V) V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		c.entries[key] = entry[V]{value: change(e.value), at: e.at}
	}
}

// Forget drops key.
func (c *Cache[V]) Forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, key)
}

// Shared runs read once for all callers asking for key at the same moment and gives each
// its result; it does not store the value (read may, when it must do so under a lock of its
// own). read gets a context of its own that no single caller's leaving cancels.
func (c *Cache[V]) Shared(ctx context.Context, key string, read func(context.Context) (V, error)) (V, error) {
	v, err, _ := c.flight.Do(key, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedReadTimeout)
		defer cancel()
		return read(ctx)
	})
	if err != nil {
		var zero V
		return zero, err
	}
	return v.(V), nil
}

// Load returns key's value when it is at most maxAge old, and otherwise reads it (shared
// with callers waiting for the same key) and stores it.
func (c *Cache[V]) Load(ctx context.Context, key string, maxAge time.Duration, read func(context.Context) (V, error)) (V, error) {
	if v, ok := c.Get(key, maxAge); ok {
		return v, nil
	}
	return c.Shared(ctx, key, func(ctx context.Context) (V, error) {
		v, err := read(ctx)
		if err == nil {
			c.Put(key, v)
		}
		return v, err
	})
}

// Clear forgets every entry.
func (c *Cache[V]) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[string]entry[V]{}
}
