package web

import (
	"sync"
	"time"
)

// throttle counts attempts per key inside a sliding window and says how long the next
// attempt must wait. The first free attempts in a window never wait; after that each one
// waits from the last: first, then twice that, doubling up to most. With most zero an
// attempt waits instead until enough of the window's attempts have aged out (a plain limit).
// Keys are HMACs or normalised emails; nothing here is ever written anywhere.
type throttle struct {
	window      time.Duration
	free        int
	first, most time.Duration

	mu       sync.Mutex
	attempts map[string][]time.Time // oldest first
	now      func() time.Time
}

// throttleMaxKeys bounds the memory a flood of new keys can take: beyond it the throttle
// forgets everything but the key at hand (the same trade every in-memory limiter makes).
const throttleMaxKeys = 100_000

func newThrottle(window time.Duration, free int, first, most time.Duration) *throttle {
	return &throttle{window: window, free: free, first: first, most: most,
		attempts: map[string][]time.Time{}, now: time.Now}
}

// admit records an attempt for key and returns 0, or returns how long to wait and records
// nothing. Recording on admission, not on failure, makes a burst of parallel attempts count
// before any of them is answered.
func (t *throttle) admit(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if wait := t.waitLocked(key); wait > 0 {
		return wait
	}
	t.recordLocked(key)
	return 0
}

// record counts an attempt for key without asking whether it may be made (the join limit
// counts an unknown code once it is known to be unknown).
func (t *throttle) record(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.recordLocked(key)
}

func (t *throttle) recordLocked(key string) {
	if len(t.attempts) >= throttleMaxKeys {
		t.attempts = map[string][]time.Time{key: t.attempts[key]}
	}
	t.attempts[key] = append(t.attempts[key], t.now())
}

// wait is how long an attempt for key must wait now, recording nothing.
func (t *throttle) wait(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.waitLocked(key)
}

// forgive takes back the latest attempt for key: it succeeded, or did not count.
func (t *throttle) forgive(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	times := t.attempts[key]
	if len(times) <= 1 {
		delete(t.attempts, key)
		return
	}
	t.attempts[key] = times[:len(times)-1]
}

func (t *throttle) waitLocked(key string) time.Duration {
	now := t.now()
	times := t.attempts[key]
	i := 0
	for i < len(times) && !times[i].After(now.Add(-t.window)) {
		i++
	}
	if i == len(times) {
		delete(t.attempts, key)
		return 0
	}
	times = times[i:]
	t.attempts[key] = times
	over := len(times) - t.free // how many attempts beyond the free ones the window holds
	if over < 0 {
		return 0
	}
	var until time.Time
	if t.most == 0 {
		until = times[over].Add(t.window) // when the window holds one fewer than free
	} else {
		delay := t.most
		if over < 30 && t.first<<over < t.most {
			delay = t.first << over
		}
		until = times[len(times)-1].Add(delay)
	}
	if wait := until.Sub(now); wait > 0 {
		return wait
	}
	return 0
}
