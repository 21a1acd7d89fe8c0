package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

// seedTeacher creates a school in a municipality and a teacher there, and returns an API
// token for the teacher.
func seedTeacher(t *testing.T, s *testServer, municipality, school, email string) (token string, schoolID string) {
	t.Helper()
	ctx := context.Background()
	sc := &model.School{ID: store.NewID(), Municipality: municipality, Name: school, CreatedDay: "2026-09-01"}
	if err := s.st.CreateSchool(ctx, sc); err != nil {
		t.Fatal(err)
	}
	hash, err := webtest.FastHasher.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	u := &model.User{ID: store.NewID(), Email: email, PasswordHash: hash, Role: model.RoleTeacher,
		Municipality: municipality, SchoolID: sc.ID, CreatedDay: "2026-09-01"}
	if err := s.st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	return apiToken(t, s, email, "correct horse battery"), sc.ID
}

func apiToken(t testing.TB, s *testServer, email, password string) string {
	t.Helper()
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/auth/token", "", map[string]string{"email": email, "password": password})
	if status != http.StatusOK {
		t.Fatalf("token: %d %s", status, body)
	}
	var tok struct{ Token string }
	if err := json.Unmarshal([]byte(body), &tok); err != nil || tok.Token == "" {
		t.Fatalf("token body %s", body)
	}
	return tok.Token
}

// callAPI sends body (a value to encode, or a raw string) as JSON with an optional token.
func callAPI(t testing.TB, s *testServer, method, path, token string, body any) (int, string) {
	t.Helper()
	var raw string
	switch b := body.(type) {
	case nil:
	case string:
		raw = b
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		raw = string(data)
	}
	req := httptest.NewRequest(method, path, strings.NewReader(raw))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, text := s.do(t, req)
	return resp.StatusCode, text
}

type createdSession struct {
	ID, Code, JoinURL, Status string
}

func createClassSession(t *testing.T, s *testServer, token string, expected int, items ...string) createdSession {
	t.Helper()
	in := map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": "8.B", "grade": 8,
		"wave": "baseline", "expected_pupils": expected}
	if len(items) > 0 {
		in["items"] = items
	}
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, in)
	if status != http.StatusCreated {
		t.Fatalf("create session: %d %s", status, body)
	}
	var out struct {
		ID      string `json:"id"`
		Code    string `json:"code"`
		JoinURL string `json:"join_url"`
		Status  string `json:"status"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return createdSession{out.ID, out.Code, out.JoinURL, out.Status}
}

func answer(t *testing.T, s *testServer, code, submissionID string, answers map[string]model.Answer) (int, string) {
	t.Helper()
	return callAPI(t, s, http.MethodPost, "/api/v1/join/"+code+"/responses", "", map[string]any{
		"submission_id": submissionID, "lang": "da", "answers": answers,
	})
}

func responseCount(t *testing.T, s *testServer, sessionID string) int {
	t.Helper()
	n, err := s.st.CountResponses(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func submissionID(i int) string { return fmt.Sprintf("device-%04d-abcdefghijkl", i) }

func TestCreateSessionContract(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "lærer@aarhus.dk")
	sess := createClassSession(t, s, token, 24)
	if sess.Status != "open" || sess.ID == "" {
		t.Errorf("session %+v", sess)
	}
	if !regexp.MustCompile(`^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$`).MatchString(sess.Code) {
		t.Errorf("code %q is not 6 readable characters", sess.Code)
	}
	if !strings.HasSuffix(sess.JoinURL, "/j/"+sess.Code) {
		t.Errorf("join_url %q", sess.JoinURL)
	}

	bad := []struct {
		name  string
		body  any
		field string
	}{
		{"unknown survey", map[string]any{"survey_id": "nope", "class_label": "8.B", "grade": 8, "wave": "baseline", "expected_pupils": 20}, "survey_id"},
		{"grade not in survey", map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": "8.B", "grade": 3, "wave": "baseline", "expected_pupils": 20}, "grade"},
		{"bad wave", map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": "8.B", "grade": 8, "wave": "later", "expected_pupils": 20}, "wave"},
		{"markup in label", map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": "<b>8</b>", "grade": 8, "wave": "baseline", "expected_pupils": 20}, "class_label"},
		{"too many pupils", map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": "8.B", "grade": 8, "wave": "baseline", "expected_pupils": 500}, "expected_pupils"},
		{"unknown topic", map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": "8.B", "grade": 8, "wave": "baseline", "expected_pupils": 20, "items": []string{"sleep", "x"}}, "items"},
		{"grade as text", `{"survey_id":"jeg-er-helt-normal-kort","class_label":"8.B","grade":"8","wave":"baseline","expected_pupils":20}`, "grade"},
	}
	for _, b := range bad {
		status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, b.body)
		if status != http.StatusBadRequest || !strings.Contains(body, `"`+b.field+`"`) {
			t.Errorf("%s: %d %s", b.name, status, body)
		}
	}
	if status, _ := callAPI(t, s, http.MethodPost, "/api/v1/sessions", "", map[string]any{}); status != http.StatusUnauthorized {
		t.Errorf("without a token: %d, want 401", status)
	}
}

func TestClassOf25AnswersThroughTheAPI(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Viborg", "Vestervang Skole", "t@viborg.dk")
	sess := createClassSession(t, s, token, 25)

	var wg sync.WaitGroup
	statuses := make([]int, 25)
	for i := 0; i < 25; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			a := map[string]model.Answer{"sleep": {Self: []string{"lt7", "7to8", "8plus"}[i%3], Perceived: fmt.Sprint(i % 11)}}
			if i%4 == 0 {
				a["drunk"] = model.Answer{Perceived: "2"} // skipped the self question
			}
			statuses[i], _ = answer(t, s, sess.Code, submissionID(i), a)
		}(i)
	}
	wg.Wait()
	for i, st := range statuses {
		if st != http.StatusCreated {
			t.Errorf("pupil %d got %d", i, st)
		}
	}
	if n := responseCount(t, s, sess.ID); n != 25 {
		t.Fatalf("stored %d responses, want 25", n)
	}

	// The device retries after a lost acknowledgement: 200, counted once.
	status, body := answer(t, s, sess.Code, submissionID(3), map[string]model.Answer{"sleep": {Self: "lt7"}})
	if status != http.StatusOK || !strings.Contains(body, `"status":"saved"`) {
		t.Errorf("repeat: %d %s", status, body)
	}
	if n := responseCount(t, s, sess.ID); n != 25 {
		t.Errorf("a repeat changed the count to %d", n)
	}

	// GET /api/v1/sessions/{id} reports the same count.
	_, body = callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID, token, nil)
	if !strings.Contains(body, `"responses":25`) {
		t.Errorf("session API: %s", body)
	}
}

func TestStoredResponsesHoldNothingIdentifying(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Odder", "Parkvejens Skole", "t@odder.dk")
	sess := createClassSession(t, s, token, 10)
	req := httptest.NewRequest(http.MethodPost, "/api/v1/join/"+sess.Code+"/responses",
		strings.NewReader(`{"submission_id":"`+submissionID(1)+`","lang":"en","answers":{"sleep":{"self":"8plus","perceived":"3"}}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "CheapPhone/2.0 (Android 8)")
	req.Header.Set("X-Forwarded-For", "198.51.100.23")
	req.Header.Set("Cookie", "tracking=abc123")
	if resp, body := s.do(t, req); resp.StatusCode != http.StatusCreated {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	docs, err := s.st.ResponseDocuments(context.Background(), sess.ID)
	if err != nil || len(docs) != 1 {
		t.Fatalf("docs %v, %v", docs, err)
	}
	var keys []string
	for k := range docs[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := "[_id answers day lang session_id survey_id survey_version]"
	if fmt.Sprint(keys) != want {
		t.Errorf("stored fields %v, want exactly %s", keys, want)
	}
	raw := fmt.Sprint(docs[0])
	// The submission id is not kept either: only a hash of it, as the response's id.
	for _, secret := range []string{"203.0.113", "198.51.100.23", "CheapPhone", "abc123", submissionID(1)} {
		if strings.Contains(raw, secret) {
			t.Errorf("stored response contains %q: %s", secret, raw)
		}
	}
	if id, ok := docs[0]["_id"].(string); !ok || id != store.ResponseID(sess.ID, submissionID(1)) {
		t.Errorf("_id %v is not the hash of session and submission id", docs[0]["_id"])
	}
	if day, _ := docs[0]["day"].(string); !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(day) {
		t.Errorf("day %v is not a bare date", docs[0]["day"])
	}
}

func TestBadAnswersAreRefusedAndNothingIsStored(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Skive", "Østre Skole", "t@skive.dk")
	sess := createClassSession(t, s, token, 20)
	sid := submissionID(7)
	path := "/api/v1/join/" + sess.Code + "/responses"
	tests := []struct {
		name, body, field string
	}{
		{"unknown topic", `{"submission_id":"` + sid + `","answers":{"football":{"self":"yes"}}}`, "answers.football"},
		{"unknown option", `{"submission_id":"` + sid + `","answers":{"sleep":{"self":"12hours"}}}`, "answers.sleep.self"},
		{"perceived on the wrong scale", `{"submission_id":"` + sid + `","answers":{"sleep":{"perceived":"8plus"}}}`, "answers.sleep.perceived"},
		{"answers as a list", `{"submission_id":"` + sid + `","answers":[1,2]}`, "answers"},
		{"option as a number", `{"submission_id":"` + sid + `","answers":{"sleep":{"self":3}}}`, "answers.sleep.self"},
		{"submission id as a number", `{"submission_id":12345678901234567,"answers":{}}`, "submission_id"},
		{"operator as a topic", `{"submission_id":"` + sid + `","answers":{"$ne":{"self":"x"}}}`, "answers.$ne"},
		{"operator as a value", `{"submission_id":"` + sid + `","answers":{"sleep":{"self":{"$ne":""}}}}`, "answers.sleep.self"},
		{"operator as the submission id", `{"submission_id":{"$gt":""},"answers":{}}`, "submission_id"},
		{"operator beside the fields", `{"submission_id":"` + sid + `","$where":"sleep(1000)","answers":{}}`, "$where"},
		{"missing submission id", `{"answers":{"sleep":{"self":"lt7"}}}`, "submission_id"},
		{"unknown language", `{"submission_id":"` + sid + `","lang":"klingon","answers":{}}`, "lang"},
		{"not JSON", `submission_id=` + sid, "body"},
		{"two objects", `{"submission_id":"` + sid + `","answers":{}}{}`, "body"},
		{"cut off", `{"submission_id":"` + sid, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := callAPI(t, s, http.MethodPost, path, "", tt.body)
			if status != http.StatusBadRequest {
				t.Fatalf("status %d: %s", status, body)
			}
			var e struct {
				Error struct {
					Code    string
					Message string
					Fields  map[string]string
				}
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil {
				t.Fatalf("not a JSON error: %s", body)
			}
			if e.Error.Code != "invalid" || e.Error.Fields[tt.field] == "" {
				t.Errorf("want a message for field %q, got %s", tt.field, body)
			}
		})
	}
	if n := responseCount(t, s, sess.ID); n != 0 {
		t.Errorf("%d responses stored from bad input", n)
	}
	// The session still takes a good answer with the same submission id afterwards.
	if status, body := answer(t, s, sess.Code, sid, map[string]model.Answer{"sleep": {Self: "lt7"}}); status != http.StatusCreated {
		t.Errorf("good answer after bad ones: %d %s", status, body)
	}
}

func TestUnknownClosedAndFullSessions(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Struer", "Struer Statsskole", "t@struer.dk")
	sess := createClassSession(t, s, token, 3) // capacity 3 + 2

	if status, body := answer(t, s, "ZZZZZZ", submissionID(1), nil); status != http.StatusNotFound || !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("unknown code: %d %s", status, body)
	}
	for i := 0; i < 5; i++ {
		if status, body := answer(t, s, sess.Code, submissionID(i), sleepAnswer(i)); status != http.StatusCreated {
			t.Fatalf("pupil %d: %d %s", i, status, body)
		}
	}
	status, body := answer(t, s, sess.Code, submissionID(99), sleepAnswer(99))
	if status != http.StatusConflict || !strings.Contains(body, `"code":"conflict"`) {
		t.Errorf("past the cap: %d %s", status, body)
	}
	// A retry of an answer that was taken is still acknowledged when the session is full.
	if status, _ := answer(t, s, sess.Code, submissionID(2), sleepAnswer(2)); status != http.StatusOK {
		t.Errorf("retry in a full session: %d", status)
	}
	if n := responseCount(t, s, sess.ID); n != 5 {
		t.Errorf("%d responses, want 5", n)
	}

	if status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/close", token, nil); status != 200 || body != `{"status":"closed"}` {
		t.Fatalf("close: %d %s", status, body)
	}
	status, body = answer(t, s, sess.Code, submissionID(50), sleepAnswer(50))
	if status != http.StatusGone || !strings.Contains(body, `"code":"closed"`) {
		t.Errorf("after close: %d %s", status, body)
	}
	// A device whose answer was stored before the close, retrying because the acknowledgement
	// was lost, is acknowledged again: nothing is lost, nothing counted twice.
	if status, body := answer(t, s, sess.Code, submissionID(1), sleepAnswer(1)); status != http.StatusOK {
		t.Errorf("retry of a stored answer after close: %d %s", status, body)
	}
	// Re-opening the same day works; the code answers again.
	if status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/reopen", token, nil); status != 200 || body != `{"status":"open"}` {
		t.Errorf("reopen: %d %s", status, body)
	}
	// Deleting removes the answers too; the code is then unknown.
	if status, _ := callAPI(t, s, http.MethodDelete, "/api/v1/sessions/"+sess.ID, token, nil); status != http.StatusNoContent {
		t.Errorf("delete: %d", status)
	}
	if n := responseCount(t, s, sess.ID); n != 0 {
		t.Errorf("%d responses left after delete", n)
	}
	if status, _ := answer(t, s, sess.Code, submissionID(51), sleepAnswer(51)); status != http.StatusNotFound {
		t.Errorf("deleted session's code: %d", status)
	}
}

// Answers that arrive together are written together (answer_queue.go); the rules for one
// answer must hold for each of them: no more than the capacity, every acknowledged answer
// stored, a retry counted once even when it comes in the same burst as the first attempt.
func TestABurstOfAnswersKeepsTheCapacityAndCountsRetriesOnce(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Skive", "Østergårdsskolen", "t@skive.dk")
	sess := createClassSession(t, s, token, 10) // capacity 12

	const pupils = 20
	type attempt struct{ pupil, status int }
	results := make(chan attempt, 2*pupils)
	var wg sync.WaitGroup
	for i := 0; i < pupils; i++ {
		tries := 1
		if i%4 == 0 {
			tries = 2 // a device that sends again before the first acknowledgement arrives
		}
		for range tries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, _ := answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "6"}})
				results <- attempt{i, status}
			}()
		}
	}
	wg.Wait()
	close(results)

	acknowledged := map[int]bool{}
	created := 0
	for r := range results {
		switch r.status {
		case http.StatusCreated:
			created++
			acknowledged[r.pupil] = true
		case http.StatusOK:
			acknowledged[r.pupil] = true
		case http.StatusConflict: // full
		default:
			t.Errorf("pupil %d got %d", r.pupil, r.status)
		}
	}
	if created != 12 || len(acknowledged) != 12 {
		t.Errorf("%d answers created, %d pupils acknowledged; want the capacity, 12", created, len(acknowledged))
	}
	if n := responseCount(t, s, sess.ID); n != 12 {
		t.Errorf("%d responses stored, want 12", n)
	}
	for pupil := range acknowledged {
		if _, err := s.st.ResponseBySubmission(context.Background(), sess.ID, submissionID(pupil)); err != nil {
			t.Errorf("pupil %d was acknowledged but the answer is not stored: %v", pupil, err)
		}
	}
	_, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID, token, nil)
	if !strings.Contains(body, `"responses":12`) {
		t.Errorf("session API after the burst: %s", body)
	}
}

func TestAnotherSchoolsTeacherCannotSeeOrClose(t *testing.T) {
	s := newServer(t)
	owner, _ := seedTeacher(t, s, "Aarhus", "Skole A", "a@aarhus.dk")
	other, _ := seedTeacher(t, s, "Aarhus", "Skole B", "b@aarhus.dk")
	sess := createClassSession(t, s, owner, 20)

	for _, c := range []struct{ method, path string }{
		{http.MethodGet, "/api/v1/sessions/" + sess.ID},
		{http.MethodPost, "/api/v1/sessions/" + sess.ID + "/close"},
		{http.MethodDelete, "/api/v1/sessions/" + sess.ID},
		{http.MethodGet, "/sessions/" + sess.ID + "/events"},
		{http.MethodGet, "/sessions/" + sess.ID + "/qr.png"},
	} {
		if status, body := callAPI(t, s, c.method, c.path, other, nil); status != http.StatusNotFound {
			t.Errorf("%s %s by another school: %d %s", c.method, c.path, status, body)
		}
	}
	_, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions", other, nil)
	if strings.Contains(body, sess.ID) {
		t.Errorf("another school's list shows the session: %s", body)
	}
	_, body = callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID, owner, nil)
	if !strings.Contains(body, `"status":"open"`) {
		t.Errorf("the session was changed by another school: %s", body)
	}
}

func TestLiveCounterFollowsAnswersWithinTwoSeconds(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Randers", "Randers Skole", "t@randers.dk")
	sess := createClassSession(t, s, token, 24)
	base := s.listen(t)

	req, _ := http.NewRequest(http.MethodGet, base+"/sessions/"+sess.ID+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- data
			}
		}
		close(events)
	}()
	waitFor := func(want string, within time.Duration) time.Duration {
		start := time.Now()
		deadline := time.After(within)
		for {
			select {
			case ev, ok := <-events:
				if !ok {
					t.Fatalf("stream ended before %q", want)
				}
				if strings.Contains(ev, want) {
					return time.Since(start)
				}
			case <-deadline:
				t.Fatalf("no event with %q within %s", want, within)
			}
		}
	}
	// The first event is the state at connection, in the teacher's language.
	waitFor(`"count":0,"expected":24,"capacity":29,"status":"open","full":false,"turned_away":0,"text":"0 af 24 har svaret"`, 2*time.Second)

	for i := 1; i <= 3; i++ {
		go answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{"sleep": {Self: "lt7"}})
		took := waitFor(fmt.Sprintf(`"count":%d`, i), 2*time.Second)
		t.Logf("answer %d reached the projector in %s", i, took)
	}
}

func TestLiveCounterSeesAnswersFromAnotherInstance(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Samsø", "Samsø Skole", "t@samso.dk")
	sess := createClassSession(t, s, token, 10)
	base := s.listen(t)
	req, _ := http.NewRequest(http.MethodGet, base+"/sessions/"+sess.ID+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	next := func() string {
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				return data
			}
		}
		return ""
	}
	if ev := next(); !strings.Contains(ev, `"count":0`) {
		t.Fatalf("first event %q", ev)
	}
	// Another app instance stores an answer: this instance's hub hears nothing of it.
	r := &model.Response{ID: store.NewID(), SessionID: sess.ID, SubmissionID: submissionID(1),
		SurveyID: "jeg-er-helt-normal-kort", SurveyVersion: 1, Lang: "da", Day: "2026-11-22"}
	start := time.Now()
	if err := s.st.InsertResponse(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if ev := next(); !strings.Contains(ev, `"count":1`) {
		t.Fatalf("next event %q", ev)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the poll took %s, want within 2 s", took)
	}
}

// clientFrom is an HTTP client whose connections come from a given loopback address, as
// pupils behind one school NAT address, or someone else, would.
func clientFrom(ip string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{
		Transport:     &http.Transport{DialContext: dialer.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func status(t *testing.T, c *http.Client, method, url, body string) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestJoinGuessingIsLimitedButAClassOnOneAddressIsNot(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Lemvig", "Lemvig Skole", "t@lemvig.dk")
	sess := createClassSession(t, s, token, 30)
	base := s.listen(t)
	school, guesser := clientFrom("127.0.0.2"), clientFrom("127.0.0.3")

	// A class of 30 behind one school NAT address joins within a minute; a third mistype.
	for i := 0; i < 30; i++ {
		if i%3 == 0 {
			if st := status(t, school, "GET", base+"/j/ABCDEF", ""); st != http.StatusNotFound {
				t.Fatalf("typo by pupil %d: %d", i, st)
			}
		}
		if st := status(t, school, "GET", base+"/j/"+strings.ToLower(sess.Code), ""); st != http.StatusOK {
			t.Fatalf("pupil %d opening the survey: %d", i, st)
		}
		body := `{"submission_id":"` + submissionID(i) + `","answers":{"sleep":{"self":"lt7"}}}`
		if st := status(t, school, "POST", base+"/api/v1/join/"+sess.Code+"/responses", body); st != http.StatusCreated {
			t.Fatalf("pupil %d answering: %d", i, st)
		}
	}

	// Someone on another address guesses codes: after 60 unknown codes, 429 — even for a
	// real code — while the class's address is unaffected.
	for i := 0; i < 60; i++ {
		if st := status(t, guesser, "GET", base+fmt.Sprintf("/j/ZZZ%03d", i), ""); st != http.StatusNotFound {
			t.Fatalf("guess %d: %d", i, st)
		}
	}
	if st := status(t, guesser, "GET", base+"/j/ZZZZZZ", ""); st != http.StatusTooManyRequests {
		t.Errorf("guess 61: %d, want 429", st)
	}
	if st := status(t, guesser, "GET", base+"/j/"+sess.Code, ""); st != http.StatusTooManyRequests {
		t.Errorf("a blocked guesser reached a real session: %d", st)
	}
	if st := status(t, school, "GET", base+"/j/"+sess.Code, ""); st != http.StatusOK {
		t.Errorf("the class's address was blocked: %d", st)
	}
}

// A pupil who taps "Næste" through every topic, or answers "Vil ikke svare" everywhere, has
// said nothing: the phone is told it is done (so it stops sending), but the class's count —
// and its results — do not change.
func TestAnEmptySubmissionIsAcknowledgedButNotCounted(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 20, "sleep", "phone-night")
	for i, answers := range []map[string]model.Answer{nil, {}, {"sleep": {}}, {"sleep": {}, "phone-night": {Self: "", Perceived: ""}}} {
		status, body := answer(t, s, sess.Code, submissionID(i), answers)
		if status != http.StatusOK || !strings.Contains(body, `"status":"empty"`) {
			t.Errorf("empty submission %v: %d %s", answers, status, body)
		}
	}
	// Without JavaScript: every topic "Vil ikke svare", sent — the thank-you page, no count.
	pupil := newPupilBrowser(t, s)
	_, page := pupil.get("/j/" + sess.Code)
	form := url.Values{"_csrf": {csrfOf(t, page)}, "submission_id": {submissionID(9)}, "a.sleep.self": {""}, "a.sleep.perceived": {""}}
	if resp, _ := pupil.post("/j/"+sess.Code, form); resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/tak") {
		t.Errorf("an empty form: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := responseCount(t, s, sess.ID); n != 0 {
		t.Errorf("%d responses stored from empty submissions", n)
	}
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID, token, nil)
	if status != http.StatusOK || !strings.Contains(body, `"responses":0`) {
		t.Errorf("the class's count after empty submissions: %d %s", status, body)
	}
	// One real answer counts.
	if status, _ := answer(t, s, sess.Code, submissionID(10), sleepAnswer(1)); status != http.StatusCreated {
		t.Errorf("a real answer: %d", status)
	}
	if n := responseCount(t, s, sess.ID); n != 1 {
		t.Errorf("%d responses, want 1", n)
	}
}

// The class turns out bigger than typed in: at "27 af 22" the 27th pupil was turned away.
// The teacher corrects the number on the projector (or through the API) and the capacity
// follows; a number it can't take is explained beside the field, in the page's language.
func TestTheClassSizeCanBeCorrectedWhileOpen(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 3, "sleep") // capacity 5
	for i := range 5 {
		if status, _ := answer(t, s, sess.Code, submissionID(i), sleepAnswer(i)); status != http.StatusCreated {
			t.Fatalf("pupil %d: %d", i, status)
		}
	}
	if status, _ := answer(t, s, sess.Code, submissionID(5), sleepAnswer(5)); status != http.StatusConflict {
		t.Fatalf("past the capacity: %d", status)
	}
	status, body := callAPI(t, s, http.MethodPatch, "/api/v1/sessions/"+sess.ID, token, map[string]any{"expected_pupils": 6})
	if status != http.StatusOK || !strings.Contains(body, `"expected_pupils":6`) || !strings.Contains(body, `"capacity":8`) || !strings.Contains(body, `"responses":5`) {
		t.Fatalf("PATCH expected_pupils: %d %s", status, body)
	}
	if status, _ := answer(t, s, sess.Code, submissionID(5), sleepAnswer(5)); status != http.StatusCreated {
		t.Errorf("the pupil turned away before, after the correction: %d", status)
	}
	for _, bad := range []map[string]any{{"expected_pupils": 0}, {"expected_pupils": 41}, {}, {"expected_pupils": "7"}} {
		if status, body := callAPI(t, s, http.MethodPatch, "/api/v1/sessions/"+sess.ID, token, bad); status != http.StatusBadRequest || !strings.Contains(body, "expected_pupils") {
			t.Errorf("PATCH %v: %d %s", bad, status, body)
		}
	}

	// On the projector, without JavaScript.
	b := newStaffBrowser(t, s)
	b.login("t@aarhus.dk", "correct horse battery")
	_, page := b.get("/sessions/" + sess.ID)
	if !strings.Contains(page, `<label for="expected_pupils">Elever i klassen</label>`) {
		t.Fatalf("no class size field on the projector:\n%s", page)
	}
	if resp, _ := b.post("/sessions/"+sess.ID+"/size", url.Values{"_csrf": {csrfOf(t, page)}, "expected_pupils": {" 9 "}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("form: %d", resp.StatusCode)
	}
	if _, page = b.get("/sessions/" + sess.ID); !strings.Contains(page, "6 af 9 har svaret") {
		t.Errorf("the counter after the correction:\n%s", page)
	}
	resp, _ := b.post("/sessions/"+sess.ID+"/size", url.Values{"_csrf": {csrfOf(t, page)}, "expected_pupils": {"mange"}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "size=invalid") {
		t.Fatalf("a bad number: %d %s", resp.StatusCode, loc)
	}
	if _, page = b.get("/sessions/" + sess.ID + "?size=invalid"); !strings.Contains(page, `role="alert">Skriv et antal elever mellem 1 og 40.`) {
		t.Errorf("no reason beside the field:\n%s", page)
	}
	// Closed: no size to change, and no "full" warning under "closed".
	callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/close", token, nil)
	if status, _ := callAPI(t, s, http.MethodPatch, "/api/v1/sessions/"+sess.ID, token, map[string]any{"expected_pupils": 20}); status != http.StatusGone {
		t.Errorf("PATCH a closed session: %d", status)
	}
	if _, page = b.get("/sessions/" + sess.ID); strings.Contains(page, "counter-full") || strings.Contains(page, `id="class-size"`) {
		t.Errorf("a closed session's projector shows the full warning or the size field")
	}
}
