package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
)

// The attacks of issue 14: two looks at the same view, before and after a change, must not
// isolate fewer answers than the rule that protects them (docs/privacy.md, rule 7).

// classResults is the part of the results API these tests compare between two looks.
type classResults struct {
	N          int  `json:"n"`
	Waiting    int  `json:"waiting"`
	Suppressed bool `json:"suppressed"`
	Items      []struct {
		ID          string         `json:"id"`
		Suppressed  bool           `json:"suppressed"`
		NSelf       int            `json:"n_self"`
		NPerceived  int            `json:"n_perceived"`
		SelfCounts  map[string]int `json:"self_counts"`
		PerceivedCt map[string]int `json:"perceived_counts"`
	} `json:"items"`
}

func resultsOf(t *testing.T, s *testServer, token, id string) (classResults, string) {
	t.Helper()
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+id+"/results", token, nil)
	if status != http.StatusOK {
		t.Fatalf("results: %d %s", status, body)
	}
	var r classResults
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	return r, body
}

// itemFigures is a results body without the session-wide waiting count: what a look shows.
func itemFigures(t *testing.T, r classResults) string {
	t.Helper()
	data, err := json.Marshal(struct {
		N     int
		Items any
	}{r.N, r.Items})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// signedInTeacher is a teacher signed in in a browser without JavaScript, with an API token
// and an open session on the sleep topic for 20 pupils.
func signedInTeacher(t *testing.T) (*testServer, *staffBrowser, string, createdSession) {
	t.Helper()
	s := newServer(t)
	sc := seedSchool(t, s, "Favrskov", "Hinnerup Skole")
	seedUser(t, s, "t@favrskov.dk", model.RoleTeacher, "Favrskov", sc.ID)
	b := newStaffBrowser(t, s)
	if resp, _ := b.login("t@favrskov.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	token := tokenFor(t, s, "t@favrskov.dk")
	return s, b, token, createClassSession(t, s, token, 20, "sleep")
}

func sleepAnswer(i int) map[string]model.Answer {
	self := "lt7"
	if i%2 == 0 {
		self = "8plus"
	}
	return map[string]model.Answer{"sleep": {Self: self, Perceived: fmt.Sprint(i % 11)}}
}

// TestReopenReleasesNoSmallStep: results at n = 6; reopen; one late pupil; close. The
// figures must not move by that one pupil; they move once five new answers are in.
func TestReopenReleasesNoSmallStep(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 20, "sleep")
	for i := range 6 {
		if st, body := answer(t, s, sess.Code, submissionID(i), sleepAnswer(i)); st != http.StatusCreated {
			t.Fatalf("answer %d: %d %s", i, st, body)
		}
	}
	closeSessionAPI(t, s, token, sess.ID)
	before, _ := resultsOf(t, s, token, sess.ID)
	if before.N != 6 || before.Waiting != 0 {
		t.Fatalf("first close: n %d waiting %d", before.N, before.Waiting)
	}

	reopenAndAnswer := func(from, to int) {
		t.Helper()
		if st, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/reopen", token, nil); st != http.StatusOK {
			t.Fatalf("reopen: %d %s", st, body)
		}
		for i := from; i < to; i++ {
			if st, body := answer(t, s, sess.Code, submissionID(i), sleepAnswer(i)); st != http.StatusCreated {
				t.Fatalf("late answer %d: %d %s", i, st, body)
			}
		}
		closeSessionAPI(t, s, token, sess.ID)
	}
	reopenAndAnswer(6, 7)
	after, _ := resultsOf(t, s, token, sess.ID)
	if itemFigures(t, after) != itemFigures(t, before) {
		t.Errorf("one late pupil moved the figures:\nbefore %s\nafter  %s", itemFigures(t, before), itemFigures(t, after))
	}
	if after.Waiting != 1 {
		t.Errorf("waiting = %d, want 1 (the late answer, kept until there are five)", after.Waiting)
	}
	// The comparison shows the class exactly as its results do.
	ssp := seedRole(t, s, model.RoleSSP, "Aarhus", "ssp@aarhus.dk")
	_, cmp, _ := compareAs(t, s, ssp, "municipality=Aarhus&survey_id=jeg-er-helt-normal-kort")
	for _, row := range cmp.Rows {
		if row.Level == "class" && row.N != 6 {
			t.Errorf("the comparison shows the class at n = %d, want 6", row.N)
		}
	}

	// Four more late pupils: five waiting, released together.
	reopenAndAnswer(7, 11)
	released, _ := resultsOf(t, s, token, sess.ID)
	if released.N != 11 || released.Waiting != 0 {
		t.Errorf("after five late answers: n %d waiting %d, want 11 and 0", released.N, released.Waiting)
	}
}

// TestShownResultsMoveOnlyInSteps: "show the results now" at five answers, then a sixth
// pupil answers while the session is open. The sixth answer must not show alone.
func TestShownResultsMoveOnlyInSteps(t *testing.T) {
	s, b, token, sess := signedInTeacher(t)
	for i := range 5 {
		answer(t, s, sess.Code, submissionID(i), sleepAnswer(i))
	}
	_, page := b.get("/sessions/" + sess.ID + "/results?lang=da")
	resp, _ := b.post("/sessions/"+sess.ID+"/show-results", url.Values{"_csrf": {csrfOf(t, page)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("show-results: %d", resp.StatusCode)
	}
	five, _ := resultsOf(t, s, token, sess.ID)
	if five.N != 5 {
		t.Fatalf("shown at n = %d, want 5", five.N)
	}

	answer(t, s, sess.Code, submissionID(5), sleepAnswer(5))
	six, _ := resultsOf(t, s, token, sess.ID)
	if itemFigures(t, six) != itemFigures(t, five) || six.Waiting != 1 {
		t.Errorf("the sixth answer showed alone: n %d waiting %d\nbefore %s\nafter  %s", six.N, six.Waiting, itemFigures(t, five), itemFigures(t, six))
	}
	_, page = b.get("/sessions/" + sess.ID + "/results?lang=da")
	if !strings.Contains(page, "1 nyt svar vises, når der er mindst 5") {
		t.Errorf("the results page does not say that an answer waits")
	}
	for i := 6; i < 10; i++ {
		answer(t, s, sess.Code, submissionID(i), sleepAnswer(i))
	}
	ten, _ := resultsOf(t, s, token, sess.ID)
	if ten.N != 10 || ten.Waiting != 0 {
		t.Errorf("after five new answers: n %d waiting %d, want 10 and 0", ten.N, ten.Waiting)
	}
}

// TestStaffBrowserCannotAnswer: a teacher who pads the class with known answers from their
// own signed-in browser could subtract them later; such answers are refused and not counted.
func TestStaffBrowserCannotAnswer(t *testing.T) {
	s, b, token, sess := signedInTeacher(t)

	// The form, as the teacher's browser would post it.
	_, form := b.get("/j/" + sess.Code + "?lang=da")
	if !strings.Contains(form, "logget ind som medarbejder") {
		t.Errorf("the survey page does not tell a signed-in teacher that answers are not counted")
	}
	resp, body := b.post("/j/"+sess.Code, url.Values{"_csrf": {csrfOf(t, form)}, "submission_id": {"teacher-try-abcdefghijkl"},
		"lang": {"da"}, "a.sleep.self": {"8plus"}, "a.sleep.perceived": {"7"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "logget ind som medarbejder") {
		t.Errorf("a staff browser's form post: %d", resp.StatusCode)
	}
	// The JSON endpoint, with the login cookie and with a bearer token.
	req := httptest.NewRequest(http.MethodPost, "/api/v1/join/"+sess.Code+"/responses",
		strings.NewReader(`{"submission_id":"teacher-try-bcdefghijklm","lang":"da","answers":{"sleep":{"self":"8plus"}}}`))
	req.Header.Set("Content-Type", "application/json")
	if resp, _ := b.send(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a staff browser's JSON answer: %d", resp.StatusCode)
	}
	if st, body := callAPI(t, s, http.MethodPost, "/api/v1/join/"+sess.Code+"/responses", token, map[string]any{
		"submission_id": "teacher-try-cdefghijklmn", "lang": "da", "answers": map[string]any{"sleep": map[string]string{"self": "8plus"}},
	}); st != http.StatusForbidden {
		t.Errorf("an answer with a staff token: %d %s", st, body)
	}
	if n := responseCount(t, s, sess.ID); n != 0 {
		t.Errorf("%d staff answers were stored", n)
	}
	// A pupil's phone, with no login, still answers.
	if st, body := answer(t, s, sess.Code, submissionID(1), sleepAnswer(1)); st != http.StatusCreated {
		t.Errorf("a pupil's answer: %d %s", st, body)
	}
}

// lonelyClass runs a class through the long survey's sleep and lonely-often topics: n pupils,
// often of them lonely often, then the teacher closes the session.
func lonelyClass(t *testing.T, s *testServer, token, label string, n, often int) createdSession {
	t.Helper()
	in := map[string]any{"survey_id": "jeg-er-helt-normal-7-9", "class_label": label, "grade": 8, "wave": "baseline",
		"expected_pupils": n, "items": []string{"sleep", "lonely-often"}}
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, in)
	if status != http.StatusCreated {
		t.Fatalf("create %s: %d %s", label, status, body)
	}
	var sess createdSession
	if err := json.Unmarshal([]byte(body), &sess); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		lonely := "never"
		if i < often {
			lonely = "often"
		}
		id := fmt.Sprintf("%s-lonely-%02d-abcdefgh", strings.ReplaceAll(label, ".", ""), i)
		if st, body := answer(t, s, sess.Code, id, map[string]model.Answer{
			"sleep": {Self: "8plus", Perceived: "5"}, "lonely-often": {Self: lonely, Perceived: "2"},
		}); st != http.StatusCreated {
			t.Fatalf("answer: %d %s", st, body)
		}
	}
	closeSessionAPI(t, s, token, sess.ID)
	return sess
}

// sensitiveFigures is every school and municipality figure for lonely-often in the SSP's
// comparison, as text to compare between two looks.
func sensitiveFigures(t *testing.T, s *testServer, ssp string) string {
	t.Helper()
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/compare?municipality=Aarhus&survey_id=jeg-er-helt-normal-7-9", ssp, nil)
	if status != http.StatusOK {
		t.Fatalf("compare: %d %s", status, body)
	}
	var out struct {
		Total struct {
			Items []json.RawMessage `json:"items"`
		} `json:"total"`
		Rows []struct {
			Level string            `json:"level"`
			Items []json.RawMessage `json:"items"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	pick := func(items []json.RawMessage) string {
		for _, raw := range items {
			if strings.Contains(string(raw), `"id":"lonely-often"`) {
				return string(raw)
			}
		}
		return "absent"
	}
	figures := []string{"municipality " + pick(out.Total.Items)}
	for _, r := range out.Rows {
		if r.Level == "school" {
			figures = append(figures, "school "+pick(r.Items))
		}
	}
	return strings.Join(figures, "\n")
}

// TestSensitiveAggregateHoldsAcrossACloseAndADelete: a school's and a municipality's figure
// for a sensitive topic before and after one class of 6 closes — or is deleted — must not
// differ by that class's answers, which are never shown at class level.
func TestSensitiveAggregateHoldsAcrossACloseAndADelete(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	ssp := seedRole(t, s, model.RoleSSP, "Aarhus", "ssp@aarhus.dk")
	lonelyClass(t, s, token, "8.A", 12, 3)
	lonelyClass(t, s, token, "8.B", 12, 2)
	first := sensitiveFigures(t, s, ssp)
	if !strings.Contains(first, `"n_self":24`) {
		t.Fatalf("two classes of 12: the sensitive figure is not shown:\n%s", first)
	}

	small := lonelyClass(t, s, token, "8.C", 6, 6)
	if after := sensitiveFigures(t, s, ssp); after != first {
		t.Errorf("one class of 6 moved the sensitive figures:\nbefore %s\nafter  %s", first, after)
	}
	if st, body := callAPI(t, s, http.MethodDelete, "/api/v1/sessions/"+small.ID, token, nil); st != http.StatusNoContent {
		t.Fatalf("delete: %d %s", st, body)
	}
	if after := sensitiveFigures(t, s, ssp); after != first {
		t.Errorf("deleting one class of 6 moved the sensitive figures:\nbefore %s\nafter  %s", first, after)
	}

	// Two more classes with 20 answers between them: released together.
	lonelyClass(t, s, token, "9.A", 10, 1)
	lonelyClass(t, s, token, "9.B", 10, 1)
	released := sensitiveFigures(t, s, ssp)
	if released == first || !strings.Contains(released, `"n_self":44`) {
		t.Errorf("two new classes of 10 (and the deleted one gone) did not release:\n%s", released)
	}
}

// TestNoLogLinePerAnswer: with one log line per stored answer, each with its time, the k-th
// stored answer could be matched to the k-th line. Pupils' requests are counted, not logged.
func TestNoLogLinePerAnswer(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 20, "sleep")
	get(t, s, "/j/"+sess.Code)
	for i := range 6 {
		answer(t, s, sess.Code, submissionID(i), sleepAnswer(i))
	}
	get(t, s, "/j/"+sess.Code+"/tak")
	get(t, s, "/j/NOPE12")
	for _, line := range strings.Split(s.log.String(), "\n") {
		if strings.Contains(line, "/j/") || strings.Contains(line, "/api/v1/join") || strings.Contains(line, sess.Code) {
			t.Errorf("a log line for a pupil's request: %s", line)
		}
	}
}

// TestEveryAcknowledgedAnswerIsInTheClose: pupils submitting while the teacher closes. Every
// answer acknowledged with 201 is in the class results, the session's count and the
// comparison with the same n; every other one was refused with 410 and is not stored.
// HN_CLOSE_RACE_RUNS sets how many rounds (the issue asks for 20 in a row; CI runs 3).
func TestEveryAcknowledgedAnswerIsInTheClose(t *testing.T) {
	runs := 3
	if v := os.Getenv("HN_CLOSE_RACE_RUNS"); v != "" {
		fmt.Sscan(v, &runs)
	}
	s := newServer(t)
	base := s.listen(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	ssp := seedRole(t, s, model.RoleSSP, "Aarhus", "ssp@aarhus.dk")
	client := &http.Client{Timeout: 30 * time.Second}
	for run := range runs {
		sess := createClassSession(t, s, token, 40, "sleep")
		var acked, refused atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				time.Sleep(time.Duration(i%10) * 3 * time.Millisecond)
				body := fmt.Sprintf(`{"submission_id":"race-%02d-%02d-abcdefghij","lang":"da","answers":{"sleep":{"self":"8plus","perceived":"4"}}}`, run, i)
				resp, err := client.Post(base+"/api/v1/join/"+sess.Code+"/responses", "application/json", strings.NewReader(body))
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				switch resp.StatusCode {
				case http.StatusCreated:
					acked.Add(1)
				case http.StatusGone:
					refused.Add(1)
				default:
					t.Errorf("answer %d: %d", i, resp.StatusCode)
				}
			}()
		}
		close(start)
		time.Sleep(10 * time.Millisecond)
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/sessions/"+sess.ID+"/close", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("close: %v %v", resp, err)
		}
		resp.Body.Close()
		wg.Wait()

		n := int(acked.Load())
		t.Logf("run %d: %d acknowledged before the close, %d refused after it", run, n, refused.Load())
		if stored := responseCount(t, s, sess.ID); stored != n {
			t.Errorf("run %d: %d acknowledged, %d stored", run, n, stored)
		}
		if n < 5 {
			continue // too few to show; nothing to compare
		}
		r, _ := resultsOf(t, s, token, sess.ID)
		_, shown := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID, token, nil)
		_, cmp, _ := compareAs(t, s, ssp, "municipality=Aarhus&survey_id=jeg-er-helt-normal-kort")
		classN := -1
		for _, row := range cmp.Rows {
			if row.SessionID == sess.ID {
				classN = row.N
			}
		}
		if r.N != n || r.Waiting != 0 || classN != n || !strings.Contains(shown, fmt.Sprintf(`"responses":%d`, n)) {
			t.Errorf("run %d: %d acknowledged; results n %d (waiting %d), comparison n %d, session %s", run, n, r.N, r.Waiting, classN, shown)
		}
	}
}
