// Package app holds Helt Normal's use-cases: what a pupil, a teacher, an SSP consultant and an
// administrator do, with the rules that govern each — submitting answers, a session's life
// from creation to deletion, accounts, loading results and comparisons with every privacy
// rule applied, and the campaign. It knows nothing of HTTP: the web package and the command
// line call the same functions, so no rule exists twice.
package app

import (
	"cmp"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/cache"
	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/live"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Deps is what the use-cases are built from.
type Deps struct {
	Store   *store.Store
	Surveys *survey.Catalog
	Log     *slog.Logger
	// Rules are the privacy thresholds from the configuration.
	Rules results.Rules
	// PupilLanguages are the languages pupils may answer in.
	PupilLanguages []string
	// Hasher sets the cost of new password hashes; zero means auth.DefaultHasher.
	Hasher auth.Hasher
	// HashSlots bounds the password checks that run at once; zero means one per core.
	HashSlots int
	// Lifecycle says when open sessions close themselves (autoclose.go).
	Lifecycle Lifecycle
}

// App carries out the use-cases. One App serves the whole process; it is safe for
// concurrent use.
type App struct {
	store          *store.Store
	surveys        *survey.Catalog
	log            *slog.Logger
	rules          results.Rules
	pupilLanguages []string
	hasher         auth.Hasher
	dummyHash      string // checked when an email is unknown, so timing reveals nothing
	hashSlots      chan struct{}
	tz             *time.Location
	lifecycle      Lifecycle
	// Hub tells each session's projectors that its counter or status changed.
	Hub *live.Hub
	// localHelp holds each municipality's help line for the thank-you page (local_help.go).
	localHelp *cache.Cache[*model.LocalHelp]
	// classrooms serve pupils and projectors: cached sessions and counts, and the answer
	// writers (sessions_live.go, counts.go, answer_queue.go).
	*classrooms
}

// New builds the use-cases; it fails at start-up rather than mid-request.
func New(d Deps) (*App, error) {
	tz, err := time.LoadLocation(model.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("load time zone: %w", err)
	}
	a := &App{
		store: d.Store, surveys: d.Surveys, log: d.Log, rules: d.Rules, pupilLanguages: d.PupilLanguages,
		hasher: d.Hasher, tz: tz, Hub: live.NewHub(), lifecycle: d.Lifecycle, localHelp: cache.New[*model.LocalHelp](200),
		hashSlots: make(chan struct{}, cmp.Or(d.HashSlots, runtime.NumCPU())),
	}
	if a.hasher == (auth.Hasher{}) {
		a.hasher = auth.DefaultHasher()
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	a.classrooms = newClassrooms(a.store, a.log, a.Hub)
	dummy, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	if a.dummyHash, err = a.hasher.Hash(dummy); err != nil {
		return nil, err
	}
	return a, nil
}

// Rules are the privacy thresholds every figure is protected by.
func (a *App) Rules() results.Rules { return a.rules }

// Surveys are the installed survey versions.
func (a *App) Surveys() *survey.Catalog { return a.surveys }

// PupilLanguages are the languages pupils may answer in.
func (a *App) PupilLanguages() []string { return a.pupilLanguages }

// Today is the current day in Danish time, as days are stored.
func (a *App) Today() string { return model.Day(time.Now(), a.tz) }

// Now is the current time in Danish time.
func (a *App) Now() time.Time { return time.Now().In(a.tz) }

// FromConfig builds the use-cases as the server runs them: the privacy rules from cfg, the
// pupils' languages from the locales. The server, the commands and the tests all start here.
func FromConfig(cfg config.Config, st *store.Store, surveys *survey.Catalog, loc *i18n.Catalog, log *slog.Logger, hasher auth.Hasher) (*App, error) {
	closeAt, err := cfg.CloseAtMinutes()
	if err != nil {
		return nil, err
	}
	return New(Deps{
		Store: st, Surveys: surveys, Log: log, Hasher: hasher,
		Rules:          results.Rules{MinGroup: cfg.MinGroup, MinSensitive: cfg.MinSensitive},
		PupilLanguages: loc.AreaLanguages("pupil"),
		Lifecycle:      Lifecycle{CloseAt: closeAt, MaxOpen: cfg.MaxOpen},
	})
}
