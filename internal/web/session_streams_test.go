package web_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"
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
