package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

// A group write gives every answer its own result: a retry of a stored answer, or the same
// submission twice in one batch, is a conflict for that answer only; the others are stored.
func TestGroupWriteGivesEachAnswerItsOwnResult(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	sess := &model.Session{ID: "s1", SurveyID: "x", SurveyVersion: 1, Status: model.StatusOpen, CreatedDay: "2026-11-22"}
	if err := s.CreateSession(ctx, sess, func() (string, error) { return "ABC234", nil }); err != nil {
		t.Fatal(err)
	}
	resp := func(sub string) *model.Response {
		return &model.Response{SessionID: "s1", SubmissionID: sub, Day: "2026-11-22",
			Answers: map[string]model.Answer{"sleep": {Self: "8plus"}}}
	}
	if err := s.InsertResponse(ctx, resp("device-stored-before-0001")); err != nil {
		t.Fatal(err)
	}
	batch := []*model.Response{
		resp("device-new-000000000001"),
		resp("device-stored-before-0001"), // a retry
		resp("device-new-000000000002"),
		resp("device-new-000000000001"), // sent twice in the same burst
	}
	results := s.InsertSessionResponses(ctx, "s1", batch)
	want := []error{nil, model.ErrConflict, nil, model.ErrConflict}
	for i := range want {
		if !errors.Is(results[i], want[i]) {
			t.Errorf("answer %d: %v, want %v", i, results[i], want[i])
		}
	}
	if n, _ := s.CountResponses(ctx, "s1"); n != 3 {
		t.Errorf("%d answers stored, want 3", n)
	}
}

// The embedded store keeps answer counts in memory; with classes writing at once, retries
// and a drop among them, every count is what the store holds.
func TestAnswerCountsInMemoryMatchTheStore(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	var ids []string
	for i := range 4 {
		sess := &model.Session{ID: store.NewID(), SurveyID: "s", SurveyVersion: 1, Status: model.StatusOpen,
			ClassLabel: "8.B", SchoolID: "school", Municipality: "Aarhus", CreatedDay: "2026-12-01", SchoolYear: "2026/27"}
		code := fmt.Sprintf("COUNT%d", i)
		if err := st.CreateSession(ctx, sess, func() (string, error) { return code, nil }); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sess.ID)
	}
	var wg sync.WaitGroup
	for _, id := range ids {
		for p := range 15 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := &model.Response{SessionID: id, SubmissionID: fmt.Sprintf("pupil-%02d-abcdefgh", p%12), SurveyID: "s", SurveyVersion: 1,
					Lang: "da", Day: "2026-12-01", Answers: map[string]model.Answer{"sleep": {Self: "8plus"}}}
				st.InsertSessionResponses(ctx, id, []*model.Response{r}) // 3 of the 15 are retries
				if _, err := st.CountResponses(ctx, id); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	direct, err := store.ConnectEmbedded(ctx, st.DataDir(), st.DatabaseName(), 5*time.Second)
	if st.DataDir() != "" && err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		n, _ := st.CountResponses(ctx, id)
		if n != 12 {
			t.Errorf("session %s: %d answers counted, want 12", id, n)
		}
		if direct != nil {
			if stored, _ := direct.CountResponses(ctx, id); stored != n {
				t.Errorf("session %s: %d in memory, %d in the store", id, n, stored)
			}
		}
	}
	if err := st.DeleteSession(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.CountResponses(ctx, ids[0]); n != 0 {
		t.Errorf("a deleted session still counts %d answers", n)
	}
}
