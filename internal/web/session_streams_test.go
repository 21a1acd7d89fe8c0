package web_test

import (
	"bufio"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/web"
)

// TestLiveCountersAreCapped: one login opening stream after stream of a session's live
// counter gets 429 with Retry-After beyond the cap, never a 500, and pupils still answer;
// closed streams free their places.
func TestLiveCountersAreCapped(t *testing.T) {
	s := newServer(t)
	base := s.listen(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 20, "sleep")
	client := &http.Client{Timeout: 10 * time.Second}
	open := func() *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, base+"/sessions/"+sess.ID+"/events", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	var streams []*http.Response
	defer func() {
		for _, r := range streams {
			r.Body.Close()
		}
	}()
	for i := range 10 {
		resp := open()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("stream %d: %d", i, resp.StatusCode)
		}
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		if !strings.HasPrefix(line, "retry:") {
			t.Fatalf("stream %d did not start: %q", i, line)
		}
		streams = append(streams, resp)
	}
	for range 5 {
		resp := open()
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Errorf("a stream over the cap: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	start := time.Now()
	if st, body := answer(t, s, sess.Code, submissionID(1), sleepAnswer(1)); st != http.StatusCreated || time.Since(start) > 5*time.Second {
		t.Errorf("a pupil's answer during the streams: %d %s after %v", st, body, time.Since(start))
	}
	streams[0].Body.Close()
	streams = streams[1:]
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp := open()
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed stream's place was not freed: %d", resp.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The attack: 2,000 stream requests with one teacher's token, 64 at a time, over the
// teacher's 30 sessions. Before the caps, about 20 s of 503s on /healthz and 970 answers
// of 500. Now every request beyond the caps is 429 — never a 5xx — and pupils still answer.
// A stream ends by itself after 25 s (the projector reconnects), which frees its place; so
// on a slow machine more than 250 open over the whole run, but never more than 250 at once
// (the server's own count of open streams says so).
func TestTwoThousandStreamRequestsAre429NeverA500(t *testing.T) {
	s := newServer(t)
	base := s.listen(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	var sessions []string
	var code string
	for range 30 {
		sess := createClassSession(t, s, token, 20, "sleep")
		sessions, code = append(sessions, sess.ID), sess.Code
	}
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		open     []*http.Response
		wg       sync.WaitGroup
		next     atomic.Int64
	)
	defer func() {
		for _, r := range open {
			r.Body.Close()
		}
	}()
	start := time.Now()
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < 2000; i = next.Add(1) - 1 {
				req, _ := http.NewRequest(http.MethodGet, base+"/sessions/"+sessions[i%30]+"/events", nil)
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := client.Do(req)
				mu.Lock()
				if err != nil {
					statuses[-1]++
				} else {
					statuses[resp.StatusCode]++
					if resp.StatusCode == http.StatusOK {
						open = append(open, resp)
					} else {
						resp.Body.Close()
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if statuses[http.StatusOK]+statuses[http.StatusTooManyRequests] != 2000 {
		t.Errorf("2,000 stream requests: %v; want only streams and 429s", statuses)
	}
	if peak := web.PeakStreams(s.Server); peak != 250 {
		t.Errorf("at most %d streams were open at once; the cap per login is 250 (%v)", peak, statuses)
	}
	if time.Since(start) < 20*time.Second && statuses[http.StatusOK] != 250 {
		t.Errorf("2,000 stream requests within 20 s: %v; want 250 streams and 1,750 × 429", statuses)
	}
	if st, body := answer(t, s, code, submissionID(1), sleepAnswer(1)); st != http.StatusCreated {
		t.Errorf("a pupil's answer during the streams: %d %s", st, body)
	}
	if resp, body := get(t, s, "/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz during the streams: %d %s", resp.StatusCode, body)
	}
}
