package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

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
		if !slices.Contains(r.Params, "id") || strings.HasPrefix(r.Path, "/api/v1/surveys/") ||
			strings.Contains(r.Path, "/users/:id") { // an account's id: TestAccountsStayWithinTheirMunicipality
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
