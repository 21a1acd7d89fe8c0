package faulttest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/loadtest"
)

// api is a client of the server under test (loadtest's).
type api = loadtest.Client

// must makes a call that the test cannot go on without.
func must(t *testing.T, a *api, method, path string, in, out any) {
	t.Helper()
	if _, err := a.Call(waitCtx(t, 30*time.Second), method, path, in, out); err != nil {
		t.Fatal(err)
	}
}

// classSession is one class's session as the API created it.
type classSession struct {
	ID   string `json:"id"`
	Code string `json:"code"`
}

// surveyShape is the part of a survey definition pupils need to answer it.
type surveyShape = loadtest.SurveyShape

const faultSurvey = "jeg-er-helt-normal-kort"

// setUpClasses does what an SSP consultant and a teacher do before a lesson: a school, a
// teacher, and one open session per class. It returns the teacher's client.
func setUpClasses(t *testing.T, base string, classes, pupils int) (*api, []classSession, surveyShape) {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	admin := &api{Base: base, HTTP: client}
	var tok struct{ Token string }
	must(t, admin, "POST", "/api/v1/auth/token", map[string]string{"email": adminEmail, "password": adminPassword}, &tok)
	admin.Token = tok.Token
	var school struct{ ID string }
	must(t, admin, "POST", "/api/v1/schools", map[string]string{"municipality": "Aarhus", "name": "Fejltestskolen"}, &school)
	teacherEmail := "laerer@fejltest.invalid"
	must(t, admin, "POST", "/api/v1/users", map[string]string{"email": teacherEmail, "password": "fault-test-teacher-password",
		"role": "teacher", "school_id": school.ID}, nil)

	teacher := &api{Base: base, HTTP: client}
	must(t, teacher, "POST", "/api/v1/auth/token", map[string]string{"email": teacherEmail, "password": "fault-test-teacher-password"}, &tok)
	teacher.Token = tok.Token
	var sv surveyShape
	must(t, teacher, "GET", "/api/v1/surveys/"+faultSurvey, nil, &sv)
	sessions := make([]classSession, classes)
	for i := range sessions {
		must(t, teacher, "POST", "/api/v1/sessions", map[string]any{"survey_id": faultSurvey,
			"class_label": fmt.Sprintf("%d.%c", 7+i%3, 'A'+rune(i/3%26)), "grade": 7 + i%3,
			"wave": "baseline", "expected_pupils": pupils}, &sessions[i])
	}
	return teacher, sessions, sv
}

// pupil is one phone: its session, its own submission id, and its answers.
type pupil struct {
	session      classSession
	submissionID string
	body         []byte

	// Filled in by submit.
	acked        bool
	ackStatus    int
	ackedAt      time.Time
	attempts     int
	netErrors    int
	serverErrors int           // 5xx, 429 and 408: answers the script retries
	slowest      time.Duration // the longest attempt
	refusal      string
}

// newPupils makes every class's pupils, answering deterministically by their number.
func newPupils(sessions []classSession, perClass int, sv surveyShape) []*pupil {
	var out []*pupil
	for c, sess := range sessions {
		for p := 0; p < perClass; p++ {
			n := c*perClass + p
			answers := map[string]map[string]string{}
			for j, it := range sv.Items {
				a := map[string]string{}
				if (n+j)%7 != 0 { // now and then "Vil ikke svare"
					a["self"] = it.Self.Options[(n+j)%len(it.Self.Options)].ID
				}
				if steps := sv.Scales[it.Perceived.Scale]; len(steps) > 0 && (n+j)%5 != 0 {
					a["perceived"] = steps[(3*n+j)%len(steps)].ID
				}
				answers[it.ID] = a
			}
			id := fmt.Sprintf("fault-%s-%04d-%08x", sess.Code, p, rand.Uint32())
			body, _ := json.Marshal(map[string]any{"submission_id": id, "lang": "da", "answers": answers})
			out = append(out, &pupil{session: sess, submissionID: id, body: body})
		}
	}
	return out
}

// retryPolicy is the survey page's: retry on a network error, a 5xx, 429 or 408, with a
// doubling delay; stop at 200 or 201; any other answer is final. The script starts at 1 s
// and caps at 15 s; the tests use shorter delays (with jitter, as many phones would have)
// to keep the run short.
type retryPolicy struct {
	first, max time.Duration
	timeout    time.Duration // per request, as the script's AbortController
}

var pupilRetries = retryPolicy{first: 150 * time.Millisecond, max: 2 * time.Second, timeout: 20 * time.Second}

// submit sends the pupil's answers until the server acknowledges them or ctx ends.
func (p *pupil) submit(ctx context.Context, client *http.Client, base string, policy retryPolicy, prog *progress) {
	delay := policy.first
	for ctx.Err() == nil {
		p.attempts++
		prog.inFlight.Add(1)
		sent := time.Now()
		status, err := p.post(ctx, client, base, policy.timeout)
		p.slowest = max(p.slowest, time.Since(sent))
		prog.inFlight.Add(-1)
		switch {
		case err != nil:
			p.netErrors++
		case status == http.StatusOK || status == http.StatusCreated:
			p.acked, p.ackStatus, p.ackedAt = true, status, time.Now()
			return
		case status >= 500 || status == http.StatusTooManyRequests || status == http.StatusRequestTimeout:
			p.serverErrors++
		default:
			p.refusal = fmt.Sprintf("status %d", status)
			return
		}
		jittered := time.Duration(float64(delay) * (0.5 + rand.Float64()))
		select {
		case <-ctx.Done():
		case <-time.After(jittered):
		}
		delay = min(2*delay, policy.max)
	}
}

func (p *pupil) post(ctx context.Context, client *http.Client, base string, timeout time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/join/"+p.session.Code+"/responses", bytes.NewReader(p.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, err // the answer was cut off: the pupil cannot know it was stored
	}
	return resp.StatusCode, nil
}

// progress is what the test watches while the pupils submit.
type progress struct {
	acked    atomic.Int64 // pupils acknowledged so far
	inFlight atomic.Int64 // requests sent and not yet answered
}

// run lets every pupil start within spread of the others and submit with retries.
func run(ctx context.Context, base string, pupils []*pupil, spread time.Duration, prog *progress) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: len(pupils) + 8}}
	defer client.CloseIdleConnections()
	var wg sync.WaitGroup
	for _, p := range pupils {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
				return
			case <-time.After(rand.N(spread + 1)):
			}
			p.submit(ctx, client, base, pupilRetries, prog)
			if p.acked {
				prog.acked.Add(1)
			}
		}()
	}
	wg.Wait()
}

// figures sums up what the pupils went through.
type figures struct {
	pupils, acked, attempts int
	retried                 int // pupils who needed more than one attempt
	netErrors, serverErrors int
	ackedAsRepeat           int // acknowledged with 200: an earlier attempt was stored, its answer lost
}

func sum(pupils []*pupil) figures {
	f := figures{pupils: len(pupils)}
	for _, p := range pupils {
		f.attempts += p.attempts
		f.netErrors += p.netErrors
		f.serverErrors += p.serverErrors
		if p.acked {
			f.acked++
		}
		if p.ackStatus == http.StatusOK {
			f.ackedAsRepeat++
		}
		if p.attempts > 1 {
			f.retried++
		}
	}
	return f
}

// checkEveryPupilCounted asserts what issue 9 asks: every pupil was acknowledged in the
// end, each class's stored count equals its number of pupils exactly, and sending an
// acknowledged answer again is answered 200 (already stored), never 201 (stored now, so it
// had been lost).
func checkEveryPupilCounted(t *testing.T, teacher *api, sessions []classSession, perClass int, pupils []*pupil) {
	t.Helper()
	for _, p := range pupils {
		if !p.acked {
			t.Errorf("pupil %s of %s was never acknowledged (%d attempts, %s)", p.submissionID, p.session.Code, p.attempts, p.refusal)
		}
	}
	ctx := waitCtx(t, 2*time.Minute)
	for _, sess := range sessions {
		var got struct {
			Responses *int `json:"responses"`
		}
		if _, err := teacher.Call(ctx, "GET", "/api/v1/sessions/"+sess.ID, nil, &got); err != nil {
			t.Fatal(err)
		}
		if got.Responses == nil || *got.Responses != perClass {
			t.Errorf("session %s (%s) has %v responses, want exactly %d", sess.ID, sess.Code, got.Responses, perClass)
		}
	}
	client := &http.Client{}
	var resent, lost int
	for _, p := range pupils {
		if !p.acked {
			continue
		}
		status, err := p.post(ctx, client, teacher.Base, 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		resent++
		if status != http.StatusOK {
			lost++
			t.Errorf("acknowledged answer %s sent again: %d, want 200 (already stored)", p.submissionID, status)
		}
	}
	if lost == 0 && resent > 0 {
		t.Logf("all %d acknowledged answers sent again: 200 (already stored), none counted twice", resent)
	}
}
