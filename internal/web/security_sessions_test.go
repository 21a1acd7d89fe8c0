package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Form posts need their CSRF token, logins get a fresh session, and guessing is slowed.

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

	values := map[string]string{"id": w.open.ID, "code": w.open.Code, "token": "no-such-reset-link-0000000000000"}
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

// The attack: one pupil on the school's NAT address tries 60 wrong join codes, which used
// to block every pupil on the address, the real code included.
func TestJoinGuessingIsLimitedWithoutKeepingTheClassOut(t *testing.T) {
	w := newSecWorld(t)
	base := w.s.listen(t)
	school := clientFrom("127.0.0.4") // the class, its teacher and the guesser: one NAT address

	// The class is answering: a pupil opened the code before the guessing began.
	if st := status(t, school, "GET", base+"/j/"+w.open.Code, ""); st != http.StatusOK {
		t.Fatalf("a pupil opens the code: %d", st)
	}
	// Another class of the school is about to start: its teacher shows the projector.
	other := createSession(t, w.s, w.teacherA, map[string]any{"survey_id": "jeg-er-helt-normal-kort",
		"class_label": "9.C", "grade": 9, "wave": "baseline", "expected_pupils": 20})
	projector, _ := http.NewRequest("GET", base+"/sessions/"+other.ID, nil)
	projector.Header.Set("Authorization", "Bearer "+w.teacherA)
	if resp, err := school.Do(projector); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("projector: %v %v", resp, err)
	}
	// A session of another school, which nobody on this network has opened.
	elsewhere := createSession(t, w.s, w.teacherH, map[string]any{"survey_id": "jeg-er-helt-normal-kort",
		"class_label": "8.A", "grade": 8, "wave": "baseline", "expected_pupils": 20})

	for i := 0; i < 60; i++ {
		target, method := base+fmt.Sprintf("/j/QQQ%03d", i), http.MethodGet
		if i%2 == 1 {
			target, method = base+fmt.Sprintf("/api/v1/join/QQQ%03d/responses", i), http.MethodPost
		}
		if st := status(t, school, method, target, `{"submission_id":"guess-0000000000000001"}`); st != http.StatusNotFound {
			t.Fatalf("guess %d: %d", i, st)
		}
	}
	// Now every code this network has not used is refused before it is looked up — a real
	// one too, so the refusal tells the guesser nothing …
	for _, path := range []string{"/j/QQQ999", "/j/" + elsewhere.Code, "/j/" + strings.ToLower(elsewhere.Code)} {
		resp, err := school.Get(base + path)
		if err != nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Errorf("GET %s after 60 unknown codes: %v %v", path, resp, err)
		}
	}
	// … while the class goes on: its code still opens, and answers still arrive, and the
	// class whose projector is up can join.
	for _, tt := range []struct{ method, path, body string }{
		{"GET", "/j/" + w.open.Code, ""},
		{"GET", "/j/" + strings.ToLower(w.open.Code), ""},
		{"POST", "/api/v1/join/" + w.open.Code + "/responses", `{"submission_id":"school-pupil-0000000001","answers":{"sleep":{"self":"8plus"}}}`},
		{"GET", "/j/" + other.Code, ""},
	} {
		want := http.StatusOK
		if tt.method == "POST" {
			want = http.StatusCreated
		}
		if st := status(t, school, tt.method, base+tt.path, tt.body); st != want {
			t.Errorf("the class, %s %s: %d, want %d", tt.method, tt.path, st, want)
		}
	}
	// Another address is not limited by this one's guessing.
	if st := status(t, clientFrom("127.0.0.5"), "GET", base+"/j/"+elsewhere.Code, ""); st != http.StatusOK {
		t.Errorf("the other school's pupils: %d, want 200", st)
	}
	if resp, body := send(t, w.s, request("GET", "/healthz", "", "", "")); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %d %s", resp.StatusCode, body)
	}
}

// createSession creates a class session through the API, or stops the test.
func createSession(t *testing.T, s *testServer, token string, body map[string]any) model.Session {
	t.Helper()
	status, out := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, body)
	var sess model.Session
	if status != http.StatusCreated || json.Unmarshal([]byte(out), &sess) != nil {
		t.Fatalf("create session: %d %s", status, out)
	}
	return sess
}
