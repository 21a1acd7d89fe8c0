package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

// The accounts tests: login, sessions, CSRF, the login limit, tokens and the admin page.

const staffPassword = "en lang adgangskode"

// restartServer builds a new server on the store of s, as a restarted (or another) app
// instance would be, with settings from vars.
func restartServer(t *testing.T, s *testServer, vars ...string) *testServer {
	t.Helper()
	env := map[string]string{}
	for i := 0; i+1 < len(vars); i += 2 {
		env[vars[i]] = vars[i+1]
	}
	return serverOn(t, s.st, env)
}

// seedSchool and seedUser put a school and a user straight into the store.
func seedSchool(t *testing.T, s *testServer, municipality, name string) *model.School {
	t.Helper()
	sc := &model.School{Municipality: municipality, Name: name, CreatedDay: "2026-09-01"}
	if err := s.st.CreateSchool(context.Background(), sc); err != nil {
		t.Fatal(err)
	}
	return sc
}

func seedUser(t *testing.T, s *testServer, email string, role model.Role, municipality, schoolID string) *model.User {
	t.Helper()
	hash, err := webtest.FastHasher.Hash(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	u := &model.User{Email: email, PasswordHash: hash, Role: role, Municipality: municipality, SchoolID: schoolID, CreatedDay: "2026-09-01"}
	if err := s.st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

// staffBrowser is a browser without JavaScript that keeps its cookies.
type staffBrowser struct {
	t       *testing.T
	s       *testServer
	cookies map[string]*http.Cookie
}

func newStaffBrowser(t *testing.T, s *testServer) *staffBrowser {
	return &staffBrowser{t: t, s: s, cookies: map[string]*http.Cookie{}}
}

func (b *staffBrowser) send(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	for _, c := range b.cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, body := b.s.do(b.t, req)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" || (!c.Expires.IsZero() && c.Expires.Before(time.Now())) {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return resp, body
}

func (b *staffBrowser) get(target string) (*http.Response, string) {
	b.t.Helper()
	return b.send(httptest.NewRequest(http.MethodGet, target, nil))
}

func (b *staffBrowser) post(target string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.send(req)
}

var csrfField = regexp.MustCompile(`<input type="hidden" name="_csrf" value="([^"]+)">`)

// csrfOf is the CSRF token of a page's forms.
func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the page has no CSRF field:\n%s", page)
	}
	return html.UnescapeString(m[1])
}

// login fills in the login form as a person would.
func (b *staffBrowser) login(email, password string, extra ...string) (*http.Response, string) {
	b.t.Helper()
	_, page := b.get("/login")
	form := url.Values{"_csrf": {csrfOf(b.t, page)}, "email": {email}, "password": {password}}
	for i := 0; i+1 < len(extra); i += 2 {
		form.Set(extra[i], extra[i+1])
	}
	return b.post("/login", form)
}

func TestLoginPageWorksWithoutJavaScript(t *testing.T) {
	s := newServer(t)
	resp, page := get(t, s, "/login")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{
		`<form class="login-form" action="/login" method="post">`,
		`<label for="email">E-mail</label>`, `<input id="email" name="email" type="email"`,
		`<label for="password">Adgangskode</label>`, `<input id="password" name="password" type="password"`,
		`<button type="submit">Log ind</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("login page lacks %s", want)
		}
	}
	if csrfOf(t, page) == "" || inlineScript.MatchString(page) {
		t.Errorf("no CSRF token, or a script:\n%s", page)
	}
	var csrfCookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "hn_csrf" {
			csrfCookie = c
		}
	}
	if csrfCookie == nil || !csrfCookie.HttpOnly || csrfCookie.SameSite != http.SameSiteLaxMode || csrfCookie.Path != "/" {
		t.Errorf("CSRF cookie %+v", csrfCookie)
	}
	_, page = get(t, s, "/login?lang=en")
	if !strings.Contains(page, `<label for="email">Email</label>`) || !strings.Contains(page, "Log in") {
		t.Error("no English login page")
	}
}

func TestLoginAdminPageAndLogout(t *testing.T) {
	s := newServer(t)
	seedSchool(t, s, "Aarhus", "Nørre Skole")
	seedSchool(t, s, "Horsens", "Byskolen")
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	seedUser(t, s, "hans@horsens.dk", model.RoleTeacher, "Horsens", "x")
	b := newStaffBrowser(t, s)

	resp, _ := b.get("/admin")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2Fadmin" {
		t.Fatalf("anonymous /admin: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page := b.get(resp.Header.Get("Location"))
	if !strings.Contains(page, `<input type="hidden" name="next" value="/admin">`) {
		t.Errorf("the login form forgot where to go back to")
	}

	resp, _ = b.login("ssp@aarhus.dk", staffPassword, "next", "/admin")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin" {
		t.Fatalf("login: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	sc := b.cookies["hn_session"]
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Secure || sc.MaxAge != 12*3600 {
		t.Fatalf("session cookie %+v", sc)
	}

	resp, page = b.get("/admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/admin: %d\n%s", resp.StatusCode, page)
	}
	for _, want := range []string{"Skoler og brugere", "Aarhus Kommune", "Nørre Skole", "ssp@aarhus.dk", "Logget ind som ssp@aarhus.dk"} {
		if !strings.Contains(page, want) {
			t.Errorf("admin page lacks %q", want)
		}
	}
	for _, other := range []string{"Byskolen", "hans@horsens.dk"} {
		if strings.Contains(page, other) {
			t.Errorf("an SSP consultant of Aarhus sees %q of Horsens", other)
		}
	}

	resp, _ = b.post("/logout", url.Values{"_csrf": {csrfOf(t, page)}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?logged_out=1" {
		t.Fatalf("logout: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, ok := b.cookies["hn_session"]; ok {
		t.Error("logout left the session cookie")
	}
	_, page = b.get("/login?logged_out=1")
	if !strings.Contains(page, "Du er logget ud.") {
		t.Error("no logged-out notice")
	}
	if resp, _ := b.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("/admin after logout: %d", resp.StatusCode)
	}
	// The old session id is dead on the server too, not just forgotten by the browser.
	b.cookies["hn_session"] = sc
	if resp, _ := b.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("/admin with the logged-out session id: %d", resp.StatusCode)
	}
}

func TestLandingPagesAndNext(t *testing.T) {
	s := newServer(t)
	sc := seedSchool(t, s, "Aarhus", "Nørre Skole")
	seedUser(t, s, "laerer@aarhus.dk", model.RoleTeacher, "Aarhus", sc.ID)
	seedUser(t, s, "admin@region.dk", model.RoleAdmin, "", "")
	tests := []struct {
		email, next, want string
	}{
		{"laerer@aarhus.dk", "", "/sessions"},
		{"admin@region.dk", "", "/admin"},
		{"laerer@aarhus.dk", "/sessions/abc?x=1", "/sessions/abc?x=1"},
		{"admin@region.dk", "//evil.example/", "/admin"},
		{"admin@region.dk", `/\evil.example`, "/admin"},
		{"admin@region.dk", "https://evil.example/", "/admin"},
	}
	for _, tt := range tests {
		resp, _ := newStaffBrowser(t, s).login(tt.email, staffPassword, "next", tt.next)
		if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != tt.want {
			t.Errorf("%s with next %q: %d to %q, want %q", tt.email, tt.next, resp.StatusCode, got, tt.want)
		}
	}
	// A teacher has no business on the admin page.
	b := newStaffBrowser(t, s)
	b.login("laerer@aarhus.dk", staffPassword)
	if resp, _ := b.get("/admin"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("teacher on /admin: %d", resp.StatusCode)
	}
}

func TestCookiesAreSecureBehindHTTPS(t *testing.T) {
	s := restartServer(t, newServer(t), "HELTNORMAL_SECURE_COOKIES", "true")
	seedUser(t, s, "admin@region.dk", model.RoleAdmin, "", "")
	b := newStaffBrowser(t, s)
	if resp, _ := b.login("admin@region.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	// __Host- cookies: browsers take them only from HTTPS, for the whole site and this host
	// alone, so no sibling subdomain or plain-HTTP page can plant one.
	for _, name := range []string{"__Host-hn_session", "__Host-hn_csrf", "__Host-hn_device"} {
		if c := b.cookies[name]; c == nil || !c.Secure || !c.HttpOnly || c.Path != "/" || c.Domain != "" {
			t.Errorf("cookie %s: %+v", name, c)
		}
	}
	if resp, _ := b.get("/admin"); resp.StatusCode != http.StatusOK {
		t.Errorf("signed in with __Host- cookies: /admin %d", resp.StatusCode)
	}
	// A cookie without the prefix, as a planted one would be, is not the login.
	planted := newStaffBrowser(t, s)
	planted.cookies["hn_session"] = &http.Cookie{Name: "hn_session", Value: b.cookies["__Host-hn_session"].Value}
	if resp, _ := planted.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a session cookie without the prefix signed in: /admin %d", resp.StatusCode)
	}
}

func TestSessionIDChangesAtLogin(t *testing.T) {
	s := newServer(t)
	seedUser(t, s, "admin@region.dk", model.RoleAdmin, "", "")
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	b := newStaffBrowser(t, s)
	b.login("ssp@aarhus.dk", staffPassword)
	first := b.cookies["hn_session"]
	if first == nil {
		t.Fatal("no session")
	}
	// Someone who knows the id of a live session in this browser (planted, or seen before)
	// must not ride along on the next login (here from a login form opened earlier).
	_, page := b.get("/admin")
	resp, _ := b.post("/login", url.Values{"_csrf": {csrfOf(t, page)}, "email": {"admin@region.dk"}, "password": {staffPassword}})
	second := b.cookies["hn_session"]
	if resp.StatusCode != http.StatusSeeOther || second == nil || second.Value == first.Value {
		t.Fatalf("login kept the session id %v", second)
	}
	other := newStaffBrowser(t, s)
	other.cookies["hn_session"] = first
	if resp, _ := other.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the id from before the login still works: %d", resp.StatusCode)
	}
	if resp, page := b.get("/admin"); resp.StatusCode != http.StatusOK || !strings.Contains(page, "admin@region.dk") {
		t.Errorf("new session: %d", resp.StatusCode)
	}
}

func TestLoginAndFormsSurviveARestart(t *testing.T) {
	s := newServer(t)
	seedUser(t, s, "admin@region.dk", model.RoleAdmin, "", "")
	b := newStaffBrowser(t, s)
	b.login("admin@region.dk", staffPassword)
	_, page := b.get("/admin")
	token := csrfOf(t, page)

	b.s = restartServer(t, s)
	resp, page := b.get("/admin")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Logget ind som admin@region.dk") {
		t.Fatalf("after restart: %d", resp.StatusCode)
	}
	// A form loaded before the restart can still be sent.
	resp, _ = b.post("/admin/schools", url.Values{"_csrf": {token}, "municipality": {"Skive"}, "name": {"Kulturcenter Skolen"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("form from before the restart: %d", resp.StatusCode)
	}
}

func TestFormWithoutCSRFTokenCreatesNothing(t *testing.T) {
	s := newServer(t)
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	b := newStaffBrowser(t, s)
	b.login("ssp@aarhus.dk", staffPassword)
	_, page := b.get("/admin")
	good := csrfOf(t, page)

	for _, token := range []string{"", "made-up-token"} {
		form := url.Values{"name": {"Nørre Skole"}}
		if token != "" {
			form.Set("_csrf", token)
		}
		resp, page := b.post("/admin/schools", form)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Formularen kunne ikke sendes") {
			t.Errorf("token %q: status %d\n%s", token, resp.StatusCode, page)
		}
	}
	// A token from another browser does not match this browser's cookie.
	other := newStaffBrowser(t, s)
	_, otherPage := other.get("/login")
	if resp, _ := b.post("/admin/schools", url.Values{"_csrf": {csrfOf(t, otherPage)}, "name": {"Nørre Skole"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another browser's token: %d", resp.StatusCode)
	}
	if schools, _ := s.st.ListSchools(context.Background(), ""); len(schools) != 0 {
		t.Fatalf("refused forms created %v", schools)
	}
	// The login form is protected as well.
	if resp, _ := newStaffBrowser(t, s).post("/login", url.Values{"email": {"ssp@aarhus.dk"}, "password": {staffPassword}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("login without token: %d", resp.StatusCode)
	}

	resp, _ := b.post("/admin/schools", url.Values{"_csrf": {good}, "name": {"Nørre Skole"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("with the token: %d", resp.StatusCode)
	}
	_, page = b.get(resp.Header.Get("Location"))
	if !strings.Contains(page, "Skolen er oprettet.") || !strings.Contains(page, "<td>Nørre Skole</td><td>Aarhus</td>") {
		t.Errorf("the new school is not shown:\n%s", page)
	}
}

func TestAdminPageCreatesTeachersAndShowsMistakes(t *testing.T) {
	s := newServer(t)
	sc := seedSchool(t, s, "Aarhus", "Nørre Skole")
	horsens := seedSchool(t, s, "Horsens", "Byskolen")
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	b := newStaffBrowser(t, s)
	b.login("ssp@aarhus.dk", staffPassword)
	_, page := b.get("/admin")
	token := csrfOf(t, page)
	if strings.Contains(page, `name="municipality"`) && strings.Contains(page, "Horsens") {
		t.Error("an SSP consultant is offered another municipality")
	}

	resp, page := b.post("/admin/users", url.Values{"_csrf": {token}, "email": {"Ny.Laerer@Aarhus.dk"}, "password": {"kort"}, "role": {"teacher"}, "school_id": {sc.ID}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("short password: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`<p class="error" role="alert" id="user-error">Ret det, der er markeret herunder.</p>`,
		`<p class="field-error" id="user-password-error">Adgangskoden skal være mindst 10 tegn lang.</p>`,
		`aria-describedby="user-password-hint user-password-error" aria-invalid="true"`,
		`value="Ny.Laerer@Aarhus.dk"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the form with a mistake lacks %s", want)
		}
	}
	if strings.Contains(page, `value="kort"`) {
		t.Error("the password was sent back in the page")
	}

	resp, page = b.post("/admin/users", url.Values{"_csrf": {token}, "email": {"hans@horsens.dk"}, "password": {staffPassword}, "role": {"teacher"}, "school_id": {horsens.ID}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Du kan kun oprette skoler og lærere i din egen kommune.") {
		t.Errorf("teacher in Horsens by SSP of Aarhus: %d", resp.StatusCode)
	}
	if resp, _ := b.post("/admin/schools", url.Values{"_csrf": {token}, "municipality": {"Horsens"}, "name": {"Snydeskolen"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("school in Horsens by SSP of Aarhus: %d", resp.StatusCode)
	}

	resp, _ = b.post("/admin/users", url.Values{"_csrf": {token}, "email": {"Ny.Laerer@Aarhus.dk"}, "password": {staffPassword}, "role": {"teacher"}, "school_id": {sc.ID}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create teacher: %d", resp.StatusCode)
	}
	_, page = b.get(resp.Header.Get("Location"))
	if !strings.Contains(page, "Brugeren er oprettet") || !strings.Contains(page, "<td>ny.laerer@aarhus.dk</td><td>Lærer</td><td>Nørre Skole</td><td>Aarhus</td>") {
		t.Errorf("the new teacher is not listed:\n%s", page)
	}
	if users, _ := s.st.ListUsers(context.Background(), store.UserFilter{Municipality: "Horsens"}); len(users) != 0 {
		t.Errorf("refused forms created %v", users)
	}
	if resp, _ := newStaffBrowser(t, s).login("ny.laerer@aarhus.dk", staffPassword); resp.Header.Get("Location") != "/sessions" {
		t.Errorf("the new teacher cannot log in: %d", resp.StatusCode)
	}
}

// accountsAPI sends a raw JSON body with an optional bearer token.
func accountsAPI(t *testing.T, s *testServer, method, path, token, body string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, text := s.do(t, req)
	return resp.StatusCode, text
}

// tokenFor logs in through the API and returns the token.
func tokenFor(t *testing.T, s *testServer, email string) string {
	t.Helper()
	status, body := accountsAPI(t, s, http.MethodPost, "/api/v1/auth/token", "", `{"email":"`+email+`","password":"`+staffPassword+`"}`)
	if status != http.StatusOK {
		t.Fatalf("token for %s: %d %s", email, status, body)
	}
	var out struct {
		Token     string `json:"token"`
		ExpiresAt string `json:"expires_at"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || out.Token == "" {
		t.Fatalf("token body %s", body)
	}
	return out.Token
}

func TestTokenRoundTripAndRestart(t *testing.T) {
	s := newServer(t)
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	status, body := accountsAPI(t, s, http.MethodPost, "/api/v1/auth/token", "", `{"email":"SSP@Aarhus.dk","password":"`+staffPassword+`"}`)
	if status != http.StatusOK {
		t.Fatalf("token: %d %s", status, body)
	}
	var out map[string]string
	if err := json.Unmarshal([]byte(body), &out); err != nil || len(out) != 2 {
		t.Fatalf("body %s: want exactly token and expires_at", body)
	}
	expires, err := time.Parse(time.RFC3339, out["expires_at"])
	if err != nil || expires.Sub(time.Now()) < 11*time.Hour+59*time.Minute || expires.Sub(time.Now()) > 12*time.Hour {
		t.Errorf("expires_at %q (%v)", out["expires_at"], err)
	}

	status, body = accountsAPI(t, s, http.MethodPost, "/api/v1/schools", out["token"], `{"municipality":"Aarhus","name":"Nørre Skole"}`)
	if status != http.StatusCreated || !regexp.MustCompile(`^\{"id":"[0-9a-f]{32}"\}$`).MatchString(body) {
		t.Errorf("create school: %d %s", status, body)
	}
	restarted := restartServer(t, s)
	status, body = accountsAPI(t, restarted, http.MethodPost, "/api/v1/schools", out["token"], `{"municipality":"Aarhus","name":"Søndre Skole"}`)
	if status != http.StatusCreated {
		t.Errorf("token after restart: %d %s", status, body)
	}

	for _, tt := range []struct{ header, code string }{
		{"Bearer made-up", "unauthorized"},
		{"Basic c3NwOnB3", "unauthorized"},
	} {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/schools", strings.NewReader(`{"municipality":"Aarhus","name":"X"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", tt.header)
		resp, body := s.do(t, req)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"code":"`+tt.code+`"`) {
			t.Errorf("%s: %d %s", tt.header, resp.StatusCode, body)
		}
	}
	status, body = accountsAPI(t, s, http.MethodPost, "/api/v1/auth/token", "", `{"email":"ssp@aarhus.dk","password":"forkert kodeord"}`)
	if status != http.StatusUnauthorized || !strings.Contains(body, `"code":"unauthorized","message":"wrong email or password"`) {
		t.Errorf("wrong password: %d %s", status, body)
	}
	status, body = accountsAPI(t, s, http.MethodPost, "/api/v1/schools", "", `{"municipality":"Aarhus","name":"X"}`)
	if status != http.StatusUnauthorized || !strings.Contains(body, `"code":"unauthorized"`) {
		t.Errorf("no token: %d %s", status, body)
	}
}

func TestSchoolAndUserAPIScoping(t *testing.T) {
	s := newServer(t)
	aarhus := seedSchool(t, s, "Aarhus", "Nørre Skole")
	horsens := seedSchool(t, s, "Horsens", "Byskolen")
	seedUser(t, s, "admin@region.dk", model.RoleAdmin, "", "")
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	seedUser(t, s, "laerer@aarhus.dk", model.RoleTeacher, "Aarhus", aarhus.ID)
	admin, ssp, teacher := tokenFor(t, s, "admin@region.dk"), tokenFor(t, s, "ssp@aarhus.dk"), tokenFor(t, s, "laerer@aarhus.dk")

	tests := []struct {
		name, token, path, body string
		status                  int
		want                    string // in the body
	}{
		{"ssp school at home", ssp, "/api/v1/schools", `{"municipality":"Aarhus","name":"Vestre Skole"}`, 201, `"id":`},
		{"ssp school lower-case municipality", ssp, "/api/v1/schools", `{"municipality":"aarhus","name":"Østre Skole"}`, 201, `"id":`},
		{"ssp school elsewhere", ssp, "/api/v1/schools", `{"municipality":"Horsens","name":"Vestre Skole"}`, 403, `"code":"forbidden"`},
		{"duplicate school", ssp, "/api/v1/schools", `{"municipality":"Aarhus","name":"vestre  skole"}`, 409, `"code":"conflict"`},
		{"unknown municipality", admin, "/api/v1/schools", `{"municipality":"Atlantis","name":"Havskolen"}`, 400, `"fields":{"municipality":"Unknown municipality \"Atlantis\"`},
		{"school without name", admin, "/api/v1/schools", `{"municipality":"Lemvig","name":"  "}`, 400, `"fields":{"name":"This field is required."}`},
		{"admin school anywhere", admin, "/api/v1/schools", `{"municipality":"Lemvig","name":"Lemvig Skole"}`, 201, `"id":`},
		{"teacher school", teacher, "/api/v1/schools", `{"municipality":"Aarhus","name":"Min Skole"}`, 403, `"code":"forbidden"`},
		{"bad types", admin, "/api/v1/schools", `{"municipality":5,"name":["x"]}`, 400, `"fields":{"municipality":`},
		{"unknown field", admin, "/api/v1/schools", `{"municipality":"Aarhus","name":"X","$where":"1"}`, 400, `"fields":{"$where":"unknown field"}`},

		{"ssp teacher at home", ssp, "/api/v1/users", `{"email":"ny@aarhus.dk","password":"` + staffPassword + `","role":"teacher","school_id":"` + aarhus.ID + `"}`, 201, `"id":`},
		{"ssp teacher elsewhere", ssp, "/api/v1/users", `{"email":"ny@horsens.dk","password":"` + staffPassword + `","role":"teacher","school_id":"` + horsens.ID + `"}`, 403, `"code":"forbidden"`},
		{"ssp creates ssp", ssp, "/api/v1/users", `{"email":"ssp2@aarhus.dk","password":"` + staffPassword + `","role":"ssp","municipality":"Aarhus"}`, 403, `"code":"forbidden"`},
		{"teacher creates teacher", teacher, "/api/v1/users", `{"email":"ven@aarhus.dk","password":"` + staffPassword + `","role":"teacher","school_id":"` + aarhus.ID + `"}`, 403, `"code":"forbidden"`},
		{"admin creates ssp", admin, "/api/v1/users", `{"email":"ssp@horsens.dk","password":"` + staffPassword + `","role":"ssp","municipality":"Horsens"}`, 201, `"id":`},
		{"admin creates admin", admin, "/api/v1/users", `{"email":"admin2@region.dk","password":"` + staffPassword + `","role":"admin"}`, 201, `"id":`},
		{"duplicate email", admin, "/api/v1/users", `{"email":"NY@aarhus.dk","password":"` + staffPassword + `","role":"teacher","school_id":"` + aarhus.ID + `"}`, 409, `"fields":{"email":"A user with this email already exists."}`},
		{"bad email and short password", admin, "/api/v1/users", `{"email":"ny@","password":"kort","role":"teacher","school_id":"` + aarhus.ID + `"}`, 400, `"fields":{"email":"Type a valid email address, e.g. name@school.dk.","password":"The password must be at least 10 characters long."}`},
		{"unknown role", admin, "/api/v1/users", `{"email":"x@aarhus.dk","password":"` + staffPassword + `","role":"rektor"}`, 400, `"role":"Choose a role: admin, ssp, teacher or coordinator."`},
		{"unknown school", admin, "/api/v1/users", `{"email":"x@aarhus.dk","password":"` + staffPassword + `","role":"teacher","school_id":"nope"}`, 400, `"school_id":"There is no such school.`},
		{"school in another municipality", admin, "/api/v1/users", `{"email":"x@aarhus.dk","password":"` + staffPassword + `","role":"teacher","municipality":"Aarhus","school_id":"` + horsens.ID + `"}`, 400, `"municipality":"Byskolen is in Horsens."`},
		{"ssp without municipality", admin, "/api/v1/users", `{"email":"x@aarhus.dk","password":"` + staffPassword + `","role":"ssp"}`, 400, `"municipality":"This field is required."`},
		{"password as a number", admin, "/api/v1/users", `{"email":"x@aarhus.dk","password":1234567890,"role":"admin"}`, 400, `"fields":{"password":"must be a string, not number"}`},
	}
	for _, tt := range tests {
		status, body := accountsAPI(t, s, http.MethodPost, tt.path, tt.token, tt.body)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d %s\nwant %d with %s", tt.name, status, body, tt.status, tt.want)
		}
	}

	// The teacher made by the SSP consultant belongs to the school's municipality and can
	// get a token; nothing refused above was stored.
	u, err := s.st.UserByEmail(context.Background(), "ny@aarhus.dk")
	if err != nil || u.Role != model.RoleTeacher || u.Municipality != "Aarhus" || u.SchoolID != aarhus.ID {
		t.Fatalf("created teacher %+v, %v", u, err)
	}
	tokenFor(t, s, "ny@aarhus.dk")
	for _, email := range []string{"ny@horsens.dk", "ssp2@aarhus.dk", "ven@aarhus.dk", "x@aarhus.dk"} {
		if _, err := s.st.UserByEmail(context.Background(), email); err == nil {
			t.Errorf("refused user %s was stored", email)
		}
	}
	schools, _ := s.st.ListSchools(context.Background(), "Horsens")
	if len(schools) != 1 {
		t.Errorf("Horsens has %d schools, want only Byskolen", len(schools))
	}
}

func TestAPIIgnoresTheLoginCookieOnNonJSONPosts(t *testing.T) {
	s := newServer(t)
	seedUser(t, s, "admin@region.dk", model.RoleAdmin, "", "")
	b := newStaffBrowser(t, s)
	b.login("admin@region.dk", staffPassword)
	// What a form on another site could send (if the browser sent the cookie along).
	req := httptest.NewRequest(http.MethodPost, "/api/v1/schools", strings.NewReader(`{"municipality":"Aarhus","name":"Falsk Skole"}`))
	req.Header.Set("Content-Type", "text/plain")
	if resp, _ := b.send(req); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("text/plain post with the login cookie: %d", resp.StatusCode)
	}
	// A script on our own pages sends JSON.
	req = httptest.NewRequest(http.MethodPost, "/api/v1/schools", strings.NewReader(`{"municipality":"Aarhus","name":"Ægte Skole"}`))
	req.Header.Set("Content-Type", "application/json")
	if resp, body := b.send(req); resp.StatusCode != http.StatusCreated {
		t.Errorf("JSON post with the login cookie: %d %s", resp.StatusCode, body)
	}
	if schools, _ := s.st.ListSchools(context.Background(), "Aarhus"); len(schools) != 1 || schools[0].Name != "Ægte Skole" {
		t.Errorf("schools %v", schools)
	}
}
