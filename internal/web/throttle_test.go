package web

import (
	"testing"
	"time"
)

// clock is a settable time for throttles under test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time                 { return c.t }
func (c *clock) advance(d time.Duration)        { c.t = c.t.Add(d) }
func newClock() *clock                          { return &clock{time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)} }
func (c *clock) throttle(t *throttle) *throttle { t.now = c.now; return t }

func TestThrottleSlowsDownAndNeverLocksOut(t *testing.T) {
	c := newClock()
	th := c.throttle(newThrottle(15*time.Minute, 3, time.Second, time.Minute))
	for i := 0; i < 3; i++ {
		if wait := th.admit("a"); wait != 0 {
			t.Fatalf("free attempt %d waits %v", i+1, wait)
		}
	}
	// Beyond the free ones, each attempt waits from the last: 1 s, 2 s, 4 s … at most a minute.
	want := []time.Duration{1, 2, 4, 8, 16, 32, 60, 60, 60}
	for i, w := range want {
		if wait := th.admit("a"); wait != w*time.Second {
			t.Fatalf("attempt %d: waits %v, want %v", i+4, wait, w*time.Second)
		}
		c.advance(w * time.Second)
		if wait := th.admit("a"); wait != 0 {
			t.Fatalf("attempt %d after its wait: still %v", i+4, wait)
		}
	}
	if wait := th.admit("b"); wait != 0 {
		t.Errorf("another key waits %v", wait)
	}
	// A forgiven attempt (a success) does not count.
	c.advance(time.Minute)
	th.admit("a")
	th.forgive("a")
	if wait := th.wait("a"); wait != 0 {
		t.Errorf("after a forgiven attempt: waits %v", wait)
	}
	// The window forgets.
	c.advance(15 * time.Minute)
	if wait := th.wait("a"); wait != 0 || len(th.attempts["a"]) != 0 {
		t.Errorf("after the window: waits %v with %d attempts kept", wait, len(th.attempts["a"]))
	}
}

func TestPlainLimitWaitsForTheWindow(t *testing.T) {
	c := newClock()
	th := c.throttle(newThrottle(joinWindow, joinMaxUnknown, 0, 0))
	for i := 0; i < joinMaxUnknown; i++ {
		th.record("a")
		c.advance(time.Second)
	}
	if wait := th.wait("a"); wait != joinWindow-joinMaxUnknown*time.Second {
		t.Fatalf("over the limit: waits %v", wait)
	}
	c.advance(joinWindow - joinMaxUnknown*time.Second)
	if wait := th.wait("a"); wait != 0 {
		t.Errorf("the oldest attempt aged out, still waits %v", wait)
	}
	c.advance(joinWindow)
	if th.wait("a"); len(th.attempts) != 0 {
		t.Errorf("state kept for a key with no recent attempts")
	}
}

func TestThrottleForgetsWholesaleUnderAFloodOfKeys(t *testing.T) {
	th := newThrottle(time.Minute, 1, time.Second, time.Minute)
	for i := 0; i < throttleMaxKeys+10; i++ {
		th.record(string(rune(i)))
	}
	if len(th.attempts) > throttleMaxKeys {
		t.Errorf("%d keys kept, bound %d", len(th.attempts), throttleMaxKeys)
	}
}
