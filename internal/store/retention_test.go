package store_test

import (
	"context"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

func TestRetentionDeletesOldRawAnswersOnly(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	mk := func(id, code, day string) {
		sess := &model.Session{ID: id, SurveyID: "x", SurveyVersion: 1, Status: model.StatusClosed, CreatedDay: day, ClosedDay: day}
		if err := s.CreateSession(ctx, sess, func() (string, error) { return code, nil }); err != nil {
			t.Fatal(err)
		}
		for _, sub := range []string{"device-aaaaaaaaaaaaaaaa", "device-bbbbbbbbbbbbbbbb"} {
			if err := s.InsertResponse(ctx, &model.Response{SessionID: id, SubmissionID: sub, Day: day,
				Answers: map[string]model.Answer{"sleep": {Self: "8plus"}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk("old", "OLD222", "2025-01-10")
	mk("new", "NEW222", "2026-11-01")

	n, err := s.DeleteResponsesBefore(ctx, "2025-10-18")
	if err != nil || n != 1 {
		t.Fatalf("deleted %d sessions' answers, err %v; want 1", n, err)
	}
	for id, want := range map[string]int{"old": 0, "new": 2} {
		if got, _ := s.CountResponses(ctx, id); got != want {
			t.Errorf("session %s keeps %d answers, want %d", id, got, want)
		}
	}
	old, err := s.SessionByID(ctx, "old")
	if err != nil || !old.ResponsesDeleted {
		t.Errorf("old session %+v, %v: want it kept, marked as without raw answers", old, err)
	}
	// Running again finds nothing more to do.
	if n, _ := s.DeleteResponsesBefore(ctx, "2025-10-18"); n != 0 {
		t.Errorf("second run deleted %d", n)
	}
}
