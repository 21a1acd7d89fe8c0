package model_test

import (
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

func TestParseEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"anna@skole.dk", "anna@skole.dk", true},
		{"  Anna.Berg@Aarhus.DK ", "anna.berg@aarhus.dk", true},
		{"søren@kommune.dk", "søren@kommune.dk", true},
		{"", "", false},
		{"anna", "anna", false},
		{"anna@skole", "anna@skole", false},
		{"anna@skole.", "anna@skole.", false},
		{"Anna <anna@skole.dk>", "anna <anna@skole.dk>", false},
		{"anna@skole.dk, bo@skole.dk", "anna@skole.dk, bo@skole.dk", false},
		{"a b@skole.dk", "a b@skole.dk", false},
		{strings.Repeat("a", 250) + "@x.dk", strings.Repeat("a", 250) + "@x.dk", false},
	}
	for _, tt := range tests {
		got, ok := model.ParseEmail(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseEmail(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWhoMayCreateWhat(t *testing.T) {
	admin := &model.User{Role: model.RoleAdmin}
	ssp := &model.User{Role: model.RoleSSP, Municipality: "Aarhus"}
	teacher := &model.User{Role: model.RoleTeacher, Municipality: "Aarhus", SchoolID: "s1"}
	coordinator := &model.User{Role: model.RoleCoordinator, Region: "Midtjylland"}
	tests := []struct {
		actor        *model.User
		role         model.Role
		municipality string
		want         bool
	}{
		{admin, model.RoleAdmin, "", true},
		{admin, model.RoleSSP, "Horsens", true},
		{admin, model.RoleTeacher, "Samsø", true},
		{ssp, model.RoleTeacher, "Aarhus", true},
		{ssp, model.RoleTeacher, "Horsens", false},
		{ssp, model.RoleSSP, "Aarhus", false},
		{ssp, model.RoleAdmin, "", false},
		{teacher, model.RoleTeacher, "Aarhus", false},
		{coordinator, model.RoleTeacher, "Aarhus", false},
		{coordinator, model.RoleCoordinator, "", false},
	}
	for _, tt := range tests {
		if got := tt.actor.CanCreateUser(tt.role, tt.municipality); got != tt.want {
			t.Errorf("%s creates %s in %q: %v, want %v", tt.actor.Role, tt.role, tt.municipality, got, tt.want)
		}
	}
	schools := []struct {
		actor        *model.User
		municipality string
		want         bool
	}{
		{admin, "Lemvig", true},
		{admin, "Odense", true},
		{ssp, "Aarhus", true},
		{ssp, "Horsens", false},
		{teacher, "Aarhus", false},
		{coordinator, "Aarhus", false},
	}
	for _, tt := range schools {
		if got := tt.actor.CanCreateSchool(tt.municipality); got != tt.want {
			t.Errorf("%s creates a school in %q: %v, want %v", tt.actor.Role, tt.municipality, got, tt.want)
		}
	}
}
