// Package webtest is the test kit of the HTTP tests: one way to build a server on a fresh
// database of the real store, with the shipped surveys and locales, a cheap password hasher
// and the settings a test names.
package webtest

import (
	"io"
	"log/slog"
	"testing"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/web"
	"github.com/heltnormal/heltnormal/locales"
	"github.com/heltnormal/heltnormal/surveys"
)

// FastHasher keeps password hashing cheap in tests; production uses auth.DefaultHasher.
var FastHasher = auth.Hasher{Memory: 64, Time: 1, Threads: 1}

// Catalog is the shipped surveys plus extra.
func Catalog(t testing.TB, extra ...*survey.Survey) *survey.Catalog {
	t.Helper()
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := survey.NewCatalog(append(all, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	return catalog
}

// Locales is the shipped message files.
func Locales(t testing.TB) *i18n.Catalog {
	t.Helper()
	loc, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Config is the configuration with settings from vars (environment variable → value).
func Config(t testing.TB, vars map[string]string) config.Config {
	t.Helper()
	cfg, err := config.Load(nil, func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// App builds the use-cases on st as the server does, from cfg.
func App(t testing.TB, cfg config.Config, st *store.Store, catalog *survey.Catalog, loc *i18n.Catalog, log *slog.Logger) *app.App {
	t.Helper()
	a, err := app.FromConfig(cfg, st, catalog, loc, log, FastHasher)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Server builds a server on st — a fresh store (storetest.New), or another server's for a
// second or restarted app instance — with the shipped surveys plus extra, settings from
// vars, and its log written to logs.
func Server(t testing.TB, st *store.Store, vars map[string]string, logs io.Writer, extra ...*survey.Survey) (*web.Server, *survey.Catalog) {
	t.Helper()
	catalog := Catalog(t, extra...)
	loc := Locales(t)
	cfg := Config(t, vars)
	log := slog.New(slog.NewTextHandler(logs, nil))
	s, err := web.New(cfg, App(t, cfg, st, catalog, loc, log), st, loc, log)
	if err != nil {
		t.Fatal(err)
	}
	return s, catalog
}
