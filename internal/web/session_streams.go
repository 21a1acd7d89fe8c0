package web

import (
	"sync"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Live counter streams hold a connection each for up to streamLifetime; without a cap one
// login could open thousands and starve the pupils. Beyond these, a stream is refused with
// 429 and the projector's fallback poll keeps its counter right.
const (
	maxStreamsPerSession = 10  // a projector, a teacher's laptop and phone, with room for reloads
	maxStreamsPerUser    = 250 // an SSP consultant watching a municipality's classes (the bench opens 200)
	maxStreams           = 1000
)

// errTooManyStreams refuses a stream over a cap.
var errTooManyStreams = model.Errorf(model.ECodeRateLimited, "too many live counters are open; the page keeps its counter right by polling")

// streamSlots counts the open streams per session, per user and in all.
type streamSlots struct {
	mu        sync.Mutex
	bySession map[string]int
	byUser    map[string]int
	total     int
	peak      int // the most streams open at once since the start
}

// acquire takes a slot for a stream of sessionID by userID, or reports false when a cap is
// reached. The caller calls release when the stream ends.
func (s *streamSlots) acquire(sessionID, userID string) (release func(), ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bySession == nil {
		s.bySession, s.byUser = map[string]int{}, map[string]int{}
	}
	if s.total >= maxStreams || s.bySession[sessionID] >= maxStreamsPerSession || s.byUser[userID] >= maxStreamsPerUser {
		return nil, false
	}
	s.total++
	s.peak = max(s.peak, s.total)
	s.bySession[sessionID]++
	s.byUser[userID]++
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.total--
			if s.bySession[sessionID]--; s.bySession[sessionID] == 0 {
				delete(s.bySession, sessionID)
			}
			if s.byUser[userID]--; s.byUser[userID] == 0 {
				delete(s.byUser, userID)
			}
		})
	}, true
}
