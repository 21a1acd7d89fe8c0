package sso

import (
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/model"
)

func TestIdentityAppliesTheRules(t *testing.T) {
	cfg := config.OIDC{
		EmailClaim: "email", RoleClaim: "groups", SchoolClaim: "school", MunicipalityClaim: "kommune",
		Roles:               []config.RoleRule{{Role: model.RoleSSP, Value: "ssp"}, {Role: model.RoleTeacher, Value: "laerere"}},
		MunicipalityDomains: []config.DomainRule{{Domain: "aarhus.dk", Municipality: "Aarhus"}},
	}
	token := &oidc.IDToken{Issuer: "https://idp.example", Subject: "s"}
	tests := []struct {
		name         string
		trust        bool
		claims       map[string]any
		role         model.Role
		municipality string
		verified     bool
	}{
		{"group list, verified domain", false, map[string]any{"email": "A@Aarhus.dk", "email_verified": true, "groups": []any{"x", "laerere"}}, model.RoleTeacher, "Aarhus", true},
		{"first rule wins", false, map[string]any{"groups": []any{"laerere", "ssp"}}, model.RoleSSP, "", false},
		{"a single string", false, map[string]any{"groups": "laerere"}, model.RoleTeacher, "", false},
		{"subdomain", false, map[string]any{"email": "a@skole.aarhus.dk", "email_verified": "true"}, "", "Aarhus", true},
		{"a look-alike domain is not", false, map[string]any{"email": "a@notaarhus.dk", "email_verified": true}, "", "", true},
		{"unverified email gives no municipality", false, map[string]any{"email": "a@aarhus.dk", "email_verified": false}, "", "", false},
		{"no email_verified, not trusted", false, map[string]any{"email": "a@aarhus.dk"}, "", "", false},
		{"no email_verified, trusted tenant", true, map[string]any{"email": "a@aarhus.dk"}, "", "Aarhus", true},
		{"Entra's domain-owner claim", false, map[string]any{"email": "a@aarhus.dk", "xms_edov": true}, "", "Aarhus", true},
		{"false stays false when trusted", true, map[string]any{"email": "a@aarhus.dk", "email_verified": false}, "", "", false},
		{"the claim wins over the domain", false, map[string]any{"email": "a@aarhus.dk", "email_verified": true, "kommune": "skanderborg"}, "", "Skanderborg", true},
		{"an unknown municipality claim falls back", false, map[string]any{"email": "a@aarhus.dk", "email_verified": true, "kommune": "Atlantis"}, "", "Aarhus", true},
		{"no role from another type", false, map[string]any{"groups": 7}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cfg
			c.TrustEmail = tt.trust
			id := (&Client{cfg: c}).identity(token, tt.claims)
			if id.Role != tt.role || id.Municipality != tt.municipality || id.EmailVerified != tt.verified || id.Issuer != token.Issuer || id.Subject != "s" {
				t.Errorf("got %+v", id)
			}
		})
	}
}

func TestStateMustMatch(t *testing.T) {
	a := Attempt{State: "abc"}
	if a.CheckState("abc") != nil || a.CheckState("abd") == nil || a.CheckState("") == nil || (Attempt{}).CheckState("") == nil {
		t.Error("CheckState")
	}
}
