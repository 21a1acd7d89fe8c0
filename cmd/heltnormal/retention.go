package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/store"
)

// retentionEvery is how often raw answers past the retention period are looked for.
const retentionEvery = 6 * time.Hour

// deleteOldResponses deletes the raw answers of sessions older than days, now and every
// retentionEvery until ctx ends (privacy rule 6). Each session's summary, already counted
// and protected by the privacy rules when shown, stays for comparisons over the years.
func deleteOldResponses(ctx context.Context, st *store.Store, days int, log *slog.Logger) {
	tick := time.NewTicker(retentionEvery)
	defer tick.Stop()
	for {
		cutoff := time.Now().AddDate(0, 0, -days).Format(time.DateOnly)
		n, err := st.DeleteResponsesBefore(ctx, cutoff)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("delete raw answers past retention", "err", err)
		case n > 0:
			log.Info("deleted raw answers past retention", "sessions", n, "before", cutoff)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// closeOverdueSessions closes the open sessions past their deadline (app.Lifecycle), at
// every, until ctx ends.
func closeOverdueSessions(ctx context.Context, a *app.App, every time.Duration, log *slog.Logger) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		n, err := a.CloseOverdue(ctx, time.Now())
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("close sessions past their time", "err", err)
		case n > 0:
			log.Info("closed sessions past their time", "sessions", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// closeCheckEvery is how often open sessions are checked against their deadlines: a minute,
// or more often when sessions are kept open for less than ten minutes (tests).
func closeCheckEvery(maxOpen time.Duration) time.Duration {
	return min(max(maxOpen/10, time.Second), time.Minute)
}
