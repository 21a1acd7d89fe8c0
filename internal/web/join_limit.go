package web

import (
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
)

// Unknown join codes tried per network address in one window. A class of 30 behind one
// school NAT address that mistypes a code or two each stays far below it; someone guessing
// codes gets 60 tries per 10 minutes, against about 887 million possible codes.
const (
	joinMaxUnknown = 60
	joinWindow     = 10 * time.Minute
	// joinKnownFor is how long a code that worked from an address keeps working from it
	// while the address is over the limit: a school day.
	joinKnownFor = 12 * time.Hour
)

// joinLimit refuses join attempts from an address that has tried too many unknown codes.
// Only unknown codes count: joining, answering, a closed or a full session never do. Over
// the limit, a code that already worked from the address — a pupil of the class joined with
// it, or its teacher opened the projector there — goes on working, so one pupil guessing
// codes on the school's NAT address does not keep the class out; every other code is refused
// with 429 before it is looked up, so the refusal tells a guesser nothing. The address is
// kept only as an HMAC under a key that lives in this process, and only in memory.
type joinLimit struct {
	who     func(*fiber.Ctx) string // the client, as an HMAC of its address
	unknown *throttle

	mu    sync.Mutex
	known map[string]map[string]time.Time // address → codes that worked from it → when last
}

func newJoinLimit(who func(*fiber.Ctx) string) *joinLimit {
	return &joinLimit{who: who, unknown: newThrottle(joinWindow, joinMaxUnknown, 0, 0),
		known: map[string]map[string]time.Time{}}
}

// handler wraps the join routes.
func (l *joinLimit) handler(c *fiber.Ctx) error {
	who, code := l.who(c), classroom.NormalizeCode(c.Params("code"))
	if wait := l.unknown.wait(who); wait > 0 && !l.knows(who, code) {
		retryAfter(c, wait)
		return model.Errorf(model.ECodeRateLimited, "too many unknown codes from this network; wait a few minutes and check the code on the board")
	}
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	if status == fiber.StatusNotFound {
		l.unknown.record(who)
	} else if status < fiber.StatusInternalServerError {
		l.remember(who, code)
	}
	return err
}

// remember notes that code worked from the address who: the session exists.
func (l *joinLimit) remember(who, code string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	codes := l.known[who]
	if codes == nil {
		if len(l.known) >= throttleMaxKeys {
			l.known = map[string]map[string]time.Time{}
		}
		codes = map[string]time.Time{}
		l.known[who] = codes
	}
	codes[code] = l.unknown.now()
}

// knows reports whether code worked from who within joinKnownFor.
func (l *joinLimit) knows(who, code string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	at, ok := l.known[who][code]
	if ok && l.unknown.now().Sub(at) > joinKnownFor {
		delete(l.known[who], code)
		return false
	}
	return ok
}
