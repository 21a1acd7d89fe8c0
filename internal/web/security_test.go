package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
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
