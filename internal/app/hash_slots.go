package app

import (
	"context"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
)

// A password check costs argon2id's memory (32 MiB) and tens of milliseconds of a core.
// Unbounded, a flood of logins with random emails took the server to 3.3 GB and held pupils'
// answers up for seconds (issue 16). At most one check per core runs at once; the others wait
// up to hashWait for a place and are then told to come back.
const hashWait = 2 * time.Second

// ErrBusy refuses a password check when every place is taken for hashWait: the server is
// answering a flood of logins; the caller should try again in a moment.
var ErrBusy = model.Errorf(model.ECodeUnavailable, "too many logins are being checked right now; try again in a few seconds")

// hashing runs f in one of the password-check places, or returns ErrBusy.
func (a *App) hashing(ctx context.Context, f func() error) error {
	wait := time.NewTimer(hashWait)
	defer wait.Stop()
	select {
	case a.hashSlots <- struct{}{}:
	case <-wait.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-a.hashSlots }()
	return f()
}
