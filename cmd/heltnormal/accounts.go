package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// account is a staff account to create from the command line.
type account struct {
	Email        string
	Password     string
	Role         model.Role
	Municipality string // ssp and teacher: the reference spelling
	School       string // teacher: the school's name, created when missing
	Region       string // coordinator: the region's key
	Cluster      string // coordinator of one of the region's clusters
}

// createAccount stores a new account through the same rules as the admin page and the API
// (app.AddAccount), with their messages in English.
func createAccount(ctx context.Context, a *app.App, loc *i18n.Catalog, acc account) (*model.User, error) {
	in := app.NewUser{Email: acc.Email, Password: acc.Password, Role: acc.Role, Municipality: acc.Municipality,
		Region: acc.Region, Cluster: acc.Cluster}
	u, err := a.AddAccount(ctx, in, acc.School, loc.Localizer("en"))
	var invalid *model.Error
	if errors.As(err, &invalid) && invalid.Code == model.ECodeInvalid {
		var lines []string
		for field, problem := range invalid.Fields {
			lines = append(lines, field+": "+problem)
		}
		slices.Sort(lines)
		return nil, fmt.Errorf("%s\n%s", invalid.Message, strings.Join(lines, "\n"))
	}
	return u, err
}

// ensureAdmin creates the administrator named by HELTNORMAL_ADMIN_EMAIL and
// HELTNORMAL_ADMIN_PASSWORD if no user has that email. An existing user is left exactly as
// it is: restarting with another password in the environment never changes a password.
func ensureAdmin(ctx context.Context, a *app.App, st *store.Store, loc *i18n.Catalog, email, password string, log *slog.Logger) error {
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
	_, err = createAccount(ctx, a, loc, account{Email: addr, Password: password, Role: model.RoleAdmin})
	if model.ErrorCode(err) == model.ECodeConflict {
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
		for _, name := range []string{store.KVLoginSessions, store.KVPasswordResets} {
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
