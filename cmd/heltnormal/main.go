// Command heltnormal runs the Helt Normal server and its maintenance commands.
//
//	heltnormal [serve] [flags]          run the server (the default)
//	heltnormal survey check [FILE...]   validate survey files
//	heltnormal health [-url URL]        exit 0 when a running server is healthy
//	heltnormal backup DIR               copy the embedded store while the server runs
//	heltnormal restore [--replace] DIR  put a backup in place (server stopped)
//	heltnormal user add --email E ...   create a staff account (password on stdin)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // days are Danish days, also in images without a zoneinfo database

	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/web"
	"github.com/heltnormal/heltnormal/surveys"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], env{os.Getenv, os.Stdin, os.Stdout, os.Stderr}))
}

// env is what a command gets from the outside world; tests pass their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// run dispatches a sub-command and returns the process exit code.
func run(ctx context.Context, args []string, e env) int {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, args, e, nil)
	case "survey":
		if len(args) == 0 || args[0] != "check" {
			err = usageError("usage: heltnormal survey check [FILE...]")
			break
		}
		err = surveyCheck(args[1:], e)
	case "bench":
		err = bench(ctx, args, e)
	case "demo":
		err = demoData(ctx, args, e)
	case "health":
		err = health(ctx, args, e)
	case "backup":
		err = backup(ctx, args, e)
	case "restore":
		err = restore(ctx, args, e)
	case "user":
		if len(args) == 0 || args[0] != "add" {
			err = usageError(userAddUsage)
			break
		}
		err = userAdd(ctx, args[1:], e)
	case "help", "-h", "--help":
		printUsage(e.stdout)
		return exitOK
	default:
		err = usageError(fmt.Sprintf("unknown command %q (try: heltnormal help)", cmd))
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		printUsage(e.stdout)
		return exitOK
	case errors.As(err, new(usageError)):
		fmt.Fprintln(e.stderr, "heltnormal:", err)
		return exitUsage
	case errors.As(err, new(silentError)):
		return exitError
	default:
		fmt.Fprintln(e.stderr, "heltnormal:", err)
		return exitError
	}
}

// usageError is a mistake in the command line or settings.
type usageError string

func (u usageError) Error() string { return string(u) }

// silentError is a failure already reported on stderr.
type silentError struct{}

func (silentError) Error() string { return "failed" }

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Helt Normal: anonymous social-norms surveys for school classes.

Usage:
  heltnormal [serve] [flags]          run the server (default)
  heltnormal survey check [FILE...]   validate survey files (all of surveys/ when none is given)
  heltnormal health [-url URL]        ask a running server whether it is healthy (exit 0 or 1)
  heltnormal backup DIR               copy the embedded store into DIR (new or empty) while
                                      the server runs; the copy is a data directory
  heltnormal restore [--replace] DIR  put a backup in place of the embedded store (server
                                      stopped); MongoDB: use mongodump and mongorestore
  heltnormal demo [--sessions N]      fill an empty store with invented schools and classes
  heltnormal bench [--classes C] [--pupils P] [--json]
                                      classes × pupils answering at once; prints the figures
  heltnormal user add --email E --role admin|ssp|teacher [--municipality NAME] [--school NAME]
                                      create a staff account; the password is the first line
                                      of standard input (a teacher's school is created if missing)
  heltnormal help                     this text

`)
	config.Usage(w)
}

// serve runs the server until ctx ends. ready, when not nil, receives the listening address.
func serve(ctx context.Context, args []string, e env, ready chan<- string) error {
	cfg, err := config.Load(args, e.getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))

	p, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	catalog, loc, st, application := p.surveys, p.locales, p.store, p.app
	defer st.Close(context.Background())
	if st.Kind == store.KindEmbedded {
		log.Info("store: embedded (FerretDB, SQLite)", "dir", cfg.DataDir, "uri", st.URI)
	} else {
		log.Info("store: mongodb", "database", cfg.Database)
	}
	inst, err := st.EnsureInstallation(ctx, time.Now())
	if err != nil {
		return err
	}
	if err := ensureAdmin(ctx, application, st, loc, cfg.AdminEmail, cfg.AdminPassword, log); err != nil {
		return err
	}
	go purgeExpiredLogins(ctx, st, log)
	go deleteOldResponses(ctx, st, cfg.RetentionDays, log)
	go closeOverdueSessions(ctx, application, closeCheckEvery(cfg.MaxOpen), log)
	go func() {
		if err := application.WarmUp(ctx); err != nil && ctx.Err() == nil {
			log.Warn("read the summaries ahead", "err", err)
		}
	}()

	srv, err := web.New(cfg, application, st, loc, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	log.Info("listening", "url", "http://"+ln.Addr().String(), "surveys", len(catalog.List()),
		"languages", strings.Join(loc.Languages(), ","), "installed", inst.CreatedDay)
	if ready != nil {
		ready <- ln.Addr().String()
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", cfg.ShutdownGrace)
	if err := srv.Shutdown(cfg.ShutdownGrace); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// loadSurveys reads the embedded surveys and, when dir is set, a municipality's own.
func loadSurveys(dir string) (*survey.Catalog, error) {
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		return nil, err
	}
	if dir != "" {
		extra, err := survey.ParseDir(dir)
		if err != nil {
			return nil, err
		}
		all = append(all, extra...)
	}
	return survey.NewCatalog(all...)
}
