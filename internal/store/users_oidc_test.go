package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

// Accounts are linked to a person at a provider by issuer and subject, one account each;
// any number of accounts have no link.
func TestUsersLinkedBySubject(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	const issuer = "https://login.example/tenant"
	for _, email := range []string{"a@skole.dk", "b@skole.dk", "c@skole.dk"} {
		if err := s.CreateUser(ctx, &model.User{Email: email, Role: model.RoleTeacher}); err != nil {
			t.Fatalf("unlinked account %s: %v", email, err)
		}
	}
	made := &model.User{Email: "new@skole.dk", Role: model.RoleTeacher, OIDCIssuer: issuer, OIDCSubject: "sub-1"}
	if err := s.CreateUser(ctx, made); err != nil {
		t.Fatal(err)
	}
	got, err := s.UserBySubject(ctx, issuer, "sub-1")
	if err != nil || got.ID != made.ID {
		t.Fatalf("UserBySubject = %+v, %v", got, err)
	}
	for _, q := range [][2]string{{issuer, "sub-2"}, {"https://other.example", "sub-1"}, {"", ""}} {
		if _, err := s.UserBySubject(ctx, q[0], q[1]); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("UserBySubject(%q, %q): %v, want ErrNotFound", q[0], q[1], err)
		}
	}
	// The same person cannot get a second account.
	twin := &model.User{Email: "twin@skole.dk", Role: model.RoleTeacher, OIDCIssuer: issuer, OIDCSubject: "sub-1"}
	if err := s.CreateUser(ctx, twin); !errors.Is(err, model.ErrConflict) {
		t.Errorf("second account for one subject: %v, want ErrConflict", err)
	}

	a, _ := s.UserByEmail(ctx, "a@skole.dk")
	linked, err := s.LinkUser(ctx, a.ID, issuer, "sub-a")
	if err != nil || linked.OIDCSubject != "sub-a" || linked.OIDCIssuer != issuer {
		t.Fatalf("LinkUser = %+v, %v", linked, err)
	}
	if _, err := s.LinkUser(ctx, a.ID, issuer, "sub-other"); !errors.Is(err, model.ErrConflict) {
		t.Errorf("relinking a linked account: %v, want ErrConflict", err)
	}
	b, _ := s.UserByEmail(ctx, "b@skole.dk")
	if _, err := s.LinkUser(ctx, b.ID, issuer, "sub-a"); !errors.Is(err, model.ErrConflict) {
		t.Errorf("linking a person to a second account: %v, want ErrConflict", err)
	}
	if got, _ := s.UserByID(ctx, b.ID); got.OIDCSubject != "" {
		t.Errorf("the refused link stuck: %+v", got)
	}
}
