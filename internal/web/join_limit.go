package web

import (
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Unknown join codes tried per network address in one window. A class of 30 behind one
// school NAT address that mistypes a code or two each stays far below it; someone guessing
// codes gets 60 tries per 10 minutes, against about 887 million possible codes.
const (
	joinMaxUnknown = 60
	joinWindow     = 10 * time.Minute
)

// joinLimit refuses join attempts from an address that has tried too many unknown codes.
// Only unknown codes count: joining, answering, a closed or a full session never do, so a
// whole class on one address is never blocked for doing what it should. The address is
// kept only as an HMAC under a key that lives in this process, and only in memory.
type joinLimit struct {
	mu       sync.Mutex
	who      func(*fiber.Ctx) string // the client, as an HMAC of its address
	failures map[string][]time.Time
	now      func() time.Time
}

func newJoinLimit(who func(*fiber.Ctx) string) *joinLimit {
	return &joinLimit{who: who, failures: map[string][]time.Time{}, now: time.Now}
}

// handler wraps the join routes.
func (l *joinLimit) handler(c *fiber.Ctx) error {
	who := l.who(c)
	if l.recent(who) >= joinMaxUnknown {
		return model.Errorf(model.ECodeRateLimited, "too many unknown codes from this network; wait a few minutes and check the code on the board")
	}
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	if status == fiber.StatusNotFound {
		l.record(who)
	}
	return err
}

// recent counts who's failures inside the window, forgetting older ones.
func (l *joinLimit) recent(who string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	cutoff := l.now().Add(-joinWindow)
	times := l.failures[who]
	i := 0
	for i < len(times) && times[i].Before(cutoff) {
		i++
	}
	if i == len(times) {
		delete(l.failures, who)
		return 0
	}
	l.failures[who] = times[i:]
	return len(times) - i
}

func (l *joinLimit) record(who string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures[who] = append(l.failures[who], l.now())
	if len(l.failures) > 100_000 { // a flood of addresses: forget the oldest state wholesale
		l.failures = map[string][]time.Time{who: l.failures[who]}
	}
}
