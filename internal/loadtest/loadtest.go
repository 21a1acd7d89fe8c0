// Package loadtest is `heltnormal bench`: it puts a municipality's worth of classes on a
// running server at once — every pupil opening the survey and submitting over HTTP, projector
// counters open over SSE — and measures, in the same run and on the same cores, the
// machine's limit for the same answers (limit.go): a bare handler writing them into SQLite
// with group commit. The app's figures are given beside the limit's.
package loadtest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options describe a run.
type Options struct {
	BaseURL string
	Classes int
	Pupils  int
	Streams int // projector SSE streams kept open during the run
	// Spread starts the pupils at random moments within it instead of all at once (0), as a
	// lesson would: a look at latency below the server's limit.
	Spread        time.Duration
	AdminEmail    string
	AdminPassword string
	// Batch inserts the same documents straight into the store, a class per insertMany, all
	// classes at once; nil skips that part.
	Batch BatchInserter
	// Memory, when set, is the server's memory, measured during the burst only.
	Memory MemoryProbe
	// Limit measures the machine's limit in the same run (limit.go).
	Limit bool
}

// BatchInserter writes response documents straight into the store, one insertMany per
// class of perClass documents, all classes at once; it returns how long all of them took.
type BatchInserter func(ctx context.Context, docs []RawDoc, perClass int) (time.Duration, error)

// MemoryProbe reads the server's peak resident memory since the last reset.
type MemoryProbe interface {
	ResetPeak()
	PeakMB() float64
}

// RawDoc is one response as the server would store it.
type RawDoc struct {
	SessionID, SubmissionID string
	Answers                 map[string]map[string]string
}

// Result holds the figures `heltnormal bench` prints.
type Result struct {
	Pupils           int     `json:"pupils"`
	SubmissionsPerS  float64 `json:"submissions_per_s"`
	P50ms            float64 `json:"p50_ms"`
	P99ms            float64 `json:"p99_ms"`
	PageP50ms        float64 `json:"page_p50_ms"` // opening the survey page, before answering
	PageP99ms        float64 `json:"page_p99_ms"`
	Errors           int     `json:"errors"`
	LimitPerS        float64 `json:"limit_per_s"`    // the machine's limit (limit.go)
	LimitP99ms       float64 `json:"limit_p99_ms"`   // its p99
	RatioToLimit     float64 `json:"ratio_to_limit"` // submissions_per_s ÷ limit_per_s
	P99OverLimit     float64 `json:"p99_over_limit"` // p99_ms ÷ limit_p99_ms
	StoreBatchPerS   float64 `json:"store_batch_per_s"`
	RSSMB            float64 `json:"rss_mb"` // the server's peak during the burst
	Streams          int     `json:"sse_streams"`
	CounterMaxLagMs  float64 `json:"sse_counter_max_lag_ms"`
	CountersComplete bool    `json:"sse_counters_complete"`
}

// Run does one benchmark run against o.BaseURL.
func Run(ctx context.Context, o Options) (Result, error) {
	c := &Client{Base: strings.TrimRight(o.BaseURL, "/"), HTTP: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: o.Classes*o.Pupils + o.Streams + 8, MaxConnsPerHost: 0},
	}}
	sessions, sv, err := c.setUp(ctx, o)
	if err != nil {
		return Result{}, fmt.Errorf("set up: %w", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []RawDoc
	for _, s := range sessions {
		for p := 0; p < o.Pupils; p++ {
			docs = append(docs, RawDoc{SessionID: s.ID, SubmissionID: fmt.Sprintf("bench-%s-%04d-xxxxxx", s.Code, p), Answers: sv.randomAnswers(rng)})
		}
	}

	// Projector counters: several streams per session, watching for the final count. They are
	// open, as projectors are, before the pupils start.
	counters := newCounterWatch(c, sessions, o.Streams, o.Pupils)
	streamCtx, stopStreams := context.WithCancel(ctx)
	defer stopStreams()
	if err := counters.start(streamCtx, 30*time.Second); err != nil {
		return Result{}, err
	}

	// Every pupil opens the survey page at once, and once all have it, every pupil submits at
	// once: a class answering together, measured as the posts alone, like the limit. With
	// Spread, each pupil opens the page at a random moment and submits straight after.
	// Pupils have no login: the server refuses answers sent with a staff token.
	pupil := &Client{Base: c.Base, HTTP: c.HTTP}
	if o.Memory != nil {
		o.Memory.ResetPeak()
	}
	starts := make([]time.Duration, len(docs))
	if o.Spread > 0 {
		for i := range starts {
			starts[i] = time.Duration(rng.Int64N(int64(o.Spread)))
		}
	}
	latencies := make([]time.Duration, len(docs))
	pageLatencies := make([]time.Duration, len(docs))
	acked := make([]time.Time, len(docs))
	var errs int
	var mu sync.Mutex
	var wg, pages sync.WaitGroup
	allHavePages := make(chan struct{})
	pages.Add(len(docs))
	start := time.Now()
	go func() {
		pages.Wait()
		if o.Spread == 0 {
			start = time.Now()
		}
		close(allHavePages)
	}()
	failed := func() {
		mu.Lock()
		errs++
		mu.Unlock()
	}
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(starts[i])
			code := sessions[i/o.Pupils].Code
			t0 := time.Now()
			err := pupil.get(ctx, "/j/"+code)
			pageLatencies[i] = time.Since(t0)
			pages.Done()
			if err != nil {
				failed()
				return
			}
			body, _ := json.Marshal(map[string]any{"submission_id": d.SubmissionID, "lang": "da", "answers": d.Answers})
			if o.Spread == 0 {
				<-allHavePages
			}
			t0 = time.Now()
			err = pupil.postWithRetry(ctx, "/api/v1/join/"+code+"/responses", body)
			latencies[i], acked[i] = time.Since(t0), time.Now()
			if err != nil {
				failed()
			}
		}()
	}
	wg.Wait()
	<-allHavePages
	elapsed := time.Since(start)

	r := Result{Pupils: len(docs), Errors: errs, Streams: o.Streams}
	if o.Memory != nil {
		r.RSSMB = o.Memory.PeakMB()
	}
	r.SubmissionsPerS = float64(len(docs)) / elapsed.Seconds()
	slices.Sort(latencies)
	r.P50ms = ms(percentile(latencies, 0.50))
	r.P99ms = ms(percentile(latencies, 0.99))
	slices.Sort(pageLatencies)
	r.PageP50ms, r.PageP99ms = ms(percentile(pageLatencies, 0.50)), ms(percentile(pageLatencies, 0.99))
	lag, complete := counters.wait(acked, o.Pupils, 5*time.Second)
	stopStreams()
	r.CounterMaxLagMs, r.CountersComplete = ms(lag), complete

	if o.Batch != nil {
		took, err := o.Batch(ctx, docs, o.Pupils)
		if err != nil {
			return r, fmt.Errorf("batch inserts: %w", err)
		}
		r.StoreBatchPerS = float64(len(docs)) / took.Seconds()
	}
	if o.Limit {
		limit, err := Limit(ctx, docs)
		if err != nil {
			return r, fmt.Errorf("the machine's limit: %w", err)
		}
		r.LimitPerS, r.LimitP99ms = limit.PerS, limit.P99ms
		r.RatioToLimit, r.P99OverLimit = r.SubmissionsPerS/limit.PerS, r.P99ms/limit.P99ms
	}
	return r, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}

// session is one class session created for the run.
type session struct{ ID, Code string }

func (c *Client) get(ctx context.Context, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d", path, resp.StatusCode)
	}
	return nil
}

// postWithRetry submits like the survey page's script: on a network error or a 5xx it tries
// again with the same submission id.
func (c *Client) postWithRetry(ctx context.Context, path string, body []byte) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = c.do(ctx, http.MethodPost, path, body, nil); err == nil {
			return nil
		}
		if strings.Contains(err.Error(), ": 4") { // a 4xx will not change on retry
			return err
		}
		time.Sleep(time.Duration(100<<attempt) * time.Millisecond)
	}
	return err
}

// counterWatch follows projector streams and notes when each session's counter reaches the
// class size.
type counterWatch struct {
	c        *Client
	sessions []session
	streams  int
	target   int
	mu       sync.Mutex
	reached  map[string]time.Time // session id → first time a stream showed the full count
	wg       sync.WaitGroup
	open     sync.WaitGroup // streams that have not shown their first count yet
}

func newCounterWatch(c *Client, sessions []session, streams, target int) *counterWatch {
	return &counterWatch{c: c, sessions: sessions, streams: streams, target: target, reached: map[string]time.Time{}}
}

// start opens the streams and returns once each has shown its first count, or after within.
func (w *counterWatch) start(ctx context.Context, within time.Duration) error {
	for i := 0; i < w.streams; i++ {
		s := w.sessions[i%len(w.sessions)]
		w.wg.Add(1)
		w.open.Add(1)
		go func() {
			defer w.wg.Done()
			var once sync.Once
			opened := func() { once.Do(w.open.Done) }
			defer opened()
			for ctx.Err() == nil { // the server ends a stream now and then; reconnect like EventSource
				w.follow(ctx, s, opened)
			}
		}()
	}
	done := make(chan struct{})
	go func() { w.open.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-time.After(within):
		return fmt.Errorf("the %d projector streams did not all open within %v", w.streams, within)
	}
}

func (w *counterWatch) follow(ctx context.Context, s session, opened func()) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, w.c.Base+"/sessions/"+s.ID+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+w.c.Token)
	resp, err := w.c.HTTP.Do(req)
	if err != nil {
		time.Sleep(200 * time.Millisecond)
		return
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var st struct{ Count int }
		if json.Unmarshal([]byte(data), &st) != nil {
			continue
		}
		opened()
		if st.Count >= w.target {
			w.mu.Lock()
			if _, seen := w.reached[s.ID]; !seen {
				w.reached[s.ID] = time.Now()
			}
			w.mu.Unlock()
		}
	}
}

// wait gives the counters up to grace to show every class complete and returns the longest
// delay between a class's last acknowledged answer and its counter showing it.
func (w *counterWatch) wait(acked []time.Time, pupils int, grace time.Duration) (time.Duration, bool) {
	if w.streams == 0 {
		return 0, true
	}
	watched := min(w.streams, len(w.sessions))
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) {
		w.mu.Lock()
		n := len(w.reached)
		w.mu.Unlock()
		if n >= watched {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var worst time.Duration
	for i, s := range w.sessions[:watched] {
		last := slices.MaxFunc(acked[i*pupils:(i+1)*pupils], func(a, b time.Time) int { return a.Compare(b) })
		at, ok := w.reached[s.ID]
		if !ok {
			return grace, false
		}
		worst = max(worst, at.Sub(last))
	}
	return worst, true
}
