package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
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
