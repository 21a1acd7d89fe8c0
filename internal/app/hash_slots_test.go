package app

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestPasswordChecksAreBounded: no more password checks run at once than there are places,
// and a check that finds no place within hashWait is refused with ErrBusy (503), so a login
// flood cannot take the server's memory or its cores from the pupils.
func TestPasswordChecksAreBounded(t *testing.T) {
	a := &App{hashSlots: make(chan struct{}, 2)}
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := a.hashing(context.Background(), func() error {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(20 * time.Millisecond)
				running.Add(-1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if most.Load() > 2 {
		t.Errorf("%d checks ran at once with 2 places", most.Load())
	}

	a.hashSlots <- struct{}{}
	a.hashSlots <- struct{}{}
	start := time.Now()
	if err := a.hashing(context.Background(), func() error { return nil }); !errors.Is(err, ErrBusy) || time.Since(start) < hashWait {
		t.Errorf("with every place taken: %v after %v, want ErrBusy after %v", err, time.Since(start), hashWait)
	}
	<-a.hashSlots
	if err := a.hashing(context.Background(), func() error { return nil }); err != nil {
		t.Errorf("with a place free: %v", err)
	}
}
