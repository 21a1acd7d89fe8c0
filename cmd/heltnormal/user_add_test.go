package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

// userAddRun runs `heltnormal user add` with stdin and returns its exit code and output.
func userAddRun(vars map[string]string, stdin string, args ...string) (int, string, string) {
	e, stdout, stderr := testEnv(vars)
	e.stdin = strings.NewReader(stdin)
	code := run(context.Background(), append([]string{"user", "add"}, args...), e)
	return code, stdout.String(), stderr.String()
}

func TestUserAddThenTheUserGetsAToken(t *testing.T) {
	dir, err := os.MkdirTemp("", "hn-user-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	vars := map[string]string{
		"HELTNORMAL_DATA_DIR":       dir,
		"HELTNORMAL_ADDR":           "127.0.0.1:0",
		"HELTNORMAL_ADMIN_EMAIL":    "admin@region.dk",
		"HELTNORMAL_ADMIN_PASSWORD": "bootstrap password",
	}
	id := regexp.MustCompile(`^[0-9a-f]{32}\n$`)

	code, out, errOut := userAddRun(vars, "lærerens kodeord\n", "--email", "Anna@Skole.dk", "--role", "teacher", "--municipality", "aarhus", "--school", "Nørre Skole")
	if code != 0 || !id.MatchString(out) {
		t.Fatalf("user add: exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	// A second teacher of the same school (typed differently) joins it; a flag of the
	// server settings may come along.
	code, out, errOut = userAddRun(vars, "en anden kode\r\n", "--email=bo@skole.dk", "-role", "teacher", "-data-dir", dir, "--municipality", "Aarhus", "--school", "nørre  skole")
	if code != 0 || !id.MatchString(out) {
		t.Fatalf("second teacher: exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	code, _, errOut = userAddRun(vars, "sspens kodeord\n", "--email", "ssp@aarhus.dk", "--role", "ssp", "--municipality", "Aarhus")
	if code != 0 {
		t.Fatalf("ssp: exit %d: %s", code, errOut)
	}
	// Any Danish municipality: a teacher in Odense, and her school with her.
	code, _, errOut = userAddRun(vars, "odense kodeord\n", "--email", "lis@odense.dk", "--role", "teacher", "--municipality", "odense", "--school", "Højby Skole")
	if code != 0 {
		t.Fatalf("teacher in Odense: exit %d: %s", code, errOut)
	}
	// Coordinators of a region and of a cluster.
	code, _, errOut = userAddRun(vars, "regionens kodeord\n", "--email", "koord@rm.dk", "--role", "coordinator", "--region", "midtjylland")
	if code != 0 {
		t.Fatalf("coordinator: exit %d: %s", code, errOut)
	}
	code, _, errOut = userAddRun(vars, "klyngens kodeord\n", "--email", "klynge@rm.dk", "--role", "coordinator", "--region", "Midtjylland", "--cluster", "aarhus")
	if code != 0 {
		t.Fatalf("cluster coordinator: exit %d: %s", code, errOut)
	}

	refusals := []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"kort\n", []string{"--email", "c@skole.dk", "--role", "admin"}, exitError, "the password must be at least 10 characters long"},
		{"", []string{"--email", "c@skole.dk", "--role", "admin"}, exitError, "no password on standard input"},
		{"et godt kodeord\n", []string{"--email", "anna@skole.dk", "--role", "admin"}, exitError, "a user with email anna@skole.dk already exists"},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "rektor"}, exitUsage, `--role must be admin, ssp, teacher or coordinator, not "rektor"`},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "ssp", "--municipality", "Atlantis"}, exitUsage, `--municipality "Atlantis" is not a Danish municipality`},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "coordinator"}, exitUsage, "a coordinator needs --region"},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "coordinator", "--region", "Syddanmark", "--cluster", "Aarhus"}, exitUsage, "Region Syddanmark has no clusters"},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "coordinator", "--region", "Midtjylland", "--cluster", "Odense"}, exitUsage, `--cluster "Odense" is not a cluster of Region Midtjylland`},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "coordinator", "--region", "Midtjylland", "--municipality", "Aarhus"}, exitUsage, "drop --municipality"},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "ssp", "--municipality", "Aarhus", "--region", "Midtjylland"}, exitUsage, "--region and --cluster are for a coordinator"},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "teacher", "--municipality", "Aarhus"}, exitUsage, "a teacher needs --school"},
		{"et godt kodeord\n", []string{"--email", "ikke en adresse", "--role", "admin"}, exitUsage, "is not an email address"},
		{"et godt kodeord\n", []string{"--email", "c@skole.dk", "--role", "admin", "--bogus"}, exitUsage, "flag provided but not defined: -bogus"},
	}
	for _, r := range refusals {
		code, out, errOut := userAddRun(vars, r.stdin, r.args...)
		if code != r.code || !strings.Contains(errOut, r.want) || out != "" {
			t.Errorf("%v: exit %d, stderr %q; want %d with %q", r.args, code, errOut, r.code, r.want)
		}
	}

	// The server started on the same data finds the users, and creates the bootstrap
	// administrator.
	e, _, logs := testEnv(vars)
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- serve(ctx, nil, e, ready) }()
	var base string
	select {
	case addr := <-ready:
		base = "http://" + addr
	case err := <-done:
		t.Fatalf("serve: %v\n%s", err, logs)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	for _, login := range []struct{ email, password string }{
		{"anna@skole.dk", "lærerens kodeord"},
		{"bo@skole.dk", "en anden kode"},
		{"admin@region.dk", "bootstrap password"},
	} {
		body, _ := json.Marshal(map[string]string{"email": login.email, "password": login.password})
		resp, err := http.Post(base+"/api/v1/auth/token", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(answer), `"token":"`) {
			t.Errorf("token for %s: %d %s", login.email, resp.StatusCode, answer)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}

	st, err := store.Open(context.Background(), store.Options{Database: "heltnormal", DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	schools, err := st.ListSchools(context.Background(), "Aarhus")
	if err != nil || len(schools) != 1 || schools[0].Name != "Nørre Skole" {
		t.Fatalf("schools %+v, %v: want one Nørre Skole", schools, err)
	}
	if odense, err := st.ListSchools(context.Background(), "Odense"); err != nil || len(odense) != 1 || odense[0].Name != "Højby Skole" {
		t.Errorf("Odense's schools %+v, %v", odense, err)
	}
	for email, want := range map[string][2]string{"koord@rm.dk": {"Midtjylland", ""}, "klynge@rm.dk": {"Midtjylland", "Aarhus"}} {
		u, err := st.UserByEmail(context.Background(), email)
		if err != nil || u.Role != model.RoleCoordinator || u.Region != want[0] || u.Cluster != want[1] || u.Municipality != "" {
			t.Errorf("%s: %+v, %v", email, u, err)
		}
	}
	for _, email := range []string{"anna@skole.dk", "bo@skole.dk"} {
		u, err := st.UserByEmail(context.Background(), email)
		if err != nil || u.Role != model.RoleTeacher || u.SchoolID != schools[0].ID || u.Municipality != "Aarhus" {
			t.Errorf("%s: %+v, %v", email, u, err)
		}
	}
}

func TestBootstrapAdminIsCreatedOnceAndNeverOverwritten(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	loc := webtest.Locales(t)
	cfg := webtest.Config(t, nil)
	a := webtest.App(t, cfg, st, webtest.Catalog(t), loc, log)
	ensure := func(ctx context.Context, email, password string, log *slog.Logger) error {
		return ensureAdmin(ctx, a, st, loc, email, password, log)
	}

	if err := ensure(ctx, "", "", log); err != nil {
		t.Fatalf("no admin configured: %v", err)
	}
	if users, _ := st.ListUsers(ctx, store.UserFilter{}); len(users) != 0 {
		t.Fatalf("created %v without settings", users)
	}
	var usage usageError
	if err := ensure(ctx, "admin@region.dk", "kort", log); !errors.As(err, &usage) || !strings.Contains(err.Error(), "at least 10 characters") {
		t.Errorf("short password: %v", err)
	}

	if err := ensure(ctx, "Admin@Region.dk", "det første kodeord", log); err != nil {
		t.Fatal(err)
	}
	first, err := st.UserByEmail(ctx, "admin@region.dk")
	if err != nil || first.Role != model.RoleAdmin {
		t.Fatalf("admin %+v, %v", first, err)
	}
	// A restart with another password in the environment changes nothing.
	if err := ensure(ctx, "admin@region.dk", "et helt andet kodeord", log); err != nil {
		t.Fatal(err)
	}
	again, _ := st.UserByEmail(ctx, "admin@region.dk")
	if again.PasswordHash != first.PasswordHash || again.ID != first.ID {
		t.Error("the second start changed the administrator")
	}
	if ok, _ := auth.VerifyPassword(again.PasswordHash, "det første kodeord"); !ok {
		t.Error("the first password no longer works")
	}
	users, _ := st.ListUsers(ctx, store.UserFilter{})
	if len(users) != 1 {
		t.Errorf("%d users, want 1", len(users))
	}

	// An existing teacher with that email is not promoted.
	teacher := &model.User{Email: "rektor@skole.dk", Role: model.RoleTeacher, PasswordHash: "x"}
	if err := st.CreateUser(ctx, teacher); err != nil {
		t.Fatal(err)
	}
	if err := ensure(ctx, "rektor@skole.dk", "et helt andet kodeord", log); err != nil {
		t.Fatal(err)
	}
	if u, _ := st.UserByEmail(ctx, "rektor@skole.dk"); u.Role != model.RoleTeacher || u.PasswordHash != "x" {
		t.Errorf("existing teacher changed: %+v", u)
	}
	if !strings.Contains(logs.String(), "not an administrator") {
		t.Errorf("no warning in the log:\n%s", logs.String())
	}
}
