package web

import (
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

func TestJoinLimitForgetsAfterTheWindow(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	l := newJoinLimit(func(*fiber.Ctx) string { return "a" })
	l.now = func() time.Time { return now }
	for i := 0; i < joinMaxUnknown; i++ {
		l.record("a")
	}
	if got := l.recent("a"); got != joinMaxUnknown {
		t.Fatalf("recent = %d", got)
	}
	now = now.Add(joinWindow - time.Second)
	if got := l.recent("a"); got != joinMaxUnknown {
		t.Errorf("forgot too early: %d", got)
	}
	now = now.Add(2 * time.Second)
	if got := l.recent("a"); got != 0 {
		t.Errorf("still remembers %d failures after the window", got)
	}
	if len(l.failures) != 0 {
		t.Errorf("state kept for an address with no recent failures")
	}
}
