package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/loadtest"
)

// testEnv runs commands with the given environment and captures their output.
func testEnv(vars map[string]string) (env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return env{getenv: func(k string) string { return vars[k] }, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}, &out, &errOut
}

func TestConfigErrorIsOneLineAndNonZero(t *testing.T) {
	e, _, stderr := testEnv(map[string]string{"HELTNORMAL_MIN_GROUP": "2"})
	code := run(context.Background(), []string{"serve"}, e)
	if code == 0 {
		t.Fatal("exit 0")
	}
	if got := stderr.String(); got != "heltnormal: HELTNORMAL_MIN_GROUP=2 is too small: the minimum is 3\n" {
		t.Errorf("stderr = %q", got)
	}
}

func TestUnknownCommand(t *testing.T) {
	e, _, stderr := testEnv(nil)
	if code := run(context.Background(), []string{"frobnicate"}, e); code != exitUsage {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), `unknown command "frobnicate"`) {
		t.Errorf("stderr = %q", stderr)
	}
}

func TestSurveyCheckShippedSurveys(t *testing.T) {
	e, stdout, stderr := testEnv(nil)
	if code := run(context.Background(), []string{"survey", "check"}, e); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	for _, id := range []string{"jeg-er-helt-normal-7-9", "jeg-er-helt-normal-kort"} {
		if !strings.Contains(stdout.String(), "ok "+id+" version 1") {
			t.Errorf("output lacks %s:\n%s", id, stdout)
		}
	}
}

func TestSurveyCheckReportsFileAndLine(t *testing.T) {
	shipped, err := os.ReadFile("../../surveys/jeg-er-helt-normal-kort.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(shipped), "\n")
	// Break the file twice: duplicate the first item id onto the second item, and drop the
	// Danish label of the first topic.
	var ids, topics []int
	for i, l := range lines {
		if strings.HasPrefix(l, "  - id: ") {
			ids = append(ids, i)
		}
		if strings.HasPrefix(strings.TrimSpace(l), "topic: {da:") {
			topics = append(topics, i)
		}
	}
	if len(ids) < 2 || len(topics) < 1 {
		t.Fatalf("unexpected layout of the shipped survey (ids %v, topics %v)", ids, topics)
	}
	lines[ids[1]] = lines[ids[0]]
	lines[topics[0]] = strings.Replace(lines[topics[0]], "topic: {da:", "topic: {xx:", 1)
	file := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}

	e, stdout, _ := testEnv(nil)
	if code := run(context.Background(), []string{"survey", "check", file}, e); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	out := stdout.String()
	wantDup := file + ":" + strconv.Itoa(ids[1]+1) + ":"
	if !strings.Contains(out, wantDup) || !strings.Contains(out, "duplicate item id") {
		t.Errorf("no duplicate-id problem at %s in:\n%s", wantDup, out)
	}
	if !strings.Contains(out, file+":"+strconv.Itoa(topics[0]+1)+":") || !strings.Contains(out, `"da"`) {
		t.Errorf("no missing-Danish problem at line %d in:\n%s", topics[0]+1, out)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(l, file+":") {
			t.Errorf("line not in file:line: form: %q", l)
		}
	}
}

func TestServeAnswersHealthzAndKeepsDataAcrossRestart(t *testing.T) {
	dir, err := os.MkdirTemp("", "hn-main-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	vars := map[string]string{"HELTNORMAL_DATA_DIR": dir, "HELTNORMAL_ADDR": "127.0.0.1:0"}

	base, logs, stop := startServe(t, vars)
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != `{"status":"ok","store":"embedded"}` {
		t.Errorf("healthz = %s", body)
	}
	stop()
	for _, want := range []string{"store: embedded", "mongodb://", "listening", "shutting down"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "heltnormal.sqlite")); err != nil {
		t.Errorf("no database file in the data directory: %v", err)
	}

	// A second start on the same directory finds the store it left (and its socket gone).
	_, logs, stop = startServe(t, vars)
	stop()
	if !strings.Contains(logs.String(), "installed="+time.Now().Format(time.DateOnly)) {
		t.Errorf("restart did not find the earlier installation:\n%s", logs)
	}
}

// startServe runs `heltnormal serve` in this process with vars and returns its URL, its log
// and a function that stops it.
func startServe(t *testing.T, vars map[string]string) (string, *bytes.Buffer, func()) {
	t.Helper()
	e, _, stderr := testEnv(vars)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, nil, e, ready) }()
	select {
	case addr := <-ready:
		return "http://" + addr, stderr, func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		}
	case err := <-done:
		t.Fatalf("serve ended early: %v\n%s", err, stderr)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	return "", nil, nil
}

// A small run of the benchmark against a running server: every pupil is stored and
// acknowledged, every projector counter reaches the class size, and the figures are there.
func TestBenchAgainstARunningServer(t *testing.T) {
	dir, err := os.MkdirTemp("", "hn-bench-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	vars := map[string]string{"HELTNORMAL_DATA_DIR": dir, "HELTNORMAL_ADDR": "127.0.0.1:0",
		"HELTNORMAL_ADMIN_EMAIL": "admin@bench.invalid", "HELTNORMAL_ADMIN_PASSWORD": "a long admin password"}
	base, _, stop := startServe(t, vars)
	defer stop()

	e, stdout, stderr := testEnv(nil)
	code := run(context.Background(), []string{"bench", "--url", base, "--admin-email", "admin@bench.invalid",
		"--admin-password", "a long admin password", "--classes", "3", "--pupils", "4", "--streams", "3", "--json"}, e)
	if code != exitOK {
		t.Fatalf("bench exited %d: %s", code, stderr)
	}
	var r struct {
		Pupils           int     `json:"pupils"`
		Errors           int     `json:"errors"`
		SubmissionsPerS  float64 `json:"submissions_per_s"`
		PageP99          float64 `json:"page_p99_ms"`
		CountersComplete bool    `json:"sse_counters_complete"`
		Streams          int     `json:"sse_streams"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("bench --json printed %q: %v", stdout, err)
	}
	if r.Pupils != 12 || r.Errors != 0 || !r.CountersComplete || r.Streams != 3 {
		t.Errorf("bench result %+v: want 12 pupils, no errors, every counter at its class size", r)
	}
	if r.SubmissionsPerS <= 0 || r.PageP99 <= 0 || !strings.Contains(stdout.String(), `"p99_ms"`) {
		t.Errorf("figures missing: %s", stdout)
	}
}

func TestHealthCommand(t *testing.T) {
	e, _, _ := testEnv(nil)
	if code := run(context.Background(), []string{"health", "-url", "http://127.0.0.1:1/healthz"}, e); code != exitError {
		t.Errorf("health against nothing: exit %d, want %d", code, exitError)
	}
}

func TestDemoFillsAnEmptyStoreOnly(t *testing.T) {
	dir, err := os.MkdirTemp("", "hn-demo-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	e, stdout, stderr := testEnv(map[string]string{"HELTNORMAL_DATA_DIR": dir})
	if code := run(context.Background(), []string{"demo", "--sessions", "30", "--pupils", "10"}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout.String(), "made 57 schools, 30 closed sessions and 300 responses") {
		t.Errorf("stdout %q", stdout)
	}
	e, _, stderr = testEnv(map[string]string{"HELTNORMAL_DATA_DIR": dir})
	if code := run(context.Background(), []string{"demo"}, e); code == 0 || !strings.Contains(stderr.String(), "already has 57 schools") {
		t.Errorf("second demo: exit %d, %s", code, stderr)
	}
}

// A small login flood against a running server: every pupil answers, and every guess is
// refused (401, or 503 when the password checks are all busy).
func TestBenchLoginFloodAgainstARunningServer(t *testing.T) {
	vars := map[string]string{"HELTNORMAL_DATA_DIR": t.TempDir(), "HELTNORMAL_ADDR": "127.0.0.1:0", "HELTNORMAL_TRUSTED_PROXIES": "127.0.0.1",
		"HELTNORMAL_ADMIN_EMAIL": "admin@bench.invalid", "HELTNORMAL_ADMIN_PASSWORD": "a long admin password"}
	base, _, stop := startServe(t, vars)
	defer stop()
	e, stdout, stderr := testEnv(nil)
	code := run(context.Background(), []string{"bench", "--url", base, "--admin-email", "admin@bench.invalid",
		"--admin-password", "a long admin password", "--login-flood", "4", "--flood-for", "6s", "--classes", "1", "--pupils", "5", "--json"}, e)
	if code != exitOK {
		t.Fatalf("bench exited %d: %s", code, stderr)
	}
	var r loadtest.FloodResult
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("bench --json printed %q: %v", stdout, err)
	}
	if r.Pupils != 5 || r.PupilErrors != 0 || r.LoginAttempts == 0 || r.SubmitP50ms <= 0 || r.QuietSubmitP50 <= 0 {
		t.Errorf("flood result %+v: want 5 pupils without errors, guesses made, latencies measured", r)
	}
	for status := range r.LoginStatuses {
		if status != "401" && status != "503" {
			t.Errorf("a guess was answered %s: %v", status, r.LoginStatuses)
		}
	}
}
