package web

import "time"

// SetLimitClock makes the login and join limits read the time from now, so that tests can
// let minutes pass.
func SetLimitClock(s *Server, now func() time.Time) {
	for _, t := range []*throttle{s.accounts.throttles.account, s.accounts.throttles.address, s.accounts.throttles.device, s.joinLimit.unknown} {
		t.now = now
	}
}
