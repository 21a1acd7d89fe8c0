package web

import "time"

// PeakStreams is the most live counter streams the server has had open at once.
func PeakStreams(s *Server) int {
	s.streams.mu.Lock()
	defer s.streams.mu.Unlock()
	return s.streams.peak
}

// SetLimitClock makes the login and join limits read the time from now, so that tests can
// let minutes pass.
func SetLimitClock(s *Server, now func() time.Time) {
	for _, t := range []*throttle{s.accounts.throttles.account, s.accounts.throttles.address, s.accounts.throttles.device, s.joinLimit.unknown} {
		t.now = now
	}
}
