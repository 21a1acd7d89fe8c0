package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// account is a staff account to create from the command line or the environment.
type account struct {
	Email        string
	Password     string
	Role         model.Role
	Municipality string // ssp and teacher: the region's spelling
	School       string // teacher: the school's name, created when missing
}

// createAccount stores a new user, creating a teacher's school in its municipality first if
// the municipality has none of that name. A taken email fails with model.ErrConflict.
func createAccount(ctx context.Context, st *store.Store, a account, now time.Time) (*model.User, error) {
	tz, err := time.LoadLocation(model.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("load time zone: %w", err)
	}
	day := model.Day(now, tz)
	u := &model.User{Email: a.Email, Role: a.Role, Municipality: a.Municipality, CreatedDay: day}
	if a.Role == model.RoleTeacher {
		sc, err := st.SchoolByName(ctx, a.Municipality, a.School)
		if errors.Is(err, model.ErrNotFound) {
			sc = &model.School{Municipality: a.Municipality, Name: a.School, CreatedDay: day}
			err = st.CreateSchool(ctx, sc)
			if errors.Is(err, model.ErrConflict) { // created meanwhile by someone else
				sc, err = st.SchoolByName(ctx, a.Municipality, a.School)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("find or create school %q: %w", a.School, err)
		}
		u.SchoolID = sc.ID
	}
	if u.PasswordHash, err = auth.HashPassword(a.Password); err != nil {
		return nil, err
	}
	if err := st.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// ensureAdmin creates the administrator named by HELTNORMAL_ADMIN_EMAIL and
// HELTNORMAL_ADMIN_PASSWORD if no user has that email. An existing user is left exactly as
// it is: restarting with another password in the environment never changes a password.
func ensureAdmin(ctx context.Context, st *store.Store, email, password string, log *slog.Logger) error {
	if email == "" {
		return nil
	}
	addr, ok := model.ParseEmail(email)
	if !ok {
		return usageError(fmt.Sprintf("HELTNORMAL_ADMIN_EMAIL=%q is not an email address", email))
	}
	existing, err := st.UserByEmail(ctx, addr)
	switch {
	case err == nil:
		if existing.Role != model.RoleAdmin {
			log.Warn("HELTNORMAL_ADMIN_EMAIL belongs to a user who is not an administrator; nothing changed", "role", existing.Role)
		}
		return nil
	case !errors.Is(err, model.ErrNotFound):
		return err
	}
	if err := auth.CheckPassword(password); err != nil {
		return usageError("HELTNORMAL_ADMIN_PASSWORD: " + err.Error())
	}
	_, err = createAccount(ctx, st, account{Email: addr, Password: password, Role: model.RoleAdmin}, time.Now())
	if errors.Is(err, model.ErrConflict) {
		return nil // another instance created it a moment ago
	}
	if err != nil {
		return fmt.Errorf("create administrator from HELTNORMAL_ADMIN_EMAIL: %w", err)
	}
	log.Info("created the administrator from HELTNORMAL_ADMIN_EMAIL")
	return nil
}

// purgeEvery is how often expired API tokens, login sessions and CSRF tokens are deleted
// (the store has no TTL indexes to do it).
const purgeEvery = time.Hour

// purgeExpiredLogins deletes expired tokens and sessions now and every purgeEvery until ctx
// ends. Expired entries are already refused when read; this only keeps the store small.
func purgeExpiredLogins(ctx context.Context, st *store.Store, log *slog.Logger) {
	tick := time.NewTicker(purgeEvery)
	defer tick.Stop()
	for {
		now := time.Now()
		_, err := st.PurgeExpired(ctx, now)
		for _, name := range []string{store.KVLoginSessions} {
			if err == nil {
				_, err = st.KV(name).Purge(ctx, now)
			}
		}
		if err != nil && ctx.Err() == nil {
			log.Warn("purge expired logins", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
