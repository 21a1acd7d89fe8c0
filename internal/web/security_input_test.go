package web_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/web"
)

// Hostile input: query operators, path traversal, and error answers that give nothing away.

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
		"/api/v1/sessions/:id/pupil-results": {w.teacherA, `{"released":true}`},
	}
	// Routes that take no body: their path parameters are tested below.
	noBody := []string{"/api/v1/sessions/:id/close", "/api/v1/sessions/:id/reopen", "/api/v1/sessions/:id",
		"/api/v1/users/:id", "/api/v1/users/:id/password-reset"}

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
		target, _ := fillRoute(r.Path, map[string]string{"code": w.open.Code, "id": w.closed.ID})
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
