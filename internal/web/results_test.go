package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/web"
)

// The results tests: the results API's figures, the results page, its print view and CSV
// export, who may see them, and that nothing in them can run as script.

const evil = `</script><script>alert(1)</script>`

// closeSession closes a session through the API.
func closeSessionAPI(t *testing.T, s *testServer, token, id string) {
	t.Helper()
	if status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+id+"/close", token, nil); status != http.StatusOK {
		t.Fatalf("close: %d %s", status, body)
	}
}

// getAs fetches a page with a bearer token, as a logged-in teacher would.
func getAs(t *testing.T, s *testServer, token, target string, headers ...string) (*http.Response, string) {
	t.Helper()
	return get(t, s, target, append([]string{"Authorization", "Bearer " + token}, headers...)...)
}

// wilson is the Wilson score 95 % interval, written out here so the test does not lean on
// the code it checks.
func wilson(k, n int) (float64, float64) {
	p, nf, z := float64(k)/float64(n), float64(n), 1.96
	center := (p + z*z/(2*nf)) / (1 + z*z/nf)
	half := z / (1 + z*z/nf) * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return center - half, center + half
}

func TestResultsAPIForAClassOf12(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 12, "sleep", "drunk")

	// Twelve pupils answer about sleep (one skips the self question); only four answer
	// about drinking, so eight skipped that topic.
	sleepSelf := []string{"8plus", "8plus", "lt7", "8plus", "7to8", "8plus", "8plus", "lt7", "8plus", "8plus", "7to8", ""}
	sleepGuess := []int{3, 4, 5, 5, 6, 6, 7, 8, 2, 5, 6, 9}
	for i := range sleepSelf {
		a := map[string]model.Answer{"sleep": {Self: sleepSelf[i], Perceived: fmt.Sprint(sleepGuess[i])}}
		if i < 4 {
			a["drunk"] = model.Answer{Self: "no", Perceived: "3"}
		}
		if status, body := answer(t, s, sess.Code, submissionID(i), a); status != http.StatusCreated {
			t.Fatalf("pupil %d: %d %s", i, status, body)
		}
	}
	closeSessionAPI(t, s, token, sess.ID)

	// By hand: 7 of the 11 who answered sleep 8 hours or more; the twelve guesses add up
	// to 66 tenths.
	nSelf, k := 0, 0
	for _, a := range sleepSelf {
		if a != "" {
			nSelf++
		}
		if a == "8plus" {
			k++
		}
	}
	actual := float64(k) / float64(nSelf)
	sum := 0
	over, under := 0, 0
	for _, g := range sleepGuess {
		sum += g
		if float64(g)/10 > actual+0.10 {
			over++
		}
		if float64(g)/10 < actual-0.10 {
			under++
		}
	}
	mean := float64(sum) / 10 / float64(len(sleepGuess))
	low, high := wilson(k, nSelf)
	if nSelf != 11 || k != 7 || sum != 66 || over != 2 || under != 6 {
		t.Fatalf("the hand count is off: n %d k %d sum %d over %d under %d", nSelf, k, sum, over, under)
	}

	status, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/results", token, nil)
	if status != http.StatusOK {
		t.Fatalf("results: %d %s", status, body)
	}
	var got struct {
		N          int  `json:"n"`
		MinGroup   int  `json:"min_group"`
		Suppressed bool `json:"suppressed"`
		Items      []map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.N != 12 || got.MinGroup != 5 || got.Suppressed || len(got.Items) != 2 {
		t.Fatalf("results %s", body)
	}
	num := func(item map[string]json.RawMessage, key string) float64 {
		var f float64
		if err := json.Unmarshal(item[key], &f); err != nil {
			t.Fatalf("%s: %v in %v", key, err, item)
		}
		return f
	}
	sleep := got.Items[0]
	var ci [2]float64
	if err := json.Unmarshal(sleep["actual_ci"], &ci); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"n_self", num(sleep, "n_self"), 11},
		{"n_perceived", num(sleep, "n_perceived"), 12},
		{"actual_share", num(sleep, "actual_share"), actual},
		{"actual_share by hand", num(sleep, "actual_share"), 0.636},
		{"ci low", ci[0], low},
		{"ci low by hand", ci[0], 0.354},
		{"ci high", ci[1], high},
		{"ci high by hand", ci[1], 0.848},
		{"perceived_mean", num(sleep, "perceived_mean"), mean},
		{"perceived_mean by hand", num(sleep, "perceived_mean"), 0.55},
		{"gap_pp", num(sleep, "gap_pp"), math.Round(1000*(mean-actual)) / 10},
		{"gap_pp by hand", num(sleep, "gap_pp"), -8.6},
		{"overestimated_share", num(sleep, "overestimated_share"), 2.0 / 12},
		{"underestimated_share", num(sleep, "underestimated_share"), 6.0 / 12},
	} {
		if math.Abs(c.got-c.want) > 0.0005 {
			t.Errorf("%s = %.4f, want %.3f", c.name, c.got, c.want)
		}
	}
	var counts map[string]int
	if err := json.Unmarshal(sleep["perceived_counts"], &counts); err != nil || counts["5"] != 3 || counts["6"] != 3 || counts["9"] != 1 {
		t.Errorf("perceived_counts = %v (%v)", counts, err)
	}

	// The topic eight pupils skipped is suppressed alone, with no figure at all: its id,
	// the flag and the reason, nothing else.
	drunk := got.Items[1]
	if string(drunk["id"]) != `"drunk"` || string(drunk["suppressed"]) != "true" ||
		string(drunk["reason"]) != `"too_few_answers"` || len(drunk) != 3 {
		t.Errorf("drunk = %v", drunk)
	}
	if string(sleep["suppressed"]) != "false" {
		t.Errorf("sleep suppressed: %v", sleep)
	}

	// The page and the CSV say the same.
	_, page := getAs(t, s, token, "/sessions/"+sess.ID+"/results?lang=da")
	for _, want := range []string{"I troede 6 af 10 — og det er 6 af 10", "For få svar til at vise resultatet", `href="/materials/topics/sleep"`, "Undervisningsmateriale", "mellem 35\u00a0% og 85\u00a0%"} {
		if !strings.Contains(page, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	_, page = getAs(t, s, token, "/sessions/"+sess.ID+"/results?lang=en")
	if !strings.Contains(page, "You thought 6 of 10 — and it is 6 of 10") || !strings.Contains(page, "Why do you think we guessed the way we did?") {
		t.Errorf("English page lacks the gap sentence or the English discussion")
	}
}

func TestClassOf4ShowsNoFigureAnywhere(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Horsens", "Byskovskolen", "t@horsens.dk")
	sess := createClassSession(t, s, token, 4, "sleep", "drunk")
	for i := 0; i < 4; i++ {
		answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{
			"sleep": {Self: "8plus", Perceived: "7"}, "drunk": {Self: "no", Perceived: "2"}})
	}
	closeSessionAPI(t, s, token, sess.ID)

	_, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/results", token, nil)
	if body != `{"n":4,"min_group":5,"suppressed":true,"items":[]}` {
		t.Errorf("API: %s", body)
	}

	resp, page := getAs(t, s, token, "/sessions/"+sess.ID+"/results?lang=da")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "For få svar til at vise resultater: 4 elever har svaret, og der skal mindst 5 svar til") {
		t.Errorf("page %d:\n%s", resp.StatusCode, page)
	}
	if strings.Contains(page, "data-chart") || strings.Contains(page, "echarts") || strings.Contains(page, "af 10") {
		t.Errorf("a suppressed session's page shows a chart or a figure")
	}
	_, printed := getAs(t, s, token, "/sessions/"+sess.ID+"/results/print")
	if !strings.Contains(printed, "For få svar til at vise resultater") || strings.Contains(printed, "af 10") {
		t.Errorf("print view of a suppressed session:\n%s", printed)
	}

	resp, data := getAs(t, s, token, "/sessions/"+sess.ID+"/results.csv?lang=en")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("csv: %d %s", resp.StatusCode, data)
	}
	rows := readCSV(t, data, ',')
	if len(rows) != 3 {
		t.Fatalf("csv rows %q", rows)
	}
	for _, row := range rows[1:] {
		if row[11] != "hidden" || strings.Join(row[2:11], "") != "" {
			t.Errorf("suppressed row carries figures: %q", row)
		}
	}
}

// resultsHeaders are the class results CSV's header in English (commas) and Danish
// (semicolons).
var resultsHeaders = map[rune]string{
	',': "Topic code,Topic,Answers about themselves (count),Guesses about the others (count),Share who do it (%)," +
		"95% interval, from (%),95% interval, to (%),Group's average guess (%),Guess minus reality (percentage points)," +
		"Guessed too high (%),Guessed too low (%),Status",
	';': "Emne-kode,Emne,Svar om sig selv (antal),Gæt om de andre (antal),Andel der gør det (%),95 %-interval, fra (%)," +
		"95 %-interval, til (%),Gruppens gæt i gennemsnit (%),Gæt minus virkelighed (procentpoint),Gættede for højt (%)," +
		"Gættede for lavt (%),Status",
}

// readCSV checks the byte-order mark and the header in the language sep stands for, and
// reads the rows.
func readCSV(t *testing.T, data string, sep rune) [][]string {
	t.Helper()
	if !strings.HasPrefix(data, "\ufeff") {
		t.Fatalf("the CSV has no UTF-8 byte-order mark: %q", data[:min(len(data), 20)])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\ufeff")))
	r.Comma = sep
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != resultsHeaders[sep] {
		t.Fatalf("header %q", rows)
	}
	return rows
}

func TestResultsCSV(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Skive", "Østergårdsskolen", "t@skive.dk")
	sess := createClassSession(t, s, token, 8, "sleep", "drunk", "perfect-life")
	for i := 0; i < 8; i++ {
		a := map[string]model.Answer{"sleep": {Self: []string{"8plus", "lt7"}[i%2], Perceived: "5"}}
		if i < 3 {
			a["drunk"] = model.Answer{Self: "no", Perceived: "4"}
		}
		answer(t, s, sess.Code, submissionID(i), a)
	}
	closeSessionAPI(t, s, token, sess.ID)

	resp, data := getAs(t, s, token, "/sessions/"+sess.ID+"/results.csv?lang=en")
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	want := `attachment; filename="helt-normal-8B-` + createdDay(t, s, sess.ID) + `.csv"`
	if cd := resp.Header.Get("Content-Disposition"); cd != want {
		t.Errorf("content disposition %q, want %q", cd, want)
	}
	rows := readCSV(t, data, ',')
	if len(rows) != 4 {
		t.Fatalf("rows %q", rows)
	}
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		byID[row[0]] = row
	}
	if got := strings.Join(byID["sleep"], ","); got != "sleep,Sleep,8,8,50.0,21.5,78.5,50.0,0.0,0.0,0.0,shown" {
		t.Errorf("sleep row %s", got)
	}
	// Three answered about alcohol, nobody about the perfect life: both suppressed alone.
	for _, id := range []string{"drunk", "perfect-life"} {
		row := byID[id]
		if len(row) != 12 || row[1] == "" || row[11] != "hidden" || strings.Join(row[2:11], "") != "" {
			t.Errorf("the suppressed row carries figures: %q", row)
		}
	}

	// In Danish the file is what a Danish Excel opens: semicolons and decimal commas.
	_, data = getAs(t, s, token, "/sessions/"+sess.ID+"/results.csv?lang=da")
	rows = readCSV(t, data, ';')
	if got := strings.Join(rows[1], "|"); got != "sleep|Søvn|8|8|50,0|21,5|78,5|50,0|0,0|0,0|0,0|vist" {
		t.Errorf("Danish sleep row %s", got)
	}
}

// createdDay is the day a session was created, which names its export.
func createdDay(t *testing.T, s *testServer, id string) string {
	t.Helper()
	sess, err := s.st.SessionByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sess.CreatedDay
}

// After the retention period the raw answers are deleted; the class's results, its CSV and
// its presenter show the same figures as before, from the counts kept at close.
func TestResultsOutliveTheRawAnswers(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Silkeborg", "Balleskolen", "t@silkeborg.dk")
	sess := createClassSession(t, s, token, 8, "sleep", "drunk", "perfect-life")
	for i := 0; i < 8; i++ {
		a := map[string]model.Answer{"sleep": {Self: []string{"8plus", "lt7", "8plus"}[i%3], Perceived: fmt.Sprint(3 + i%5)}}
		if i < 3 {
			a["drunk"] = model.Answer{Self: "no", Perceived: "4"} // too few: stays hidden
		}
		answer(t, s, sess.Code, submissionID(i), a)
	}
	closeSessionAPI(t, s, token, sess.ID)
	_, before := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/results", token, nil)
	_, csvBefore := getAs(t, s, token, "/sessions/"+sess.ID+"/results.csv?lang=en")
	if !strings.Contains(before, `"n":8`) {
		t.Fatalf("results before the retention period: %s", before)
	}

	if n, err := s.st.DeleteResponsesBefore(context.Background(), "2999-01-01"); err != nil || n != 1 {
		t.Fatalf("retention deleted the answers of %d sessions, %v", n, err)
	}
	if n := responseCount(t, s, sess.ID); n != 0 {
		t.Fatalf("%d raw answers left", n)
	}
	_, after := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/results", token, nil)
	if after != before {
		t.Errorf("results changed when the raw answers were deleted:\nbefore %s\nafter  %s", before, after)
	}
	if _, csvAfter := getAs(t, s, token, "/sessions/"+sess.ID+"/results.csv?lang=en"); csvAfter != csvBefore {
		t.Errorf("the CSV changed:\nbefore %s\nafter  %s", csvBefore, csvAfter)
	}
	if _, page := present(t, s, token, sess.ID); !strings.Contains(page, `id="topic-sleep"`) || strings.Contains(page, `id="slide-too-few"`) {
		t.Errorf("the presenter lost the class's figures")
	}
	if _, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID, token, nil); !strings.Contains(body, `"responses":8`) {
		t.Errorf("the session lost its number of answers: %s", body)
	}
}

func TestCSVFileNameKeepsOnlySafeCharacters(t *testing.T) {
	s := newServer(t)
	token, schoolID := seedTeacher(t, s, "Lemvig", "Thyborøn Skole", "t@lemvig.dk")
	sess := &model.Session{
		ID: store.NewID(), SurveyID: "jeg-er-helt-normal-kort", SurveyVersion: 1, Items: []string{"sleep"},
		ClassLabel: `9.ø "x"; filename=evil.exe ` + evil, Grade: 9, Wave: model.WaveBaseline, ExpectedPupils: 20,
		SchoolID: schoolID, Municipality: "Lemvig", Status: model.StatusClosed, CreatedDay: "2026-11-22",
		ClosedDay: "2026-11-22", SchoolYear: "2026/27",
	}
	if err := s.st.CreateSession(context.Background(), sess, classroom.NewCode); err != nil {
		t.Fatal(err)
	}
	resp, _ := getAs(t, s, token, "/sessions/"+sess.ID+"/results.csv")
	cd := resp.Header.Get("Content-Disposition")
	if !regexp.MustCompile(`^attachment; filename="helt-normal-[A-Za-z0-9-]+-2026-11-22\.csv"$`).MatchString(cd) || !strings.Contains(cd, "9oe") {
		t.Errorf("content disposition %q", cd)
	}
}

func TestAnotherSchoolCannotSeeResults(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "a@aarhus.dk")
	other, _ := seedTeacher(t, s, "Aarhus", "Ellevangskolen", "b@aarhus.dk")
	sess := createClassSession(t, s, token, 6)
	for i := 0; i < 6; i++ {
		answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "7"}})
	}
	closeSessionAPI(t, s, token, sess.ID)
	for _, path := range []string{"/sessions/%s/results", "/sessions/%s/results/print", "/sessions/%s/results.csv", "/api/v1/sessions/%s/results"} {
		target := fmt.Sprintf(path, sess.ID)
		if resp, body := getAs(t, s, other, target); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "8.B") {
			t.Errorf("%s as another school: %d", target, resp.StatusCode)
		}
		if resp, _ := getAs(t, s, token, target); resp.StatusCode != http.StatusOK {
			t.Errorf("%s as the owner: %d", target, resp.StatusCode)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/sessions/"+sess.ID+"/show-results", nil)
	req.Header.Set("Authorization", "Bearer "+other)
	if resp, _ := s.do(t, req); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
		t.Errorf("show-results as another school: %d", resp.StatusCode)
	}
}

// evilSurvey is a survey whose topic name, a scale step and a discussion question are
// script, as a municipality's own survey file could be by mistake or malice.
const evilSurvey = `
id: evil
version: 1
languages: [da, en]
title: {da: "Ond ` + evil + `", en: "Evil"}
intro: {da: "Intro", en: "Intro"}
grades: [8]
scales:
  of-ten:
    - {id: "0", value: 0.0, label: {da: "0 af 10", en: "0 of 10"}}
    - {id: "1", value: 0.1, label: {da: "1 af 10", en: "1 of 10"}}
    - {id: "2", value: 0.2, label: {da: "2 af 10", en: "2 of 10"}}
    - {id: "3", value: 0.3, label: {da: "3 af 10 ` + evil + `", en: "3 of 10"}}
    - {id: "4", value: 0.4, label: {da: "4 af 10", en: "4 of 10"}}
    - {id: "5", value: 0.5, label: {da: "5 af 10", en: "5 of 10"}}
    - {id: "6", value: 0.6, label: {da: "6 af 10", en: "6 of 10"}}
    - {id: "7", value: 0.7, label: {da: "7 af 10", en: "7 of 10"}}
    - {id: "8", value: 0.8, label: {da: "8 af 10", en: "8 of 10"}}
    - {id: "9", value: 0.9, label: {da: "9 af 10", en: "9 of 10"}}
    - {id: "10", value: 1.0, label: {da: "10 af 10", en: "10 of 10"}}
items:
  - id: sleep
    topic: {da: "Søvn ` + evil + `", en: "Sleep"}
    healthy: true
    self:
      text: {da: "Sover du nok?", en: "Do you sleep enough?"}
      options:
        - {id: "no", label: {da: "Nej", en: "No"}}
        - {id: "yes", label: {da: "Ja", en: "Yes"}, norm: true}
    perceived:
      text: {da: "Hvor mange sover nok? ` + evil + `", en: "How many sleep enough?"}
      scale: of-ten
    discussion:
      da: ["Hvorfor? ` + evil + `"]
      en: ["Why?"]
    campaign:
      statement: {da: "sover nok", en: "sleep enough"}
      approval: {da: "Det er fint.", en: "That is fine."}
  - id: lonely
    topic: {da: "Ensom", en: "Lonely"}
    healthy: false
    sensitive: true
    self:
      text: {da: "Er du ensom?", en: "Are you lonely?"}
      options:
        - {id: "no", label: {da: "Nej", en: "No"}}
        - {id: "yes", label: {da: "Ja", en: "Yes"}, norm: true}
    perceived:
      text: {da: "Hvor mange er ensomme?", en: "How many are lonely?"}
      scale: of-ten
    discussion:
      da: ["Hvorfor?"]
      en: ["Why?"]
    campaign:
      statement: {da: "er ikke ensomme", en: "are not lonely"}
      approval: {da: "Det er fint.", en: "That is fine."}
`

// newServerWithSurvey is newServer with one more survey in the catalog.
func newServerWithSurvey(t *testing.T, extra *survey.Survey) *testServer {
	t.Helper()
	return serverOn(t, storetest.New(t), nil, extra)
}

// chartAttribute finds the data-chart attributes of a page.
var chartAttribute = regexp.MustCompile(`data-chart="([^"]*)"`)

func TestLabelsRenderInertOnTheResultsPage(t *testing.T) {
	sv, err := survey.Parse("evil.yaml", []byte(evilSurvey))
	if err != nil {
		t.Fatal(err)
	}
	s := newServerWithSurvey(t, sv)
	token, schoolID := seedTeacher(t, s, "Struer", "Struer Østre Skole", "t@struer.dk")
	sess := &model.Session{
		ID: store.NewID(), SurveyID: "evil", SurveyVersion: 1, Items: []string{"sleep", "lonely"},
		ClassLabel: "8." + evil, Grade: 8, Wave: model.WaveBaseline, ExpectedPupils: 20,
		SchoolID: schoolID, Municipality: "Struer", Status: model.StatusOpen, CreatedDay: "2026-11-22",
		SchoolYear: "2026/27",
	}
	if err := s.st.CreateSession(context.Background(), sess, classroom.NewCode); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 7; i++ {
		a := map[string]model.Answer{"sleep": {Self: []string{"yes", "no"}[i%2], Perceived: "3"}, "lonely": {Self: "yes", Perceived: "2"}}
		if status, body := answer(t, s, sess.Code, submissionID(i), a); status != http.StatusCreated {
			t.Fatalf("answer: %d %s", status, body)
		}
	}
	closeSessionAPI(t, s, token, sess.ID)

	for _, path := range []string{"/sessions/%s/results?lang=da", "/sessions/%s/results/print?lang=da"} {
		target := fmt.Sprintf(path, sess.ID)
		resp, page := getAs(t, s, token, target)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", target, resp.StatusCode, page)
		}
		if strings.Contains(page, "<script>alert(1)") || strings.Contains(page, "alert(1)</script>") {
			t.Errorf("%s carries the label as markup", target)
		}
		if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the label as text", target)
		}
		if strings.Contains(page, "Ensom") {
			t.Errorf("%s lists a sensitive topic at class level", target)
		}
		attrs := chartAttribute.FindAllStringSubmatch(page, -1)
		if len(attrs) != 1 {
			t.Fatalf("%s has %d charts, want 1", target, len(attrs))
		}
		raw := html.UnescapeString(attrs[0][1])
		if strings.Contains(raw, "<") || strings.Contains(raw, ">") {
			t.Errorf("the chart option holds a raw < or >: %s", raw)
		}
		var option struct {
			XAxis []struct {
				Data []string `json:"data"`
			} `json:"xAxis"`
			Aria struct {
				Label struct {
					Description string `json:"description"`
				} `json:"label"`
			} `json:"aria"`
		}
		if err := json.Unmarshal([]byte(raw), &option); err != nil {
			t.Fatalf("data-chart is not JSON: %v\n%s", err, raw)
		}
		if len(option.XAxis) == 0 || len(option.XAxis[0].Data) != 11 || !strings.Contains(option.Aria.Label.Description, "Søvn "+evil) {
			t.Errorf("the labels did not come back as the same text: %+v", option)
		}
	}
}

// noInlineCode checks that a page runs only scripts from our server and carries no style
// attribute or event handler, which the CSP would refuse.
func noInlineCode(t *testing.T, name, page string) {
	t.Helper()
	for _, tag := range inlineScript.FindAllString(page, -1) {
		if !regexp.MustCompile(` src="/static/`).MatchString(tag) {
			t.Errorf("%s has an inline or foreign script: %s", name, tag)
		}
	}
	if regexp.MustCompile(`(?i)\sstyle=`).MatchString(page) {
		t.Errorf("%s has a style attribute", name)
	}
	if regexp.MustCompile(`\son[a-z]+=`).MatchString(page) {
		t.Errorf("%s has an inline event handler", name)
	}
	if regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(page) {
		t.Errorf("%s loads something from another host", name)
	}
}

func TestResultsPagesKeepTheCSP(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Ikast-Brande", "Bording Skole", "t@ikast.dk")
	sess := createClassSession(t, s, token, 20)
	for i := 0; i < 20; i++ {
		answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{
			"sleep":       {Self: []string{"8plus", "lt7", "7to8"}[i%3], Perceived: fmt.Sprint(i % 11)},
			"phone-night": {Self: []string{"other-room", "on-in-bed"}[i%2], Perceived: fmt.Sprint((i + 4) % 11)},
		})
	}
	closeSessionAPI(t, s, token, sess.ID)
	for _, path := range []string{"/sessions/%s/results", "/sessions/%s/results/print"} {
		target := fmt.Sprintf(path, sess.ID)
		resp, page := getAs(t, s, token, target)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", target, resp.StatusCode)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", target, csp)
		}
		noInlineCode(t, target, page)
		for _, src := range []string{`<script src="/static/vendor/echarts/echarts.min.js?v=5.6.0" defer>`, `<script src="/static/js/charts.js" defer>`} {
			if !strings.Contains(page, src) {
				t.Errorf("%s does not load %s", target, src)
			}
		}
		if n := len(chartAttribute.FindAllString(page, -1)); n != 2 {
			t.Errorf("%s has %d charts, want 2 (sleep and phone at night)", target, n)
		}
	}
	_, printed := getAs(t, s, token, "/sessions/"+sess.ID+"/results/print")
	if strings.Contains(printed, `class="staff-nav"`) || strings.Contains(printed, "/logout") {
		t.Errorf("the print view has the navigation")
	}
	if !strings.Contains(printed, "<table class=\"print-table\">") {
		t.Errorf("the print view has no tables")
	}
	_, css := get(t, s, "/static/css/app.css")
	if !strings.Contains(css, "@page { size: A4") {
		t.Errorf("no A4 page rule")
	}
}

func TestEChartsIsServedFromTheBinary(t *testing.T) {
	s := newServer(t)
	version, err := os.ReadFile("static/vendor/echarts/VERSION")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^sha256:\s+([0-9a-f]{64})\s`).FindSubmatch(version)
	v := regexp.MustCompile(`(?m)^version:\s+(5\.\d+\.\d+)$`).FindSubmatch(version)
	if m == nil || v == nil {
		t.Fatalf("VERSION lacks the version or the sha256:\n%s", version)
	}
	if !strings.Contains(web.EChartsScript(), "?v="+string(v[1])) {
		t.Errorf("the pages link %s, VERSION says %s", web.EChartsScript(), v[1])
	}
	for _, f := range []string{"LICENSE", "NOTICE"} {
		if _, err := os.Stat("static/vendor/echarts/" + f); err != nil {
			t.Errorf("ECharts %s is missing: %v", f, err)
		}
	}

	resp, body := get(t, s, web.EChartsScript())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") && !strings.HasPrefix(ct, "application/javascript") {
		t.Errorf("content type %q", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000" {
		t.Errorf("cache control %q", cc)
	}
	sum := sha256.Sum256([]byte(body))
	if hex.EncodeToString(sum[:]) != string(m[1]) {
		t.Errorf("served file's SHA-256 %x differs from VERSION", sum)
	}

	// Compressed for browsers that accept it, and the same file unpacked.
	for _, enc := range []string{"br", "gzip"} {
		resp, packed := get(t, s, web.EChartsScript(), "Accept-Encoding", enc)
		if resp.Header.Get("Content-Encoding") != enc || len(packed) > len(body)/2 {
			t.Errorf("%s: encoding %q, %d of %d bytes", enc, resp.Header.Get("Content-Encoding"), len(packed), len(body))
			continue
		}
		if enc == "gzip" {
			zr, err := gzip.NewReader(strings.NewReader(packed))
			if err != nil {
				t.Fatal(err)
			}
			plain, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(plain, []byte(body)) {
				t.Errorf("the gzip body does not unpack to the file (%v)", err)
			}
		}
	}
	resp, _ = get(t, s, "/static/js/charts.js", "Accept-Encoding", "gzip")
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("charts.js: type %q encoding %q", ct, resp.Header.Get("Content-Encoding"))
	}
}

func TestResultsHiddenWhileOpenUntilShown(t *testing.T) {
	s := newServer(t)
	sc := seedSchool(t, s, "Favrskov", "Hinnerup Skole")
	seedUser(t, s, "t@favrskov.dk", model.RoleTeacher, "Favrskov", sc.ID)
	b := newStaffBrowser(t, s)
	if resp, _ := b.login("t@favrskov.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	token := tokenFor(t, s, "t@favrskov.dk")
	sess := createClassSession(t, s, token, 20, "sleep")
	results := "/sessions/" + sess.ID + "/results?lang=da"
	show := "/sessions/" + sess.ID + "/show-results"

	// Three answers: hidden, and "show now" is refused below the minimum group.
	for i := 0; i < 3; i++ {
		answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "4"}})
	}
	_, page := b.get(results)
	if !strings.Contains(page, "Undersøgelsen er stadig åben") || strings.Contains(page, "data-chart") || strings.Contains(page, `action="`+show+`"`) {
		t.Errorf("open session with 3 answers:\n%s", page)
	}
	_, projector := b.get("/sessions/" + sess.ID)
	if !regexp.MustCompile(`<form method="post" action="` + show + `" id="show-results" data-min-group="5" hidden>`).MatchString(projector) {
		t.Errorf("the projector offers showing the results below the minimum group")
	}
	if !strings.Contains(projector, `href="/sessions/`+sess.ID+`/results"`) || !strings.Contains(projector, `href="/sessions/`+sess.ID+`/present"`) {
		t.Errorf("the projector does not link the results and the presenter")
	}
	resp, body := b.post(show, url.Values{"_csrf": {csrfOf(t, page)}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Der skal mindst 5 svar til") {
		t.Errorf("show-results with 3 answers: %d", resp.StatusCode)
	}
	if st, _ := s.st.SessionByID(context.Background(), sess.ID); st.ShowResults {
		t.Error("show-results was stored below the minimum group")
	}
	_, printed := b.get("/sessions/" + sess.ID + "/results/print")
	if strings.Contains(printed, "print-table") {
		t.Error("the print view shows figures while hidden")
	}
	if resp, _ := b.get("/sessions/" + sess.ID + "/results.csv"); resp.StatusCode != http.StatusConflict {
		t.Errorf("the CSV while hidden: %d", resp.StatusCode)
	}

	// Six answers: still hidden, but now the teacher may show them.
	for i := 3; i < 6; i++ {
		answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{"sleep": {Self: "lt7", Perceived: "6"}})
	}
	_, page = b.get(results)
	if strings.Contains(page, "data-chart") || !strings.Contains(page, `action="`+show+`"`) {
		t.Errorf("open session with 6 answers:\n%s", page)
	}
	_, projector = b.get("/sessions/" + sess.ID)
	if !strings.Contains(projector, `id="show-results" data-min-group="5">`) {
		t.Errorf("the projector does not offer showing the results with 6 answers")
	}
	resp, _ = b.post(show, url.Values{"_csrf": {csrfOf(t, page)}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sessions/"+sess.ID+"/results" {
		t.Fatalf("show-results: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = b.get(results)
	if !strings.Contains(page, "data-chart") || !strings.Contains(page, "I troede 5 af 10 — og det er 5 af 10") {
		t.Errorf("shown results:\n%s", page)
	}
	if st, _ := s.st.SessionByID(context.Background(), sess.ID); !st.ShowResults || !st.IsOpen() {
		t.Errorf("session after show-results: %+v", st)
	}
	_, projector = b.get("/sessions/" + sess.ID)
	if strings.Contains(projector, `id="show-results"`) {
		t.Error("the projector still offers showing results already shown")
	}
}

// The results open with an overview — the topics by how wrong the guess was, one line each,
// linking down — and the teacher ticks the topics the presenter shows.
func TestResultsOverviewAndTheTopicsToPresent(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 10, "sleep", "phone-night")
	for i := range 6 {
		// Sleep: guessed 2 of 10, truth 10 of 10 (way off); phone: guessed 5, truth 5.
		answer(t, s, sess.Code, submissionID(i), map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "2"},
			"phone-night": {Self: []string{"other-room", "on-in-bed"}[i%2], Perceived: "5"}})
	}
	callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/close", token, nil)
	b := newStaffBrowser(t, s)
	b.login("t@aarhus.dk", "correct horse battery")
	_, page := b.get("/sessions/" + sess.ID + "/results")
	overview := page[strings.Index(page, `id="overview-title"`):]
	overview = overview[:strings.Index(overview, "</section>")]
	sleep, phone := strings.Index(overview, `href="#topic-sleep"`), strings.Index(overview, `href="#topic-phone-night"`)
	if sleep < 0 || phone < 0 || sleep > phone || strings.Count(overview, " checked") != 2 {
		t.Fatalf("the overview should list sleep (furthest off) before the phone, both ticked:\n%s", overview)
	}
	resp, _ := b.post("/sessions/"+sess.ID+"/presenter-topics", url.Values{"_csrf": {csrfOf(t, page)}, "topics": {"sleep"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("choose topics: %d", resp.StatusCode)
	}
	_, deck := b.get("/sessions/" + sess.ID + "/present")
	if !strings.Contains(deck, `data-topic="sleep"`) || strings.Contains(deck, `data-topic="phone-night"`) {
		t.Errorf("the presenter does not show just the chosen topic")
	}
	if _, page := b.get("/sessions/" + sess.ID + "/results"); strings.Count(page[strings.Index(page, `id="overview-title"`):], " checked") != 1 {
		t.Errorf("the choice is not kept")
	}
}
