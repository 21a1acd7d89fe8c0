package main

import (
	"context"
	"log/slog"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/locales"
)

// parts are what the server and the commands that change data are built from.
type parts struct {
	surveys *survey.Catalog
	locales *i18n.Catalog
	store   *store.Store
	app     *app.App
}

// open loads the surveys and the locales, opens the store cfg names and builds the
// use-cases on it. The caller closes p.store.
func open(ctx context.Context, cfg config.Config, log *slog.Logger) (*parts, error) {
	catalog, err := loadSurveys(cfg.SurveysDir)
	if err != nil {
		return nil, err
	}
	loc, err := i18n.Load(locales.FS)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, store.Options{URI: cfg.MongoURI, Database: cfg.Database, DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return nil, err
	}
	a, err := newApp(cfg, st, catalog, loc, log)
	if err != nil {
		st.Close(context.Background())
		return nil, err
	}
	return &parts{surveys: catalog, locales: loc, store: st, app: a}, nil
}

// newApp builds the use-cases on st, as the server and every command that changes data do.
func newApp(cfg config.Config, st *store.Store, catalog *survey.Catalog, loc *i18n.Catalog, log *slog.Logger) (*app.App, error) {
	return app.FromConfig(cfg, st, catalog, loc, log, auth.DefaultHasher())
}
