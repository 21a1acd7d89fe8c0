package web_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// presenterClass is ten pupils with known answers on the short survey. Per topic, with the
// figures worked out by hand:
//
//	sleep (healthy)    7 of 10 sleep 8 h; guesses 4×3, 4×4, 2×5 → mean 0.38: thought 4, is 7, gap −32
//	phone-night        4 of 10; every guess 4 → thought 4, is 4, gap 0; healthy side 4: no majority
//	perfect-life (harmful) 3 of 10; every guess 4 → thought 4, is 3, gap +10; healthy side 7
//	lonely-sometimes   6 of 10 not lonely many times; guesses 8×5, 2×4 → mean 0.48: thought 5, is 6, gap −12
//	drunk (harmful)    2 of 10; guesses 5×6, 5×7 → mean 0.65: thought 7, is 2, gap +45; healthy 8
//	talk-adult         only 4 answered: suppressed
func presenterClass(i int) map[string]model.Answer {
	pick := func(first int, a, b string) string {
		if i < first {
			return a
		}
		return b
	}
	sleepGuess := []string{"3", "3", "3", "3", "4", "4", "4", "4", "5", "5"}[i]
	a := map[string]model.Answer{
		"sleep":            {Self: pick(7, "8plus", "lt7"), Perceived: sleepGuess},
		"phone-night":      {Self: pick(4, "other-room", "on-in-bed"), Perceived: "4"},
		"perfect-life":     {Self: pick(3, "often", "never"), Perceived: "4"},
		"lonely-sometimes": {Self: pick(6, "once", "many"), Perceived: pick(8, "5", "4")},
		"drunk":            {Self: pick(2, "once", "no"), Perceived: pick(5, "6", "7")},
	}
	if i < 4 {
		a["talk-adult"] = model.Answer{Self: "usually", Perceived: "9"}
	}
	return a
}

// answerAll posts n pupils' answers to a session.
func answerAll(t *testing.T, s *testServer, code string, n int, answers func(int) map[string]model.Answer) {
	t.Helper()
	for i := 0; i < n; i++ {
		if status, body := answer(t, s, code, submissionID(i), answers(i)); status != http.StatusCreated {
			t.Fatalf("pupil %d: %d %s", i, status, body)
		}
	}
}

func closeSession(t *testing.T, s *testServer, token, id string) {
	t.Helper()
	if status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+id+"/close", token, nil); status != http.StatusOK {
		t.Fatalf("close: %d %s", status, body)
	}
}

// present fetches the presenter page as the token's user.
func present(t *testing.T, s *testServer, token, id string, lang ...string) (*http.Response, string) {
	t.Helper()
	target := "/sessions/" + id + "/present"
	if len(lang) > 0 {
		target += "?lang=" + lang[0]
	}
	return get(t, s, target, "Authorization", "Bearer "+token)
}

var slideTag = regexp.MustCompile(`<section [^>]*aria-roledescription="slide"`)

// slide returns the HTML of the slide with the given id, or fails the test.
func slide(t *testing.T, body, id string) string {
	t.Helper()
	start := strings.Index(body, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no slide %q", id)
	}
	end := strings.Index(body[start:], "</section>")
	return body[start : start+end]
}

func TestPresenterShowsGuessThenTruthPerTopic(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Herning", "Brændgårdskolen", "t@herning.dk")
	sess := createClassSession(t, s, token, 10)
	answerAll(t, s, sess.Code, 10, presenterClass)
	closeSession(t, s, token, sess.ID)

	resp, body := present(t, s, token, sess.ID)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	title := slide(t, body, "slide-start")
	for _, want := range []string{"8.B", "Jeg er helt normal – kort", "10 elever har svaret"} {
		if !strings.Contains(title, want) {
			t.Errorf("title slide lacks %q:\n%s", want, title)
		}
	}
	// Title, six topics (one suppressed), the overview, the closing slide and the one that
	// releases the results to the pupils' phones.
	if n := len(slideTag.FindAllString(body, -1)); n != 10 {
		t.Errorf("%d slides, want 10", n)
	}
	topics := []struct {
		id, name      string
		guess, truth  int
		gap, healthy  string
		discussionOne string
	}{
		{"sleep", "Søvn", 4, 7, "Jeres gæt var 3 for lavt.", "7 af 10 i 8.B sover mindst 8 timer", "Hvad gør det nemt eller svært at komme i seng i ordentlig tid?"},
		{"phone-night", "Mobilen om natten", 4, 4, "Jeres gæt ramte tæt på.", "", "Hvad kan gøre det svært at lægge mobilen væk om aftenen?"},
		{"perfect-life", "Det perfekte liv", 4, 3, "Jeres gæt var 1 for højt.", "7 af 10 i 8.B føler ikke tit", "Hvad kan man gøre, når et opslag giver en dårlig følelse?"},
		{"lonely-sometimes", "Ensom en gang imellem", 5, 6, "Jeres gæt var 1 for lavt.", "6 af 10 i 8.B har ikke følt sig ensomme", "Hvad kan man gøre, hvis man ser en, der går alene?"},
		{"drunk", "Alkohol", 7, 2, "Jeres gæt var 5 for højt.", "8 af 10 i 8.B har ikke været rigtig fulde de seneste 30 dage", "Hvordan kan man sige nej tak til alkohol, så det er nemt for alle?"},
	}
	last := 0
	for _, tc := range topics {
		at := strings.Index(body, `id="topic-`+tc.id+`"`)
		if at < last {
			t.Errorf("topic %s is out of the session's order", tc.id)
		}
		last = at
		if !strings.Contains(body, `class="slide slide-topic has-reveal" id="topic-`+tc.id+`"`) {
			t.Errorf("slide %s is not a slide with a reveal", tc.id)
		}
		html := slide(t, body, "topic-"+tc.id)
		for _, want := range []string{
			tc.name,
			fmt.Sprintf("I troede %d af 10", tc.guess), fmt.Sprintf("Det er %d af 10", tc.truth),
			tc.gap, tc.discussionOne, `href="/materials/topics/` + tc.id + `"`, "Undervisningsmateriale",
		} {
			if !strings.Contains(html, want) {
				t.Errorf("slide %s lacks %q", tc.id, want)
			}
		}
		// The truth is part of the reveal: shown without JavaScript, hidden by the script
		// until the key press.
		if !regexp.MustCompile(`class="verdict-truth" data-reveal`).MatchString(html) {
			t.Errorf("slide %s: the truth is not marked as the reveal", tc.id)
		}
		if tc.healthy != "" && !strings.Contains(html, tc.healthy) {
			t.Errorf("slide %s lacks the healthy majority %q", tc.id, tc.healthy)
		}
		if tc.healthy == "" && strings.Contains(html, "normal-line") {
			t.Errorf("slide %s shows a healthy majority it does not have", tc.id)
		}
	}

	// talk-adult: four answers, fewer than the minimum group: no figure on its slide.
	if !strings.Contains(body, `class="slide slide-topic slide-suppressed" id="topic-talk-adult"`) {
		t.Errorf("talk-adult is not a suppressed slide")
	}
	suppressed := slide(t, body, "topic-talk-adult")
	if !strings.Contains(suppressed, "Der er for få svar på dette emne") {
		t.Errorf("suppressed slide lacks its message:\n%s", suppressed)
	}
	for _, figure := range []string{"I troede", "Det er ", "af 10", "<svg", "has-reveal"} {
		if strings.Contains(suppressed, figure) {
			t.Errorf("suppressed slide shows %q", figure)
		}
	}

	// The overview ranks by the size of the gap: drunk 45, sleep 32, lonely 12, perfect 10, phone 0.
	overview := slide(t, body, "slide-overview")
	order := []string{"Alkohol", "Søvn", "Ensom en gang imellem", "Det perfekte liv", "Mobilen om natten"}
	pos := -1
	for _, name := range order {
		i := strings.Index(overview, name)
		if i <= pos {
			t.Errorf("overview order: %q at %d, after %d", name, i, pos)
		}
		pos = i
	}
	if strings.Contains(overview, "At tale med en voksen") {
		t.Errorf("the overview ranks a suppressed topic")
	}
	if !strings.Contains(overview, "I troede 7 · Det er 2") || !strings.Contains(overview, "5 for højt") {
		t.Errorf("overview lacks drunk's figures:\n%s", overview)
	}

	// The closing slide: the healthy majorities, largest first.
	closing := slide(t, body, "slide-end")
	lines := []string{
		"8 af 10 i 8.B har ikke været rigtig fulde de seneste 30 dage",
		"7 af 10 i 8.B sover mindst 8 timer, når der er skole dagen efter",
		"7 af 10 i 8.B føler ikke tit, at andre har et bedre liv, når de ser på sociale medier",
		"6 af 10 i 8.B har ikke følt sig ensomme eller udenfor mange gange den seneste måned",
	}
	if !strings.Contains(closing, "Det er helt normalt at …") {
		t.Errorf("closing slide lacks its heading:\n%s", closing)
	}
	pos = -1
	for _, line := range lines {
		i := strings.Index(closing, line)
		if i <= pos {
			t.Errorf("closing slide: %q at %d, after %d", line, i, pos)
		}
		pos = i
	}
	if strings.Contains(closing, "Mobilen") || strings.Contains(closing, "mobilen") {
		t.Errorf("closing slide lists a topic without a healthy majority")
	}

	// The page is one static script, no inline code or style, under the strict CSP.
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q", csp)
	}
	for _, tag := range inlineScript.FindAllString(body, -1) {
		if tag != `<script src="/static/js/presenter.js" defer>` {
			t.Errorf("unexpected script tag %s", tag)
		}
	}
	if regexp.MustCompile(`\sstyle=`).MatchString(body) || strings.Contains(body, "<style") {
		t.Error("the page has inline style")
	}
	if regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
		t.Error("the page has an inline event handler")
	}
	if !strings.Contains(body, `role="status" aria-live="polite"`) || !strings.Contains(body, `data-slide-of="Slide {n} af {total}"`) {
		t.Error("the page lacks the live region or its slide text")
	}
}

func TestPresenterInEnglishAndOnlyInStaffLanguages(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Ikast-Brande", "Ikast Nordre Skole", "t@ikast.dk")
	sess := createClassSession(t, s, token, 10, "drunk")
	answerAll(t, s, sess.Code, 10, func(i int) map[string]model.Answer {
		return map[string]model.Answer{"drunk": presenterClass(i)["drunk"]}
	})
	closeSession(t, s, token, sess.ID)

	_, body := present(t, s, token, sess.ID, "en")
	for _, want := range []string{`<html lang="en"`, "You thought 7 of 10", "It is 2 of 10", "Your guess was 5 too high.",
		"How can you say no thanks to alcohol", "It&#39;s completely normal to …", "8 of 10 in 8.B have not been really drunk in the last 30 days"} {
		if !strings.Contains(body, want) {
			t.Errorf("English presenter lacks %q", want)
		}
	}
	// Staff pages are in Danish and English only.
	_, body = present(t, s, token, sess.ID, "uk")
	if !strings.Contains(body, `<html lang="da"`) {
		t.Errorf("a pupil-only language reached the presenter")
	}
}

func TestPresenterWaitsUntilTheSessionIsClosed(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Holstebro", "Sønderland Skole", "t@holstebro.dk")
	sess := createClassSession(t, s, token, 10)
	answerAll(t, s, sess.Code, 10, presenterClass)

	resp, body := present(t, s, token, sess.ID)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if n := len(slideTag.FindAllString(body, -1)); n != 1 || !strings.Contains(body, "Resultaterne kommer, når undersøgelsen er lukket") {
		t.Errorf("open session: %d slides, want only the waiting slide", n)
	}
	for _, figure := range []string{"I troede", "Det er ", "af 10"} {
		if strings.Contains(body, figure) {
			t.Errorf("open session shows %q", figure)
		}
	}

	closeSession(t, s, token, sess.ID)
	_, body = present(t, s, token, sess.ID)
	if strings.Contains(body, "Resultaterne kommer") || !strings.Contains(body, "I troede 7 af 10") {
		t.Errorf("closed session does not show its results")
	}
}

func TestPresenterOfAClassOfFourShowsOnlyTooFewAnswers(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Struer", "Bremdal Skole", "t@struer.dk")
	sess := createClassSession(t, s, token, 4)
	answerAll(t, s, sess.Code, 4, presenterClass)
	closeSession(t, s, token, sess.ID)

	_, body := present(t, s, token, sess.ID)
	if n := len(slideTag.FindAllString(body, -1)); n != 1 {
		t.Errorf("%d slides, want 1", n)
	}
	if !strings.Contains(body, "Der er for få svar til at vise resultater") || !strings.Contains(body, "mindst 5 svar") {
		t.Errorf("the too-few slide lacks its message")
	}
	for _, figure := range []string{"I troede", "Det er ", "af 10", "<svg", "elever har svaret"} {
		if strings.Contains(body, figure) {
			t.Errorf("a suppressed session shows %q", figure)
		}
	}
}

func TestPresenterOfAnotherSchoolIsNotFound(t *testing.T) {
	s := newServer(t)
	owner, _ := seedTeacher(t, s, "Favrskov", "Hadsten Skole", "a@favrskov.dk")
	other, _ := seedTeacher(t, s, "Favrskov", "Hinnerup Skole", "b@favrskov.dk")
	sess := createClassSession(t, s, owner, 10)
	answerAll(t, s, sess.Code, 10, presenterClass)
	closeSession(t, s, owner, sess.ID)

	resp, body := present(t, s, other, sess.ID)
	if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "I troede") {
		t.Errorf("another school's teacher: %d", resp.StatusCode)
	}
	if resp, _ := get(t, s, "/sessions/"+sess.ID+"/present"); resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		t.Errorf("signed out: %d", resp.StatusCode)
	}
}

// The class label is checked when a session is made through the API; one stored by other
// means must still render as text.
func TestPresenterRendersMarkupInTheClassLabelInert(t *testing.T) {
	s := newServer(t)
	token, schoolID := seedTeacher(t, s, "Norddjurs", "Grenaa Skole", "t@norddjurs.dk")
	ctx := context.Background()
	label := `</script><script>alert(1)</script>`
	sess := &model.Session{ID: store.NewID(), SurveyID: "jeg-er-helt-normal-kort", SurveyVersion: 1,
		Items: []string{"sleep", "drunk"}, ClassLabel: label, Grade: 8, Wave: model.Wave("baseline"), ExpectedPupils: 10,
		SchoolID: schoolID, Municipality: "Norddjurs", Status: model.StatusClosed, CreatedDay: "2026-10-01",
		ClosedDay: "2026-10-01", SchoolYear: "2026/27"}
	if err := s.st.CreateSession(ctx, sess, func() (string, error) { return "XSSXSS", nil }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		r := &model.Response{ID: store.NewID(), SessionID: sess.ID, SubmissionID: submissionID(i), SurveyID: sess.SurveyID,
			SurveyVersion: 1, Lang: "da", Day: "2026-10-01", Answers: presenterClass(i)}
		if err := s.st.InsertResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	resp, body := present(t, s, token, sess.ID)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if strings.Contains(body, label) || strings.Contains(body, "<script>alert") {
		t.Errorf("the label reached the page as markup")
	}
	if !strings.Contains(body, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the label is not shown as text")
	}
	for _, tag := range inlineScript.FindAllString(body, -1) {
		if !strings.Contains(tag, ` src="/static/`) {
			t.Errorf("inline script %s", tag)
		}
	}
	if !strings.Contains(body, "8 af 10 i &lt;/script&gt;") {
		t.Errorf("the closing slide does not carry the escaped label")
	}
}

func TestPresenterScriptAndStylesAreServed(t *testing.T) {
	s := newServer(t)
	resp, body := get(t, s, "/static/js/presenter.js")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "requestFullscreen") || !strings.Contains(body, "ArrowRight") {
		t.Errorf("presenter.js: %d", resp.StatusCode)
	}
	_, css := get(t, s, "/static/css/app.css")
	for _, want := range []string{"body.presenter", ".deck.is-live .slide:not(.is-current)", "@media print"} {
		if !strings.Contains(css, want) {
			t.Errorf("app.css lacks %q", want)
		}
	}
}
