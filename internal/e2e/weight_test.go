package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/heltnormal/heltnormal/internal/model"
)

// maxPupilPageBytes is what a pupil's page (the survey, the class's results) with everything
// it loads may weigh on the wire: a cheap phone on a crowded school Wi-Fi should have it at
// once.
const maxPupilPageBytes = 30 * 1024

// loaded is one request of a page load as the DevTools protocol reports it.
type loaded struct {
	url, kind, acceptEncoding, contentEncoding string
	status                                     int64
	bytes                                      float64 // on the wire: headers and (compressed) body
	done, failed                               bool
	failure                                    string
}

// TestPupilPageWeight loads the survey page and the class's results page as a pupil's phone
// does — a fresh browser, empty cache — and adds up what every request transferred
// (Network.loadingFinished's encodedDataLength: headers and body as compressed for the
// browser's own Accept-Encoding). Each total must stay within 30 KB, and no request may go
// to another host.
func TestPupilPageWeight(t *testing.T) {
	s := newSite(t)
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	token := s.token("laerer@skovvangskolen.dk")
	sess := s.openSession(token, "8.B", 24)
	// A class that answered, closed and released its results to the pupils' phones.
	done := s.openSession(token, "8.A", 24)
	for i := range 20 {
		s.answer(done.Code, i, seededPupil(i))
	}
	s.closeSession(token, done.ID)
	if status := s.api(http.MethodPost, "/api/v1/sessions/"+done.ID+"/pupil-results", token, map[string]bool{"released": true}, nil); status != http.StatusOK {
		t.Fatalf("release the results to the pupils: %d", status)
	}

	t.Run("survey", func(t *testing.T) {
		s.measurePupilPage(t, "survey", "/j/"+sess.Code, `document.querySelector("form.stepped") !== null`)
	})
	t.Run("results", func(t *testing.T) {
		s.measurePupilPage(t, "results", "/j/"+done.Code+"/resultater", `document.querySelectorAll(".pupil-topic[data-truth]").length === 6`)
	})
}

// measurePupilPage loads path on a fresh phone, waits until ready holds and every request has
// settled, and checks what the page and its resources weighed on the wire.
func (s *site) measurePupilPage(t *testing.T, name, path, ready string) {
	b := newTab(t, s.base, phone(360, 640))
	var mu sync.Mutex
	requests := map[network.RequestID]*loaded{}
	var order []network.RequestID
	lastEvent := time.Now()
	request := func(id network.RequestID) *loaded {
		r := requests[id]
		if r == nil {
			r = &loaded{}
			requests[id] = r
			order = append(order, id)
		}
		lastEvent = time.Now()
		return r
	}
	err := chromedp.Listen(b.ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			r := request(ev.RequestID)
			r.url, r.kind = ev.Request.URL, string(ev.Type)
		case *network.EventRequestWillBeSentExtraInfo:
			r := request(ev.RequestID)
			r.acceptEncoding = header(ev.Headers, "accept-encoding")
		case *network.EventResponseReceived:
			r := request(ev.RequestID)
			r.status = ev.Response.Status
			r.contentEncoding = header(ev.Response.Headers, "content-encoding")
		case *network.EventLoadingFinished:
			r := request(ev.RequestID)
			r.bytes, r.done = ev.EncodedDataLength, true
		case *network.EventLoadingFailed:
			r := request(ev.RequestID)
			r.failed, r.done, r.failure = true, true, ev.ErrorText
		}
	})
	if err != nil {
		t.Fatal(err)
	}

	b.open(path)
	b.waitFor("the "+name+" page's script", ready)
	// The page has loaded when every request it started has finished and nothing new has
	// started for half a second.
	settled := func() bool {
		mu.Lock()
		defer mu.Unlock()
		for _, r := range requests {
			if !r.done {
				return false
			}
		}
		return len(requests) > 0 && time.Since(lastEvent) > 500*time.Millisecond
	}
	for deadline := time.Now().Add(stepTimeout); !settled(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page's requests did not settle")
		}
	}

	mu.Lock()
	defer mu.Unlock()
	server, _ := url.Parse(s.base)
	var total float64
	var lines []string
	for _, id := range order {
		r := requests[id]
		u, err := url.Parse(r.url)
		if err != nil || u.Host != server.Host || u.Scheme != server.Scheme {
			t.Errorf("request to another host: %s", r.url)
		}
		if r.failed {
			t.Errorf("request failed: %s: %s", r.url, r.failure)
		}
		if r.status >= 400 {
			t.Errorf("request answered %d: %s", r.status, r.url)
		}
		if r.contentEncoding == "" && r.bytes > 1024 && strings.Contains(r.acceptEncoding, "gzip") &&
			(r.kind == "Document" || r.kind == "Script" || r.kind == "Stylesheet") {
			t.Errorf("%s is sent uncompressed (%.0f bytes) although the browser accepts %q", strings.TrimPrefix(r.url, s.base), r.bytes, r.acceptEncoding)
		}
		total += r.bytes
		lines = append(lines, fmt.Sprintf("%7.0f B  %d %-10s %-8s %s", r.bytes, r.status, r.kind, orNone(r.contentEncoding), strings.TrimPrefix(r.url, s.base)))
	}
	sort.Strings(lines[1:]) // the page itself first, then its resources by size
	t.Logf("requests of %s (Accept-Encoding: %s):\n%s", path, requests[order[0]].acceptEncoding, strings.Join(lines, "\n"))
	summary := fmt.Sprintf("pupil %s page weight: %.0f bytes (%.1f KB) transferred in %d requests, limit %d bytes; every request to %s",
		name, total, total/1024, len(order), maxPupilPageBytes, server.Host)
	t.Log(summary)
	fmt.Println(summary)
	if total > maxPupilPageBytes {
		t.Errorf("the %s page weighs %.0f bytes on the wire, more than %d", name, total, maxPupilPageBytes)
	}
}

// header finds a header by name in a protocol header map, whatever its case.
func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v)
		}
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "identity"
	}
	return s
}
