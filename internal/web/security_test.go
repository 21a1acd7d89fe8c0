package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/web"
)

// The security tests of issue 9 (docs/security.md says which threat each one covers):
// headers, cookies, CSRF on every form route, session fixation, rate limits, scoping of every
// route with an id or a municipality, query operators in every JSON field and path
// parameter, path traversal, and error pages that give nothing away. Every error body any of
// them receives is checked for Go internals, and each test ends with the server still
// healthy and a pupil still able to answer.

// Strings only school A's staff, Aarhus's SSP consultants and administrators may ever see.
const (
	secretSchool      = "Hemmeligskolen"
	secretClosedLabel = "9.Xq"
	secretOpenLabel   = "8.Zq"
	secretTeacher     = "hemmelig.laerer@aarhus.dk"
)

// secWorld is two municipalities with their schools, staff and classes. School A (Aarhus)
// has a closed class with answers and an open one; everyone else attacks them.
type secWorld struct {
	s                         *testServer
	schoolA, schoolA2, school *model.School // A and A2 in Aarhus, school in Horsens
	// API tokens.
	admin, sspA, sspH, teacherA, teacherA2, teacherH string
	closed, open                                     createdSession
	secrets                                          []string
}

func newSecWorld(t *testing.T, vars ...string) *secWorld {
	t.Helper()
	s := newServer(t)
	if len(vars) > 0 {
		s = restartServer(t, s, vars...)
	}
	w := &secWorld{s: s}
	w.schoolA = seedSchool(t, s, "Aarhus", secretSchool)
	w.schoolA2 = seedSchool(t, s, "Aarhus", "Vestre Skole")
	w.school = seedSchool(t, s, "Horsens", "Byskolen")
	seedUser(t, s, "admin@region.dk", model.RoleAdmin, "", "")
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	seedUser(t, s, "ssp@horsens.dk", model.RoleSSP, "Horsens", "")
	seedUser(t, s, secretTeacher, model.RoleTeacher, "Aarhus", w.schoolA.ID)
	seedUser(t, s, "vestre@aarhus.dk", model.RoleTeacher, "Aarhus", w.schoolA2.ID)
	seedUser(t, s, "laerer@horsens.dk", model.RoleTeacher, "Horsens", w.school.ID)
	w.admin, w.sspA, w.sspH = tokenFor(t, s, "admin@region.dk"), tokenFor(t, s, "ssp@aarhus.dk"), tokenFor(t, s, "ssp@horsens.dk")
	w.teacherA, w.teacherA2, w.teacherH = tokenFor(t, s, secretTeacher), tokenFor(t, s, "vestre@aarhus.dk"), tokenFor(t, s, "laerer@horsens.dk")

	w.closed = closedClass(t, s, w.teacherA, secretClosedLabel, 6, 6)
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", w.teacherA, map[string]any{"survey_id": "jeg-er-helt-normal-kort",
		"class_label": secretOpenLabel, "grade": 8, "wave": "baseline", "expected_pupils": 20})
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &w.open) != nil {
		t.Fatalf("open session: %d %s", status, body)
	}
	for i := 0; i < 3; i++ {
		if st, body := answer(t, s, w.open.Code, fmt.Sprintf("security-open-%02d-abcdefgh", i), map[string]model.Answer{"sleep": {Self: "lt7"}}); st != http.StatusCreated {
			t.Fatalf("answer: %d %s", st, body)
		}
	}
	w.secrets = []string{w.closed.ID, w.closed.Code, w.open.ID, w.open.Code, w.schoolA.ID, secretSchool,
		secretClosedLabel, secretOpenLabel, secretTeacher}
	return w
}

// leakedSecret returns the first of school A's secrets in body, or "". A secret the
// request itself carried (a session id in its URL, say) is not news to whoever sent it.
func (w *secWorld) leakedSecret(body string, sent ...string) string {
	for _, secret := range w.secrets {
		if strings.Contains(body, secret) && !slices.ContainsFunc(sent, func(s string) bool { return strings.Contains(s, secret) }) {
			return secret
		}
	}
	return ""
}

// state is everything a refused request must leave as it was: schools, users, sessions
// (status, campaign, everything stored on them) and each session's number of answers.
func (w *secWorld) state(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	schools, err := w.s.st.ListSchools(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	users, err := w.s.st.ListUsers(ctx, store.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := w.s.st.ListSessions(ctx, store.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, sess := range sessions {
		counts[sess.ID] = responseCount(t, w.s, sess.ID)
	}
	data, err := json.Marshal(map[string]any{"schools": schools, "users": users, "sessions": sessions, "counts": counts})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// internals betray a Go program's insides: a stack trace, a file, a type, a driver error.
var internals = []string{"goroutine ", ".go:", "runtime.", "*fiber.Error", "fiber.Error", "model.Error", "panic:",
	"Go struct field", "Go value of type", "mongo:", "(MISSING)", "%!"}

// checkNoInternals fails when an error answer gives Go internals away.
func checkNoInternals(t *testing.T, where, body string) {
	t.Helper()
	for _, m := range internals {
		if strings.Contains(body, m) {
			t.Errorf("%s: the error answer contains %q:\n%.500s", where, m, body)
		}
	}
}

// send passes req through the whole app and checks any error answer for Go internals. An
// answer that does not end within 3 s (a live counter stream that was let through) is
// reported as status 0.
func send(t *testing.T, s *testServer, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := s.App().Test(req, 3000)
	if err != nil {
		return &http.Response{StatusCode: 0, Header: http.Header{}}, ""
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		checkNoInternals(t, req.Method+" "+req.URL.String(), string(data))
	}
	return resp, string(data)
}

// request builds a request with an optional bearer token and a JSON or form body.
func request(method, target, token, contentType, body string) *http.Request {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// stillHealthy checks that the server answers /healthz and takes a pupil's answer.
func (w *secWorld) stillHealthy(t *testing.T) {
	t.Helper()
	if resp, body := send(t, w.s, request(http.MethodGet, "/healthz", "", "", "")); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz after the attacks: %d %s", resp.StatusCode, body)
	}
	sid := fmt.Sprintf("still-healthy-%d", time.Now().UnixNano())
	if st, body := answer(t, w.s, w.open.Code, sid, map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "7"}}); st != http.StatusCreated {
		t.Errorf("a pupil's answer after the attacks: %d %s", st, body)
	}
}

// routeParam matches a route's parameters (":id", ":code", optional ":x?").
var routeParam = regexp.MustCompile(`:([A-Za-z_]+)\??`)

// fillRoute puts values into a route's parameters; ok is false when one has no value.
func fillRoute(path string, values map[string]string) (string, bool) {
	ok := true
	filled := routeParam.ReplaceAllStringFunc(path, func(p string) string {
		v, found := values[strings.TrimSuffix(strings.TrimPrefix(p, ":"), "?")]
		if !found {
			ok = false
		}
		return v
	})
	return filled, ok
}

// appRoutes lists the app's routes (no middleware, no automatic HEAD twins), once each.
func appRoutes(s *testServer) []fiber.Route {
	var out []fiber.Route
	seen := map[string]bool{}
	for _, r := range s.App().GetRoutes(true) {
		if r.Method == http.MethodHead || seen[r.Method+" "+r.Path] {
			continue
		}
		seen[r.Method+" "+r.Path] = true
		out = append(out, r)
	}
	return out
}

func TestSecurityHeadersOnPagesAPIStaticAndErrors(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprintf("secure cookies %v", secure), func(t *testing.T) {
			var w *secWorld
			if secure {
				w = newSecWorld(t, "HELTNORMAL_SECURE_COOKIES", "true")
			} else {
				w = newSecWorld(t)
			}
			id, code := w.closed.ID, w.open.Code
			pupil := `{"submission_id":"headers-check-0000000001","answers":{"sleep":{"self":"lt7"}}}`
			for _, tt := range []struct {
				method, target, token, contentType, body string
				status                                   int
			}{
				{"GET", "/", "", "", "", 200},
				{"GET", "/login", "", "", "", 200},
				{"GET", "/materials", "", "", "", 200},
				{"GET", "/j/" + code, "", "", "", 200},
				{"GET", "/j/" + code + "/tak", "", "", "", 200},
				{"GET", "/sessions/" + id, w.teacherA, "", "", 200},
				{"GET", "/sessions/" + id + "/results", w.teacherA, "", "", 200},
				{"GET", "/sessions/" + id + "/results.csv", w.teacherA, "", "", 200},
				{"GET", "/sessions/" + id + "/poster.png?item=sleep", w.teacherA, "", "", 200},
				{"GET", "/ssp", w.sspA, "", "", 200},
				{"GET", "/healthz", "", "", "", 200},
				{"GET", "/api/v1/surveys", "", "", "", 200},
				{"GET", "/api/v1/sessions/" + id, w.teacherA, "", "", 200},
				{"POST", "/api/v1/join/" + code + "/responses", "", "application/json", pupil, 201},
				{"GET", "/static/css/app.css", "", "", "", 200},
				{"GET", "/static/js/survey.js", "", "", "", 200},
				{"GET", "/static/vendor/echarts/echarts.min.js", "", "", "", 200},
				// Errors: pages, API, static.
				{"GET", "/sessions", "", "", "", 303},
				{"GET", "/no-such-page", "", "", "", 404},
				{"GET", "/j/ZZZZZZ", "", "", "", 404},
				{"GET", "/static/no-such.css", "", "", "", 404},
				{"GET", "/api/v1/no-such", "", "", "", 404},
				{"GET", "/api/v1/sessions", "", "", "", 401},
				{"GET", "/sessions/" + id, w.teacherH, "", "", 404},
				{"GET", "/api/v1/compare?municipality=Aarhus&survey_id=jeg-er-helt-normal-kort", w.sspH, "", "", 403},
				{"POST", "/api/v1/join/" + code + "/responses", "", "application/json", `{"submission_id":{"$ne":null}}`, 400},
				{"POST", "/login", "", "application/x-www-form-urlencoded", "email=a%40b.dk&password=x", 403},
				{"PUT", "/api/v1/sessions/" + id, w.teacherA, "application/json", "{}", 404},
			} {
				where := tt.method + " " + tt.target
				resp, _ := send(t, w.s, request(tt.method, tt.target, tt.token, tt.contentType, tt.body))
				if resp.StatusCode != tt.status {
					t.Errorf("%s: status %d, want %d", where, resp.StatusCode, tt.status)
				}
				checkSecurityHeaders(t, where, resp.Header, secure)
			}
			w.stillHealthy(t)
		})
	}
}

// checkSecurityHeaders checks the headers every answer must carry.
func checkSecurityHeaders(t *testing.T, where string, h http.Header, secure bool) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for name, want := range map[string]string{"default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
		"object-src": "'none'", "base-uri": "'none'", "frame-ancestors": "'none'", "form-action": "'self'"} {
		if directives[name] != want {
			t.Errorf("%s: CSP %s is %q, want %q (CSP %q)", where, name, directives[name], want, csp)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "unsafe-hashes", "*", "http:", "https:", "strict-dynamic"} {
		if strings.Contains(csp, bad) {
			t.Errorf("%s: CSP allows %q: %q", where, bad, csp)
		}
	}
	for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
		"Referrer-Policy": "same-origin", "Cross-Origin-Opener-Policy": "same-origin", "X-Powered-By": ""} {
		if got := h.Get(name); got != want {
			t.Errorf("%s: %s is %q, want %q", where, name, got, want)
		}
	}
	if server := h.Get("Server"); regexp.MustCompile(`[0-9]|fiber|fasthttp|go`).MatchString(strings.ToLower(server)) {
		t.Errorf("%s: the Server header gives the software away: %q", where, server)
	}
	if hsts := h.Get("Strict-Transport-Security"); (hsts != "") != secure {
		t.Errorf("%s: Strict-Transport-Security %q with secure cookies %v", where, hsts, secure)
	}
}

func TestCookiesAreHttpOnlyLaxAndSecureWhenAsked(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprintf("secure cookies %v", secure), func(t *testing.T) {
			var w *secWorld
			if secure {
				w = newSecWorld(t, "HELTNORMAL_SECURE_COOKIES", "true")
			} else {
				w = newSecWorld(t)
			}
			seen := map[string]bool{}
			check := func(where string, resp *http.Response) {
				t.Helper()
				for _, c := range resp.Cookies() {
					seen[c.Name] = true
					if c.Value == "" || c.MaxAge < 0 || (!c.Expires.IsZero() && c.Expires.Before(time.Now())) {
						continue // a deletion carries nothing to protect
					}
					if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != secure || c.Path != "/" {
						t.Errorf("%s: cookie %s: HttpOnly %v, SameSite %v, Secure %v, Path %q; want HttpOnly, Lax, Secure %v, /",
							where, c.Name, c.HttpOnly, c.SameSite, c.Secure, c.Path, secure)
					}
					for _, id := range []string{"admin@region.dk", w.closed.ID} {
						if c.Value != "" && strings.Contains(c.Value, id) {
							t.Errorf("%s: cookie %s carries %q", where, c.Name, id)
						}
					}
				}
			}
			b := newStaffBrowser(t, w.s)
			resp, _ := b.get("/login")
			check("GET /login", resp)
			resp, _ = b.login("admin@region.dk", staffPassword)
			check("POST /login", resp)
			resp, page := b.get("/admin?lang=en")
			check("GET /admin?lang=en", resp)
			resp, _ = b.post("/logout", url.Values{"_csrf": {csrfOf(t, page)}})
			check("POST /logout", resp)
			pupil := newPupilBrowser(t, w.s)
			resp, _ = pupil.get("/j/" + w.open.Code + "?lang=uk")
			check("GET /j/CODE", resp)
			for _, name := range []string{"hn_session", "hn_csrf", "lang"} {
				if !seen[name] {
					t.Errorf("cookie %s was never set, so never checked", name)
				}
			}
			w.stillHealthy(t)
		})
	}
}

// formFields are fields a form route would act on if it took them without a CSRF token.
func formFields(w *secWorld, route string) url.Values {
	switch route {
	case "/login":
		return url.Values{"email": {"admin@region.dk"}, "password": {staffPassword}}
	case "/admin/schools":
		return url.Values{"municipality": {"Aarhus"}, "name": {"Forfalsket Skole"}}
	case "/admin/users":
		return url.Values{"email": {"forfalsket@aarhus.dk"}, "password": {staffPassword}, "role": {"admin"}, "school_id": {w.schoolA.ID}}
	case "/sessions":
		return url.Values{"survey_id": {"jeg-er-helt-normal-kort"}, "class_label": {"7.F"}, "grade": {"7"}, "wave": {"baseline"}, "expected_pupils": {"20"}}
	case "/sessions/:id/delete":
		return url.Values{"confirm": {"yes"}}
	case "/j/:code":
		return url.Values{"submission_id": {"forged-submission-000001"}, "lang": {"da"}, "a.sleep.self": {"8plus"}}
	}
	return url.Values{}
}

func TestEveryFormPostNeedsItsCSRFToken(t *testing.T) {
	w := newSecWorld(t)
	admin := newStaffBrowser(t, w.s)
	if resp, _ := admin.login("admin@region.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	_, page := admin.get("/admin")
	good := csrfOf(t, page)
	_, otherPage := newStaffBrowser(t, w.s).get("/login")
	othersToken := csrfOf(t, otherPage) // valid, but for another browser's cookie
	before := w.state(t)

	values := map[string]string{"id": w.open.ID, "code": w.open.Code}
	var tested []string
	for _, r := range appRoutes(w.s) {
		if strings.HasPrefix(r.Path, "/api/") || r.Method == http.MethodGet {
			continue
		}
		target, ok := fillRoute(r.Path, values)
		if !ok {
			t.Errorf("%s %s: no value for its parameters %v; add one to this test", r.Method, r.Path, r.Params)
			continue
		}
		tested = append(tested, r.Method+" "+r.Path)
		fields := formFields(w, r.Path)
		attempts := []struct {
			name        string
			contentType string
			body        string
			header      string
		}{
			{"no token", "application/x-www-form-urlencoded", fields.Encode(), ""},
			{"a made-up token", "application/x-www-form-urlencoded", withField(fields, "_csrf", strings.Repeat("A", len(good))).Encode(), ""},
			{"another browser's token", "application/x-www-form-urlencoded", withField(fields, "_csrf", othersToken).Encode(), ""},
			{"another browser's token as a header", "application/x-www-form-urlencoded", fields.Encode(), othersToken},
			{"a text/plain post, as a form on another site can send", "text/plain", fields.Encode(), ""},
			{"a multipart post without a token", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nX\r\n--x--\r\n", ""},
		}
		for _, a := range attempts {
			req := request(r.Method, target, "", a.contentType, a.body)
			if a.header != "" {
				req.Header.Set("X-Csrf-Token", a.header)
			}
			resp, body := admin.send(req)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s with %s: status %d, want 403", r.Method, target, a.name, resp.StatusCode)
			}
			if resp.Header.Get("Location") != "" {
				t.Errorf("%s %s with %s: redirected to %s", r.Method, target, a.name, resp.Header.Get("Location"))
			}
			checkNoInternals(t, r.Method+" "+target, body)
		}
	}
	for _, want := range []string{"POST /login", "POST /logout", "POST /admin/schools", "POST /admin/users", "POST /sessions",
		"POST /sessions/:id/close", "POST /sessions/:id/delete", "POST /j/:code"} {
		if !slices.Contains(tested, want) {
			t.Errorf("route %s was not found among the app's routes %v", want, tested)
		}
	}
	if after := w.state(t); after != before {
		t.Errorf("refused form posts changed the data:\nbefore %s\nafter  %s", before, after)
	}
	// The admin is still logged in (the refused logout did nothing), and the right token
	// works: the refusals above were the CSRF check, not a broken form.
	if resp, _ := admin.get("/admin"); resp.StatusCode != http.StatusOK {
		t.Errorf("after a refused logout: /admin %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/admin/schools", withField(formFields(w, "/admin/schools"), "_csrf", good)); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the same form with its token: %d", resp.StatusCode)
	}
	w.stillHealthy(t)
}

func withField(v url.Values, name, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	out.Set(name, value)
	return out
}

func TestLoginGivesAFreshSessionAndLogoutEndsIt(t *testing.T) {
	w := newSecWorld(t)

	// A session id the attacker made up and planted in the victim's browser.
	victim := newStaffBrowser(t, w.s)
	victim.cookies["hn_session"] = &http.Cookie{Name: "hn_session", Value: "attacker-chosen-session-id-0001"}
	victim.login("ssp@aarhus.dk", staffPassword)
	if c := victim.cookies["hn_session"]; c == nil || c.Value == "attacker-chosen-session-id-0001" {
		t.Fatalf("login kept the planted session id: %+v", c)
	}
	attacker := newStaffBrowser(t, w.s)
	attacker.cookies["hn_session"] = &http.Cookie{Name: "hn_session", Value: "attacker-chosen-session-id-0001"}
	if resp, _ := attacker.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the planted id is logged in: /admin %d", resp.StatusCode)
	}

	// A live session of the attacker's own account, planted while the victim's login form
	// is open: the victim gets a new id, and the attacker's id stays the attacker's.
	attacker = newStaffBrowser(t, w.s)
	attacker.login("ssp@horsens.dk", staffPassword)
	planted := attacker.cookies["hn_session"]
	victim = newStaffBrowser(t, w.s)
	_, form := victim.get("/login")
	victim.cookies["hn_session"] = planted
	victim.post("/login", url.Values{"_csrf": {csrfOf(t, form)}, "email": {"ssp@aarhus.dk"}, "password": {staffPassword}})
	if c := victim.cookies["hn_session"]; c == nil || c.Value == planted.Value {
		t.Fatalf("login kept the attacker's session id")
	}
	if _, page := attacker.get("/admin"); strings.Contains(page, "ssp@aarhus.dk") || strings.Contains(page, secretSchool) {
		t.Error("the attacker's session shows the victim's account")
	}
	if _, page := victim.get("/admin"); !strings.Contains(page, secretSchool) {
		t.Error("the victim is not logged in as themselves")
	}

	// Logging out ends the session on the server, not only in the browser.
	stolen := victim.cookies["hn_session"]
	_, page := victim.get("/admin")
	victim.post("/logout", url.Values{"_csrf": {csrfOf(t, page)}})
	replay := newStaffBrowser(t, w.s)
	replay.cookies["hn_session"] = stolen
	if resp, _ := replay.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a session id used after logout: /admin %d", resp.StatusCode)
	}

	// The return address after login stays on this site.
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		b := newStaffBrowser(t, w.s)
		resp, _ := b.login("ssp@aarhus.dk", staffPassword, "next", next)
		if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, "evil") {
			t.Errorf("next=%q: login sent the browser to %q", next, loc)
		}
	}
	w.stillHealthy(t)
}

func TestLoginAndJoinGuessingAreRateLimited(t *testing.T) {
	w := newSecWorld(t)

	// Login: ten failures per email and address, then 429 — even for the right password —
	// through the form and the token endpoint alike.
	b := newStaffBrowser(t, w.s)
	for i := 1; i <= 10; i++ {
		if resp, _ := b.login("ssp@horsens.dk", fmt.Sprintf("gæt nummer %d", i)); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failed login %d: %d", i, resp.StatusCode)
		}
	}
	if resp, _ := b.login("ssp@horsens.dk", staffPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("login after 10 failures: %d, want 429", resp.StatusCode)
	}
	if st, _ := accountsAPI(t, w.s, http.MethodPost, "/api/v1/auth/token", "", `{"email":"ssp@horsens.dk","password":"`+staffPassword+`"}`); st != http.StatusTooManyRequests {
		t.Errorf("token after 10 failures: %d, want 429", st)
	}
	// Spelling the email differently is the same account.
	if st, _ := accountsAPI(t, w.s, http.MethodPost, "/api/v1/auth/token", "", `{"email":" SSP@Horsens.DK ","password":"`+staffPassword+`"}`); st != http.StatusTooManyRequests {
		t.Errorf("token for the same email in capitals after 10 failures: %d, want 429", st)
	}

	// Join codes: 60 unknown codes from one address, then 429 for every join route, the
	// real code included, while another address (the school's) goes on answering.
	base := w.s.listen(t)
	guesser, school := clientFrom("127.0.0.4"), clientFrom("127.0.0.5")
	for i := 0; i < 60; i++ {
		target := base + fmt.Sprintf("/j/QQQ%03d", i)
		method := http.MethodGet
		if i%2 == 1 {
			target, method = base+fmt.Sprintf("/api/v1/join/QQQ%03d/responses", i), http.MethodPost
		}
		if st := status(t, guesser, method, target, `{"submission_id":"guess-0000000000000001"}`); st != http.StatusNotFound {
			t.Fatalf("guess %d: %d", i, st)
		}
	}
	for _, tt := range []struct{ method, path string }{
		{"GET", "/j/QQQ999"}, {"GET", "/j/" + w.open.Code}, {"GET", "/j/" + w.open.Code + "/tak"},
		{"POST", "/api/v1/join/" + w.open.Code + "/responses"},
	} {
		if st := status(t, guesser, tt.method, base+tt.path, `{"submission_id":"guess-0000000000000002","answers":{}}`); st != http.StatusTooManyRequests {
			t.Errorf("guesser %s %s: %d, want 429", tt.method, tt.path, st)
		}
	}
	if st := status(t, school, "POST", base+"/api/v1/join/"+w.open.Code+"/responses",
		`{"submission_id":"school-pupil-0000000001","answers":{"sleep":{"self":"8plus"}}}`); st != http.StatusCreated {
		t.Errorf("a pupil on another address: %d, want 201", st)
	}
	if resp, body := send(t, w.s, request("GET", "/healthz", "", "", "")); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %d %s", resp.StatusCode, body)
	}
}

func TestNoEndpointCrossesSchoolsOrMunicipalities(t *testing.T) {
	w := newSecWorld(t)

	type actor struct {
		name, email, token string
		browser            *staffBrowser
		csrf               string
	}
	login := func(name, email, token string) *actor {
		b := newStaffBrowser(t, w.s)
		if resp, _ := b.login(email, staffPassword); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("login %s: %d", email, resp.StatusCode)
		}
		_, page := b.get("/sessions")
		return &actor{name: name, email: email, token: token, browser: b, csrf: csrfOf(t, page)}
	}
	outsiders := []*actor{
		login("a teacher at another school in Aarhus", "vestre@aarhus.dk", w.teacherA2),
		login("a teacher in Horsens", "laerer@horsens.dk", w.teacherH),
		login("the SSP consultant of Horsens", "ssp@horsens.dk", w.sspH),
	}
	owner := login("school A's teacher", secretTeacher, w.teacherA)
	before := w.state(t)

	// call sends one route's request as a: bearer token for the API, the logged-in browser
	// with its CSRF token for pages.
	call := func(a *actor, method, target string) (*http.Response, string) {
		t.Helper()
		if strings.HasPrefix(target, "/api/") {
			body, contentType := "", ""
			if method != http.MethodGet {
				body, contentType = "{}", "application/json"
			}
			return send(t, w.s, request(method, target, a.token, contentType, body))
		}
		var req *http.Request
		if method == http.MethodGet {
			req = request(method, target, "", "", "")
		} else {
			req = request(method, target, "", "application/x-www-form-urlencoded", url.Values{"_csrf": {a.csrf}, "confirm": {"yes"}}.Encode())
		}
		for _, c := range a.browser.cookies {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
		return send(t, w.s, req)
	}
	// Queries that make a route do its most: a poster of a topic with a message.
	query := map[string]string{"/sessions/:id/poster.pdf": "?item=sleep", "/sessions/:id/poster.png": "?item=sleep",
		"/api/v1/sessions/:id/campaign": "?lang=da"}

	var tested int
	for _, r := range appRoutes(w.s) {
		if !slices.Contains(r.Params, "id") || strings.HasPrefix(r.Path, "/api/v1/surveys/") {
			continue
		}
		for _, sess := range []createdSession{w.closed, w.open} {
			target, _ := fillRoute(r.Path, map[string]string{"id": sess.ID})
			target += query[r.Path]
			tested++
			for _, a := range outsiders {
				resp, body := call(a, r.Method, target)
				switch {
				case resp.StatusCode == 0:
					t.Errorf("%s: %s %s streamed to them", a.name, r.Method, target)
				case resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden:
					t.Errorf("%s: %s %s answered %d, want 404 or 403", a.name, r.Method, target, resp.StatusCode)
				}
				if secret := w.leakedSecret(body, target); secret != "" {
					t.Errorf("%s: %s %s shows %q", a.name, r.Method, target, secret)
				}
			}
		}
		// The owner reaches the same URL (so the refusals above were about who asked). Only
		// reading routes: the others would change what the outsiders are tested against.
		if r.Method == http.MethodGet && !strings.HasSuffix(r.Path, "/events") {
			target, _ := fillRoute(r.Path, map[string]string{"id": w.closed.ID})
			if resp, _ := call(owner, r.Method, target+query[r.Path]); resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusForbidden {
				t.Errorf("the owner: %s %s answered %d", r.Method, target, resp.StatusCode)
			}
		}
	}
	if tested < 20 {
		t.Errorf("only %d routes with a session id were tested", tested/2)
	}

	// Lists show only what the user may see.
	for _, a := range outsiders {
		for _, target := range []string{"/api/v1/sessions", "/sessions", "/admin"} {
			resp, body := call(a, http.MethodGet, target)
			if secret := w.leakedSecret(body); secret != "" {
				t.Errorf("%s: GET %s (%d) shows %q", a.name, target, resp.StatusCode, secret)
			}
		}
	}

	// Every route without a path parameter that staff use, asked for Aarhus (and for
	// school A) by Horsens's SSP consultant and by teachers: refused, or without Aarhus's data.
	aarhus := "?municipality=Aarhus&survey_id=jeg-er-helt-normal-kort&school_id=" + w.schoolA.ID +
		"&group=school:" + w.schoolA.ID + "&item=sleep"
	refused := []string{"/api/v1/compare", "/api/v1/export.csv", "/api/v1/export.xlsx", "/ssp", "/ssp/waves",
		"/ssp/campaign", "/ssp/poster.pdf", "/ssp/poster.png"}
	for _, r := range appRoutes(w.s) {
		if r.Method != http.MethodGet || len(r.Params) > 0 {
			continue
		}
		for _, a := range outsiders {
			resp, body := call(a, http.MethodGet, r.Path+aarhus)
			if slices.Contains(refused, r.Path) && resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s: GET %s for Aarhus answered %d, want 403", a.name, r.Path, resp.StatusCode)
			}
			if secret := w.leakedSecret(body, aarhus); secret != "" {
				t.Errorf("%s: GET %s for Aarhus shows %q", a.name, r.Path, secret)
			}
		}
		// Horsens's consultant with no municipality named gets Horsens, never school A.
		if strings.HasPrefix(r.Path, "/ssp") || strings.HasPrefix(r.Path, "/api/v1/compare") || strings.HasPrefix(r.Path, "/api/v1/export") {
			target := r.Path + "?survey_id=jeg-er-helt-normal-kort&school_id=" + w.schoolA.ID + "&group=school:" + w.schoolA.ID
			resp, body := call(outsiders[2], http.MethodGet, target)
			if secret := w.leakedSecret(body, target); secret != "" || (resp.StatusCode == http.StatusOK && strings.HasSuffix(r.Path, ".xlsx") && strings.Contains(body, "Aarhus")) {
				t.Errorf("Horsens's consultant, school A's id: GET %s (%d) shows %q", r.Path, resp.StatusCode, secret)
			}
		}
	}
	// Creating schools and staff elsewhere is refused.
	for _, tt := range []struct{ token, path, body string }{
		{w.sspH, "/api/v1/schools", `{"municipality":"Aarhus","name":"Snydeskolen"}`},
		{w.sspH, "/api/v1/users", `{"email":"snyd@aarhus.dk","password":"` + staffPassword + `","role":"teacher","school_id":"` + w.schoolA.ID + `"}`},
		{w.teacherH, "/api/v1/sessions", `{"survey_id":"jeg-er-helt-normal-kort","class_label":"7.S","grade":7,"wave":"baseline","expected_pupils":20,"school_id":"` + w.schoolA.ID + `"}`},
	} {
		resp, body := send(t, w.s, request(http.MethodPost, tt.path, tt.token, "application/json", tt.body))
		if tt.path == "/api/v1/sessions" {
			// A teacher's session is always at their own school, whatever the body says.
			var got struct{ ID string }
			if resp.StatusCode == http.StatusCreated && json.Unmarshal([]byte(body), &got) == nil {
				if sess, err := w.s.st.SessionByID(context.Background(), got.ID); err == nil && sess.SchoolID != w.school.ID {
					t.Errorf("a Horsens teacher made a session at school %s", sess.SchoolID)
				}
				if err := w.s.st.DeleteSession(context.Background(), got.ID); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s %s: %d, want 403", tt.path, tt.body, resp.StatusCode)
		}
	}
	if after := w.state(t); after != before {
		t.Errorf("refused requests changed the data:\nbefore %s\nafter  %s", before, after)
	}
	w.stillHealthy(t)
}

// operators are MongoDB query operators as JSON values.
var operators = []string{`{"$ne":null}`, `{"$where":"1"}`, `{"$gt":""}`, `{"$regex":".*"}`, `[{"$ne":null}]`}

// injectInto returns body (a JSON object) with the field at path (dot-separated) replaced by
// raw JSON.
func injectInto(t *testing.T, body, path, raw string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	var value any
	if err := json.Unmarshal([]byte(raw), &value); err != nil {
		t.Fatal(err)
	}
	keys := strings.Split(path, ".")
	node := doc
	for _, k := range keys[:len(keys)-1] {
		node = node[k].(map[string]any)
	}
	node[keys[len(keys)-1]] = value
	data, _ := json.Marshal(doc)
	return string(data)
}

// fieldPaths lists every field of a JSON object, nested objects' fields too.
func fieldPaths(t *testing.T, body string) []string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			out = append(out, prefix+k)
			if sub, ok := v.(map[string]any); ok {
				walk(prefix+k+".", sub)
			}
		}
	}
	walk("", doc)
	slices.Sort(out)
	return out
}

func TestQueryOperatorsInJSONAndPathsAreRefused(t *testing.T) {
	w := newSecWorld(t)
	admin := newStaffBrowser(t, w.s)
	admin.login("admin@region.dk", staffPassword)
	_, page := admin.get("/admin")
	csrf := csrfOf(t, page)
	before := w.state(t)

	// A valid body for every JSON API route that takes one, and who sends it.
	bodies := map[string]struct{ token, body string }{
		"/api/v1/auth/token": {"", `{"email":"ssp@aarhus.dk","password":"` + staffPassword + `"}`},
		"/api/v1/schools":    {w.admin, `{"municipality":"Aarhus","name":"Injektionsskolen"}`},
		"/api/v1/users": {w.admin, `{"email":"injektion@aarhus.dk","password":"` + staffPassword +
			`","role":"teacher","municipality":"Aarhus","school_id":"` + w.schoolA.ID + `"}`},
		"/api/v1/sessions": {w.teacherA, `{"survey_id":"jeg-er-helt-normal-kort","class_label":"7.I","grade":7,"wave":"baseline",` +
			`"expected_pupils":20,"items":["sleep","drunk"],"school_id":"` + w.schoolA.ID + `"}`},
		"/api/v1/join/:code/responses": {"", `{"submission_id":"injection-000000000001","lang":"da",` +
			`"answers":{"sleep":{"self":"8plus","perceived":"7"},"drunk":{"self":"no"}}}`},
	}
	// Routes that take no body: their path parameters are tested below.
	noBody := []string{"/api/v1/sessions/:id/close", "/api/v1/sessions/:id/reopen", "/api/v1/sessions/:id"}

	var attempts int
	for _, r := range appRoutes(w.s) {
		if !strings.HasPrefix(r.Path, "/api/") || r.Method == http.MethodGet {
			continue
		}
		valid, ok := bodies[r.Path]
		if !ok {
			if !slices.Contains(noBody, r.Path) {
				t.Errorf("%s %s takes a body this test does not know; add a valid one", r.Method, r.Path)
			}
			continue
		}
		target, _ := fillRoute(r.Path, map[string]string{"code": w.open.Code})
		var cases []string
		for _, field := range fieldPaths(t, valid.body) {
			for _, op := range operators {
				cases = append(cases, injectInto(t, valid.body, field, op))
			}
		}
		cases = append(cases, valid.body[:len(valid.body)-1]+`,"$where":"1"}`, `{"$where":"1"}`, `{"$ne":null}`,
			`{"$or":[{"email":{"$ne":null}}]}`, `[`+valid.body+`]`)
		for _, body := range cases {
			attempts++
			resp, reply := send(t, w.s, request(r.Method, target, valid.token, "application/json", body))
			if resp.StatusCode < 400 || resp.StatusCode >= 500 {
				t.Errorf("%s %s %s: %d, want a 4xx\n%s", r.Method, target, body, resp.StatusCode, reply)
			}
			if strings.Contains(reply, `"id"`) || strings.Contains(reply, `"token"`) || w.leakedSecret(reply) != "" {
				t.Errorf("%s %s %s answered with data: %s", r.Method, target, body, reply)
			}
		}
	}

	// Operators (and other odd strings) in every path parameter of every route, URL-encoded,
	// sent by an administrator, who may see everything: nothing is found, nothing breaks.
	payloads := []string{`{"$ne":null}`, `{"$where":"1"}`, `{"$gt":""}`, "$ne", "[$ne]=1", ".*", "';--", "\x00", "../" + w.closed.ID}
	for _, r := range appRoutes(w.s) {
		if len(r.Params) == 0 {
			continue
		}
		for _, p := range payloads {
			values := map[string]string{}
			for _, name := range r.Params {
				values[name] = url.PathEscape(p)
			}
			target, _ := fillRoute(r.Path, values)
			var req *http.Request
			switch {
			case strings.HasPrefix(r.Path, "/api/"):
				body, contentType := "", ""
				if r.Method != http.MethodGet {
					body, contentType = `{"submission_id":{"$ne":null}}`, "application/json"
				}
				req = request(r.Method, target, w.admin, contentType, body)
			case r.Method == http.MethodGet:
				req = request(r.Method, target, w.admin, "", "")
			default:
				req = request(r.Method, target, "", "application/x-www-form-urlencoded", url.Values{"_csrf": {csrf}, "confirm": {"yes"}}.Encode())
				for _, c := range admin.cookies {
					req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
				}
			}
			attempts++
			resp, reply := send(t, w.s, req)
			if resp.StatusCode < 400 || resp.StatusCode >= 500 {
				t.Errorf("%s %s: %d, want a 4xx", r.Method, target, resp.StatusCode)
			}
			if secret := w.leakedSecret(reply, target); secret != "" {
				t.Errorf("%s %s shows %q", r.Method, target, secret)
			}
		}
	}

	// Operators in the query of the comparison routes: a consultant stays in their
	// municipality, and an administrator's odd municipality matches nothing.
	for _, q := range []string{"municipality=%7B%22%24ne%22%3Anull%7D", "municipality[$ne]=x", "municipality=Aarhus&municipality=Horsens",
		"school_id=%7B%22%24ne%22%3Anull%7D", "survey_id=%7B%22%24gt%22%3A%22%22%7D", "wave[$ne]=x", "grade=%7B%22%24ne%22%3A1%7D"} {
		for _, token := range []string{w.sspH, w.admin} {
			attempts++
			resp, reply := send(t, w.s, request(http.MethodGet, "/api/v1/compare?survey_id=jeg-er-helt-normal-kort&"+q, token, "", ""))
			if resp.StatusCode >= 500 {
				t.Errorf("compare?%s: %d", q, resp.StatusCode)
			}
			if token == w.sspH && w.leakedSecret(reply) != "" {
				t.Errorf("compare?%s shows Aarhus to Horsens: %s", q, reply)
			}
			if token == w.admin && resp.StatusCode == http.StatusOK && strings.Contains(q, "%24ne") && w.leakedSecret(reply) != "" {
				t.Errorf("compare?%s matched real data: %s", q, reply)
			}
		}
	}
	t.Logf("%d hostile requests", attempts)
	if after := w.state(t); after != before {
		t.Errorf("refused requests changed the data:\nbefore %s\nafter  %s", before, after)
	}
	w.stillHealthy(t)
}

// rawGet sends a request line exactly as written (no client cleans the path) and returns
// the status and body.
func rawGet(t *testing.T, base, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestPathTraversalOnStaticAndMaterials(t *testing.T) {
	w := newSecWorld(t)
	base := w.s.listen(t)
	// What a file from outside the served directories would look like.
	outside := []string{"module github.com/heltnormal", "root:x:0:0", "package web", "{{define", "{{template", "[core]",
		"id: jeg-er-helt-normal", "# Lektion", "\"reflect\""}
	var targets []string
	for _, prefix := range []string{"/static/", "/static/vendor/", "/static/css/", "/materials/", "/materials/topics/"} {
		for _, up := range []string{"../", "..%2f", "..%2F", "%2e%2e/", "%2e%2e%2f", ".%2e/", "%252e%252e%252f", "..%252f",
			"..\\", "..%5c", "%c0%ae%c0%ae/", "....//", "..;/"} {
			for _, file := range []string{"go.mod", "etc/passwd", "server.go", "templates/home.html", "../../../../../etc/passwd",
				"surveys/jeg-er-helt-normal-kort.yaml", ".git/config", "lektion-1.md"} {
				targets = append(targets, prefix+strings.Repeat(up, 3)+file)
			}
		}
		targets = append(targets, prefix+"%00", prefix+"/etc/passwd", prefix+"%2fetc%2fpasswd", prefix+"..", prefix+"%2e%2e",
			prefix+"css/app.css%00.png", prefix+"~/.bashrc")
	}
	targets = append(targets, "//etc/passwd", "/..%2f..%2fgo.mod", "/%2e%2e/%2e%2e/etc/passwd", "/static%2f..%2f..%2fgo.mod")
	for _, target := range targets {
		st, body := rawGet(t, base, target)
		if st != http.StatusNotFound && st != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 404 or 400", target, st)
		}
		for _, m := range outside {
			if strings.Contains(body, m) {
				t.Errorf("GET %s: the answer contains %q, from a file outside", target, m)
			}
		}
		if st >= 400 {
			checkNoInternals(t, "GET "+target, body)
		}
	}
	// The real files are still there (so the refusals were about the paths).
	for _, target := range []string{"/static/css/app.css", "/static/vendor/echarts/VERSION", "/materials/lektion-1"} {
		if st, _ := rawGet(t, base, target); st != http.StatusOK {
			t.Errorf("GET %s: %d", target, st)
		}
	}
	w.stillHealthy(t)
}

func TestErrorAnswersGiveNothingAway(t *testing.T) {
	w := newSecWorld(t)
	base := w.s.listen(t)
	code := w.open.Code
	for _, tt := range []struct {
		method, target, token, contentType, body string
	}{
		{"GET", "/no-such-page", "", "", ""},
		{"GET", "/api/v1/no-such", "", "", ""},
		{"GET", "/api/v1/sessions", "", "", ""},
		{"GET", "/api/v1/sessions", "made-up-token", "", ""},
		{"GET", "/sessions/" + w.closed.ID, w.teacherH, "", ""},
		{"GET", "/api/v1/sessions/" + w.closed.ID, w.teacherH, "", ""},
		{"GET", "/ssp", w.teacherA, "", ""},
		{"GET", "/api/v1/compare?municipality=Aarhus&grade=x&wave=y&school_year=z", w.sspA, "", ""},
		{"GET", "/sessions/" + w.closed.ID + "/poster.pdf?item=no-such&size=a0", w.teacherA, "", ""},
		{"POST", "/api/v1/join/" + code + "/responses", "", "application/json", "{"},
		{"POST", "/api/v1/join/" + code + "/responses", "", "application/json", `{"submission_id":1e999}`},
		{"POST", "/api/v1/join/" + code + "/responses", "", "application/json", `{"answers":{"sleep":{"self":[1]}}}`},
		{"POST", "/api/v1/join/" + code + "/responses", "", "text/plain", "x"},
		{"POST", "/api/v1/join/" + code + "/responses", "", "application/json", strings.Repeat(" ", 70_000)},
		{"POST", "/api/v1/sessions", w.teacherA, "application/json", `{"grade":"ni","expected_pupils":-1}`},
		{"POST", "/api/v1/auth/token", "", "application/json", `{"email":["x"]}`},
		{"POST", "/j/" + code, "", "application/x-www-form-urlencoded", "a.sleep.self=%ff%fe"},
		{"POST", "/login", "", "application/x-www-form-urlencoded", "_csrf=x"},
		{"DELETE", "/api/v1/sessions/" + w.closed.ID, w.teacherH, "", ""},
		{"PATCH", "/api/v1/sessions/" + w.closed.ID, w.teacherA, "application/json", "{}"},
	} {
		req, err := http.NewRequest(tt.method, base+tt.target, strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		if tt.contentType != "" {
			req.Header.Set("Content-Type", tt.contentType)
		}
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil && len(tt.body) > web.BodyLimit {
			continue // the server answered 413 and closed before the client finished sending
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		where := tt.method + " " + tt.target
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("%s: %d, want a 4xx", where, resp.StatusCode)
		}
		checkNoInternals(t, where, string(body))
		if strings.HasPrefix(tt.target, "/api/") {
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || json.Unmarshal(body, &e) != nil || e.Error.Code == "" {
				t.Errorf("%s: not the API's JSON error: %s", where, body)
			}
		} else if !strings.Contains(string(body), "<html") {
			t.Errorf("%s: not an error page: %.200s", where, body)
		}
	}
	w.stillHealthy(t)
}
