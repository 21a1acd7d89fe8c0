package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/demo"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

const demoUsage = "usage: heltnormal demo [--sessions N] [--pupils P] [--survey ID] [--follow-up SHARE] [--seed N]"

// demoData fills a store with invented schools in every municipality of the region and
// closed class sessions with answers, so the dashboards can be tried out (and shown) without
// real pupils. The baseline was held ten weeks ago (at most back to the school year's first
// day); a share of the classes answered the follow-up today. It refuses a store that already has schools: demo data must never mix with
// real data.
func demoData(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	sessions := fs.Int("sessions", 400, "closed class sessions to make")
	pupils := fs.Int("pupils", 22, "answers per session")
	surveyID := fs.String("survey", "jeg-er-helt-normal-7-9", "survey the classes answered")
	followUp := fs.Float64("follow-up", 0.3, "share of the classes that answer again in the follow-up wave (0 to 1)")
	seed := fs.Uint64("seed", 0, "same seed, same data (0: a new seed each run)")
	own, settings := splitFlags(args, fs)
	if err := fs.Parse(own); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(demoUsage)
	}
	if *sessions < 1 || *pupils < 1 || *pupils > 40 || *followUp < 0 || *followUp > 1 {
		return usageError("--sessions must be at least 1, --pupils between 1 and 40 and --follow-up between 0 and 1")
	}
	cfg, err := config.Load(settings, e.getenv)
	if err != nil {
		return usageError(err.Error())
	}
	catalog, err := loadSurveys(cfg.SurveysDir)
	if err != nil {
		return err
	}
	sv, ok := catalog.Latest(*surveyID)
	if !ok {
		return usageError(fmt.Sprintf("unknown survey %q", *surveyID))
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := store.Open(ctx, store.Options{URI: cfg.MongoURI, Database: cfg.Database, DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	existing, err := st.ListSchools(ctx, "")
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return fmt.Errorf("the store already has %d schools; demo data goes only into an empty store", len(existing))
	}
	start := time.Now()
	if *seed == 0 {
		*seed = uint64(start.UnixNano())
	}
	today := start.Truncate(24 * time.Hour)
	year := model.SchoolYear(today)
	firstDay, _ := time.Parse(time.DateOnly, year[:4]+"-08-01")
	baseline := today.AddDate(0, 0, -70)
	if baseline.Before(firstDay) {
		baseline = firstDay
	}
	c, err := demo.Region(ctx, st, sv, demo.Options{
		Sessions: *sessions, PupilsPerSession: *pupils, SchoolsPerMunicipality: 3,
		SchoolYear: year, Day: baseline.Format(time.DateOnly), Seed: *seed,
		FollowUpShare: *followUp, FollowUpDay: today.Format(time.DateOnly),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "made %d schools, %d closed sessions and %d responses of %s, and %d follow-up sessions with %d responses, in %s\n",
		c.Schools, c.Sessions, c.Responses, sv.Key(), c.FollowUps, c.FollowUpResponses, time.Since(start).Round(time.Millisecond))
	return nil
}
