package store_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

// The embedded store serves sessions from memory. After every kind of write — concurrent
// ones included — what it serves is what the store holds, read directly.
func TestSessionsInMemoryMatchTheStore(t *testing.T) {
	st := storetest.New(t)
	if st.DataDir() == "" {
		t.Skip("MongoDB: sessions are read from the database")
	}
	ctx := context.Background()
	direct, err := store.ConnectEmbedded(ctx, st.DataDir(), st.DatabaseName(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close(ctx)
	same := func(step string) {
		t.Helper()
		for _, f := range []store.SessionFilter{{}, {SchoolID: "school-a"}, {Municipality: "Aarhus", Status: model.StatusOpen}, {HasResponses: true}, {CreatedBefore: "2026-11-15"}} {
			mem, err1 := st.ListSessions(ctx, f)
			db, err2 := direct.ListSessions(ctx, f)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(mem, db) {
				t.Fatalf("%s: list %+v from memory %d sessions (%v), from the store %d (%v)\n%+v\n%+v", step, f, len(mem), err1, len(db), err2, mem, db)
			}
			for _, sess := range db {
				got, err := st.SessionByID(ctx, sess.ID)
				if err != nil || !reflect.DeepEqual(*got, sess) {
					t.Fatalf("%s: session %s from memory %+v (%v), in the store %+v", step, sess.ID, got, err, sess)
				}
				byCode, err := st.SessionByCode(ctx, sess.Code)
				if err != nil || byCode.ID != sess.ID {
					t.Fatalf("%s: code %s: %v %v", step, sess.Code, byCode, err)
				}
			}
		}
	}

	var ids []string
	for i := range 6 {
		school, day := "school-a", fmt.Sprintf("2026-11-%02d", 10+i)
		if i%2 == 1 {
			school = "school-b"
		}
		sess := &model.Session{ID: store.NewID(), SurveyID: "s", SurveyVersion: 1, Status: model.StatusOpen, Items: []string{"sleep"},
			ClassLabel: fmt.Sprintf("8.%c", 'A'+i), SchoolID: school, Municipality: "Aarhus", CreatedDay: day, SchoolYear: "2026/27", ExpectedPupils: 20}
		code := fmt.Sprintf("MIRR%02d", i)
		if err := st.CreateSession(ctx, sess, func() (string, error) { return code, nil }); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sess.ID)
	}
	same("created")
	if _, err := st.SetSessionStatus(ctx, ids[0], model.StatusClosed, "2026-11-20"); err != nil {
		t.Fatal(err)
	}
	if ok, err := st.SetReleased(ctx, ids[0], "", "released-1"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if ok, _ := st.SetReleased(ctx, ids[0], "", "released-2"); ok {
		t.Fatal("a stale compare-and-set succeeded")
	}
	st.SetShowResults(ctx, ids[1], true)
	st.SaveCampaign(ctx, ids[2], model.Campaign{Layout: "a4", Messages: []model.CampaignMessage{{ItemID: "sleep", Slogan: "Vi sover"}}})
	same("updated")

	var wg sync.WaitGroup
	for range 20 {
		wg.Add(2)
		go func() { defer wg.Done(); st.NoteTurnedAway(ctx, ids[3]) }()
		go func() { defer wg.Done(); st.SetShowResults(ctx, ids[3], true) }()
	}
	wg.Wait()
	if got, _ := st.SessionByID(ctx, ids[3]); got.TurnedAway != 20 {
		t.Errorf("20 concurrent turned-away answers: %d in memory", got.TurnedAway)
	}
	same("concurrent writes")

	if _, err := st.DeleteResponsesBefore(ctx, "2026-11-13"); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSession(ctx, ids[4]); err != nil {
		t.Fatal(err)
	}
	same("responses deleted, a session deleted")
	if _, err := st.SessionByID(ctx, ids[4]); err != model.ErrNotFound {
		t.Errorf("a deleted session: %v", err)
	}
	if _, err := st.SessionByCode(ctx, "MIRR04"); err != model.ErrNotFound {
		t.Errorf("a deleted session's code: %v", err)
	}
	// What a caller does with a session it was given does not change the store's.
	got, _ := st.SessionByID(ctx, ids[2])
	got.Items[0], got.Campaign.Messages[0].Slogan, got.ClassLabel = "changed", "changed", "changed"
	same("a caller changed its copy")
}
