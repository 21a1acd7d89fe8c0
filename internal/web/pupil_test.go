package web_test

import (
	"context"
	"html"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/surveys"
)

// shortSurvey is the short survey the pupil tests answer.
func shortSurvey(t *testing.T) *survey.Survey {
	t.Helper()
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range all {
		if sv.ID == "jeg-er-helt-normal-kort" {
			return sv
		}
	}
	t.Fatal("survey jeg-er-helt-normal-kort not found")
	return nil
}

// openPupilSession stores an open session of the short survey with all its topics, the way a
// teacher's "start" would.
func openPupilSession(t *testing.T, s *testServer, sv *survey.Survey, expected int) *model.Session {
	t.Helper()
	sess := &model.Session{
		ID: store.NewID(), SurveyID: sv.ID, SurveyVersion: sv.Version, ClassLabel: "8.B", Grade: 8,
		Wave: model.WaveBaseline, ExpectedPupils: expected, SchoolID: "school-1", Municipality: "Aarhus",
		TeacherID: "teacher-1", Status: model.StatusOpen, CreatedDay: "2026-09-01", SchoolYear: "2026/27",
	}
	for _, it := range sv.Items {
		sess.Items = append(sess.Items, it.ID)
	}
	if err := s.st.CreateSession(context.Background(), sess, classroom.NewCode); err != nil {
		t.Fatal(err)
	}
	return sess
}

// pupilBrowser is one pupil's browser without JavaScript: it keeps its cookies (language, CSRF)
// and posts forms the way a browser does.
type pupilBrowser struct {
	t       *testing.T
	s       *testServer
	cookies map[string]string
	headers []string
}

func newPupilBrowser(t *testing.T, s *testServer, headers ...string) *pupilBrowser {
	return &pupilBrowser{t: t, s: s, cookies: map[string]string{}, headers: headers}
}

func (b *pupilBrowser) send(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	for i := 0; i+1 < len(b.headers); i += 2 {
		req.Header.Set(b.headers[i], b.headers[i+1])
	}
	for name, value := range b.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	resp, body := b.s.do(b.t, req)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return resp, body
}

func (b *pupilBrowser) get(target string) (*http.Response, string) {
	b.t.Helper()
	return b.send(httptest.NewRequest(http.MethodGet, target, nil))
}

func (b *pupilBrowser) post(target string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.send(req)
}

var hiddenField = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// formHiddenFields are the hidden inputs of a page's form, as the browser would post them.
func formHiddenFields(t *testing.T, page string) url.Values {
	t.Helper()
	out := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(page, -1) {
		out.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, name := range []string{"_csrf", "submission_id", "lang"} {
		if !out.Has(name) {
			t.Fatalf("the form lacks the hidden field %s", name)
		}
	}
	return out
}

// openForm loads the survey page and returns the fields a browser would post with it.
func (b *pupilBrowser) openForm(code string) url.Values {
	b.t.Helper()
	resp, page := b.get("/j/" + code)
	if resp.StatusCode != http.StatusOK {
		b.t.Fatalf("GET /j/%s: status %d\n%s", code, resp.StatusCode, page)
	}
	return formHiddenFields(b.t, page)
}

// checkedChoices lists the radios a page shows as chosen, as "name=value".
func checkedChoices(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<input type="radio" name="([^"]+)" value="([^"]*)" checked>`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1]+"="+m[2])
	}
	slices.Sort(out)
	return out
}

func storedResponses(t *testing.T, s *testServer, sessionID string) int {
	t.Helper()
	n, err := s.st.CountResponses(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// pupilAnswers picks pupil i's answers deterministically: every topic answered, some
// questions skipped with "Vil ikke svare", some left untouched.
func pupilAnswers(sv *survey.Survey, i int) (url.Values, map[string]model.Answer) {
	form, want := url.Values{}, map[string]model.Answer{}
	for j, it := range sv.Items {
		var a model.Answer
		switch (i + j) % 6 {
		case 0: // "Vil ikke svare" on both
			form.Set("a."+it.ID+".self", "")
			form.Set("a."+it.ID+".perceived", "")
		case 1: // nothing chosen at all
		default:
			a.Self = it.Self.Options[(i+j)%len(it.Self.Options)].ID
			form.Set("a."+it.ID+".self", a.Self)
			if (i+j)%5 != 0 {
				scale := sv.Scale(&sv.Items[j])
				a.Perceived = scale[(3*i+j)%len(scale)].ID
				form.Set("a."+it.ID+".perceived", a.Perceived)
			}
		}
		if a != (model.Answer{}) {
			want[it.ID] = a
		}
	}
	return form, want
}

func TestClassAnswersWithoutJavaScript(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 25)
	ids := map[string]bool{}
	for i := range 25 {
		b := newPupilBrowser(t, s)
		form := b.openForm(strings.ToLower(sess.Code)) // typed from the board in small letters
		id := form.Get("submission_id")
		if len(id) < 22 || ids[id] {
			t.Fatalf("pupil %d got submission id %q (seen before: %v)", i, id, ids[id])
		}
		ids[id] = true
		answers, want := pupilAnswers(sv, i)
		maps.Copy(form, answers)
		resp, body := b.post("/j/"+sess.Code, form)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/j/"+sess.Code+"/tak" {
			t.Fatalf("pupil %d: status %d, location %q\n%s", i, resp.StatusCode, resp.Header.Get("Location"), body)
		}
		resp, body = b.get(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Tak for dine svar!") {
			t.Fatalf("pupil %d: thank-you page %d\n%s", i, resp.StatusCode, body)
		}
		stored, err := s.st.ResponseBySubmission(context.Background(), sess.ID, id)
		if err != nil {
			t.Fatalf("pupil %d: %v", i, err)
		}
		if !maps.Equal(stored.Answers, want) || stored.Lang != "da" {
			t.Errorf("pupil %d: stored %v in %q, chose %v", i, stored.Answers, stored.Lang, want)
		}
	}
	if n := storedResponses(t, s, sess.ID); n != 25 {
		t.Errorf("the class of 25 left %d responses", n)
	}
}

func TestSameFormPostedTwiceCountsOnce(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	b := newPupilBrowser(t, s)
	form := b.openForm(sess.Code)
	answers, _ := pupilAnswers(sv, 2)
	maps.Copy(form, answers)
	for attempt := range 2 { // the pupil taps "Send" again because the Wi-Fi was slow
		resp, _ := b.post("/j/"+sess.Code, form)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/tak") {
			t.Fatalf("attempt %d: status %d, location %q", attempt, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	if n := storedResponses(t, s, sess.ID); n != 1 {
		t.Errorf("posting the same form twice left %d responses", n)
	}
}

func TestInvalidAnswerShowsTheFormAgainWithTheChoicesKept(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	b := newPupilBrowser(t, s)
	form := b.openForm(sess.Code)
	form.Set("a.sleep.self", "8plus")
	form.Set("a.sleep.perceived", "11") // not a step of the scale (a stale or tampered form)
	form.Set("a.drunk.self", "")        // "Vil ikke svare"
	resp, page := b.post("/j/"+sess.Code, form)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !strings.Contains(page, `role="alert"`) || !strings.Contains(page, "Dine svar er ikke sendt endnu") ||
		!strings.Contains(page, `<a href="#q-sleep-perceived">Søvn: Vælg dit svar igen.</a>`) {
		t.Errorf("no error summary linking to the question:\n%s", page)
	}
	if !strings.Contains(page, `id="q-sleep-perceived" aria-describedby="q-sleep-perceived-error"`) {
		t.Errorf("the question is not marked as the one at fault")
	}
	if got, want := checkedChoices(page), []string{"a.drunk.self=", "a.sleep.self=8plus"}; !slices.Equal(got, want) {
		t.Errorf("choices after the error = %v, want %v", got, want)
	}
	if formHiddenFields(t, page).Get("submission_id") != form.Get("submission_id") {
		t.Errorf("the form lost its submission id, so a retry would count twice")
	}
	if n := storedResponses(t, s, sess.ID); n != 0 {
		t.Errorf("an invalid form stored %d responses", n)
	}
}

// A fresh form's topics are rendered once and kept (survey.go); one pupil's choices and
// errors, or language, must never reach another pupil's form.
func TestAnotherPupilsChoicesNeverShowOnAFreshForm(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	first := newPupilBrowser(t, s)
	form := first.openForm(sess.Code)
	form.Set("a.sleep.self", "8plus")
	form.Set("a.sleep.perceived", "11")
	if resp, _ := first.post("/j/"+sess.Code, form); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d", resp.StatusCode)
	}

	_, page := get(t, s, "/j/"+sess.Code)
	if got := checkedChoices(page); len(got) != 0 {
		t.Errorf("a fresh form shows choices %v", got)
	}
	if strings.Contains(page, "has-error") || strings.Contains(page, "aria-describedby=\"q-") {
		t.Errorf("a fresh form shows another pupil's error")
	}
	_, english := get(t, s, "/j/"+sess.Code+"?lang=en")
	if !strings.Contains(english, "About you") || strings.Contains(english, "Om dig") {
		t.Errorf("the English form is not in English:\n%s", english)
	}
	_, again := get(t, s, "/j/"+sess.Code)
	if topics(again) != topics(page) || !strings.Contains(again, "Om dig") {
		t.Errorf("the Danish form changed after the English one was shown")
	}
}

// topics is the part of a survey page with the topics.
func topics(page string) string {
	start, end := strings.Index(page, `<fieldset class="card topic"`), strings.Index(page, `<div class="stepper"`)
	if start < 0 || end < start {
		return ""
	}
	return page[start:end]
}

func TestUnknownCodeGivesTheCodeFormBack(t *testing.T) {
	s := newServer(t)
	b := newPupilBrowser(t, s)
	b.get("/") // the start page gives the browser its CSRF cookie
	for _, req := range []func() (*http.Response, string){
		func() (*http.Response, string) { return b.get("/j/ZZZ222") },
		func() (*http.Response, string) {
			return b.post("/j/ZZZ222", url.Values{"_csrf": {b.cookies["hn_csrf"]}, "submission_id": {"abcdefghijklmnopqrstuv"}})
		},
	} {
		resp, page := req()
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(page, "Vi kan ikke finde koden ZZZ222") ||
			!strings.Contains(page, `<form class="code-form" action="/j"`) || !strings.Contains(page, `value="ZZZ222"`) {
			t.Errorf("status %d, page:\n%s", resp.StatusCode, page)
		}
	}
}

func TestClosedSurveyTellsThePupil(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	b := newPupilBrowser(t, s)
	form := b.openForm(sess.Code)
	answers, _ := pupilAnswers(sv, 3)
	maps.Copy(form, answers)
	if _, err := s.st.SetSessionStatus(context.Background(), sess.ID, model.StatusClosed, "2026-09-01"); err != nil {
		t.Fatal(err)
	}
	for _, page := range []func() (*http.Response, string){
		func() (*http.Response, string) { return b.post("/j/"+sess.Code, form) }, // the form was open when the teacher closed
		func() (*http.Response, string) { return b.get("/j/" + sess.Code) },
	} {
		resp, body := page()
		if resp.StatusCode != http.StatusGone || !strings.Contains(body, "Din lærer har lukket undersøgelsen") ||
			!strings.Contains(body, "116 111") || strings.Contains(body, `name="a.`) {
			t.Errorf("status %d, page:\n%s", resp.StatusCode, body)
		}
	}
	if n := storedResponses(t, s, sess.ID); n != 0 {
		t.Errorf("a closed survey stored %d responses", n)
	}
}

func TestFullSurveyTellsThePupil(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 1) // takes 1 + 2 extra answers
	var forms []url.Values
	var browsers []*pupilBrowser
	for i := range 4 { // four pupils open the form before anyone sends
		b := newPupilBrowser(t, s)
		form := b.openForm(sess.Code)
		answers, _ := pupilAnswers(sv, i)
		maps.Copy(form, answers)
		forms, browsers = append(forms, form), append(browsers, b)
	}
	for i := range 3 {
		if resp, _ := browsers[i].post("/j/"+sess.Code, forms[i]); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("pupil %d: status %d", i, resp.StatusCode)
		}
	}
	resp, body := browsers[3].post("/j/"+sess.Code, forms[3])
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Undersøgelsen har fået alle de svar, den venter på") {
		t.Errorf("fourth pupil: status %d\n%s", resp.StatusCode, body)
	}
	if resp, body := newPupilBrowser(t, s).get("/j/" + sess.Code); resp.StatusCode != http.StatusConflict || strings.Contains(body, `name="a.`) {
		t.Errorf("opening a full survey: status %d\n%s", resp.StatusCode, body)
	}
	if n := storedResponses(t, s, sess.ID); n != 3 {
		t.Errorf("a full survey has %d responses, want 3", n)
	}
}

func TestLanguageSwitchKeepsTheChoices(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	b := newPupilBrowser(t, s)
	form := b.openForm(sess.Code)
	form.Set("a.sleep.self", "lt7")
	form.Set("a.sleep.perceived", "7")
	form.Set("a.phone-night.self", "")
	form.Set("switch_lang", "en")

	// The button's formaction adds ?lang=en; an old browser without formaction posts to the
	// form's action.
	for _, target := range []string{"/j/" + sess.Code + "?lang=en", "/j/" + sess.Code} {
		resp, page := b.post(target, form)
		if resp.StatusCode != http.StatusOK || !strings.Contains(page, `<html lang="en" dir="ltr">`) ||
			!strings.Contains(page, "How many hours do you usually sleep") || !strings.Contains(page, "Topic 1 of 6") {
			t.Fatalf("%s: status %d, page not in English:\n%s", target, resp.StatusCode, page)
		}
		if got, want := checkedChoices(page), []string{"a.phone-night.self=", "a.sleep.perceived=7", "a.sleep.self=lt7"}; !slices.Equal(got, want) {
			t.Errorf("%s: choices after the switch = %v, want %v", target, got, want)
		}
		kept := formHiddenFields(t, page)
		if kept.Get("submission_id") != form.Get("submission_id") || kept.Get("lang") != "en" {
			t.Errorf("%s: hidden fields after the switch = %v", target, kept)
		}
		if !strings.Contains(page, `name="switch_lang" value="da"`) {
			t.Errorf("%s: no way back to Danish", target)
		}
	}
	if n := storedResponses(t, s, sess.ID); n != 0 {
		t.Errorf("switching language stored %d responses", n)
	}
	// The choice sticks: the thank-you page after sending is in English too.
	delete(form, "switch_lang")
	form.Set("lang", "en")
	resp, _ := b.post("/j/"+sess.Code, form)
	if _, page := b.get(resp.Header.Get("Location")); !strings.Contains(page, "Thank you for your answers!") {
		t.Errorf("thank-you page not in English:\n%s", page)
	}
	stored, err := s.st.ResponseBySubmission(context.Background(), sess.ID, form.Get("submission_id"))
	if err != nil || stored.Lang != "en" || stored.Answers["sleep"] != (model.Answer{Self: "lt7", Perceived: "7"}) {
		t.Errorf("stored %+v, %v", stored, err)
	}
}

func TestSurveyPageIsAccessibleAndLeavesNothingBehind(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	resp, page := newPupilBrowser(t, s).get("/j/" + sess.Code)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q: the back button could bring the answers back", cc)
	}
	for _, want := range []string{
		`<html lang="da" dir="ltr">`,
		`<form class="survey" id="survey" method="post" action="/j/` + sess.Code + `" autocomplete="off"`,
		`<script src="/static/js/survey.js" defer></script>`,
		"<h1>Jeg er helt normal – kort</h1>", "Det her er ikke en prøve.",
		`<button type="submit" class="send-button">Send mine svar</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, " style=") || regexp.MustCompile(`<script>|<style|\son[a-z]+=`).MatchString(page) {
		t.Errorf("page has inline script or style")
	}
	if regexp.MustCompile(`(src|href|action)="https?://`).MatchString(page) {
		t.Errorf("page loads something from another host")
	}
	// Every topic in the session's order, as a fieldset with the topic as its legend.
	topics := regexp.MustCompile(`<fieldset class="card topic" id="t-([a-z0-9-]+)"`).FindAllStringSubmatch(page, -1)
	var order []string
	for _, m := range topics {
		order = append(order, m[1])
	}
	if !slices.Equal(order, sess.Items) {
		t.Errorf("topics %v, want %v", order, sess.Items)
	}
	if !strings.Contains(page, `<span class="topic-count">Emne 3 af 6</span> <span class="topic-name">Det perfekte liv</span>`) {
		t.Errorf("topic 3 is not headed \"Emne 3 af 6 Det perfekte liv\"")
	}
	// Every radio sits inside its label; nothing is chosen in advance.
	radios := strings.Count(page, `<input type="radio"`)
	labelled := len(regexp.MustCompile(`<label class="answer[^"]*"><input type="radio" name="[^"]+" value="[^"]*"> <span>[^<]+</span></label>`).FindAllString(page, -1))
	if radios == 0 || radios != labelled {
		t.Errorf("%d radios, %d of them with a label", radios, labelled)
	}
	if strings.Contains(page, " checked") {
		t.Errorf("an answer is chosen in advance")
	}
	// Every question (two per topic) has "Vil ikke svare" as an empty value.
	questions := regexp.MustCompile(`<fieldset class="question" id="q-[a-z0-9-]+-(self|perceived)">\s*<legend>`).FindAllString(page, -1)
	skips := regexp.MustCompile(`<input type="radio" name="a\.[a-z0-9-]+\.(self|perceived)" value=""> <span>Vil ikke svare</span>`).FindAllString(page, -1)
	if len(questions) != 2*len(sess.Items) || len(skips) != len(questions) {
		t.Errorf("%d questions, %d skip options; want %d each", len(questions), len(skips), 2*len(sess.Items))
	}
	if form := formHiddenFields(t, page); form.Get("_csrf") == "" || len(form.Get("submission_id")) < 22 || form.Get("lang") != "da" {
		t.Errorf("hidden fields %v", form)
	}
}

func TestThankYouPageOffersHelp(t *testing.T) {
	s := newServer(t)
	sess := openPupilSession(t, s, shortSurvey(t), 20)
	for lang, want := range map[string][]string{
		"da": {"Tak for dine svar!", "ser I resultaterne sammen i klassen", "Ingen kan se, hvad du har svaret", "Sundhedsplejersken"},
		"en": {"Thank you for your answers!", "look at the results together in class", "Nobody can see what you answered", "school nurse"},
	} {
		resp, page := newPupilBrowser(t, s).get("/j/" + sess.Code + "/tak?lang=" + lang)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("%s: status %d, Cache-Control %q", lang, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		want = append(want, `<a class="phone" href="tel:116111" dir="ltr">116 111</a>`, "bornetelefonen.dk", "headspace.dk",
			`data-forget="`+sess.Code+`"`, `<script src="/static/js/survey.js" defer></script>`)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: thank-you page lacks %q", lang, w)
			}
		}
		// Links to the help lines' own sites are for the pupil to follow; nothing is loaded
		// from another host (no src, no stylesheet or icon link).
		if regexp.MustCompile(`src="https?://|<link[^>]+href="https?://`).MatchString(page) {
			t.Errorf("%s: thank-you page loads something from another host", lang)
		}
		for _, a := range regexp.MustCompile(`<a [^>]*href="https?://[^"]*"`).FindAllString(page, -1) {
			if !regexp.MustCompile(`href="https://(bornetelefonen\.dk|www\.livslinien\.dk|headspace\.dk)"`).MatchString(a) {
				t.Errorf("%s: a link to an unexpected site: %s", lang, a)
			}
		}
		// The offer to keep the guesses is for the script to show: without JavaScript nothing
		// can be kept on the phone, so nothing is offered.
		if !regexp.MustCompile(`<div class="keep-guesses" id="keep-guesses" data-guesses="`+sess.Code+`" hidden>`).MatchString(page) ||
			!strings.Contains(page, `href="/j/`+sess.Code+`/resultater"`) {
			t.Errorf("%s: thank-you page lacks the hidden offer to keep the guesses or the link to the results", lang)
		}
	}
	if resp, _ := newPupilBrowser(t, s).get("/j/ZZZ222/tak"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("thank-you page of an unknown code: status %d", resp.StatusCode)
	}
}

func TestFormPostWithoutCSRFTokenIsRefused(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	b := newPupilBrowser(t, s)
	form := b.openForm(sess.Code)
	form.Set("a.sleep.self", "8plus")
	form.Del("_csrf")
	if resp, _ := b.post("/j/"+sess.Code, form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a form without its token: status %d", resp.StatusCode)
	}
	if n := storedResponses(t, s, sess.ID); n != 0 {
		t.Errorf("stored %d responses", n)
	}
}

func TestSurveyScriptIsSmallAndSelfContained(t *testing.T) {
	s := newServer(t)
	resp, js := get(t, s, "/static/js/survey.js")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if len(js) > 10*1024 {
		t.Errorf("survey.js is %d bytes; pupils on slow Wi-Fi wait for it", len(js))
	}
	for _, banned := range []string{"http://", "https://", "eval(", "innerHTML", "document.cookie"} {
		if strings.Contains(js, banned) {
			t.Errorf("survey.js contains %q", banned)
		}
	}
}
