package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

func TestUsers(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	anna := &model.User{Email: "  Anna@Skole.DK ", PasswordHash: "h", Role: model.RoleTeacher, Municipality: "Aarhus", SchoolID: "s1"}
	if err := s.CreateUser(ctx, anna); err != nil {
		t.Fatal(err)
	}
	if anna.ID == "" || anna.Email != "anna@skole.dk" {
		t.Errorf("created %+v: want an id and a lower-case email", anna)
	}
	for _, email := range []string{"anna@skole.dk", "ANNA@skole.dk"} {
		got, err := s.UserByEmail(ctx, email)
		if err != nil || got.ID != anna.ID || got.Municipality != "Aarhus" {
			t.Errorf("UserByEmail(%q) = %+v, %v", email, got, err)
		}
	}
	if err := s.CreateUser(ctx, &model.User{Email: "ANNA@SKOLE.DK", Role: model.RoleSSP}); !errors.Is(err, model.ErrConflict) {
		t.Errorf("same email in capitals: %v, want ErrConflict", err)
	}
	if _, err := s.UserByID(ctx, "nobody"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := s.UserByEmail(ctx, "bo@skole.dk"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown email: %v", err)
	}

	for _, u := range []*model.User{
		{Email: "carl@skole.dk", Role: model.RoleTeacher, Municipality: "Aarhus", SchoolID: "s2"},
		{Email: "bo@kommune.dk", Role: model.RoleSSP, Municipality: "Aarhus"},
		{Email: "dora@skole.dk", Role: model.RoleTeacher, Municipality: "Horsens", SchoolID: "s3"},
		{Email: "admin@region.dk", Role: model.RoleAdmin},
	} {
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		filter store.UserFilter
		want   []string
	}{
		{store.UserFilter{Municipality: "Aarhus"}, []string{"anna@skole.dk", "bo@kommune.dk", "carl@skole.dk"}},
		{store.UserFilter{SchoolID: "s2"}, []string{"carl@skole.dk"}},
		{store.UserFilter{Municipality: "Aarhus", Role: model.RoleTeacher}, []string{"anna@skole.dk", "carl@skole.dk"}},
		{store.UserFilter{}, []string{"admin@region.dk", "anna@skole.dk", "bo@kommune.dk", "carl@skole.dk", "dora@skole.dk"}},
		{store.UserFilter{Municipality: "Samsø"}, nil},
	}
	for _, tt := range tests {
		users, err := s.ListUsers(ctx, tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range users {
			got = append(got, u.Email)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ListUsers(%+v) = %v, want %v", tt.filter, got, tt.want)
		}
	}
}

func TestSchools(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	var ids []string
	for _, name := range []string{"Østre Skole", "Vestre  Skole", "Ådalens Skole", "Æblehaven", "Bakkeskolen"} {
		sc := &model.School{Municipality: "Aarhus", Name: name, CreatedDay: "2026-09-01"}
		if err := s.CreateSchool(ctx, sc); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sc.ID)
	}
	if err := s.CreateSchool(ctx, &model.School{Municipality: "Horsens", Name: "Bakkeskolen"}); err != nil {
		t.Errorf("same name in another municipality: %v", err)
	}
	for _, name := range []string{"Bakkeskolen", "bakkeskolen", " BAKKESKOLEN ", "Vestre Skole"} {
		if err := s.CreateSchool(ctx, &model.School{Municipality: "Aarhus", Name: name}); !errors.Is(err, model.ErrConflict) {
			t.Errorf("duplicate %q: %v, want ErrConflict", name, err)
		}
	}

	list, err := s.ListSchools(ctx, "Aarhus")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, sc := range list {
		names = append(names, sc.Name)
	}
	// Danish order: Æ, Ø, Å after Z; spaces tidied.
	want := []string{"Bakkeskolen", "Vestre Skole", "Æblehaven", "Østre Skole", "Ådalens Skole"}
	if !slices.Equal(names, want) {
		t.Errorf("ListSchools(Aarhus) = %q, want %q", names, want)
	}
	all, err := s.ListSchools(ctx, "")
	if err != nil || len(all) != 6 {
		t.Errorf("ListSchools(all) = %d schools, %v", len(all), err)
	}

	got, err := s.SchoolByID(ctx, ids[0])
	if err != nil || got.Name != "Østre Skole" || got.Municipality != "Aarhus" || got.CreatedDay != "2026-09-01" {
		t.Errorf("SchoolByID = %+v, %v", got, err)
	}
	if _, err := s.SchoolByID(ctx, "nope"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown school: %v", err)
	}
	byName, err := s.SchoolByName(ctx, "Aarhus", "østre skole")
	if err != nil || byName.ID != ids[0] {
		t.Errorf("SchoolByName = %+v, %v", byName, err)
	}
	if _, err := s.SchoolByName(ctx, "Horsens", "Østre Skole"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("school of another municipality: %v", err)
	}
}

func TestTokens(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	u := &model.User{Email: "anna@skole.dk", Role: model.RoleTeacher}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, tok := range []store.APIToken{
		{Hash: "live", UserID: u.ID, ExpiresAt: now.Add(time.Hour)},
		{Hash: "expired", UserID: u.ID, ExpiresAt: now.Add(-time.Minute)},
	} {
		if err := s.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.UserByToken(ctx, "live", now)
	if err != nil || got.ID != u.ID {
		t.Errorf("live token: %+v, %v", got, err)
	}
	for _, hash := range []string{"expired", "unknown", ""} {
		if _, err := s.UserByToken(ctx, hash, now); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("token %q: %v, want ErrNotFound", hash, err)
		}
	}
	if _, err := s.UserByToken(ctx, "live", now.Add(2*time.Hour)); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("live token two hours later: %v, want ErrNotFound", err)
	}

	n, err := s.PurgeExpired(ctx, now)
	if err != nil || n != 1 {
		t.Errorf("purged %d, %v; want 1", n, err)
	}
	if _, err := s.UserByToken(ctx, "live", now); err != nil {
		t.Errorf("purge removed a live token: %v", err)
	}
}

func TestKV(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	kv := s.KV(store.KVLoginSessions)

	if v, err := kv.Get("missing"); v != nil || err != nil {
		t.Errorf("missing key: %q, %v", v, err)
	}
	if err := kv.Set("a", []byte("one"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := kv.Set("a", []byte("two"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := kv.Set("forever", []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	if err := kv.Set("short", []byte("y"), 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	// Another handle on the same collection (another app instance, or after a restart)
	// sees the same data.
	other := s.KV(store.KVLoginSessions)
	if v, err := other.Get("a"); string(v) != "two" || err != nil {
		t.Errorf("a = %q, %v; want the second value", v, err)
	}
	if v, _ := other.Get("short"); string(v) != "y" {
		t.Errorf("short before expiry = %q", v)
	}
	time.Sleep(100 * time.Millisecond)
	if v, err := other.Get("short"); v != nil || err != nil {
		t.Errorf("expired entry returned %q, %v", v, err)
	}
	if _, err := s.KV("kv_test_other").Get("a"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.KV("kv_test_other").Get("a"); v != nil {
		t.Error("collections share entries")
	}

	n, err := kv.Purge(ctx, time.Now())
	if err != nil || n != 1 {
		t.Errorf("purged %d, %v; want 1 (only the expired one)", n, err)
	}
	if v, _ := kv.Get("forever"); string(v) != "x" {
		t.Errorf("entry without expiry lost: %q", v)
	}

	if err := kv.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if v, _ := kv.Get("a"); v != nil {
		t.Errorf("deleted entry returned %q", v)
	}
	if err := kv.Delete("never-there"); err != nil {
		t.Errorf("delete of a missing key: %v", err)
	}
	if err := kv.Reset(); err != nil {
		t.Fatal(err)
	}
	if v, _ := kv.Get("forever"); v != nil {
		t.Error("reset kept an entry")
	}
}
