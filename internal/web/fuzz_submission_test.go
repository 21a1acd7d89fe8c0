package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/web"
	"github.com/heltnormal/heltnormal/locales"
)

// FuzzSubmission sends arbitrary bodies to the pupils' JSON endpoint,
// POST /api/v1/join/{code}/responses, over a real socket through the whole Fiber stack: decoding (decodeJSON and
// the per-topic answers), validation (classroom.Check) and storing. What must hold for every
// input:
//
//   - never a 5xx, never a panic (the recover middleware would turn one into a 500);
//   - a 2xx only for a valid submission, and every valid submission is taken;
//   - 201 stores exactly one response, holding exactly the answers given; 200 stores nothing
//     and only answers a submission_id already stored; a 4xx stores nothing;
//   - an error is the API's JSON error and names no Go type, file or stack.
//
// The seeds are valid submissions, query operators, wrong types, huge strings, invalid
// UTF-8 and malformed JSON. `go test` runs them; `go test -fuzz=FuzzSubmission` explores.
func FuzzSubmission(f *testing.F) {
	s := newServer(f)
	loc, err := i18n.Load(locales.FS)
	if err != nil {
		f.Fatal(err)
	}
	// A real socket, not app.Test: oversized bodies get the server's own 413 this way.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	go s.Serve(ln)
	f.Cleanup(func() { s.Shutdown(2 * time.Second) })
	fz := &submissionFuzz{s: s, sv: fuzzSurvey(f, s), langs: loc.AreaLanguages("pupil"),
		base: "http://" + ln.Addr().String(), client: &http.Client{Timeout: 10 * time.Second}}
	fz.openSession(f)

	for _, seed := range submissionSeeds(fz.sv, fz.topics) {
		f.Add(seed)
	}
	f.Fuzz(fz.check)
}

type submissionFuzz struct {
	s      *testServer
	base   string
	client *http.Client
	sv     *survey.Survey
	langs  []string
	topics []string // the session asks every topic but the survey's last
	sess   *model.Session
}

func fuzzSurvey(t testing.TB, s *testServer) *survey.Survey {
	sv, ok := s.surveys.Latest("jeg-er-helt-normal-kort")
	if !ok {
		t.Fatal("survey jeg-er-helt-normal-kort not installed")
	}
	return sv
}

// openSession opens a fresh session, as a teacher's next class would; a full one is
// replaced, so that valid input keeps reaching the store.
func (fz *submissionFuzz) openSession(t testing.TB) {
	sess := &model.Session{
		ID: store.NewID(), SurveyID: fz.sv.ID, SurveyVersion: fz.sv.Version, ClassLabel: "9.F", Grade: 9,
		Wave: model.WaveBaseline, ExpectedPupils: 40, SchoolID: "school-fuzz", Municipality: "Aarhus",
		TeacherID: "teacher-fuzz", Status: model.StatusOpen, CreatedDay: "2026-09-01", SchoolYear: "2026/27",
	}
	for _, it := range fz.sv.Items[:len(fz.sv.Items)-1] {
		sess.Items = append(sess.Items, it.ID)
	}
	if err := fz.s.st.CreateSession(context.Background(), sess, classroom.NewCode); err != nil {
		t.Fatal(err)
	}
	fz.sess, fz.topics = sess, sess.Items
}

func (fz *submissionFuzz) count(t testing.TB) int {
	n, err := fz.s.st.CountResponses(context.Background(), fz.sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (fz *submissionFuzz) check(t *testing.T, body []byte) {
	if fz.count(t) >= fz.sess.Capacity()-1 {
		fz.openSession(t)
	}
	before := fz.count(t)
	req, err := http.NewRequest(http.MethodPost, fz.base+"/api/v1/join/"+fz.sess.Code+"/responses", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := fz.client.Do(req)
	if err != nil && len(body) > web.BodyLimit {
		// The server answered 413 and closed the connection before the client had sent
		// everything; what matters is that nothing was stored.
		if after := fz.count(t); after != before {
			t.Fatalf("an oversized body changed the count from %d to %d", before, after)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	reply, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	after := fz.count(t)
	want, valid := validSubmission(body, fz.sv, fz.topics, fz.langs)
	t.Logf("%d (valid %v): %.160s", resp.StatusCode, valid, reply)
	fz.checkAgrees(t, body, want, valid)

	switch {
	case resp.StatusCode >= 500:
		t.Fatalf("status %d for %q: %s", resp.StatusCode, body, reply)
	case resp.StatusCode == http.StatusCreated:
		if !valid || len(want.Answers) == 0 {
			t.Fatalf("201 for an invalid or empty submission %q: %s", body, reply)
		}
		if after != before+1 {
			t.Fatalf("201 but the count went from %d to %d", before, after)
		}
		stored, err := fz.s.st.ResponseBySubmission(context.Background(), fz.sess.ID, want.SubmissionID)
		if err != nil {
			t.Fatalf("201 but the response is not stored: %v", err)
		}
		if !maps.Equal(stored.Answers, want.Answers) || stored.SurveyID != fz.sv.ID || stored.Lang == "" {
			t.Fatalf("stored %+v for %q, want answers %v", stored, body, want.Answers)
		}
	case resp.StatusCode == http.StatusOK:
		if !valid {
			t.Fatalf("200 for an invalid submission %q: %s", body, reply)
		}
		if after != before {
			t.Fatalf("200 (already stored, or nothing to store) but the count went from %d to %d", before, after)
		}
		_, err := fz.s.st.ResponseBySubmission(context.Background(), fz.sess.ID, want.SubmissionID)
		switch {
		case len(want.Answers) == 0:
			// It answers nothing: acknowledged, so the phone stops sending it, not stored.
			if !bytes.Contains(reply, []byte(`"status":"empty"`)) || err == nil {
				t.Fatalf("an empty submission: %s, stored: %v", reply, err == nil)
			}
		case err != nil:
			t.Fatalf("200 for a submission_id that was never stored: %v", err)
		}
	case resp.StatusCode >= 400:
		if after != before {
			t.Fatalf("status %d but the count went from %d to %d for %q", resp.StatusCode, before, after, body)
		}
		if valid && len(body) <= web.BodyLimit {
			t.Fatalf("a valid submission was refused with %d: %q → %s", resp.StatusCode, body, reply)
		}
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if err := json.Unmarshal(reply, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
			t.Fatalf("status %d without the API's JSON error: %s", resp.StatusCode, reply)
		}
		if leak := leakedInternals(reply, body); leak != "" {
			t.Fatalf("the error names %q, which the input did not: %s", leak, reply)
		}
	default:
		t.Fatalf("unexpected status %d: %s", resp.StatusCode, reply)
	}
}

// validSubmission decides, independently of the handler and of classroom.Check, whether
// body is a submission the endpoint must take: one JSON object with only submission_id, lang
// and answers; a submission_id of 16 to 64 of A-Z a-z 0-9 - _; no language or one pupils
// can answer in; each answer an object with only self and perceived, strings naming an
// option of a topic the session asks ("" or missing: skipped). It returns the submission
// with the answers that must be stored (topics answered with nothing left out).
func validSubmission(body []byte, sv *survey.Survey, topics, langs []string) (classroom.Submission, bool) {
	var in struct {
		SubmissionID string                     `json:"submission_id"`
		Lang         string                     `json:"lang"`
		Answers      map[string]json.RawMessage `json:"answers"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return classroom.Submission{}, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return classroom.Submission{}, false
	}
	sub := classroom.Submission{SubmissionID: in.SubmissionID, Lang: in.Lang, Answers: map[string]model.Answer{}}
	ok := submissionIDShape.MatchString(in.SubmissionID) && (in.Lang == "" || slices.Contains(langs, in.Lang))
	for topic, raw := range in.Answers {
		var a model.Answer
		d := json.NewDecoder(bytes.NewReader(raw))
		d.DisallowUnknownFields()
		if err := d.Decode(&a); err != nil {
			return classroom.Submission{}, false
		}
		item, found := sv.Item(topic)
		if !found || !slices.Contains(topics, topic) {
			ok = false
			continue
		}
		if a.Self != "" && !slices.ContainsFunc(item.Self.Options, func(o survey.Option) bool { return o.ID == a.Self }) {
			ok = false
		}
		if a.Perceived != "" && !slices.ContainsFunc(sv.Scale(item), func(o survey.Option) bool { return o.ID == a.Perceived }) {
			ok = false
		}
		if a != (model.Answer{}) {
			sub.Answers[topic] = a
		}
	}
	return sub, ok
}

var submissionIDShape = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// checkAgrees fails when classroom.Check judges the decoded submission differently from
// validSubmission: the validator is fuzzed on its own as well as through the endpoint.
func (fz *submissionFuzz) checkAgrees(t *testing.T, body []byte, want classroom.Submission, valid bool) {
	var in struct {
		SubmissionID string                  `json:"submission_id"`
		Lang         string                  `json:"lang"`
		Answers      map[string]model.Answer `json:"answers"`
	}
	if json.Unmarshal(body, &in) != nil {
		return // not a submission at all; the endpoint's answer was checked above
	}
	clean, err := classroom.Check(classroom.Submission{SubmissionID: in.SubmissionID, Lang: in.Lang, Answers: in.Answers}, fz.sv, fz.topics, fz.langs)
	if valid && (err != nil || !maps.Equal(clean, want.Answers)) {
		t.Fatalf("classroom.Check refuses or changes a valid submission %q: %v, %v", body, err, clean)
	}
	if !valid && err == nil && fz.strictlyDecodes(body) {
		t.Fatalf("classroom.Check takes an invalid submission %q: %v", body, clean)
	}
}

// strictlyDecodes reports whether body passes the JSON part of the rules (one object, known
// fields, string answers), so that a disagreement is about the content alone.
func (fz *submissionFuzz) strictlyDecodes(body []byte) bool {
	var in struct {
		SubmissionID string                     `json:"submission_id"`
		Lang         string                     `json:"lang"`
		Answers      map[string]json.RawMessage `json:"answers"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if dec.Decode(&in) != nil {
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		return false
	}
	for _, raw := range in.Answers {
		var a model.Answer
		d := json.NewDecoder(bytes.NewReader(raw))
		d.DisallowUnknownFields()
		if d.Decode(&a) != nil {
			return false
		}
	}
	return true
}

// internalMarkers betray a Go program's insides: stack traces, file names, type names.
var internalMarkers = []string{"goroutine ", ".go:", "runtime.", "*fiber.", "fiber.Error", "model.Error",
	"web.", "Go struct field", "Go value of type", "panic", "mongo.", "bson"}

// leakedInternals returns the first marker in reply that the input itself did not carry
// (error messages may quote a field name or option the client sent).
func leakedInternals(reply, input []byte) string {
	var decoded any
	_ = json.Unmarshal(input, &decoded)
	quoted, _ := json.Marshal(decoded)
	for _, m := range internalMarkers {
		if bytes.Contains(reply, []byte(m)) && !bytes.Contains(input, []byte(m)) && !bytes.Contains(quoted, []byte(m)) &&
			!strings.Contains(strings.ToValidUTF8(string(input), "\uFFFD"), m) {
			return m
		}
	}
	return ""
}

// submissionSeeds are the seed corpus: valid submissions first, then hostile ones.
func submissionSeeds(sv *survey.Survey, topics []string) [][]byte {
	first, _ := sv.Item(topics[0])
	second, _ := sv.Item(topics[1])
	notAsked := &sv.Items[len(sv.Items)-1]
	scale := sv.Scale(first)
	all := map[string]map[string]string{}
	for i, id := range topics {
		it, _ := sv.Item(id)
		steps := sv.Scale(it)
		all[id] = map[string]string{"self": it.Self.Options[i%len(it.Self.Options)].ID, "perceived": steps[i%len(steps)].ID}
	}
	valid := func(id string, answers any, lang string) []byte {
		data, _ := json.Marshal(map[string]any{"submission_id": id, "lang": lang, "answers": answers})
		return data
	}
	self, perceived := first.Self.Options[0].ID, scale[len(scale)-1].ID
	one := `{"` + first.ID + `":{"self":"` + self + `","perceived":"` + perceived + `"}}`
	sid := `"fuzz-seed-0000000000000001"`
	big := strings.Repeat("A", 40_000)
	seeds := [][]byte{
		// Valid: every topic; one topic; skipped questions; no answers; each language; the
		// same submission again (200).
		valid("fuzz-seed-every-topic-0001", all, "da"),
		[]byte(`{"submission_id":` + sid + `,"lang":"da","answers":` + one + `}`),
		[]byte(`{"submission_id":` + sid + `,"lang":"da","answers":` + one + `}`),
		[]byte(`{"submission_id":"fuzz-seed-skips-000000001","answers":{"` + first.ID + `":{"self":"","perceived":""},"` + second.ID + `":{"perceived":"` + perceived + `"}}}`),
		[]byte(`{"submission_id":"fuzz-seed-nothing-0000001","lang":"en","answers":{}}`),
		[]byte(`{"submission_id":"fuzz-seed-null-answers-01","lang":"uk","answers":null}`),
		[]byte(`{"submission_id":"fuzz-seed-null-topic-0001","lang":"ar","answers":{"` + first.ID + `":null}}`),
		[]byte(` {"answers":` + one + `, "submission_id":"Fuzz_Seed-Order-000000001"} `),

		// Query operators in every field, as values and as keys.
		[]byte(`{"submission_id":{"$ne":null},"answers":` + one + `}`),
		[]byte(`{"submission_id":{"$gt":""},"answers":` + one + `}`),
		[]byte(`{"submission_id":` + sid + `,"lang":{"$in":["da"]},"answers":` + one + `}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"$ne":null}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"$where":{"self":"` + self + `"}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"$ne":null}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"self":{"$ne":null}}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"perceived":{"$gt":""}}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":` + one + `,"$where":"1"}`),
		[]byte(`{"$where":"sleep(1000)"}`),
		[]byte(`{"submission_id":"$ne","answers":{"` + first.ID + `":{"self":"$ne"}}}`),
		[]byte(`{"submission_id":"fuzz-seed-dollar-0000001","answers":{"` + first.ID + `.self":{"self":"` + self + `"}}}`),

		// Wrong types and shapes.
		[]byte(`{"submission_id":12345678901234567890,"answers":{}}`),
		[]byte(`{"submission_id":true,"answers":{}}`),
		[]byte(`{"submission_id":null,"answers":{}}`),
		[]byte(`{"submission_id":["fuzz-seed-array-000001"],"answers":{}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":[]}`),
		[]byte(`{"submission_id":` + sid + `,"answers":"all"}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":["` + self + `"]}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"self":5,"perceived":1.0}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"self":1e999}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"self":"` + self + `","extra":"x"}}}`),
		[]byte(`{"submission_id":"fuzz-seed-not-asked-00001","answers":{"` + notAsked.ID + `":{"self":"` + notAsked.Self.Options[0].ID + `"}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"no-such-topic":{"self":"` + self + `"}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"self":"no-such-option"}}}`),
		[]byte(`{"submission_id":` + sid + `,"lang":"xx","answers":{}}`),
		[]byte(`{"submission_id":"short","answers":{}}`),
		[]byte(`{"Submission_ID":"fuzz-seed-case-000000001","ANSWERS":{}}`),
		[]byte(`[]`), []byte(`"text"`), []byte(`42`), []byte(`null`), []byte(`true`),

		// Malformed JSON: empty, cut off, trailing data, two objects, deep nesting.
		nil, []byte(` `), []byte(`{`), []byte(`{"submission_id":`),
		[]byte(`{"submission_id":` + sid + `,"answers":{}} {}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{}}x`),
		[]byte(`{"submission_id":` + sid + `,"submission_id":"fuzz-seed-duplicate-0001","answers":{}}`),
		[]byte(`{"answers":{"` + first.ID + `":` + strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000) + `}}`),
		[]byte(`{"answers":` + strings.Repeat(`{"a":`, 5_000) + `1` + strings.Repeat("}", 5_000) + `}`),

		// Huge strings: near and over the body limit.
		[]byte(`{"submission_id":"` + big + `","answers":{}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + big + `":{"self":"x"}}}`),
		[]byte(`{"submission_id":` + sid + `,"answers":{"` + first.ID + `":{"self":"` + big + `"}}}`),
		[]byte(`{"submission_id":"` + strings.Repeat("B", web.BodyLimit) + `"}`),

		// Invalid UTF-8, escapes and control characters.
		[]byte("{\"submission_id\":\"fuzz-seed-\xff\xfe-0000000001\",\"answers\":{}}"),
		[]byte("{\"submission_id\":" + sid + ",\"answers\":{\"" + first.ID + "\xc3\x28\":{\"self\":\"" + self + "\"}}}"),
		[]byte("{\"submission_id\":" + sid + ",\"answers\":{\"" + first.ID + "\":{\"self\":\"" + self + "\xed\xa0\x80\"}}}"),
		[]byte(`{"submission_id":"fuzz-seed-\u0000-000000001","answers":{}}`),
		[]byte(`{"submission_id":"fuzz-seed-\ud800-000000001","answers":{}}`),
		[]byte(`{"submission_id":` + sid + `,"lang":"da\u0000","answers":{}}`),
		[]byte(`{"submission_id":"<script>alert(1)</script>","answers":{}}`),
		[]byte("\xef\xbb\xbf{\"submission_id\":\"fuzz-seed-bom-0000000001\",\"answers\":{}}"),
	}
	return seeds
}
