package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/bson"

	"github.com/heltnormal/heltnormal/internal/store"
)

// The whole round from the command line: a store with a school year's answers is backed up
// while its server runs, the server stops, and the backup is restored into a new data
// directory, from which a server starts with every answer.
func TestBackupWhileServingAndRestoreKeepEveryAnswer(t *testing.T) {
	live, restored := t.TempDir(), t.TempDir()
	e, _, stderr := testEnv(map[string]string{"HELTNORMAL_DATA_DIR": live})
	if code := run(context.Background(), []string{"demo", "--sessions", "12", "--pupils", "20", "--follow-up", "0"}, e); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	_, _, stop := startServe(t, map[string]string{"HELTNORMAL_DATA_DIR": live, "HELTNORMAL_ADDR": "127.0.0.1:0"})
	dest := filepath.Join(t.TempDir(), "backup")
	e, stdout, stderr := testEnv(map[string]string{"HELTNORMAL_DATA_DIR": live})
	if code := run(context.Background(), []string{"backup", dest}, e); code != exitOK || !strings.Contains(stdout.String(), "backed up") {
		t.Fatalf("backup while serving: exit %d: %s %s", code, stdout, stderr)
	}
	e, _, stderr = testEnv(map[string]string{"HELTNORMAL_DATA_DIR": live})
	if code := run(context.Background(), []string{"restore", "--replace", dest}, e); code != exitError || !strings.Contains(stderr.String(), "another Helt Normal server") {
		t.Errorf("restore over the running server: exit %d: %s", code, stderr)
	}
	stop()

	e, stdout, stderr = testEnv(map[string]string{"HELTNORMAL_DATA_DIR": restored})
	if code := run(context.Background(), []string{"restore", dest}, e); code != exitOK {
		t.Fatalf("restore: exit %d: %s %s", code, stdout, stderr)
	}
	if got, want := countAnswers(t, restored), countAnswers(t, live); got != want || got != 12*20 {
		t.Errorf("answers after restore: %d, in the original %d, want %d", got, want, 12*20)
	}
	_, _, stop = startServe(t, map[string]string{"HELTNORMAL_DATA_DIR": restored, "HELTNORMAL_ADDR": "127.0.0.1:0"})
	stop()
}

func TestBackupExplainsItself(t *testing.T) {
	for _, tt := range []struct {
		args []string
		vars map[string]string
		want string
	}{
		{[]string{"backup"}, nil, "usage: heltnormal backup DIR"},
		{[]string{"restore"}, nil, "usage: heltnormal restore"},
		{[]string{"backup", t.TempDir()}, map[string]string{"MONGODB_URI": "mongodb://db.example:27017"}, "mongodump"},
		{[]string{"backup", t.TempDir()}, map[string]string{"HELTNORMAL_DATA_DIR": t.TempDir()}, "holds no database"},
	} {
		e, _, stderr := testEnv(tt.vars)
		if code := run(context.Background(), tt.args, e); code == exitOK || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, %q; want %q", tt.args, code, stderr, tt.want)
		}
	}
	e, stdout, _ := testEnv(nil)
	run(context.Background(), []string{"help"}, e)
	for _, want := range []string{"heltnormal backup DIR", "heltnormal restore"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help does not list %q", want)
		}
	}
}

// countAnswers opens the embedded store in dir and counts every stored answer.
func countAnswers(t *testing.T, dir string) int64 {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Database: "heltnormal", DataDir: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	names, err := st.DB().ListCollectionNames(ctx, bson.M{})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, name := range names {
		if strings.HasPrefix(name, "responses_") {
			c, err := st.DB().Collection(name).CountDocuments(ctx, bson.M{})
			if err != nil {
				t.Fatal(err)
			}
			n += c
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "heltnormal.sqlite")); err != nil {
		t.Fatal(err)
	}
	return n
}
