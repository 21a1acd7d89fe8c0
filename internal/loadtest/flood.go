package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FloodOptions describe a login flood: workers posting wrong passwords for random emails,
// each from a random address behind a trusted proxy — a botnet, which no per-account or
// per-address limit slows down, so every attempt costs a password check — while classes
// answer as in a lesson.
type FloodOptions struct {
	BaseURL       string
	AdminEmail    string
	AdminPassword string
	Workers       int
	For           time.Duration
	Classes       int
	Pupils        int
}

// FloodResult holds the figures of a flood run. Pupils answer twice, in the same run: before
// the flood (quiet) and during it.
type FloodResult struct {
	Workers         int            `json:"workers"`
	Seconds         float64        `json:"seconds"`
	LoginAttempts   int            `json:"login_attempts"`
	LoginStatuses   map[string]int `json:"login_statuses"`
	Pupils          int            `json:"pupils"`
	PupilErrors     int            `json:"pupil_errors"`
	QuietSubmitP50  float64        `json:"quiet_submit_p50_ms"`
	SubmitP50ms     float64        `json:"submit_p50_ms"`
	SubmitP99ms     float64        `json:"submit_p99_ms"`
	HealthzP50ms    float64        `json:"healthz_p50_ms"`
	HealthzFailures int            `json:"healthz_failures"`
	RSSMB           float64        `json:"rss_mb"`
}

// Flood runs a login flood against o.BaseURL.
func Flood(ctx context.Context, o FloodOptions) (FloodResult, error) {
	c := &Client{Base: strings.TrimRight(o.BaseURL, "/"), HTTP: &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: o.Workers + 2*o.Classes*o.Pupils + 8},
	}}
	sessions, sv, err := c.setUp(ctx, Options{Classes: 2 * o.Classes, Pupils: o.Pupils, AdminEmail: o.AdminEmail, AdminPassword: o.AdminPassword})
	if err != nil {
		return FloodResult{}, fmt.Errorf("set up: %w", err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	r := FloodResult{Workers: o.Workers, LoginStatuses: map[string]int{}}

	quiet := answerSpread(ctx, c, sessions[:o.Classes], sv, o.Pupils, o.For, rng)
	r.QuietSubmitP50 = ms(percentile(quiet.submits, 0.50))

	floodCtx, stop := context.WithTimeout(ctx, o.For)
	defer stop()
	var wg sync.WaitGroup
	var mu sync.Mutex
	start := time.Now()
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 5))
			for floodCtx.Err() == nil {
				status := c.guessLogin(floodCtx, rng)
				if floodCtx.Err() != nil {
					return // cut off by the end of the flood, not answered
				}
				mu.Lock()
				r.LoginAttempts++
				r.LoginStatuses[status]++
				mu.Unlock()
			}
		}()
	}
	var health []time.Duration
	wg.Add(1)
	go func() {
		defer wg.Done()
		for floodCtx.Err() == nil {
			t0 := time.Now()
			if err := c.get(ctx, "/healthz"); err != nil {
				mu.Lock()
				r.HealthzFailures++
				mu.Unlock()
			}
			health = append(health, time.Since(t0))
			time.Sleep(250 * time.Millisecond)
		}
	}()
	during := answerSpread(ctx, c, sessions[o.Classes:], sv, o.Pupils, o.For-time.Second, rng)
	wg.Wait()
	r.Seconds = time.Since(start).Seconds()
	r.Pupils, r.PupilErrors = len(during.submits), during.errors+quiet.errors
	r.SubmitP50ms, r.SubmitP99ms = ms(percentile(during.submits, 0.50)), ms(percentile(during.submits, 0.99))
	slices.Sort(health)
	r.HealthzP50ms = ms(percentile(health, 0.50))
	return r, nil
}

// guessLogin posts one wrong password for a random email from a random address and returns
// the answer's status ("error" when there was none).
func (c *Client) guessLogin(ctx context.Context, rng *rand.Rand) string {
	body, _ := json.Marshal(map[string]string{
		"email":    fmt.Sprintf("guess-%d@flood.invalid", rng.Uint64()),
		"password": fmt.Sprintf("wrong password %d", rng.Uint64()),
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/api/v1/auth/token", strings.NewReader(string(body)))
	if err != nil {
		return "error"
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", rng.IntN(256), rng.IntN(256), 1+rng.IntN(254)))
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return "error"
	}
	resp.Body.Close()
	return strconv.Itoa(resp.StatusCode)
}

// spreadRun is what pupils answering over a while saw.
type spreadRun struct {
	submits []time.Duration // sorted
	errors  int
}

// answerSpread has every pupil of sessions open the survey and submit at a random moment
// within over, and waits for all of them.
func answerSpread(ctx context.Context, c *Client, sessions []session, sv SurveyShape, pupils int, over time.Duration, rng *rand.Rand) spreadRun {
	pupil := &Client{Base: c.Base, HTTP: c.HTTP}
	var run spreadRun
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, s := range sessions {
		for p := 0; p < pupils; p++ {
			wait := time.Duration(rng.Int64N(int64(over)))
			body, _ := json.Marshal(map[string]any{"submission_id": fmt.Sprintf("flood-%s-%04d-xxxxxx", s.Code, p), "lang": "da", "answers": sv.randomAnswers(rng)})
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(wait)
				err := pupil.get(ctx, "/j/"+s.Code)
				t0 := time.Now()
				if err == nil {
					err = pupil.postWithRetry(ctx, "/api/v1/join/"+s.Code+"/responses", body)
				}
				took := time.Since(t0)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					run.errors++
					return
				}
				run.submits = append(run.submits, took)
			}()
		}
	}
	wg.Wait()
	slices.Sort(run.submits)
	return run
}
