package faulttest

import (
	"os"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/store"
)

// TestKillNineWhilePupilsSubmit kills the server with SIGKILL while a year group submits,
// starts it again on the same data directory and port, and lets the pupils' retries finish.
// Every answer acknowledged before or after the kill must be in the store, and every class
// must end with exactly one response per pupil: nothing lost, nothing counted twice.
//
// The short run (4 classes × 25 pupils) is part of `go test ./...`; HN_FULL_FAULT=1 runs
// 20 classes × 25 = 500 pupils (make bench).
func TestKillNineWhilePupilsSubmit(t *testing.T) {
	classes, perClass, spread := 4, 25, 3*time.Second
	if os.Getenv("HN_FULL_FAULT") == "1" {
		classes, spread = 20, 8*time.Second
	}
	srv := newServer(t)
	firstStart := srv.start()
	teacher, sessions, sv := setUpClasses(t, srv.url(), classes, perClass)
	pupils := newPupils(sessions, perClass, sv)

	// The pupils submit in the background; this goroutine kills and restarts the server
	// once a third of them are acknowledged, at a moment when a request is on its way — or,
	// should that moment not come, once two thirds are.
	var prog progress
	ctx := waitCtx(t, 5*time.Minute)
	done := make(chan struct{})
	began := time.Now()
	go func() {
		defer close(done)
		run(ctx, srv.url(), pupils, spread, &prog)
	}()
	killAt := int64(len(pupils) / 3)
	ready := func() bool {
		acked, inFlight := prog.acked.Load(), prog.inFlight.Load()
		return acked >= killAt && (inFlight >= 1 || acked >= 2*killAt)
	}
	for !ready() {
		select {
		case <-done:
			t.Fatalf("every pupil finished before the kill (acknowledged %d)", prog.acked.Load())
		case <-time.After(time.Millisecond):
		}
	}
	ackedAtKill, inFlightAtKill := prog.acked.Load(), prog.inFlight.Load()
	killedAt := time.Now()
	srv.kill()
	startTime := srv.start()
	downtime := time.Since(killedAt)
	<-done
	took := time.Since(began)

	// Every acknowledged answer is in the store: read them back straight from it, through
	// the socket the running server's embedded store listens on.
	st, err := store.ConnectEmbedded(ctx, srv.dataDir, "heltnormal", 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	var stored, ackedBeforeKill, storedBeforeKill int
	for _, p := range pupils {
		if !p.acked {
			continue
		}
		before := p.ackedAt.Before(killedAt)
		if before {
			ackedBeforeKill++
		}
		if _, err := st.ResponseBySubmission(ctx, p.session.ID, p.submissionID); err != nil {
			t.Errorf("acknowledged answer %s (status %d, %s the kill) is not stored: %v",
				p.submissionID, p.ackStatus, map[bool]string{true: "before", false: "after"}[before], err)
			continue
		}
		stored++
		if before {
			storedBeforeKill++
		}
	}
	checkEveryPupilCounted(t, teacher, sessions, perClass, pupils)

	f := sum(pupils)
	t.Logf("kill -9 with %d pupils (%d classes × %d) submitting over %s:", f.pupils, classes, perClass, spread)
	t.Logf("  killed after %d acknowledged, %d requests in flight; first start %s, restart %s (kill to healthy %s)",
		ackedAtKill, inFlightAtKill, firstStart.Round(time.Millisecond), startTime.Round(time.Millisecond), downtime.Round(time.Millisecond))
	t.Logf("  acknowledged %d of %d (%d before the kill), stored %d of those (%d of the ones before the kill)",
		f.acked, f.pupils, ackedBeforeKill, stored, storedBeforeKill)
	t.Logf("  requests %d, pupils who retried %d, network errors %d, 5xx/429 %d, acknowledged as already stored %d; all done in %s",
		f.attempts, f.retried, f.netErrors, f.serverErrors, f.ackedAsRepeat, took.Round(time.Millisecond))
	if f.retried == 0 {
		t.Error("no pupil had to retry: the kill did not hit the submissions")
	}
}
