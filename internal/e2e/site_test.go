package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
	"github.com/heltnormal/heltnormal/internal/web"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

// password is every seeded account's password.
const password = "correct horse battery"

// shortSurvey is the 6-topic survey the tests' classes answer.
const shortSurvey = "jeg-er-helt-normal-kort"

// site is a real server on a fresh database of the real store, listening on a loopback port.
type site struct {
	t    *testing.T
	st   *store.Store
	app  *app.App
	base string
	log  *lockedBuffer
}

func newSite(t *testing.T) *site { return newSiteWith(t, nil) }

// newSiteWith is a site configured with the environment variables vars; a value may name
// the site's own URL as {base} (HELTNORMAL_BASE_URL for single sign-on, say).
func newSiteWith(t *testing.T, vars map[string]string) *site {
	t.Helper()
	return newSiteLogging(t, vars, slog.LevelWarn)
}

// newSiteLogging is a site whose log buffer keeps every line from level up (newSite keeps
// warnings and errors only).
func newSiteLogging(t *testing.T, vars map[string]string, level slog.Level) *site {
	t.Helper()
	requireBrowser(t) // no server is needed when the test cannot run
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	env := map[string]string{}
	for k, v := range vars {
		env[k] = strings.ReplaceAll(v, "{base}", base)
	}
	logs := &lockedBuffer{}
	st := storetest.New(t)
	cfg := webtest.Config(t, env)
	loc := webtest.Locales(t)
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: level}))
	application := webtest.App(t, cfg, st, webtest.Catalog(t), loc, log)
	srv, err := web.New(cfg, application, st, loc, log)
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() {
		srv.Shutdown(2 * time.Second)
		if t.Failed() && logs.Len() > 0 {
			t.Logf("server log:\n%s", logs)
		}
	})
	return &site{t: t, st: st, app: application, base: base, log: logs}
}

// lockedBuffer is the server's log, written from many requests at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// school creates a school and returns its id.
func (s *site) school(municipality, name string) string {
	s.t.Helper()
	sc := &model.School{ID: store.NewID(), Municipality: municipality, Name: name, CreatedDay: "2026-09-01"}
	if err := s.st.CreateSchool(context.Background(), sc); err != nil {
		s.t.Fatal(err)
	}
	return sc.ID
}

// user creates an account with the tests' password.
func (s *site) user(email string, role model.Role, municipality, schoolID string) {
	s.t.Helper()
	hash, err := webtest.FastHasher.Hash(password)
	if err != nil {
		s.t.Fatal(err)
	}
	u := &model.User{ID: store.NewID(), Email: email, PasswordHash: hash, Role: role,
		Municipality: municipality, SchoolID: schoolID, CreatedDay: "2026-09-01"}
	if err := s.st.CreateUser(context.Background(), u); err != nil {
		s.t.Fatal(err)
	}
}

// api calls the JSON API and decodes the answer into out (when not nil); it returns the status.
func (s *site) api(method, path, token string, in, out any) int {
	s.t.Helper()
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			s.t.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, s.base+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			s.t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
	if resp.StatusCode >= 300 && out != nil {
		s.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	return resp.StatusCode
}

// token logs in through the API.
func (s *site) token(email string) string {
	s.t.Helper()
	var tok struct{ Token string }
	s.api(http.MethodPost, "/api/v1/auth/token", "", map[string]string{"email": email, "password": password}, &tok)
	return tok.Token
}

// classSession is a session as the API returns it.
type classSession struct {
	ID      string `json:"id"`
	Code    string `json:"code"`
	JoinURL string `json:"join_url"`
}

// openSession starts a session of the short survey through the API.
func (s *site) openSession(token, label string, expected int) classSession {
	s.t.Helper()
	var sess classSession
	s.api(http.MethodPost, "/api/v1/sessions", token, map[string]any{"survey_id": shortSurvey,
		"class_label": label, "grade": 8, "wave": "baseline", "expected_pupils": expected}, &sess)
	return sess
}

// answer posts pupil i's answers to a session, as the survey page's script does.
func (s *site) answer(code string, i int, answers map[string]model.Answer) {
	s.t.Helper()
	var out struct{ Status string }
	s.api(http.MethodPost, "/api/v1/join/"+code+"/responses", "", map[string]any{
		"submission_id": fmt.Sprintf("seeded-pupil-%04d-abcdefgh", i), "lang": "da", "answers": answers,
	}, &out)
}

func (s *site) closeSession(token, id string) {
	s.t.Helper()
	var out struct{ Status string }
	s.api(http.MethodPost, "/api/v1/sessions/"+id+"/close", token, nil, &out)
}

// responses counts the answers stored for a session.
func (s *site) responses(sessionID string) int {
	s.t.Helper()
	n, err := s.st.CountResponses(context.Background(), sessionID)
	if err != nil {
		s.t.Fatal(err)
	}
	return n
}

// login signs a user in through the login form, as a person would, and waits for the page
// the login leads to.
func (b *tab) login(email, landing string) {
	b.t.Helper()
	b.open("/login")
	b.typeInto("#email", email)
	b.typeInto("#password", password+"\n") // Enter submits the form
	b.waitForPage(landing)
}

// typeInto types text into the field sel, key by key.
func (b *tab) typeInto(sel, text string) {
	b.t.Helper()
	b.do(chromedp.SendKeys(chromedp.CSS(sel), text))
}

// sessionIDFrom takes the session id out of a /sessions/{id}... path.
func sessionIDFrom(t testing.TB, path string) string {
	t.Helper()
	rest, ok := strings.CutPrefix(path, "/sessions/")
	if !ok || rest == "" {
		t.Fatalf("not a session page: %s", path)
	}
	id, _, _ := strings.Cut(rest, "/")
	return id
}
