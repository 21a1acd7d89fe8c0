package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

// TestDeletedAnswersLeaveNoTraceInTheFiles: after a session is deleted, nothing of its
// answers is left in the embedded store's database file or its write-ahead log, and the
// files are readable by the server's user only.
func TestDeletedAnswersLeaveNoTraceInTheFiles(t *testing.T) {
	st := storetest.New(t)
	dir := st.DataDir()
	if dir == "" {
		t.Skip("MongoDB: its files are the operator's (docs/privacy.md)")
	}
	ctx := context.Background()
	sess := &model.Session{ID: store.NewID(), Code: "SCRUB9", SurveyID: "s", SurveyVersion: 1, Status: model.StatusOpen,
		ClassLabel: "8.B", SchoolID: "school", Municipality: "Aarhus", CreatedDay: "2026-12-01", SchoolYear: "2026/27"}
	if err := st.CreateSession(ctx, sess, func() (string, error) { return "SCRUB9", nil }); err != nil {
		t.Fatal(err)
	}
	const marker = "unmistakable-answer-marker"
	var rs []*model.Response
	for i := range 30 {
		rs = append(rs, &model.Response{SubmissionID: marker + string(rune('a'+i)), SessionID: sess.ID,
			SurveyID: "s", SurveyVersion: 1, Lang: "da", Day: "2026-12-01",
			Answers: map[string]model.Answer{marker: {Self: marker, Perceived: marker}}})
	}
	for _, err := range st.InsertSessionResponses(ctx, sess.ID, rs) {
		if err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, st.DatabaseName()+".sqlite*"))
	if !contains(t, files, marker) {
		t.Fatalf("the marker is not in %v before the delete: the test would prove nothing", files)
	}
	if err := st.DeleteSession(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	files, _ = filepath.Glob(filepath.Join(dir, st.DatabaseName()+".sqlite*"))
	if contains(t, files, marker) {
		t.Errorf("a deleted answer is still in the store's files")
	}
	for _, f := range files {
		if info, err := os.Stat(f); err == nil && info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s is readable by others: %v", filepath.Base(f), info.Mode().Perm())
		}
	}
}

func contains(t *testing.T, files []string, marker string) bool {
	t.Helper()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if bytes.Contains(data, []byte(marker)) {
			return true
		}
	}
	return false
}
