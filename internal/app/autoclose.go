package app

import (
	"cmp"
	"context"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// Lifecycle says when an open session closes itself: at a time of day on the day it opened,
// or a while after it opened, whichever comes first. A session nobody closes would never
// reach the SSP consultants' comparisons; closed by itself, it is closed as by its teacher,
// with its summary.
type Lifecycle struct {
	CloseAt int           // minutes after local midnight (16:00 = 960); -1: no time of day
	MaxOpen time.Duration // zero: 24 hours
}

// closeBy is the deadline of a session opened (or re-opened) at now.
func (a *App) closeBy(now time.Time) time.Time {
	deadline := now.Add(cmp.Or(a.lifecycle.MaxOpen, 24*time.Hour))
	if a.lifecycle.CloseAt >= 0 {
		local := now.In(a.tz)
		at := time.Date(local.Year(), local.Month(), local.Day(), 0, a.lifecycle.CloseAt, 0, 0, a.tz)
		if at.After(now) && at.Before(deadline) {
			deadline = at
		}
	}
	return deadline.UTC().Truncate(time.Second) // as the store gives it back
}

// Deadline is when an open session closes itself. Sessions made before deadlines were
// stored close at the time of day on their day, or at the end of their day plus MaxOpen.
func (a *App) Deadline(sess *model.Session) time.Time {
	if !sess.CloseBy.IsZero() {
		return sess.CloseBy
	}
	day, err := time.ParseInLocation(time.DateOnly, sess.CreatedDay, a.tz)
	if err != nil {
		return time.Time{} // no day: close it now
	}
	if a.lifecycle.CloseAt >= 0 {
		return day.Add(time.Duration(a.lifecycle.CloseAt) * time.Minute)
	}
	return day.AddDate(0, 0, 1).Add(cmp.Or(a.lifecycle.MaxOpen, 24*time.Hour))
}

// CloseOverdue closes, with their summaries, the open sessions whose deadline has passed at
// now, and returns how many it closed. The server calls it every minute or so.
func (a *App) CloseOverdue(ctx context.Context, now time.Time) (int, error) {
	open, err := a.store.ListSessions(ctx, store.SessionFilter{Status: model.StatusOpen})
	if err != nil {
		return 0, err
	}
	closed := 0
	for i := range open {
		if now.Before(a.Deadline(&open[i])) {
			continue
		}
		if _, err := a.Close(ctx, &open[i]); err != nil {
			return closed, err
		}
		closed++
	}
	return closed, nil
}
