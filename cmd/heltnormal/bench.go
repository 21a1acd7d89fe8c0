package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/heltnormal/heltnormal/internal/loadtest"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

const benchUsage = "usage: heltnormal bench [--classes C] [--pupils P] [--streams S] [--spread D] [--seed N] [--login-flood W [--flood-for D]] [--url URL --admin-email E --admin-password P] [--json]"

// benchFigures says what each figure of a burst compares (heltnormal bench --help).
const benchFigures = `
Figures of a burst (classes × pupils opening the survey and answering at once):
  submissions_per_s   answers acknowledged per second, first post to last acknowledgement
  p50_ms, p99_ms      a pupil's submit, from sending the answers to the acknowledgement
  page_p50/p99_ms     opening the survey page, before answering
  limit_per_s         the machine's limit, measured in the same run on the same cores: a bare
                      net/http handler writing the same answers into SQLite (WAL) with group
                      commit, all posted at once by the same load generator
  limit_p99_ms        its p99
  ratio_to_limit      submissions_per_s ÷ limit_per_s (1.0: as fast as the bare handler)
  p99_over_limit      p99_ms ÷ limit_p99_ms (1.0: as quick as the bare handler)
  store_batch_per_s   the embedded store's own rate for the same answers, one insertMany per
                      class, all classes at once, through the driver into the running store
  rss_mb              the server's peak resident memory during the burst only
  sse_counter_max_lag the longest wait from a class's last acknowledged answer to its
                      projector counter showing it
With --seed N the store first gets N closed sessions of 25 answers (a region's school year:
2,000), so that the burst runs on a store that has been used.

Flags:
`

// bench puts classes × pupils on a server at once and prints the contract's figures. Without
// --url it starts this binary as a server on a fresh embedded store in a temporary directory,
// so it can also measure the server's memory and write raw inserts into the same store.
func bench(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	classes := fs.Int("classes", 40, "class sessions answering at once")
	pupils := fs.Int("pupils", 25, "pupils per class")
	streams := fs.Int("streams", 200, "projector counter streams (SSE) open during the run")
	spread := fs.Duration("spread", 0, "start the pupils at random moments within this time (0: all at once)")
	target := fs.String("url", "", "benchmark a running server instead of starting one")
	adminEmail := fs.String("admin-email", "", "administrator of the server at --url")
	adminPassword := fs.String("admin-password", "", "that administrator's password")
	flood := fs.Int("login-flood", 0, "instead: W workers posting wrong logins from random addresses while classes answer")
	floodFor := fs.Duration("flood-for", 15*time.Second, "how long the login flood lasts")
	seed := fs.Int("seed", 0, "first fill the fresh store with N closed sessions (a year: 2000)")
	asJSON := fs.Bool("json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, benchUsage)
		fmt.Fprint(e.stderr, benchFigures)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(benchUsage)
	}
	if *classes < 1 || *pupils < 1 || *pupils > 40 || *streams < 0 || *spread < 0 || *flood < 0 || *floodFor < 2*time.Second || *seed < 0 {
		return usageError("--classes ≥ 1, --pupils 1 to 40, --streams ≥ 0, --spread ≥ 0, --seed ≥ 0, --login-flood ≥ 0, --flood-for ≥ 2s")
	}
	if *seed > 0 && *target != "" {
		return usageError("--seed fills the fresh store bench starts; it can't be used with --url")
	}
	if *flood > 0 {
		return benchFlood(ctx, e, loadtest.FloodOptions{Workers: *flood, For: *floodFor, Classes: min(*classes, 4), Pupils: *pupils,
			BaseURL: *target, AdminEmail: *adminEmail, AdminPassword: *adminPassword}, *asJSON)
	}
	o := loadtest.Options{Classes: *classes, Pupils: *pupils, Streams: *streams, Spread: *spread, BaseURL: *target,
		AdminEmail: *adminEmail, AdminPassword: *adminPassword, Limit: true}

	var server *childServer
	if o.BaseURL == "" {
		var err error
		if server, err = startChildServer(ctx, *seed); err != nil {
			return err
		}
		defer server.stop()
		o.BaseURL, o.AdminEmail, o.AdminPassword = server.url, server.email, server.password
		st, err := store.ConnectEmbedded(ctx, server.dataDir, "heltnormal", 2*time.Minute)
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
		o.Batch, o.Memory = batchInserts(st), server
	}
	r, err := loadtest.Run(ctx, o)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(e.stdout, "pupils %d (%d classes × %d), errors %d, store seeded with %d sessions\n", r.Pupils, *classes, *pupils, r.Errors, *seed)
	fmt.Fprintf(e.stdout, "submissions_per_s %.1f\np50_ms %.1f\np99_ms %.1f\nlimit_per_s %.1f\nlimit_p99_ms %.1f\nratio_to_limit %.2f\np99_over_limit %.2f\nstore_batch_per_s %.1f\nrss_mb %.1f\n",
		r.SubmissionsPerS, r.P50ms, r.P99ms, r.LimitPerS, r.LimitP99ms, r.RatioToLimit, r.P99OverLimit, r.StoreBatchPerS, r.RSSMB)
	fmt.Fprintf(e.stdout, "page_p50_ms %.1f\npage_p99_ms %.1f\n", r.PageP50ms, r.PageP99ms)
	fmt.Fprintf(e.stdout, "sse_streams %d\nsse_counter_max_lag_ms %.0f (all classes complete: %v)\n", r.Streams, r.CounterMaxLagMs, r.CountersComplete)
	return nil
}

// benchFlood runs a login flood and prints its figures.
func benchFlood(ctx context.Context, e env, o loadtest.FloodOptions, asJSON bool) error {
	var server *childServer
	if o.BaseURL == "" {
		var err error
		if server, err = startChildServer(ctx, 0); err != nil {
			return err
		}
		defer server.stop()
		o.BaseURL, o.AdminEmail, o.AdminPassword = server.url, server.email, server.password
	}
	r, err := loadtest.Flood(ctx, o)
	if err != nil {
		return err
	}
	if server != nil {
		r.RSSMB = server.PeakMB()
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(e.stdout, "login flood: %d workers for %.1f s, %d attempts, statuses %v\n", r.Workers, r.Seconds, r.LoginAttempts, r.LoginStatuses)
	fmt.Fprintf(e.stdout, "pupils %d during the flood, errors %d\nquiet_submit_p50_ms %.1f\nsubmit_p50_ms %.1f\nsubmit_p99_ms %.1f\nhealthz_p50_ms %.1f (failures %d)\nrss_mb %.1f\n",
		r.Pupils, r.PupilErrors, r.QuietSubmitP50, r.SubmitP50ms, r.SubmitP99ms, r.HealthzP50ms, r.HealthzFailures, r.RSSMB)
	return nil
}

// batchInserts writes the run's response documents straight into the store through the
// driver, one insertMany per class, all classes at once: the store's own rate.
func batchInserts(st *store.Store) loadtest.BatchInserter {
	return func(ctx context.Context, docs []loadtest.RawDoc, perClass int) (time.Duration, error) {
		prefix := "bench_batch_" + strconv.FormatInt(time.Now().UnixNano(), 36) + "_"
		classes := map[string][]any{}
		for _, d := range docs {
			answers := map[string]model.Answer{}
			for topic, a := range d.Answers {
				answers[topic] = model.Answer{Self: a["self"], Perceived: a["perceived"]}
			}
			classes[d.SessionID] = append(classes[d.SessionID], model.Response{ID: store.ResponseID(d.SessionID, d.SubmissionID), SessionID: d.SessionID,
				SurveyID: "jeg-er-helt-normal-7-9", SurveyVersion: 2, Lang: "da", Day: time.Now().Format(time.DateOnly), Answers: answers})
		}
		for _, id := range uniqueSessions(docs) { // as the server's are: made with the session
			if err := st.DB().CreateCollection(ctx, prefix+id); err != nil {
				return 0, err
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		var firstErr error
		start := time.Now()
		for id, batch := range classes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := st.DB().Collection(prefix+id).InsertMany(ctx, batch); err != nil {
					mu.Lock()
					firstErr = errors.Join(firstErr, err)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		took := time.Since(start)
		for _, id := range uniqueSessions(docs) {
			_ = st.DB().Collection(prefix + id).Drop(context.Background())
		}
		return took, firstErr
	}
}

func uniqueSessions(docs []loadtest.RawDoc) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		if !seen[d.SessionID] {
			seen[d.SessionID] = true
			out = append(out, d.SessionID)
		}
	}
	return out
}

// childServer is this binary serving on a fresh embedded store, for one benchmark run.
type childServer struct {
	cmd             *exec.Cmd
	url, dataDir    string
	email, password string
}

// startChildServer starts this binary as a server on a fresh embedded store, after filling
// it with seed closed sessions (heltnormal demo) when seed > 0.
func startChildServer(ctx context.Context, seed int) (*childServer, error) {
	dir, err := os.MkdirTemp("", "hn-bench-")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	s := &childServer{url: "http://" + addr, dataDir: dir, email: "bench-admin@heltnormal.invalid", password: "benchmark-admin-password"}
	if seed > 0 {
		demo := exec.CommandContext(ctx, self, "demo", "--sessions", strconv.Itoa(seed), "--pupils", "25")
		demo.Env = append(os.Environ(), "HELTNORMAL_DATA_DIR="+dir, "MONGODB_URI=")
		demo.Stdout, demo.Stderr = os.Stderr, os.Stderr
		if err := demo.Run(); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("seed the store: %w", err)
		}
	}
	s.cmd = exec.CommandContext(ctx, self, "serve")
	s.cmd.Env = append(os.Environ(), "HELTNORMAL_DATA_DIR="+dir, "HELTNORMAL_ADDR="+addr, "MONGODB_URI=",
		"HELTNORMAL_ADMIN_EMAIL="+s.email, "HELTNORMAL_ADMIN_PASSWORD="+s.password,
		// The login flood comes "through" a proxy on this machine, from addresses it makes up.
		"HELTNORMAL_TRUSTED_PROXIES=127.0.0.1")
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(s.url + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New("the benchmark server did not start within 30 s")
}

// ResetPeak starts the server's peak resident memory afresh (Linux: clear_refs 5).
func (s *childServer) ResetPeak() {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", s.cmd.Process.Pid), []byte("5"), 0)
}

// PeakMB is the server's peak resident memory (VmHWM) in MB since the last ResetPeak.
func (s *childServer) PeakMB() float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func (s *childServer) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
	}
	os.RemoveAll(s.dataDir)
}
