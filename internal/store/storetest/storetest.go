// Package storetest gives tests a real, empty database: on MongoDB when MONGODB_URI is set,
// otherwise on one embedded FerretDB store shared by the test binary. Each call gets a database
// of its own that is dropped when the test ends.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"

	"github.com/heltnormal/heltnormal/internal/store"
)

var (
	shared     *store.Store
	sharedErr  error
	sharedOnce sync.Once
)

// New returns a store on a fresh database, dropped at the end of the test.
func New(t testing.TB) *store.Store {
	t.Helper()
	sharedOnce.Do(func() {
		opts := store.Options{
			URI:      os.Getenv("MONGODB_URI"),
			Database: "heltnormal_test",
			Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		}
		if opts.URI == "" {
			opts.DataDir, sharedErr = os.MkdirTemp("", "hn-store-")
			if sharedErr != nil {
				return
			}
		}
		shared, sharedErr = store.Open(context.Background(), opts)
	})
	if sharedErr != nil {
		t.Fatalf("open test store: %v", sharedErr)
	}
	s, err := shared.WithDatabase(context.Background(), "hn_test_"+randomSuffix())
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Drop(context.Background()); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return s
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
