package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/oidctest"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

// The single sign-on tests run the whole flow against a real OpenID provider in the test
// (package oidctest): the browser leaves for the provider, which signs in the person the test
// names and sends it back with a code; the server exchanges the code, verifies the ID token
// and finds or makes the account, on a fresh database of the real store.

const ssoBase = "https://heltnormal.example"

// oidcServer is a server whose staff sign in through a fresh test provider, with more
// settings from vars (name, value, ...).
func oidcServer(t *testing.T, vars ...string) (*testServer, *oidctest.Provider) {
	t.Helper()
	p := oidctest.New(t, "heltnormal", "provider-secret")
	env := map[string]string{
		"HELTNORMAL_BASE_URL":                  ssoBase,
		"HELTNORMAL_OIDC_ISSUER":               p.URL,
		"HELTNORMAL_OIDC_CLIENT_ID":            p.ClientID,
		"HELTNORMAL_OIDC_CLIENT_SECRET":        p.ClientSecret,
		"HELTNORMAL_OIDC_ROLES":                "teacher=laerere,ssp=ssp-konsulenter",
		"HELTNORMAL_OIDC_MUNICIPALITY_DOMAINS": "aarhus.dk=Aarhus,skanderborg.dk=Skanderborg",
		"HELTNORMAL_OIDC_SCHOOL_CLAIM":         "school",
	}
	for i := 0; i+1 < len(vars); i += 2 {
		env[vars[i]] = vars[i+1]
	}
	return serverOn(t, storetest.New(t), env), p
}

// provider is a browser's trip to the provider: it follows nothing, so each hop is seen.
var provider = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// startSignOn clicks the sign-on button: it returns the provider's answer, which sends the
// browser back to the callback.
func (b *staffBrowser) startSignOn(next string) (callback *url.URL) {
	b.t.Helper()
	target := "/login/oidc"
	if next != "" {
		target += "?next=" + url.QueryEscape(next)
	}
	resp, body := b.get(target)
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("GET %s: %d %s", target, resp.StatusCode, body)
	}
	at, err := provider.Get(resp.Header.Get("Location"))
	if err != nil {
		b.t.Fatal(err)
	}
	at.Body.Close()
	back, err := url.Parse(at.Header.Get("Location"))
	if at.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(back.String(), ssoBase+"/login/oidc/callback?") {
		b.t.Fatalf("the provider answered %d to %q", at.StatusCode, at.Header.Get("Location"))
	}
	return back
}

// signOn goes the whole way and returns the callback's answer.
func (b *staffBrowser) signOn() (*http.Response, string) {
	b.t.Helper()
	back := b.startSignOn("")
	return b.get(back.RequestURI())
}

func TestOIDCSignInCreatesATeacherAndLogsOutAtTheProvider(t *testing.T) {
	s, p := oidcServer(t)
	school := seedSchool(t, s, "Aarhus", "Skødstrup Skole")
	p.SignInAs(oidctest.Person{Subject: "uni-4711", Email: "Mette.Lund@Aarhus.dk", EmailVerified: oidctest.Verified(true),
		Name: "Mette Lund", Groups: []string{"alle", "laerere"}, Claims: map[string]any{"school": "skødstrup skole"}})
	b := newStaffBrowser(t, s)

	resp, page := b.get("/login")
	// The logout form may be sent on to the provider's logout, and nowhere else.
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' "+p.URL+";") {
		t.Errorf("CSP %q", csp)
	}
	if !strings.Contains(page, `<a class="button" id="sso-login" href="/login/oidc">Log ind med UNI-Login / din kommunes login</a>`) ||
		!strings.Contains(page, `action="/login"`) {
		t.Fatalf("the login page lacks the sign-on button or the password form:\n%s", page)
	}
	// The request to the provider carries state, nonce and a PKCE challenge, never the verifier.
	resp, _ = b.get("/login/oidc?next=%2Fsessions%2Fnew")
	auth, _ := url.Parse(resp.Header.Get("Location"))
	q := auth.Query()
	for _, k := range []string{"state", "nonce", "code_challenge"} {
		if len(q.Get(k)) < 32 {
			t.Errorf("authorization request: %s = %q", k, q.Get(k))
		}
	}
	if q.Get("code_challenge_method") != "S256" || q.Get("redirect_uri") != ssoBase+"/login/oidc/callback" ||
		q.Get("response_type") != "code" || !strings.Contains(q.Get("scope"), "openid") || q.Has("code_verifier") {
		t.Errorf("authorization request %s", auth)
	}
	cookie := b.cookies["hn_oidc"]
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.MaxAge != 600 {
		t.Fatalf("sign-in cookie %+v", cookie)
	}
	if strings.Contains(cookie.Value, q.Get("code_challenge")) {
		t.Error("the cookie holds the challenge, not the verifier")
	}

	resp, body := b.signOn()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sessions" {
		t.Fatalf("callback: %d to %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	if _, ok := b.cookies["hn_oidc"]; ok {
		t.Error("the sign-in cookie outlived the sign-in")
	}
	resp, page = b.get("/sessions")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/sessions after sign-on: %d", resp.StatusCode)
	}
	u, err := s.st.UserByEmail(context.Background(), "mette.lund@aarhus.dk")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != model.RoleTeacher || u.Municipality != "Aarhus" || u.SchoolID != school.ID || u.Name != "Mette Lund" ||
		u.OIDCIssuer != p.URL || u.OIDCSubject != "uni-4711" || u.PasswordHash != "" {
		t.Errorf("made account %+v", u)
	}
	trail, _ := s.st.AuditOf(context.Background(), u.ID)
	if len(trail) != 1 || trail[0].Action != "sso_created" || trail[0].Changes["subject"] != "uni-4711" || trail[0].Actor != "mette.lund@aarhus.dk" {
		t.Errorf("audit trail %+v", trail)
	}

	// Logging out ends the session here and sends the browser on to the provider's logout.
	resp, _ = b.post("/logout", url.Values{"_csrf": {csrfOf(t, page)}})
	out, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(out.String(), p.URL+"/logout?") {
		t.Fatalf("logout: %d to %q", resp.StatusCode, out)
	}
	if r, _ := b.get("/sessions"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("/sessions after logout: %d", r.StatusCode)
	}
	at, err := provider.Get(out.String())
	if err != nil {
		t.Fatal(err)
	}
	at.Body.Close()
	logouts := p.Logouts()
	if len(logouts) != 1 || logouts[0].IDTokenHint == "" || logouts[0].ClientID != "heltnormal" ||
		logouts[0].PostLogoutRedirectURI != ssoBase+"/login/oidc/logged-out" {
		t.Errorf("provider logouts %+v", logouts)
	}
	back, _ := url.Parse(at.Header.Get("Location"))
	resp, _ = b.get(back.RequestURI())
	if resp.Header.Get("Location") != "/login?logged_out=1" {
		t.Errorf("back from the provider's logout: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	// The next sign-in finds the same account by its subject, even with a new email, and
	// the rules no longer matter: no second account, no new audit entry.
	p.SignInAs(oidctest.Person{Subject: "uni-4711", Email: "mette@skole.aarhus.dk", EmailVerified: oidctest.Verified(true)})
	b2 := newStaffBrowser(t, s)
	if resp, _ := b2.signOn(); resp.Header.Get("Location") != "/sessions" {
		t.Fatalf("second sign-in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if trail, _ := s.st.AuditOf(context.Background(), u.ID); len(trail) != 1 {
		t.Errorf("audit after the second sign-in: %+v", trail)
	}
	// Deactivated, the linked account is refused at the next sign-in.
	if _, err := s.st.UpdateUser(context.Background(), u.ID, bson.M{"disabled": true}); err != nil {
		t.Fatal(err)
	}
	if resp, page := newStaffBrowser(t, s).signOn(); resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Kontoen er deaktiveret") {
		t.Errorf("deactivated, linked: %d", resp.StatusCode)
	}
	// An account made by sign-on has no password to guess: the form says wrong, not 500.
	if resp, _ := newStaffBrowser(t, s).login("mette.lund@aarhus.dk", "any password at all"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("password login to an account without a password: %d", resp.StatusCode)
	}
}

func TestOIDCLinksAnAccountByVerifiedEmail(t *testing.T) {
	s, p := oidcServer(t)
	ssp := seedUser(t, s, "ssp@skanderborg.dk", model.RoleSSP, "Skanderborg", "")
	// Not verified: the account with that email is not linked to whoever claims it.
	p.SignInAs(oidctest.Person{Subject: "imposter", Email: "SSP@skanderborg.dk", EmailVerified: oidctest.Verified(false)})
	resp, page := newStaffBrowser(t, s).signOn()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Din e-mail er ikke bekræftet af login-tjenesten") {
		t.Fatalf("unverified email: %d\n%s", resp.StatusCode, page)
	}
	p.SignInAs(oidctest.Person{Subject: "entra-oid-1", Email: "SSP@skanderborg.dk", EmailVerified: oidctest.Verified(true)})
	b := newStaffBrowser(t, s)
	resp, _ = b.signOn()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/ssp" {
		t.Fatalf("verified email: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	u, _ := s.st.UserByID(context.Background(), ssp.ID)
	if u.OIDCSubject != "entra-oid-1" || u.OIDCIssuer != p.URL || u.Role != model.RoleSSP {
		t.Errorf("linked account %+v", u)
	}
	trail, _ := s.st.AuditOf(context.Background(), ssp.ID)
	if len(trail) != 1 || trail[0].Action != "sso_linked" || trail[0].Changes["issuer"] != p.URL {
		t.Errorf("audit trail %+v", trail)
	}
	// The administrator sees on /admin that the account signs in with the municipality's login.
	seedUser(t, s, "admin@skanderborg.dk", model.RoleAdmin, "", "")
	admin := newStaffBrowser(t, s)
	admin.login("admin@skanderborg.dk", staffPassword)
	if _, page := admin.get("/admin?municipality=Skanderborg"); !regexp.MustCompile(`(?s)ssp@skanderborg\.dk.*?Logger ind med kommunens login`).MatchString(page) {
		t.Error("/admin does not show that the account is linked")
	}
	// Another person with the same verified email later cannot take the linked account over.
	p.SignInAs(oidctest.Person{Subject: "entra-oid-2", Email: "ssp@skanderborg.dk", EmailVerified: oidctest.Verified(true)})
	resp, page = newStaffBrowser(t, s).signOn()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "allerede knyttet til et andet login") {
		t.Errorf("second person, same email: %d\n%s", resp.StatusCode, page)
	}
}

// Every refusal is a page that says what happened, in Danish and English, never a 500.
func TestOIDCRefusals(t *testing.T) {
	s, p := oidcServer(t)
	seedSchool(t, s, "Aarhus", "Skødstrup Skole")
	gone := seedUser(t, s, "gone@aarhus.dk", model.RoleTeacher, "Aarhus", "x")
	if _, err := s.st.UpdateUser(context.Background(), gone.ID, bson.M{"disabled": true}); err != nil {
		t.Fatal(err)
	}
	teacher := oidctest.Person{Subject: "t-1", Email: "ny@aarhus.dk", EmailVerified: oidctest.Verified(true),
		Groups: []string{"laerere"}, Claims: map[string]any{"school": "Skødstrup Skole"}}
	with := func(change func(*oidctest.Person)) oidctest.Person {
		person := teacher
		change(&person)
		return person
	}
	tamper := func(k string, v any) func(map[string]any) {
		return func(c map[string]any) { c[k] = v }
	}
	tests := []struct {
		name     string
		person   oidctest.Person
		tamper   func(map[string]any)
		callback func(back *url.URL) string // the callback URL the browser comes back to
		status   int
		da, en   string
	}{
		{name: "wrong state", person: teacher, callback: func(back *url.URL) string {
			q := back.Query()
			q.Set("state", "made-up-state-of-another-sign-in")
			return back.Path + "?" + q.Encode()
		}, status: 400, da: "blev startet i et andet vindue", en: "it was started in another window"},
		{name: "wrong nonce", person: teacher, tamper: tamper("nonce", "someone-elses-nonce"),
			status: 401, da: "hørte ikke til dette login", en: "did not belong to this sign-in"},
		{name: "expired token", person: teacher, tamper: func(c map[string]any) {
			c["iat"], c["exp"] = time.Now().Add(-2*time.Hour).Unix(), time.Now().Add(-time.Hour).Unix()
		}, status: 401, da: "svaret fra login-tjenesten var udløbet", en: "answer had expired"},
		{name: "wrong audience", person: teacher, tamper: tamper("aud", "another-app"),
			status: 401, da: "udstedt til en anden tjeneste", en: "issued to another service"},
		{name: "another issuer", person: teacher, tamper: tamper("iss", "https://evil.example"),
			status: 401, da: "ikke kunne godkendes", en: "could not be verified"},
		{name: "unmapped user", person: with(func(p *oidctest.Person) { p.Groups = []string{"elever"} }),
			status: 403, da: "men har ingen konto i Helt Normal", en: "but you have no account in Helt Normal"},
		{name: "municipality without rule", person: with(func(p *oidctest.Person) { p.Email = "ny@horsens.dk" }),
			status: 403, da: "men har ingen konto i Helt Normal", en: "but you have no account in Helt Normal"},
		{name: "teacher without school", person: with(func(p *oidctest.Person) { p.Claims = nil }),
			status: 403, da: "Bed din SSP-konsulent om at oprette din konto", en: "Ask your SSP consultant to create your account"},
		{name: "unknown school", person: with(func(p *oidctest.Person) { p.Claims = map[string]any{"school": "Elsewhere"} }),
			status: 403, da: "hvilken skole du hører til", en: "which school you belong to"},
		{name: "deactivated account", person: with(func(p *oidctest.Person) { p.Email = "gone@aarhus.dk" }),
			status: 403, da: "Kontoen er deaktiveret", en: "The account is deactivated"},
		{name: "provider refuses", person: teacher, callback: func(back *url.URL) string {
			q := back.Query()
			q.Del("code")
			q.Set("error", "access_denied")
			return back.Path + "?" + q.Encode()
		}, status: 401, da: "Login-tjenesten afviste eller afbrød login", en: "refused or cancelled the sign-in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lang := range []string{"da", "en"} {
				p.SignInAs(tt.person)
				p.Tamper(tt.tamper)
				b := newStaffBrowser(t, s)
				b.cookies["lang"] = &http.Cookie{Name: "lang", Value: lang}
				back := b.startSignOn("")
				target := back.RequestURI()
				if tt.callback != nil {
					target = tt.callback(back)
				}
				resp, page := b.get(target)
				want := map[string]string{"da": tt.da, "en": tt.en}[lang]
				if resp.StatusCode != tt.status || !strings.Contains(page, want) || !strings.Contains(page, `role="alert"`) {
					t.Errorf("%s: %d, want %d with %q:\n%s", lang, resp.StatusCode, tt.status, want, page)
				}
				if _, ok := b.cookies["hn_session"]; ok {
					t.Errorf("%s: a refused sign-in left a login session", lang)
				}
			}
		})
	}
	p.Tamper(nil)
	if users, _ := s.st.ListUsers(context.Background(), store.UserFilter{}); len(users) != 1 {
		t.Errorf("refusals made accounts: %+v", users)
	}
	// A code is good once: replayed with a copy of its sign-in cookie, the provider refuses it.
	p.SignInAs(teacher)
	b := newStaffBrowser(t, s)
	back := b.startSignOn("")
	stolen := *b.cookies["hn_oidc"]
	if resp, _ := b.get(back.RequestURI()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first use of the code: %d", resp.StatusCode)
	}
	replay := newStaffBrowser(t, s)
	replay.cookies["hn_oidc"] = &stolen
	if resp, page := replay.get(back.RequestURI()); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "afviste eller afbrød") {
		t.Errorf("replayed code: %d\n%s", resp.StatusCode, page)
	}
	// A callback without any sign-in started in this browser is refused the same way.
	resp, page := newStaffBrowser(t, s).get("/login/oidc/callback?code=abc&state=def")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "blev startet i et andet vindue") {
		t.Errorf("callback without a cookie: %d", resp.StatusCode)
	}
}

func TestOIDCPasswordLoginOff(t *testing.T) {
	s, _ := oidcServer(t, "HELTNORMAL_PASSWORD_LOGIN", "off",
		"HELTNORMAL_ADMIN_EMAIL", "it@aarhus.dk", "HELTNORMAL_ADMIN_PASSWORD", staffPassword, "HELTNORMAL_OIDC_NAME", "UNI-Login")
	seedUser(t, s, "it@aarhus.dk", model.RoleAdmin, "", "")
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	b := newStaffBrowser(t, s)
	_, page := b.get("/login")
	if strings.Contains(page, `action="/login"`) || !strings.Contains(page, ">Log ind med UNI-Login</a>") {
		t.Errorf("with password login off, the page still has the form or lacks the button:\n%s", page)
	}
	// Even a right password is refused (a form kept from before, or made up).
	_, form := b.get("/login?admin=1")
	resp, page := b.post("/login", url.Values{"_csrf": {csrfOf(t, form)}, "email": {"ssp@aarhus.dk"}, "password": {staffPassword}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Her logger man ikke ind med adgangskode") {
		t.Errorf("password login while off: %d\n%s", resp.StatusCode, page)
	}
	if code, body := accountsAPI(t, s, http.MethodPost, "/api/v1/auth/token", "", `{"email":"ssp@aarhus.dk","password":"`+staffPassword+`"}`); code != http.StatusForbidden || !strings.Contains(body, "password login is switched off") {
		t.Errorf("token while off: %d %s", code, body)
	}
	// The bootstrap administrator keeps a password, for when the provider is down.
	admin := newStaffBrowser(t, s)
	_, form = admin.get("/login?admin=1")
	if !strings.Contains(form, `action="/login"`) {
		t.Errorf("/login?admin=1 lacks the form")
	}
	if resp, _ := admin.post("/login", url.Values{"_csrf": {csrfOf(t, form)}, "email": {"It@Aarhus.dk"}, "password": {staffPassword}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("break-glass administrator: %d", resp.StatusCode)
	}
}

// UNI-Login's broker sends no email (its ID token holds uniid and aktoer_gruppe): a teacher
// whose account exists links it once from the account page, signed in with a password, and
// signs in through the provider from then on.
func TestOIDCLinkFromTheAccountPage(t *testing.T) {
	s, p := oidcServer(t, "HELTNORMAL_OIDC_ROLE_CLAIM", "aktoer_gruppe", "HELTNORMAL_OIDC_ROLES", "teacher=Medarbejder", "HELTNORMAL_OIDC_NAME", "UNI-Login")
	sc := seedSchool(t, s, "Aarhus", "Skødstrup Skole")
	teacher := seedUser(t, s, "lærer@aarhus.dk", model.RoleTeacher, "Aarhus", sc.ID)
	other := seedUser(t, s, "kollega@aarhus.dk", model.RoleTeacher, "Aarhus", sc.ID)
	p.SignInAs(oidctest.Person{Subject: "f:uni:1000013b36", Claims: map[string]any{"uniid": "1000013b36", "aktoer_gruppe": "Medarbejder"}})

	// Not linked yet, no email, no municipality: refused.
	if resp, page := newStaffBrowser(t, s).signOn(); resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "men har ingen konto i Helt Normal") {
		t.Fatalf("first sign-in: %d\n%s", resp.StatusCode, page)
	}
	// Without a login, the link button leads to the login first.
	if resp, _ := newStaffBrowser(t, s).get("/login/oidc?link=1"); resp.Header.Get("Location") != "/login?next=%2Faccount" {
		t.Errorf("linking without a login: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	b := newStaffBrowser(t, s)
	b.login("lærer@aarhus.dk", staffPassword)
	_, page := b.get("/account")
	if !strings.Contains(page, `<a class="button" id="sso-link" href="/login/oidc?link=1">Knyt din konto til UNI-Login</a>`) {
		t.Fatalf("account page lacks the link button:\n%s", page)
	}
	resp, _ := b.get("/login/oidc?link=1")
	at, err := provider.Get(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	at.Body.Close()
	callback, _ := url.Parse(at.Header.Get("Location"))
	resp, body := b.get(callback.RequestURI())
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account?linked=1" {
		t.Fatalf("link callback: %d to %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	if _, page := b.get("/account?linked=1"); !strings.Contains(page, "Din konto er knyttet til UNI-Login") {
		t.Errorf("account page after linking:\n%s", page)
	}
	u, _ := s.st.UserByID(context.Background(), teacher.ID)
	trail, _ := s.st.AuditOf(context.Background(), teacher.ID)
	if u.OIDCSubject != "f:uni:1000013b36" || len(trail) != 1 || trail[0].Action != "sso_linked" || trail[0].Changes["by"] != "account page" {
		t.Errorf("linked account %+v, audit %+v", u, trail)
	}

	// From now on the provider signs the teacher in.
	if resp, _ := newStaffBrowser(t, s).signOn(); resp.Header.Get("Location") != "/sessions" {
		t.Errorf("sign-in after linking: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// A colleague cannot link the same person to their account too.
	c := newStaffBrowser(t, s)
	c.login("kollega@aarhus.dk", staffPassword)
	resp, _ = c.get("/login/oidc?link=1")
	at, _ = provider.Get(resp.Header.Get("Location"))
	at.Body.Close()
	callback, _ = url.Parse(at.Header.Get("Location"))
	if resp, page := c.get(callback.RequestURI()); resp.StatusCode != http.StatusConflict || !strings.Contains(page, "allerede knyttet til et andet login eller en anden konto") {
		t.Errorf("second link of one person: %d\n%s", resp.StatusCode, page)
	}
	if u, _ := s.st.UserByID(context.Background(), other.ID); u.OIDCSubject != "" {
		t.Errorf("the colleague's account was linked: %+v", u)
	}
}
