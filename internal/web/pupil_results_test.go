package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// releaseToPupils calls POST /api/v1/sessions/{id}/pupil-results and returns the status and body.
func releaseToPupils(t *testing.T, s *testServer, token, id string, body any) (int, string) {
	t.Helper()
	return callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+id+"/pupil-results", token, body)
}

// pupilTopicTag finds a topic with figures on the pupils' results page.
var pupilTopicTag = regexp.MustCompile(`<li class="card pupil-topic" id="topic-([a-z0-9-]+)" data-topic="[^"]+" data-truth="(\d+)" data-steps="([^"]*)">`)

// pupilFigures are the topics with figures on /j/{code}/resultater: the truth, and the class's
// guess as the page words it, by topic.
func pupilFigures(t *testing.T, page string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range pupilTopicTag.FindAllStringSubmatch(page, -1) {
		rest := page[strings.Index(page, m[0]):]
		rest = rest[:strings.Index(rest, "</li>")]
		guess := regexp.MustCompile(`I troede (\d+) af 10`).FindStringSubmatch(rest)
		if guess == nil {
			t.Fatalf("topic %s shows no class guess:\n%s", m[1], rest)
		}
		out[m[1]] = "truth " + m[2] + ", guess " + guess[1]
	}
	return out
}

// TestPupilResultsReleaseAPI: only who manages the session releases its results to the
// pupils; a request without a login is 401, another school's teacher 404, a coordinator 403,
// and a body that does not say true or false is 400 with a message that says what is wrong.
func TestPupilResultsReleaseAPI(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	other, _ := seedTeacher(t, s, "Aarhus", "Tilst Skole", "other@aarhus.dk")
	coordinator := seedCoordinator(t, s, "coord@rm.dk", "Midtjylland", "")
	sess := createClassSession(t, s, token, 12)
	answerAll(t, s, sess.Code, 10, presenterClass)

	// Open, the results are hidden: nothing to release yet.
	if status, body := releaseToPupils(t, s, token, sess.ID, map[string]any{"released": true}); status != http.StatusConflict {
		t.Errorf("release while open: %d %s, want 409", status, body)
	}
	closeSession(t, s, token, sess.ID)

	for _, tc := range []struct {
		name, token string
		body        any
		status      int
		field, text string // in the error's fields, and in its message
	}{
		{"no login", "", map[string]any{"released": true}, http.StatusUnauthorized, "", "log in"},
		{"another school's teacher", other, map[string]any{"released": true}, http.StatusNotFound, "", ""},
		{"a coordinator", coordinator, map[string]any{"released": true}, http.StatusForbidden, "", ""},
		{"not JSON", token, `{"released": tru}`, http.StatusBadRequest, "body", "not valid JSON"},
		{"cut off", token, `{"released": true`, http.StatusBadRequest, "body", "cut off"},
		{"a string", token, `{"released": "yes"}`, http.StatusBadRequest, "released", "wrong type"},
		{"missing", token, `{}`, http.StatusBadRequest, "released", "true or false"},
		{"an unknown field", token, `{"released": true, "lesson": 2}`, http.StatusBadRequest, "lesson", "does not take"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := releaseToPupils(t, s, tc.token, sess.ID, tc.body)
			if status != tc.status {
				t.Fatalf("%d %s, want %d", status, body, tc.status)
			}
			var e struct {
				Error struct {
					Code, Message string
					Fields        map[string]string
				}
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" {
				t.Fatalf("not a JSON error: %s", body)
			}
			if !strings.Contains(e.Error.Message+" "+e.Error.Fields[tc.field], tc.text) || (tc.field != "" && e.Error.Fields[tc.field] == "") {
				t.Errorf("error %+v lacks %q (field %q)", e.Error, tc.text, tc.field)
			}
		})
	}
	if sess, err := s.st.SessionByID(t.Context(), sess.ID); err != nil || sess.PupilResults {
		t.Errorf("a refused request released the results: %v %+v", err, sess)
	}

	status, body := releaseToPupils(t, s, token, sess.ID, map[string]any{"released": true})
	var out struct {
		Released bool   `json:"released"`
		URL      string `json:"url"`
	}
	if status != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil || !out.Released || out.URL != "/j/"+sess.Code+"/resultater" {
		t.Errorf("release: %d %s", status, body)
	}
	status, body = releaseToPupils(t, s, token, sess.ID, map[string]any{"released": false})
	if status != http.StatusOK || !strings.Contains(body, `"released":false`) {
		t.Errorf("withdraw: %d %s", status, body)
	}
}

// TestPupilResultsPageShowsThePresentersFigures: /j/{code}/resultater shows no figure before
// the teacher releases the results and none after a withdrawal; released, it shows exactly
// the presenter's figures (a suppressed topic without any), with each topic's scale for the
// phone's script, in the pupil's language.
func TestPupilResultsPageShowsThePresentersFigures(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 12)
	answerAll(t, s, sess.Code, 10, presenterClass)
	page := "/j/" + sess.Code + "/resultater?lang=da"

	noFigures := func(when string) {
		t.Helper()
		resp, body := get(t, s, page)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Din lærer har ikke vist resultaterne her endnu") {
			t.Errorf("%s: %d, the page does not say the results are not shown yet:\n%s", when, resp.StatusCode, body)
		}
		if strings.Contains(body, "data-truth") || regexp.MustCompile(`\d+ af 10`).MatchString(body) {
			t.Errorf("%s: the page shows a figure:\n%s", when, body)
		}
	}
	noFigures("open")
	closeSession(t, s, token, sess.ID)
	noFigures("closed, not released")

	if status, body := releaseToPupils(t, s, token, sess.ID, map[string]any{"released": true}); status != http.StatusOK {
		t.Fatalf("release: %d %s", status, body)
	}
	resp, body := get(t, s, page)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("released: %d", resp.StatusCode)
	}
	// The presenter's figures (presenterClass works them out); talk-adult is suppressed.
	want := map[string]string{
		"sleep": "truth 7, guess 4", "phone-night": "truth 4, guess 4", "perfect-life": "truth 3, guess 4",
		"lonely-sometimes": "truth 6, guess 5", "drunk": "truth 2, guess 7",
	}
	got := pupilFigures(t, body)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("figures on the pupils' page:\n got %v\nwant %v", got, want)
	}
	_, deck := present(t, s, token, sess.ID, "da")
	for id, fig := range want {
		var truth, guess string
		fmt.Sscanf(strings.ReplaceAll(fig, ",", ""), "truth %s guess %s", &truth, &guess)
		topic := slide(t, deck, "topic-"+id)
		if !strings.Contains(topic, "Det er "+truth+" af 10") || !strings.Contains(topic, "I troede "+guess+" af 10") {
			t.Errorf("the presenter shows %s otherwise than the pupils' page (%s)", id, fig)
		}
	}
	if !strings.Contains(body, `id="topic-talk-adult"`) || strings.Contains(body, `id="topic-talk-adult" data-topic="talk-adult" data-truth`) {
		t.Error("the suppressed topic is missing, or shows a figure")
	}
	m := pupilTopicTag.FindStringSubmatch(body)
	var steps map[string]int
	if err := json.Unmarshal([]byte(html.UnescapeString(m[3])), &steps); err != nil || len(steps) != 11 || steps["0"] != 0 || steps["6"] != 6 || steps["10"] != 10 {
		t.Errorf("the scale for the phone's script: %v %v", steps, err)
	}
	if !strings.Contains(body, `src="/static/js/guesses.js"`) || !strings.Contains(body, `id="kept-guesses"`) {
		t.Error("the page lacks the script and the place for the phone's kept guesses")
	}

	// In Arabic, right to left, the same figures.
	_, ar := get(t, s, "/j/"+sess.Code+"/resultater?lang=ar")
	if !strings.Contains(ar, `dir="rtl"`) || !strings.Contains(ar, "في الحقيقة 7 من 10") {
		t.Errorf("the Arabic page is not right to left or lacks sleep's truth:\n%s", ar)
	}

	// The teacher withdraws them: no figure again.
	if status, body := releaseToPupils(t, s, token, sess.ID, map[string]any{"released": false}); status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", status, body)
	}
	noFigures("withdrawn")

	// An unknown code: the start page to type it again, as on the other pupil pages.
	if resp, body := get(t, s, "/j/ZZZZZZ/resultater?lang=da"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `id="code"`) {
		t.Errorf("unknown code: %d", resp.StatusCode)
	}
}

// TestPupilResultsFormAndReopen: the presenter's form without JavaScript releases and
// withdraws; a session opened again hides the pupils' figures until it closes.
func TestPupilResultsFormAndReopen(t *testing.T) {
	s, b, token, sess := signedInTeacher(t)
	answerAll(t, s, sess.Code, 6, sleepAnswer)
	closeSession(t, s, token, sess.ID)
	_, deck := b.get("/sessions/" + sess.ID + "/present?lang=da")
	last := slide(t, deck, "slide-pupils")
	if !strings.Contains(last, `action="/sessions/`+sess.ID+`/pupil-results"`) || !strings.Contains(last, "Vis resultaterne på elevernes telefoner") {
		t.Fatalf("the presenter's last slide lacks the release form:\n%s", last)
	}
	resp, _ := b.post("/sessions/"+sess.ID+"/pupil-results", url.Values{"_csrf": {csrfOf(t, deck)}, "released": {"true"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sessions/"+sess.ID+"/present#slide-pupils" {
		t.Fatalf("release form: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page := get(t, s, "/j/"+sess.Code+"/resultater?lang=da")
	if !strings.Contains(page, `data-truth=`) {
		t.Fatal("released by the form, the pupils' page shows no figure")
	}
	_, deck = b.get("/sessions/" + sess.ID + "/present?lang=da")
	if last := slide(t, deck, "slide-pupils"); !strings.Contains(last, "/j/"+sess.Code+"/resultater") {
		t.Errorf("released, the last slide does not show the pupils' address:\n%s", last)
	}

	// Without a CSRF token the form is refused.
	if resp, _ := b.post("/sessions/"+sess.ID+"/pupil-results", url.Values{"released": {"false"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("form without a token: %d", resp.StatusCode)
	}

	if status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/reopen", token, nil); status != http.StatusOK {
		t.Fatalf("reopen: %d %s", status, body)
	}
	_, page = get(t, s, "/j/"+sess.Code+"/resultater?lang=da")
	if strings.Contains(page, "data-truth") {
		t.Error("opened again, the pupils' page still shows figures")
	}
	closeSession(t, s, token, sess.ID)
	_, deck = b.get("/sessions/" + sess.ID + "/present?lang=da")
	resp, _ = b.post("/sessions/"+sess.ID+"/pupil-results", url.Values{"_csrf": {csrfOf(t, deck)}, "released": {"false"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw form: %d", resp.StatusCode)
	}
	if _, page = get(t, s, "/j/"+sess.Code+"/resultater?lang=da"); strings.Contains(page, "data-truth") {
		t.Error("withdrawn by the form, the pupils' page still shows figures")
	}
}

// TestPupilResultsLeaveOutSensitiveTopics: a sensitive topic never reaches the pupils' page,
// as it never reaches the presenter.
func TestPupilResultsLeaveOutSensitiveTopics(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, map[string]any{
		"survey_id": "jeg-er-helt-normal-7-9", "class_label": "9.A", "grade": 9, "wave": "baseline",
		"expected_pupils": 25, "items": []string{"sleep", "lonely-often"}})
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	var sess struct{ ID, Code string }
	if err := json.Unmarshal([]byte(body), &sess); err != nil {
		t.Fatal(err)
	}
	answerAll(t, s, sess.Code, 22, func(i int) map[string]model.Answer {
		return map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "5"}, "lonely-often": {Self: "often", Perceived: "3"}}
	})
	closeSession(t, s, token, sess.ID)
	if status, body := releaseToPupils(t, s, token, sess.ID, map[string]any{"released": true}); status != http.StatusOK {
		t.Fatalf("release: %d %s", status, body)
	}
	_, page := get(t, s, "/j/"+sess.Code+"/resultater?lang=da")
	if !strings.Contains(page, `id="topic-sleep"`) || strings.Contains(page, "lonely-often") {
		t.Errorf("the pupils' page should show sleep and not the sensitive topic:\n%s", page)
	}
}
