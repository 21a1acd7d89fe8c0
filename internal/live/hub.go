// Package live tells projector pages, in this process, that a session's answer count may have
// changed. Listeners still poll the store now and then, because with several app instances a
// pupil's answer may land on another instance.
package live

import "sync"

// Hub fans out "something changed" signals per session.
type Hub struct {
	mu   sync.Mutex
	subs map[string]map[chan struct{}]struct{}
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{subs: map[string]map[chan struct{}]struct{}{}}
}

// Subscribe returns a channel that receives a signal after each Publish for sessionID, and a
// function that unsubscribes. Signals coalesce: a slow listener gets one, not a backlog.
func (h *Hub) Subscribe(sessionID string) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	if h.subs[sessionID] == nil {
		h.subs[sessionID] = map[chan struct{}]struct{}{}
	}
	h.subs[sessionID][ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs[sessionID], ch)
		if len(h.subs[sessionID]) == 0 {
			delete(h.subs, sessionID)
		}
		h.mu.Unlock()
	}
}

// Publish signals every listener of sessionID without waiting for any of them.
func (h *Hub) Publish(sessionID string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[sessionID] {
		select {
		case ch <- struct{}{}:
		default: // a signal is already waiting
		}
	}
}

// Listeners is the number of open listeners, for metrics and tests.
func (h *Hub) Listeners() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, subs := range h.subs {
		n += len(subs)
	}
	return n
}
