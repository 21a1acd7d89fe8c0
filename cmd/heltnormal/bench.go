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

const benchUsage = "usage: heltnormal bench [--classes C] [--pupils P] [--streams S] [--spread D] [--login-flood W [--flood-for D]] [--url URL --admin-email E --admin-password P] [--json]"

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
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(benchUsage)
	}
	if *classes < 1 || *pupils < 1 || *pupils > 40 || *streams < 0 || *spread < 0 || *flood < 0 || *floodFor < 2*time.Second {
		return usageError("--classes ≥ 1, --pupils 1 to 40, --streams ≥ 0, --spread ≥ 0, --login-flood ≥ 0, --flood-for ≥ 2s")
	}
	if *flood > 0 {
		return benchFlood(ctx, e, loadtest.FloodOptions{Workers: *flood, For: *floodFor, Classes: min(*classes, 4), Pupils: *pupils,
			BaseURL: *target, AdminEmail: *adminEmail, AdminPassword: *adminPassword}, *asJSON)
	}
	o := loadtest.Options{Classes: *classes, Pupils: *pupils, Streams: *streams, Spread: *spread, BaseURL: *target,
		AdminEmail: *adminEmail, AdminPassword: *adminPassword}

	var server *childServer
	if o.BaseURL == "" {
		var err error
		if server, err = startChildServer(ctx); err != nil {
			return err
		}
		defer server.stop()
		o.BaseURL, o.AdminEmail, o.AdminPassword = server.url, server.email, server.password
		st, err := store.ConnectEmbedded(ctx, server.dataDir, "heltnormal", 2*time.Minute)
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
		o.Raw = rawInserts(st)
	}
	r, err := loadtest.Run(ctx, o)
	if err != nil {
		return err
	}
	if server != nil {
		r.RSSMB = server.peakRSSMB()
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(e.stdout, "pupils %d (%d classes × %d), errors %d\n", r.Pupils, *classes, *pupils, r.Errors)
	fmt.Fprintf(e.stdout, "submissions_per_s %.1f\np50_ms %.1f\np99_ms %.1f\nraw_inserts_per_s %.1f\nratio %.2f\nrss_mb %.1f\n",
		r.SubmissionsPerS, r.P50ms, r.P99ms, r.RawInsertsPerS, r.Ratio, r.RSSMB)
	fmt.Fprintf(e.stdout, "page_p50_ms %.1f\npage_p99_ms %.1f\n", r.PageP50ms, r.PageP99ms)
	fmt.Fprintf(e.stdout, "sse_streams %d\nsse_counter_max_lag_ms %.0f (all classes complete: %v)\n", r.Streams, r.CounterMaxLagMs, r.CountersComplete)
	return nil
}

// benchFlood runs a login flood and prints its figures.
func benchFlood(ctx context.Context, e env, o loadtest.FloodOptions, asJSON bool) error {
	var server *childServer
	if o.BaseURL == "" {
		var err error
		if server, err = startChildServer(ctx); err != nil {
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
		r.RSSMB = server.peakRSSMB()
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

// rawInserts writes the run's response documents straight into the store, one insert each,
// as many at once as there were pupils: what the server does at the least.
func rawInserts(st *store.Store) loadtest.RawInserter {
	return func(ctx context.Context, docs []loadtest.RawDoc, concurrency int) (time.Duration, error) {
		prefix := "bench_raw_" + strconv.FormatInt(time.Now().UnixNano(), 36) + "_"
		responses := make([]model.Response, len(docs))
		for i, d := range docs {
			answers := map[string]model.Answer{}
			for topic, a := range d.Answers {
				answers[topic] = model.Answer{Self: a["self"], Perceived: a["perceived"]}
			}
			responses[i] = model.Response{ID: store.ResponseID(d.SessionID, d.SubmissionID), SessionID: d.SessionID,
				SurveyID: "jeg-er-helt-normal-7-9", SurveyVersion: 1, Lang: "da", Day: time.Now().Format(time.DateOnly), Answers: answers}
		}
		for _, id := range uniqueSessions(docs) { // as the server's are: made with the session
			if err := st.DB().CreateCollection(ctx, prefix+id); err != nil {
				return 0, err
			}
		}
		sem := make(chan struct{}, concurrency)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var firstErr error
		start := time.Now()
		for i := range responses {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				_, err := st.DB().Collection(prefix+responses[i].SessionID).InsertOne(ctx, responses[i])
				if err != nil {
					mu.Lock()
					firstErr = errors.Join(firstErr, err)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		took := time.Since(start)
		for _, d := range uniqueSessions(docs) {
			_ = st.DB().Collection(prefix + d).Drop(context.Background())
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

func startChildServer(ctx context.Context) (*childServer, error) {
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

// peakRSSMB is the server's peak resident memory (VmHWM) in MB.
func (s *childServer) peakRSSMB() float64 {
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
