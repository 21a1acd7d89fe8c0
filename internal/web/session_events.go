package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Timing of the live counter stream.
const (
	// counterPoll re-reads the count even without a signal from this instance's hub: with
	// several instances a pupil's answer may have landed on another one.
	counterPoll = 1500 * time.Millisecond
	// streamLifetime ends a stream before the server's write timeout; the browser's
	// EventSource reconnects by itself after the retry interval.
	streamLifetime = 25 * time.Second
	// counterBurst is how long the stream waits after a signal before it reads the count:
	// a class's answers come in bursts, and the projector needs one update per burst, not one
	// per answer.
	counterBurst = 150 * time.Millisecond
)

// counterState is what the projector shows; it is sent whenever it changes.
type counterState struct {
	Count      int    `json:"count"`
	Expected   int    `json:"expected"`
	Capacity   int    `json:"capacity"`
	Status     string `json:"status"`
	Full       bool   `json:"full"`
	TurnedAway int    `json:"turned_away"`
	Text       string `json:"text"`
}

// sessionEvents streams the session's answer count to the projector as Server-Sent Events.
func (s *sessionHandlers) sessionEvents(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	release, ok := s.streams.acquire(sess.ID, currentUser(c).ID)
	if !ok {
		c.Set(fiber.HeaderRetryAfter, "5")
		return errTooManyStreams
	}
	l := s.localizer(c)
	signal, unsubscribe := s.hub.Subscribe(sess.ID)
	c.Set(fiber.HeaderContentType, "text/event-stream")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Accel-Buffering", "no")

	id := sess.ID
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer release()
		defer unsubscribe()
		end := time.After(streamLifetime)
		ticker := time.NewTicker(counterPoll)
		defer ticker.Stop()
		fmt.Fprint(w, "retry: 1000\n\n")
		var last counterState
		first := true
		for {
			state, err := s.counter(id, func(st counterState) string {
				return l.T("projector.counter", "Count", st.Count, "Expected", st.Expected)
			})
			if err != nil {
				return // the session is gone, or the store is down: the browser retries
			}
			if first || state != last {
				data, _ := json.Marshal(state)
				fmt.Fprintf(w, "event: count\ndata: %s\n\n", data)
				last, first = state, false
			} else {
				fmt.Fprint(w, ": ping\n\n") // keeps proxies from timing the stream out
			}
			if w.Flush() != nil {
				return // the projector went away
			}
			select {
			case <-signal:
				select {
				case <-time.After(counterBurst):
				case <-s.stopping:
					return
				}
			case <-ticker.C:
			case <-end:
				return
			case <-s.stopping:
				return
			}
		}
	})
	return nil
}

// counter reads a session's live state, at most a second old (from the caches).
func (s *sessionHandlers) counter(sessionID string, text func(counterState) string) (counterState, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	sess, err := s.app.LiveSession(ctx, sessionID)
	if err != nil {
		return counterState{}, err
	}
	n, err := s.app.LiveCount(ctx, sessionID)
	if err != nil {
		return counterState{}, err
	}
	st := counterState{
		Count: n, Expected: sess.ExpectedPupils, Capacity: sess.Capacity(), Status: sess.Status,
		Full: n >= sess.Capacity(), TurnedAway: sess.TurnedAway,
	}
	st.Text = text(st)
	return st, nil
}
