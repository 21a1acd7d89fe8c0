package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
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
