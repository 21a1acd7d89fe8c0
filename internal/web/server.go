// Package web is Helt Normal's HTTP interface: the pupil, teacher and SSP pages and the JSON
// API, on Fiber, with templates and static files embedded in the binary.
package web

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/template/html/v2"
	"github.com/valyala/fasthttp"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/cache"
	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/live"
	"github.com/heltnormal/heltnormal/internal/material"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/sso"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
	teachingmaterial "github.com/heltnormal/heltnormal/teaching-material"
)

//go:embed templates static
var assets embed.FS

// BodyLimit is the largest request body accepted; a whole survey's answers take a few KB.
const BodyLimit = 64 * 1024

// Server holds what the handlers need; every handler is a method on it.
type Server struct {
	cfg config.Config
	// app carries out what the pages and the API ask for (package app); the store is used
	// directly only for login sessions, tokens and secrets.
	app     *app.App
	store   *store.Store
	surveys *survey.Catalog
	i18n    *i18n.Catalog
	log     *slog.Logger
	fiber   *fiber.App
	hub     *live.Hub
	// material is the teaching material, rendered once at start-up (materials.go).
	material *material.Library
	tz       *time.Location // days are stored in Danish time
	// stopping is closed at shutdown so that long-lived streams (the live counter) end
	// at once instead of holding the shutdown up.
	stopping chan struct{}
	// cookies names the site's cookies (auth.go).
	cookies cookieNames
	// accounts holds login sessions, CSRF protection and the login rate limit (auth.go).
	accounts accounts
	// csrfKey signs every form's CSRF token (csrf.go).
	csrfKey []byte
	// topicsTemplate renders a survey's topics, and topics keeps fresh forms' topics
	// rendered (survey.go).
	topicsTemplate *template.Template
	topics         *cache.Cache[renderedTopics]
	// pagesWait makes survey pages wait while answers are sent (answers_first.go).
	pagesWait answersFirst
	// joinLimit slows down guessing of join codes (join_limit.go).
	joinLimit *joinLimit
	// proxies are the trusted reverse proxies, for the client's address (client_address.go).
	proxies trustedProxies
	// pupilTraffic counts pupils' requests, logged once a minute (pupil_traffic.go).
	pupilTraffic pupilTraffic
	// streams caps the live counter streams (session_streams.go).
	streams streamSlots
	// sso is staff single sign-on, nil when not configured (login_oidc.go).
	sso *sso.Client
}

// New builds the server and parses every template, so a broken template stops the start-up.
func New(cfg config.Config, a *app.App, st *store.Store, loc *i18n.Catalog, log *slog.Logger) (*Server, error) {
	tz, err := time.LoadLocation(model.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("load time zone: %w", err)
	}
	s := &Server{cfg: cfg, app: a, store: st, surveys: a.Surveys(), i18n: loc, log: log,
		hub: a.Hub, tz: tz, cookies: newCookieNames(cfg.SecureCookies), stopping: make(chan struct{}), pagesWait: newAnswersFirst(),
		topics: cache.New[renderedTopics](500)} // more topic lists than a region uses at once

	templates, err := fs.Sub(assets, "templates")
	if err != nil {
		return nil, err
	}
	views := html.NewFileSystem(http.FS(templates), ".html")
	if err := views.Load(); err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	if s.topicsTemplate = views.Templates.Lookup("survey_topics"); s.topicsTemplate == nil {
		return nil, errors.New("parse templates: survey_topics is missing")
	}

	s.fiber = fiber.New(fiber.Config{
		AppName:               "Helt Normal",
		Views:                 views,
		ViewsLayout:           "layouts/base",
		ErrorHandler:          s.handleError,
		BodyLimit:             BodyLimit,
		ReadTimeout:           10 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           60 * time.Second,
		DisableStartupMessage: true,
		// Behind a reverse proxy the client's address comes from X-Forwarded-For, but only
		// from the proxies named in HELTNORMAL_TRUSTED_PROXIES (rate limits key on it).
		ProxyHeader:             proxyHeader(cfg),
		EnableTrustedProxyCheck: len(cfg.TrustedProxies) > 0,
		EnableIPValidation:      true,
		TrustedProxies:          cfg.TrustedProxies,
		// Handlers keep strings past the request (sessions, logs); immutable copies are
		// simpler than remembering utils.CopyString at every one of them.
		Immutable: true,
	})
	if err := s.setupAccounts(); err != nil {
		return nil, err
	}
	if err := s.setupSSO(); err != nil {
		return nil, fmt.Errorf("single sign-on: %w", err)
	}
	if s.material, err = material.Load(teachingmaterial.FS); err != nil {
		return nil, fmt.Errorf("teaching material: %w", err)
	}
	if err := s.loadCSRFKey(); err != nil {
		return nil, fmt.Errorf("form token key: %w", err)
	}
	if s.proxies, err = parseTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	s.joinLimit = newJoinLimit(s.clientKey)
	s.routes()
	s.prepareRender(views.Templates)
	go s.pupilTraffic.report(s.stopping, log)
	return s, nil
}

// prepareRender does before serving what the first page views would otherwise do lazily, and
// race on when they come at once:
//   - Fiber builds the app's list of mounted-app keys on its first Render (fiber v2.52
//     mount.go); rendering the unnamed template builds them and renders nothing;
//   - html/template escapes a template on its first Execute, adding escaped copies of the
//     templates it calls to the set that other pages are reading; executing each template
//     once here (into nothing, with no data: only the escaping matters) does all of it now.
func (s *Server) prepareRender(templates *template.Template) {
	c := s.fiber.AcquireCtx(&fasthttp.RequestCtx{})
	defer s.fiber.ReleaseCtx(c)
	_ = c.Render("", nil)
	for _, t := range templates.Templates() {
		_ = t.Execute(io.Discard, nil)
	}
}

// proxyHeader names the header with the client's address when proxies are trusted.
func proxyHeader(cfg config.Config) string {
	if len(cfg.TrustedProxies) == 0 {
		return ""
	}
	return fiber.HeaderXForwardedFor
}

// App is the Fiber application, for tests (app.Test) and for serving.
func (s *Server) App() *fiber.App { return s.fiber }

// Serve answers requests on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error { return s.fiber.Listener(ln) }

// Shutdown stops accepting requests and waits up to grace for those in flight.
func (s *Server) Shutdown(grace time.Duration) error {
	close(s.stopping)
	return s.fiber.ShutdownWithTimeout(grace)
}
