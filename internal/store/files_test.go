package store_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// openDir starts an embedded store of its own in dir, as the server does.
func openDir(t *testing.T, dir string) (*store.Store, error) {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{Database: "heltnormal", DataDir: dir,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil {
		t.Cleanup(func() { st.Close(context.Background()) })
	}
	return st, err
}

func mustOpenDir(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := openDir(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// classWithAnswers stores a session with n answers and returns its id.
func classWithAnswers(t *testing.T, st *store.Store, code string, n int) string {
	t.Helper()
	ctx := context.Background()
	sess := &model.Session{ID: store.NewID(), Code: code, SurveyID: "s", SurveyVersion: 1, Status: model.StatusOpen,
		ClassLabel: "8.B", SchoolID: "school", Municipality: "Aarhus", CreatedDay: "2026-12-01", SchoolYear: "2026/27"}
	if err := st.CreateSession(ctx, sess, func() (string, error) { return code, nil }); err != nil {
		t.Fatal(err)
	}
	var rs []*model.Response
	for i := range n {
		rs = append(rs, &model.Response{SubmissionID: fmt.Sprintf("%s-pupil-%03d", code, i), SessionID: sess.ID,
			SurveyID: "s", SurveyVersion: 1, Lang: "da", Day: "2026-12-01",
			Answers: map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "lt7"}}})
	}
	for _, err := range st.InsertSessionResponses(ctx, sess.ID, rs) {
		if err != nil {
			t.Fatal(err)
		}
	}
	return sess.ID
}

func answers(t *testing.T, st *store.Store, sessionID string) int {
	t.Helper()
	n, err := st.CountResponses(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// damaged asserts that err refuses the start because of file, naming it and saying what to do.
func damaged(t *testing.T, err error, file string) {
	t.Helper()
	var d *store.DamagedError
	if !errors.As(err, &d) || d.File != file {
		t.Fatalf("start with a damaged %s: %v", filepath.Base(file), err)
	}
	if msg := err.Error(); !strings.Contains(msg, file) || !strings.Contains(msg, "restore the latest backup") {
		t.Errorf("the message does not name the file or say what to do: %s", msg)
	}
	t.Log(err)
}

func TestAGracefulStopMergesTheLog(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenDir(t, dir)
	id := classWithAnswers(t, st, "MERGE1", 25)
	wal := filepath.Join(dir, "heltnormal.sqlite-wal")
	if info, err := os.Stat(wal); err != nil || info.Size() == 0 {
		t.Fatalf("no write-ahead log while running (%v): the test would prove nothing", err)
	}
	st.Close(context.Background())
	if info, err := os.Stat(wal); err == nil && info.Size() > 0 {
		t.Errorf("after a graceful stop the log still holds %d bytes", info.Size())
	}
	if n := answers(t, mustOpenDir(t, dir), id); n != 25 {
		t.Errorf("after the restart: %d answers, want 25", n)
	}
}

func TestATruncatedStoreIsRefusedAtStartWithItsFileNamed(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenDir(t, dir)
	for i := range 20 {
		classWithAnswers(t, st, fmt.Sprintf("TRUNC%d", i), 30)
	}
	st.Close(context.Background())
	db := filepath.Join(dir, "heltnormal.sqlite")
	info, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(db, info.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
	_, err = openDir(t, dir)
	damaged(t, err, db)
}

func TestADirectoryInPlaceOfTheStoreIsRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "heltnormal.sqlite")
	if err := os.Mkdir(db, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := openDir(t, dir)
	damaged(t, err, db)
	if !strings.Contains(err.Error(), "a directory") {
		t.Errorf("the message does not say what is wrong: %v", err)
	}
}

// After a kill -9 the latest answers live in the write-ahead log. A log overwritten with
// random bytes used to be ignored without a word, and those answers were gone.
func TestAnOverwrittenLogIsRefusedAndAnIntactOneKeepsEveryAnswer(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenDir(t, dir)
	id := classWithAnswers(t, st, "CRASH1", 28)
	// The files as a kill -9 leaves them: copied while the server runs, log and all.
	crashed := t.TempDir()
	for _, name := range []string{"heltnormal.sqlite", "heltnormal.sqlite-wal"} {
		copyTo(t, filepath.Join(dir, name), filepath.Join(crashed, name))
	}
	broken := t.TempDir()
	copyTo(t, filepath.Join(crashed, "heltnormal.sqlite"), filepath.Join(broken, "heltnormal.sqlite"))
	info, _ := os.Stat(filepath.Join(crashed, "heltnormal.sqlite-wal"))
	noise := make([]byte, info.Size())
	rand.Read(noise)
	if err := os.WriteFile(filepath.Join(broken, "heltnormal.sqlite-wal"), noise, 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := openDir(t, broken)
	damaged(t, err, filepath.Join(broken, "heltnormal.sqlite-wal"))
	if n := answers(t, mustOpenDir(t, crashed), id); n != 28 {
		t.Errorf("after a crash with an intact log: %d answers, want 28", n)
	}
}

// heltnormal backup copies the store while the server writes; restoring the copy keeps
// every answer written before the backup began.
func TestBackupWhileWritingThenRestoreKeepsEveryAnswer(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenDir(t, dir)
	before := map[string]int{}
	for i := range 10 {
		before[classWithAnswers(t, st, fmt.Sprintf("BACK%02d", i), 27)] = 27
	}
	var writing sync.WaitGroup
	writing.Add(1)
	go func() { // classes go on answering during the backup
		defer writing.Done()
		for i := range 10 {
			classWithAnswers(t, st, fmt.Sprintf("MORE%02d", i), 20)
		}
	}()
	backup := filepath.Join(t.TempDir(), "backup-2026-12-02")
	files, err := store.Backup(context.Background(), dir, backup)
	writing.Wait()
	if err != nil || len(files) != 1 {
		t.Fatalf("backup: %v %v", files, err)
	}
	if info, err := os.Stat(files[0]); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode: %v %v", info, err)
	}
	if _, err := store.Backup(context.Background(), dir, backup); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("a second backup into the same directory: %v", err)
	}

	// Restoring into the live data directory is refused while its server runs.
	if _, err := store.Restore(context.Background(), backup, dir, true); err == nil || !strings.Contains(err.Error(), "another Helt Normal server") {
		t.Errorf("restore under a running server: %v", err)
	}
	fresh := t.TempDir()
	if _, err := store.Restore(context.Background(), backup, fresh, false); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Restore(context.Background(), backup, fresh, false); err == nil || !strings.Contains(err.Error(), "-replace") {
		t.Errorf("restore over a database without -replace: %v", err)
	}
	restored := mustOpenDir(t, fresh)
	for id, want := range before {
		if n := answers(t, restored, id); n != want {
			t.Errorf("session %s after restore: %d answers, want %d", id, n, want)
		}
	}
}

func copyTo(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
