package live

import (
	"testing"
	"time"
)

func TestPublishReachesOnlyThatSession(t *testing.T) {
	h := NewHub()
	a, unsubA := h.Subscribe("a")
	b, unsubB := h.Subscribe("b")
	defer unsubB()
	h.Publish("a")
	select {
	case <-a:
	case <-time.After(time.Second):
		t.Fatal("listener of a got no signal")
	}
	select {
	case <-b:
		t.Fatal("listener of b got a's signal")
	default:
	}
	unsubA()
	if h.Listeners() != 1 {
		t.Errorf("listeners = %d after unsubscribe, want 1", h.Listeners())
	}
}

func TestSignalsCoalesceForSlowListeners(t *testing.T) {
	h := NewHub()
	ch, unsub := h.Subscribe("s")
	defer unsub()
	for i := 0; i < 100; i++ {
		h.Publish("s") // must never block
	}
	<-ch
	select {
	case <-ch:
		t.Fatal("a backlog of signals built up")
	default:
	}
}
