package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/oidctest"
)

// A teacher signs in with the municipality's login in a real browser: the button on /login
// leads to the OpenID provider (one inside the test), which sends the browser back; the
// teacher's account is made by the deployment's rules and the teacher lands on /sessions.
// Logging out ends the provider's session too and comes back to the login page.
func TestOIDCTeacherSignsInWithTheMunicipalityLogin(t *testing.T) {
	p := oidctest.New(t, "heltnormal", "provider-secret")
	s := newSiteWith(t, map[string]string{
		"HELTNORMAL_BASE_URL":                  "{base}",
		"HELTNORMAL_OIDC_ISSUER":               p.URL,
		"HELTNORMAL_OIDC_CLIENT_ID":            p.ClientID,
		"HELTNORMAL_OIDC_CLIENT_SECRET":        p.ClientSecret,
		"HELTNORMAL_OIDC_NAME":                 "UNI-Login",
		"HELTNORMAL_OIDC_ROLES":                "teacher=laerere",
		"HELTNORMAL_OIDC_MUNICIPALITY_DOMAINS": "aarhus.dk=Aarhus",
		"HELTNORMAL_OIDC_SCHOOL_CLAIM":         "school",
	})
	school := s.school("Aarhus", "Skødstrup Skole")
	p.SignInAs(oidctest.Person{Subject: "uni-4711", Email: "mette@aarhus.dk", EmailVerified: oidctest.Verified(true),
		Name: "Mette Lund", Groups: []string{"laerere"}, Claims: map[string]any{"school": "Skødstrup Skole"}})

	b := newTab(t, s.base)
	b.open("/login")
	if got := b.text("#sso-login"); got != "Log ind med UNI-Login" {
		t.Errorf("button %q", got)
	}
	b.click("#sso-login")
	b.waitForPage("/sessions")
	u, err := s.st.UserByEmail(context.Background(), "mette@aarhus.dk")
	if err != nil || u.Role != model.RoleTeacher || u.SchoolID != school || u.OIDCSubject != "uni-4711" {
		t.Fatalf("account %+v, %v", u, err)
	}

	b.click(`form[action="/logout"] button`)
	b.waitFor("back on the login page", `location.pathname === "/login" && location.search === "?logged_out=1"`)
	if !strings.Contains(b.pageText(), "Du er logget ud.") {
		t.Errorf("no logged-out notice: %s", b.pageText())
	}
	if logouts := p.Logouts(); len(logouts) != 1 || logouts[0].IDTokenHint == "" {
		t.Errorf("the provider's logout was not asked: %+v", logouts)
	}
	b.open("/sessions")
	b.waitForPage("/login")
}
