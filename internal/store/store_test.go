package store_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "hn-Data-") // a capital letter: the driver must not lower-case the socket path
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestEmbeddedDataSurvivesRestart(t *testing.T) {
	dir := shortTempDir(t)
	ctx := context.Background()
	day1 := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)

	s, err := store.Open(ctx, store.Options{Database: "heltnormal", DataDir: dir, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	if s.Kind != store.KindEmbedded || !strings.HasPrefix(s.URI, "mongodb://") {
		t.Errorf("kind %q, uri %q", s.Kind, s.URI)
	}
	first, err := s.EnsureInstallation(ctx, day1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(ctx, store.Options{Database: "heltnormal", DataDir: dir, Logger: quiet()})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close(ctx)
	again, err := s.EnsureInstallation(ctx, day1.AddDate(0, 0, 30))
	if err != nil {
		t.Fatal(err)
	}
	if again != first || again.CreatedDay != "2026-09-01" {
		t.Errorf("after restart got %+v, want %+v", again, first)
	}
}

func TestEmbeddedRefusesSecondServerOnSameDirectory(t *testing.T) {
	dir := shortTempDir(t)
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{Database: "heltnormal", DataDir: dir, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	_, err = store.Open(ctx, store.Options{Database: "heltnormal", DataDir: dir, Logger: quiet()})
	if err == nil || !strings.Contains(err.Error(), "another Helt Normal server is using") {
		t.Fatalf("second open: %v", err)
	}
}

func TestEmbeddedRemovesStaleSocket(t *testing.T) {
	dir := shortTempDir(t)
	// A killed server leaves its socket file behind.
	if err := os.WriteFile(filepath.Join(dir, "mongodb.sock"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{Database: "heltnormal", DataDir: dir, Logger: quiet()})
	if err != nil {
		t.Fatalf("open over stale socket: %v", err)
	}
	s.Close(ctx)
}

func TestEmbeddedRefusesTooLongDataDir(t *testing.T) {
	dir := filepath.Join(shortTempDir(t), strings.Repeat("d", 120))
	_, err := store.Open(context.Background(), store.Options{Database: "x", DataDir: dir, Logger: quiet()})
	if err == nil || !strings.Contains(err.Error(), "too long for a Unix socket path") {
		t.Fatalf("got %v", err)
	}
}

func TestFreshDatabasePerTest(t *testing.T) {
	s := storetest.New(t)
	inst, err := s.EnsureInstallation(context.Background(), time.Date(2026, 11, 2, 23, 59, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if inst.CreatedDay != "2026-11-02" || inst.SchemaVersion != store.SchemaVersion {
		t.Errorf("got %+v", inst)
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// FerretDB v1.24 looks documents up by id with an expression its own index does not match,
// so SQLite scanned every session to find one; the store adds an index it can use.
func TestReadsByIDUseAnIndexOnTheEmbeddedStore(t *testing.T) {
	st := storetest.New(t)
	if st.DataDir() == "" {
		t.Skip("MongoDB uses its _id index")
	}
	for _, coll := range []string{"sessions", "codes", "users", "tokens", "login_sessions", "summaries"} {
		plan, err := st.IDQueryPlan(context.Background(), coll)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(plan, "USING INDEX") || strings.Contains(plan, "SCAN") {
			t.Errorf("%s: SQLite's plan for a read by id is %q", coll, plan)
		}
	}
}
