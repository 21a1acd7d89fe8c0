package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

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
			prefix := ""
			if secure {
				prefix = "__Host-" // for HTTPS and this host only: no subdomain can plant them
			}
			for _, name := range []string{"hn_session", "hn_csrf", "hn_device", "lang"} {
				if name = prefix + name; !seen[name] {
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
