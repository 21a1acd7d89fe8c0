package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/web"
	"github.com/heltnormal/heltnormal/internal/webtest"
	"github.com/heltnormal/heltnormal/locales"
)

// testServer is a server on a fresh database of the real store, with its log captured.
type testServer struct {
	*web.Server
	st      *store.Store
	surveys *survey.Catalog
	log     *bytes.Buffer
}

func newServer(t testing.TB) *testServer {
	t.Helper()
	return serverOn(t, storetest.New(t), nil)
}

// serverOn builds a server on st — a fresh store, or another test server's for a second or
// restarted app instance — with the shipped surveys plus extra, the locales, and settings
// from vars (environment variable → value).
func serverOn(t testing.TB, st *store.Store, vars map[string]string, extra ...*survey.Survey) *testServer {
	t.Helper()
	var logs bytes.Buffer
	s, catalog := webtest.Server(t, st, vars, &logs, extra...)
	return &testServer{Server: s, st: st, surveys: catalog, log: &logs}
}

// do sends a request through the whole Fiber stack and returns the response and its body.
func (s *testServer) do(t testing.TB, req *http.Request) (*http.Response, string) {
	t.Helper()
	req.RemoteAddr = "203.0.113.77:5555"
	resp, err := s.App().Test(req, 5000)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

func get(t *testing.T, s *testServer, target string, headers ...string) (*http.Response, string) {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.do(t, req)
}

func TestHealthz(t *testing.T) {
	s := newServer(t)
	resp, body := get(t, s, "/healthz")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	want := "embedded"
	if os.Getenv("MONGODB_URI") != "" {
		want = "mongodb"
	}
	if got["status"] != "ok" || got["store"] != want {
		t.Errorf("healthz = %v", got)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/", "/healthz", "/no-such-page", "/static/css/app.css"} {
		resp, _ := get(t, s, path)
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows unsafe code: %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
}

func TestStartPageInTheVisitorsLanguage(t *testing.T) {
	s := newServer(t)
	_, body := get(t, s, "/")
	if !strings.Contains(body, `<html lang="da"`) || !strings.Contains(body, "Skriv koden") {
		t.Errorf("default page is not Danish:\n%s", body)
	}
	_, body = get(t, s, "/", "Accept-Language", "en-GB,en;q=0.8")
	if !strings.Contains(body, `<html lang="en"`) || !strings.Contains(body, "Type the code") {
		t.Errorf("Accept-Language en not honoured")
	}

	resp, body := get(t, s, "/?lang=en", "Accept-Language", "da")
	if !strings.Contains(body, "Type the code") {
		t.Errorf("?lang=en not honoured")
	}
	cookie := resp.Header.Get("Set-Cookie")
	if !strings.Contains(cookie, "lang=en") || !strings.Contains(cookie, "HttpOnly") {
		t.Fatalf("language cookie = %q", cookie)
	}
	// The remembered choice wins over the browser's header on the next visit.
	_, body = get(t, s, "/", "Cookie", "lang=en", "Accept-Language", "da")
	if !strings.Contains(body, "Type the code") {
		t.Errorf("cookie not honoured")
	}
}

func TestCodeEntryWorksWithoutJavaScript(t *testing.T) {
	s := newServer(t)
	resp, _ := get(t, s, "/j?code=ab-c%2034")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/j/ABC34" {
		t.Errorf("status %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := get(t, s, "/j?code=")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Skriv koden fra tavlen") {
		t.Errorf("empty code: %d", resp.StatusCode)
	}
}

func TestUnknownCodeLetsThePupilTypeAgain(t *testing.T) {
	s := newServer(t)
	resp, body := get(t, s, "/j/ZZZZZZ")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d", resp.StatusCode)
	}
	if !strings.Contains(body, "Vi kan ikke finde koden ZZZZZZ") || !strings.Contains(body, `<form class="code-form" action="/j"`) {
		t.Errorf("404 page lacks message or form:\n%s", body)
	}
}

var inlineScript = regexp.MustCompile(`<script(?:\s[^>]*)?>`)

func TestPagesCarryNoInlineScript(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/", "/j/NOPE12", "/no-such-page"} {
		_, body := get(t, s, path)
		for _, tag := range inlineScript.FindAllString(body, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s has an inline script: %s", path, tag)
			}
		}
		if strings.Contains(body, " on") && regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
			t.Errorf("%s has an inline event handler", path)
		}
		if regexp.MustCompile(`(src|href)="https?://`).MatchString(body) {
			t.Errorf("%s loads something from another host", path)
		}
	}
}

func TestAPIErrorsAreJSON(t *testing.T) {
	s := newServer(t)
	resp, body := get(t, s, "/api/v1/nothing-here")
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != "not_found" || e.Error.Message == "" {
		t.Errorf("body %s (%v)", body, err)
	}
}

// listen serves s on a real loopback socket until the test ends and returns its base URL.
func (s *testServer) listen(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Shutdown(2 * time.Second) })
	return "http://" + ln.Addr().String()
}

func TestOversizedBodyIs413(t *testing.T) {
	s := newServer(t)
	base := s.listen(t)
	// The server answers 413 from the Content-Length, before reading the body, and closes
	// the connection. A client still writing the body may see the reset instead of the
	// answer (an HTTP client writes while it reads, so this flaked twice, even with
	// Expect: 100-continue), so the request goes over a plain connection that sends the
	// headers and reads.
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST /api/v1/join/ABCDEF/responses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", web.BodyLimit+1)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if !strings.Contains(string(body), `"code":"too_large","message":"request body is larger than 64 KB"`) {
		t.Errorf("body %s", body)
	}
}

func TestLogsHoldNoAddressOrUserAgent(t *testing.T) {
	s := newServer(t)
	get(t, s, "/?lang=en", "User-Agent", "PupilPhone/1.0", "X-Forwarded-For", "198.51.100.9")
	get(t, s, "/login", "User-Agent", "PupilPhone/1.0")
	logs := s.log.String()
	if !strings.Contains(logs, "path=/login") {
		t.Fatalf("request not logged:\n%s", logs)
	}
	for _, secret := range []string{"203.0.113.77", "198.51.100.9", "PupilPhone", "0.0.0.0"} {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains %q:\n%s", secret, logs)
		}
	}
}

var templateMessage = regexp.MustCompile(`\.L\.T "([a-z0-9_.]+)"`)

// TestTemplatesUseKnownMessages keeps templates and locales in step: a message a template
// asks for must exist in Danish (and so, by the locale test, in every language).
func TestTemplatesUseKnownMessages(t *testing.T) {
	loc, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, id := range loc.Messages() {
		known[id] = true
	}
	files, err := web.TemplateFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no templates found")
	}
	for name, text := range files {
		for _, m := range templateMessage.FindAllStringSubmatch(text, -1) {
			if !known[m[1]] {
				t.Errorf("%s uses message %q that locales/pupil.da.yaml or staff.da.yaml lacks", name, m[1])
			}
		}
	}
}

// A store that answers pings but cannot read its data is not healthy: a load balancer must
// stop sending pupils to it.
func TestHealthzIsUnhealthyWhenTheStoreCannotRead(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(context.Background(), store.Options{Database: "heltnormal", DataDir: dir,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	if _, err := st.EnsureInstallation(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	s := serverOn(t, st, nil)
	if resp, body := get(t, s, "/healthz"); resp.StatusCode != http.StatusOK {
		t.Fatalf("healthy store: %d %s", resp.StatusCode, body)
	}
	// The disk goes bad under the running server: every page after the first is noise.
	if err := st.Scrub(context.Background()); err != nil { // the answers are in the database file, not its log
		t.Fatal(err)
	}
	db := filepath.Join(dir, "heltnormal.sqlite")
	info, _ := os.Stat(db)
	f, err := os.OpenFile(db, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	noise := bytes.Repeat([]byte{0xA5}, int(info.Size())-4096)
	f.WriteAt(noise, 4096)
	f.Close()
	resp, body := get(t, s, "/healthz")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `"status":"unavailable"`) {
		t.Errorf("/healthz on a store that cannot read: %d %s", resp.StatusCode, body)
	}
}
