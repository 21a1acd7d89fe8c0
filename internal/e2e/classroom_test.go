package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/pdftest"
)

// topicAnswer is what one pupil answers to one topic of the short survey ("" leaves a
// question untouched, skip chooses "Vil ikke svare").
type topicAnswer struct{ item, self, perceived string }

// The six pupils' answers. Sleep: five of six sleep 8 hours or more ("Det er 8 af 10"); the
// guesses 5, 4, 6, 3, 7 and 0 average 4.2 ("I troede 4 af 10"). The keyboard pupil takes the
// first answer of every question.
var (
	startPagePupil = []topicAnswer{{"sleep", "8plus", "5"}, {"phone-night", "other-room", "4"}, {"perfect-life", "never", "5"},
		{"lonely-sometimes", "no", "3"}, {"drunk", "no", "4"}, {"talk-adult", "usually", "6"}}
	qrPupil = []topicAnswer{{"sleep", "8plus", "4"}, {"phone-night", "off-nearby", "3"}, {"perfect-life", "sometimes", "6"},
		{"lonely-sometimes", "once", "4"}, {"drunk", "no-alcohol", "5"}, {"talk-adult", "sometimes", "5"}}
	noScriptPupil = []topicAnswer{{"sleep", "8plus", "6"}, {"phone-night", "on-in-bed", "5"}, {"perfect-life", skip, skip},
		{"lonely-sometimes", "few", "2"}, {"drunk", "no", "3"}, {"talk-adult", "usually", "7"}}
	phonePupil = []topicAnswer{{"sleep", "8plus", "3"}, {"phone-night", "other-room", "2"}, {"perfect-life", "never", "4"},
		{"lonely-sometimes", "no", "3"}, {"drunk", "no", "6"}, {"talk-adult", "rarely", "5"}}
	offlinePupil = []topicAnswer{{"sleep", "8plus", "7"}, {"phone-night", "off-nearby", "6"}, {"perfect-life", "often", "5"},
		{"lonely-sometimes", "once", "4"}, {"drunk", "once", "5"}, {"talk-adult", "usually", "4"}}
)

// TestClassroomFlow is a lesson from start to end in real browsers: the teacher logs in,
// starts a session and shows the projector; six pupils on six devices join and answer —
// by typing the code, by the QR code's address (in Arabic), without JavaScript, on a phone,
// through a Wi-Fi drop, and with the keyboard alone — and the projector counts them; the
// teacher closes and steps through the presenter with the arrow key and downloads a poster;
// the municipality's SSP consultant finds the class on the dashboard.
func TestClassroomFlow(t *testing.T) {
	s := newSite(t)
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	s.user("ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")

	// The teacher logs in and starts a survey for 8.B, 8 pupils expected.
	teacher := newTab(t, s.base, chromedp.EmulateViewport(1280, 900))
	teacher.login("laerer@skovvangskolen.dk", "/sessions")
	teacher.do(chromedp.Click(chromedp.CSS(`main a[href="/sessions/new"]`)))
	teacher.waitForPage("/sessions/new")
	teacher.do(
		chromedp.Click(chromedp.CSS(`label:has(> input[name="survey_id"][value="`+shortSurvey+`"])`)),
		chromedp.SendKeys(chromedp.ID("class_label"), "8.B"),
		chromedp.SetValue(chromedp.ID("grade"), "8"),
		chromedp.Click(chromedp.CSS(`label:has(> input[name="wave"][value="baseline"])`)),
		chromedp.Clear(chromedp.ID("expected_pupils")),
		chromedp.SendKeys(chromedp.ID("expected_pupils"), "8"),
		chromedp.Click(chromedp.CSS(`form[action="/sessions"] button[type="submit"]`)),
	)
	teacher.waitFor("the projector", `/^\/sessions\/[0-9a-f]+$/.test(location.pathname) && document.getElementById("counter") !== null`)
	sessionID := sessionIDFrom(t, teacher.location())
	code := teacher.text(".join-code")
	site := strings.TrimPrefix(s.base, "http://")
	if step := teacher.text(".join-step"); !regexp.MustCompile(`^[A-Z2-9]{6}$`).MatchString(code) || step != "Gå ind på "+site+" og skriv koden" {
		t.Fatalf("projector shows code %q and says %q", code, step)
	}
	if alt := eval[string](teacher, `document.querySelector("img.join-qr").alt`); !strings.Contains(alt, s.base+"/j/"+code) {
		t.Errorf("the QR code's text alternative lacks the join URL: %q", alt)
	}
	if got := teacher.text("#counter"); got != "0 af 8 har svaret" {
		t.Errorf("counter before anyone answered: %q", got)
	}
	teacher.waitFor("the QR code", `document.querySelector("img.join-qr").naturalWidth > 0`)

	t.Run("pupils", func(t *testing.T) {
		t.Run("types the code on the start page", func(t *testing.T) {
			t.Parallel()
			b := newTab(t, s.base)
			b.open("/")
			// Typed as a pupil might: lower case, with a space.
			b.typeInto("#code", strings.ToLower(code[:3])+" "+code[3:]+"\n")
			b.waitForPage("/j/" + code)
			b.answerStepByStep(startPagePupil)
			b.expectThanks(code)
		})

		t.Run("scans the QR code and answers in Arabic", func(t *testing.T) {
			t.Parallel()
			b := newTab(t, s.base)
			b.do(chromedp.Navigate(s.base + "/j/" + code)) // the address the QR code holds
			b.waitFor("the survey", `document.querySelector("form.stepped") !== null`)
			b.do(chromedp.Click(chromedp.CSS(`nav.langs a[lang="ar"]`)))
			b.waitFor("the Arabic survey", `document.documentElement.lang === "ar" && document.readyState === "complete" && document.querySelector("form.stepped") !== null`)
			b.answerStepByStep(qrPupil)
			b.expectThanks(code)
			if dir := eval[string](b, `document.documentElement.dir`); dir != "rtl" {
				t.Errorf("Arabic thank-you page has dir=%q", dir)
			}
		})

		t.Run("without JavaScript", func(t *testing.T) {
			t.Parallel()
			b := newTab(t, s.base, withoutJavaScript())
			b.open("/")
			b.typeInto("#code", code+"\n") // a plain GET form, answered with a redirect
			b.waitForPage("/j/" + code)
			// One plain form: every topic on the page, no stepping.
			if n := eval[int](b, `[...document.querySelectorAll("fieldset.topic")].filter(t => t.getClientRects().length > 0).length`); n != 6 {
				t.Errorf("%d topics visible without JavaScript, want all 6", n)
			}
			if b.visible("#stepper") {
				t.Error("the stepper shows without JavaScript")
			}
			for _, a := range noScriptPupil {
				b.choose(false, a.item, a.self, a.perceived)
			}
			b.do(chromedp.Click(chromedp.CSS(".send-button")))
			b.expectThanks(code)
		})

		t.Run("on a 360x640 phone", func(t *testing.T) {
			t.Parallel()
			b := newTab(t, s.base, phone(360, 640))
			b.touch = true
			b.open("/")
			b.typeInto("#code", code+"\n")
			b.waitForPage("/j/" + code)
			b.expectNoSideways(360)
			b.answerStepByStep(phonePupil)
			b.expectThanks(code)
			b.expectNoSideways(360)
		})

		t.Run("loses the Wi-Fi while answering", func(t *testing.T) {
			t.Parallel()
			b := newTab(t, s.base, phone(360, 640))
			b.do(chromedp.Navigate(s.base + "/j/" + code)) // typed from the board
			b.waitFor("the survey", `document.querySelector("form.stepped") !== null`)
			b.answerSome(offlinePupil[:3])
			// A reload (or a closed tab) keeps the answers and the place on the device.
			b.do(chromedp.Reload())
			b.waitFor("the survey after a reload", `document.querySelector("form.stepped") !== null`)
			if got := eval[string](b, currentTopic); got != "t-lonely-sometimes" {
				t.Errorf("after a reload the pupil is at %q, want the fourth topic", got)
			}
			for _, a := range offlinePupil[:3] {
				if !eval[bool](b, fmt.Sprintf(`document.querySelector('input[name="a.%s.self"][value="%s"]').checked`, a.item, a.self)) {
					t.Errorf("after a reload the answer to %s is gone", a.item)
				}
			}

			// The Wi-Fi drops: the rest is answered offline and the sending fails.
			b.setOffline(true)
			b.answerSome(offlinePupil[3:5])
			last := offlinePupil[5]
			b.choose(true, last.item, last.self, last.perceived)
			stored := eval[string](b, fmt.Sprintf(`localStorage.getItem("heltnormal:%s")`, code))
			for _, a := range offlinePupil {
				if !strings.Contains(stored, fmt.Sprintf(`"a.%s.self":"%s"`, a.item, a.self)) {
					t.Errorf("the device keeps no answer to %s: %s", a.item, stored)
				}
			}
			b.do(chromedp.Click(chromedp.CSS(".send-button")))
			offline := eval[string](b, `document.getElementById("survey").getAttribute("data-msg-offline")`)
			b.waitFor("the offline message", fmt.Sprintf(`document.getElementById("status").textContent === %q`, offline))
			if !strings.HasPrefix(b.location(), "/j/"+code) || strings.HasSuffix(b.location(), "/tak") {
				t.Fatalf("offline, the pupil left the survey for %s", b.location())
			}

			// The Wi-Fi comes back, but the first acknowledgement is lost on the way: the
			// server has counted the answers, the phone does not know. It sends again with
			// the same submission id, and the server answers 200, not a second 201.
			attempts := b.loseFirstAcknowledgement(func() { b.setOffline(false) })
			b.expectThanks(code)
			if len(attempts) != 2 {
				t.Fatalf("answers sent %d times after the Wi-Fi came back, want 2: %+v", len(attempts), attempts)
			}
			if attempts[0].status != 201 || attempts[1].status != 200 {
				t.Errorf("statuses %d then %d, want 201 (stored) then 200 (already stored)", attempts[0].status, attempts[1].status)
			}
			if attempts[0].submissionID == "" || attempts[0].submissionID != attempts[1].submissionID {
				t.Errorf("the retry changed the submission id: %q then %q", attempts[0].submissionID, attempts[1].submissionID)
			}
		})

		t.Run("with the keyboard alone", func(t *testing.T) {
			t.Parallel()
			b := newTab(t, s.base)
			b.open("/")
			b.tabTo("the code field", `document.activeElement.id === "code"`)
			b.do(chromedp.KeyEvent(code + kb.Enter))
			b.waitForPage("/j/" + code)
			b.waitFor("the survey", `document.querySelector("form.stepped") !== null`)
			for i, item := range []string{"sleep", "phone-night", "perfect-life", "lonely-sometimes", "drunk", "talk-adult"} {
				for _, kind := range []string{"self", "perceived"} {
					name := "a." + item + "." + kind
					b.tabTo(name, fmt.Sprintf(`document.activeElement.name === %q`, name))
					b.do(chromedp.KeyEvent(" "))
					if !eval[bool](b, `document.activeElement.checked`) {
						t.Fatalf("Space did not choose an answer to %s", name)
					}
				}
				if i == 5 {
					b.tabTo("the send button", `document.activeElement.classList.contains("send-button")`)
					b.do(chromedp.KeyEvent(kb.Enter))
					break
				}
				b.tabTo("Næste", `document.activeElement.id === "step-next"`)
				b.do(chromedp.KeyEvent(kb.Enter))
				// The next topic is on screen and has the focus, so a screen reader reads it.
				b.waitFor("the focus on the next topic", `document.activeElement.classList.contains("topic-title") && document.activeElement.closest("fieldset.topic").hidden === false`)
			}
			b.expectThanks(code)
		})
	})
	if t.Failed() {
		t.FailNow()
	}

	// The projector follows the answers live (within two seconds, says the README; the
	// limit here is generous because CI machines run many tests at once).
	teacher.waitFor("6 of 8 on the projector", `document.getElementById("counter").textContent.trim() === "6 af 8 har svaret"`)
	if n := s.responses(sessionID); n != 6 {
		t.Errorf("%d responses stored, want 6 (each pupil counted once)", n)
	}

	// The teacher closes the session and presents the results with the arrow key.
	teacher.do(chromedp.Click(chromedp.CSS(`form[action="/sessions/` + sessionID + `/close"] button`)))
	teacher.waitFor("the closed session", `document.querySelector(".closed-banner") !== null`)
	teacher.do(chromedp.Click(chromedp.CSS(`a[href="/sessions/` + sessionID + `/present"]`)))
	teacher.waitForPage("/sessions/" + sessionID + "/present")
	teacher.waitFor("the slide show", `document.querySelector("#deck.is-live #slide-start.is-current") !== null`)
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	teacher.waitFor("the sleep slide", `document.querySelector(".slide.is-current").id === "topic-sleep"`)
	if got := teacher.text(".slide.is-current .verdict-guess"); !strings.Contains(got, "I troede 4 af 10") {
		t.Errorf("the guess says %q", got)
	}
	if teacher.visible(".slide.is-current .verdict-truth") {
		t.Error("the truth shows before the teacher reveals it")
	}
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	teacher.waitFor("the truth", `document.querySelector(".slide.is-current.is-revealed") !== null`)
	if !teacher.visible(".slide.is-current .verdict-truth") || !strings.Contains(teacher.text(".slide.is-current .verdict-truth"), "Det er 8 af 10") {
		t.Errorf("after → the truth is %q (visible %v)", teacher.text(".slide.is-current .verdict-truth"), teacher.visible(".slide.is-current .verdict-truth"))
	}
	if got := teacher.text("#deck-status"); !strings.Contains(got, "Det er 8 af 10") {
		t.Errorf("screen readers hear %q at the reveal", got)
	}
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	teacher.waitFor("the next topic", `document.querySelector(".slide.is-current").id === "topic-phone-night" && !document.querySelector(".slide.is-current").classList.contains("is-revealed")`)

	// The class picks its healthy majority for the campaign; its poster downloads as a PDF.
	teacher.open("/sessions/" + sessionID + "/campaign")
	teacher.do(
		chromedp.Click(chromedp.CSS(`label:has(> input[name="item"][value="sleep"])`)),
		chromedp.Click(chromedp.CSS(`form.campaign-form > button[type="submit"]`)),
	)
	teacher.waitFor("the class's posters", `document.querySelector(".poster-list") !== null && document.readyState === "complete"`)
	href := value(teacher, chromedp.AttributeValue(chromedp.CSS(`a[href*="poster.pdf"]`), "href"))
	if !href.Exists {
		t.Fatal("the campaign page has no poster link")
	}
	poster := eval[struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		Head   string `json:"head"`
		Size   int    `json:"size"`
	}](teacher, fmt.Sprintf(`fetch(%q).then(async r => { const b = new Uint8Array(await r.arrayBuffer());
		return {status: r.status, type: r.headers.get("Content-Type"), head: String.fromCharCode(...b.slice(0, 5)), size: b.length}; })`, href.Value))
	if poster.Status != 200 || poster.Type != "application/pdf" || poster.Head != "%PDF-" || poster.Size < 1000 {
		t.Errorf("poster %s: %+v", href.Value, poster)
	}

	// The SSP consultant lands on the municipality's dashboard and finds the class there.
	ssp := newTab(t, s.base, chromedp.EmulateViewport(1280, 900))
	ssp.login("ssp@aarhus.dk", "/ssp")
	ssp.do(
		chromedp.SetValue(chromedp.CSS(`form.ssp-filter select[name="survey_id"]`), shortSurvey),
		chromedp.Click(chromedp.CSS(`form.ssp-filter button[type="submit"]`)),
	)
	ssp.waitFor("the short survey's comparison", fmt.Sprintf(`new URLSearchParams(location.search).get("survey_id") === %q && document.readyState === "complete"`, shortSurvey))
	rows := eval[[][]string](ssp, `[...document.querySelectorAll("#topic-sleep tbody tr")].map(tr =>
		[...tr.cells].map(c => c.textContent.replace(/\s+/g, " ").replace("↳", "").trim()))`)
	var schoolRow, classRow []string
	for _, r := range rows {
		switch r[0] {
		case "Skovvangskolen":
			schoolRow = r
		case "8.B":
			classRow = r
		}
	}
	if schoolRow == nil || classRow == nil {
		t.Fatalf("the dashboard's sleep table lacks the school or 8.B: %q", rows)
	}
	// 5 of 6 sleep 8 hours: 83 %; the guesses average 42 %.
	if len(classRow) != 5 || classRow[1] != "83 %" || classRow[2] != "42 %" || classRow[4] != "6" {
		t.Errorf("8.B's row on the dashboard: %q", classRow)
	}
}

// answerStepByStep answers every topic on the survey's screens, one topic per screen, and
// sends.
func (b *tab) answerStepByStep(answers []topicAnswer) {
	b.t.Helper()
	b.waitFor("the survey's first screen", `document.querySelector("form.stepped") !== null`)
	b.answerSome(answers[:len(answers)-1])
	last := answers[len(answers)-1]
	b.choose(b.touch, last.item, last.self, last.perceived)
	b.click(".send-button")
}

// answerSome answers topics and goes on to the screen after each.
func (b *tab) answerSome(answers []topicAnswer) {
	b.t.Helper()
	for _, a := range answers {
		if got := eval[string](b, currentTopic); got != "t-"+a.item {
			b.t.Fatalf("the screen shows %q, not topic %s", got, a.item)
		}
		b.choose(b.touch, a.item, a.self, a.perceived)
		b.next()
	}
}

// expectThanks waits for the thank-you page and checks the device forgot the answers.
func (b *tab) expectThanks(code string) {
	b.t.Helper()
	b.waitForPage("/j/" + code + "/tak")
	for _, sel := range []string{".pupil-end h1", `a[href="tel:116111"]`, `a[href="tel:70201201"]`, `a[href="https://headspace.dk"]`, `a[href="https://bornetelefonen.dk"]`} {
		if !b.visible(sel) {
			b.t.Errorf("the thank-you page lacks %s (its heading, BørneTelefonen, Livslinien, headspace):\n%s", sel, b.pageText())
		}
	}
	if kept := eval[bool](b, fmt.Sprintf(`localStorage.getItem("heltnormal:%s") !== null`, code)); kept {
		b.t.Error("the thank-you page left the answers on the device")
	}
}

// expectNoSideways checks that the page fits the screen's width (no sideways scrolling).
func (b *tab) expectNoSideways(width int) {
	b.t.Helper()
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > width {
		b.t.Errorf("%s is %d px wide on a %d px screen", b.location(), w, width)
	}
}

// tabTo presses Tab until the condition on document.activeElement holds.
func (b *tab) tabTo(what, js string) {
	b.t.Helper()
	for range 40 {
		if eval[bool](b, js) {
			return
		}
		b.do(chromedp.KeyEvent(kb.Tab))
	}
	b.t.Fatalf("40 presses of Tab did not reach %s", what)
}

// setOffline cuts the tab's network (and tells the page it is offline) or restores it.
func (b *tab) setOffline(offline bool) {
	b.t.Helper()
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		rules := []*network.Conditions{}
		if offline {
			rules = append(rules, &network.Conditions{Offline: true})
		}
		if _, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: rules}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}))
}

// sendAttempt is one POST of the answers that reached the server.
type sendAttempt struct {
	status       int64
	submissionID string
}

// loseFirstAcknowledgement runs trigger and intercepts the answers the page then sends:
// the first reaches the server, but its response is dropped as by a broken connection; the
// next ones go through. It returns what the server answered to each.
func (b *tab) loseFirstAcknowledgement(trigger func()) []sendAttempt {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
			{URLPattern: "*/api/v1/join/*", RequestStage: fetch.RequestStageResponse},
		}})
		return err
	}))
	trigger()
	var attempts []sendAttempt
	for ev, err := range paused {
		if err != nil {
			b.t.Fatalf("waiting for the answers to be sent: %v", err)
		}
		if ev.ResponseErrorReason != "" {
			// A try that never reached the server (still offline): not an attempt.
			if _, err := chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: ev.ResponseErrorReason}); err != nil {
				b.t.Fatal(err)
			}
			continue
		}
		var body struct {
			SubmissionID string `json:"submission_id"`
		}
		if ev.Request != nil && len(ev.Request.PostDataEntries) > 0 {
			var raw []byte
			for _, e := range ev.Request.PostDataEntries {
				raw = append(raw, e.Bytes...)
			}
			_ = json.Unmarshal(raw, &body)
		}
		attempts = append(attempts, sendAttempt{ev.ResponseStatusCode, body.SubmissionID})
		if len(attempts) == 1 {
			_, err = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonConnectionReset})
		} else {
			_, err = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		}
		if err != nil {
			b.t.Fatal(err)
		}
		if ev.ResponseStatusCode == 200 || ev.ResponseStatusCode == 201 {
			if len(attempts) > 1 {
				break
			}
		}
	}
	if _, err := chromedp.Call(ctx, fetch.Disable, cdp.Empty{}); err != nil {
		b.t.Fatal(err)
	}
	return attempts
}

// click clicks sel, or taps it on a touch screen.
func (b *tab) click(sel string) {
	b.t.Helper()
	if b.touch {
		b.do(chromedp.Tap(chromedp.CSS(sel)))
		return
	}
	b.do(chromedp.Click(chromedp.CSS(sel)))
}

// The presenter on classroom screens: on 1024 × 768 and 1280 × 720 every slide's text is on
// screen, a truth marker at 0 of 10 keeps its label inside the figure, and the closing
// slide's "Tak, fordi I var med!" is seen.
func TestThePresenterFitsClassroomScreens(t *testing.T) {
	s := newSite(t)
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	token := s.token("laerer@skovvangskolen.dk")
	sess := s.openSession(token, "8.B", 10)
	for i := range 8 { // nobody sleeps 8 hours: the truth sits at 0 of 10
		s.answer(sess.Code, i, map[string]model.Answer{"sleep": {Self: "lt7", Perceived: "3"}, "phone-night": {Self: "other-room", Perceived: "2"}})
	}
	s.closeSession(token, sess.ID)
	for _, size := range [][2]int64{{1024, 768}, {1280, 720}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			b := newTab(t, s.base, chromedp.EmulateViewport(size[0], size[1]))
			b.login("laerer@skovvangskolen.dk", "/sessions")
			b.open("/sessions/" + sess.ID + "/present")
			b.waitFor("the live deck", `document.querySelector(".deck.is-live .slide.is-current") !== null`)
			for step := 0; step < 40; step++ {
				off := eval[[]string](b, `[...document.querySelectorAll(".slide.is-current h2, .slide.is-current p, .slide.is-current li, .slide.is-current svg")]
					.filter(el => el.getClientRects().length > 0)
					.filter(el => { const r = el.getBoundingClientRect(); return r.bottom > innerHeight + 1 || r.left < -1 || r.right > innerWidth + 1; })
					.map(el => el.tagName + ": " + el.textContent.trim().slice(0, 40))`)
				if len(off) > 0 {
					t.Errorf("slide step %d: off screen: %q", step, off)
				}
				cut := eval[[]string](b, `[...document.querySelectorAll(".slide.is-current svg.scale")].flatMap(svg => {
					const box = svg.getBoundingClientRect();
					return [...svg.querySelectorAll("text")].filter(t => t.getClientRects().length > 0).filter(t => {
						const r = t.getBoundingClientRect(); return r.left < box.left - 1 || r.right > box.right + 1; }).map(t => t.textContent);
				})`)
				if len(cut) > 0 {
					t.Errorf("slide step %d: labels cut at the figure's edge: %q", step, cut)
				}
				if eval[bool](b, `document.querySelector(".slide.is-current").id === "slide-end"`) {
					if !eval[bool](b, `(() => { const p = [...document.querySelectorAll("#slide-end h2, #slide-end .closing-thanks")].find(e => e.textContent.includes("Tak, fordi I var med")); const r = p && p.getBoundingClientRect(); return !!r && r.bottom <= innerHeight && r.top >= 0; })()`) {
						t.Error(`"Tak, fordi I var med!" is not on screen`)
					}
					return
				}
				b.do(chromedp.KeyEvent(kb.ArrowRight))
			}
			t.Error("never reached the closing slide")
		})
	}
}

// The print view on A4: the class's heading and its first topic on page one (no page left
// empty but for the heading), two topics to a page.
func TestTheResultsPrintCompactly(t *testing.T) {
	s := newSite(t)
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	token := s.token("laerer@skovvangskolen.dk")
	sess := s.openSession(token, "8.B", 10)
	for i := range 8 {
		s.answer(sess.Code, i, map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "3"}, "phone-night": {Self: "other-room", Perceived: "4"}})
	}
	s.closeSession(token, sess.ID)
	b := newTab(t, s.base, chromedp.EmulateViewport(1280, 900))
	b.login("laerer@skovvangskolen.dk", "/sessions")
	b.open("/sessions/" + sess.ID + "/results/print")
	b.waitFor("the printed charts", `document.querySelectorAll(".chart-drawn canvas, .chart-drawn svg").length >= 2 && document.readyState === "complete"`)
	var pdf []byte
	preferCSS := true // the page asks for A4
	b.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &preferCSS})
		pdf = res.Data
		return err
	}))
	text := pdftest.Text(t, pdf, "-layout")
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	if !strings.Contains(pages[0], "Resultater for 8.B") || !strings.Contains(pages[0], "Søvn") {
		t.Errorf("page one lacks the heading or the first topic:\n%s", pages[0])
	}
	if strings.Contains(pages[0], "Helt Normal") && strings.Contains(pages[0], "Undersøgelser") {
		t.Errorf("the site's bar is printed")
	}
	if len(pages) > 3 {
		t.Errorf("%d pages for 6 topics, want at most 3", len(pages))
	}
	t.Logf("%d pages", len(pages))
}

// A school year in the browser, at 1024 × 768 and 1280 × 720: the SSP consultant lands on
// the dashboard, deactivates a teacher who left and makes a reset link; the deactivated
// teacher is told why they can't log in; reactivated, the teacher chooses a new password
// through the link, is reminded of an open survey and corrects its class size on the
// projector.
func TestASchoolYearInTheBrowser(t *testing.T) {
	s := newSite(t)
	school := s.school("Aarhus", "Skovvangskolen")
	for _, size := range [][2]int64{{1024, 768}, {1280, 720}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			teacherEmail := fmt.Sprintf("laerer%d@skovvangskolen.dk", size[0])
			sspEmail := fmt.Sprintf("ssp%d@aarhus.dk", size[0])
			s.user(teacherEmail, model.RoleTeacher, "Aarhus", school)
			s.user(sspEmail, model.RoleSSP, "Aarhus", "")
			sess := s.openSession(s.token(teacherEmail), "9.C", 22)

			ssp := newTab(t, s.base, chromedp.EmulateViewport(size[0], size[1]))
			ssp.login(sspEmail, "/ssp")
			ssp.open("/admin")
			row := fmt.Sprintf(`[...document.querySelectorAll("tr")].find(tr => tr.textContent.includes(%q))`, teacherEmail)
			ssp.do(chromedp.Evaluate[chromedp.Void](row + `.querySelector("form[action$='/active'] button").click()`))
			ssp.waitFor("the deactivation", `document.querySelector(".notice") && document.querySelector(".notice").textContent.includes("Kontoen er deaktiveret")`)

			teacher := newTab(t, s.base, chromedp.EmulateViewport(size[0], size[1]))
			teacher.open("/login")
			teacher.typeInto("#email", teacherEmail)
			teacher.typeInto("#password", password+"\n")
			teacher.waitFor("the refusal", `document.querySelector("#login-error") && document.querySelector("#login-error").textContent.includes("Kontoen er deaktiveret")`)

			ssp.do(chromedp.Evaluate[chromedp.Void](row + `.querySelector("form[action$='/active'] button").click()`))
			ssp.waitFor("the reactivation", `document.querySelector(".notice") && document.querySelector(".notice").textContent.includes("aktiv igen")`)
			// The teacher's name is corrected on the account's own page, which keeps its history.
			ssp.do(chromedp.Evaluate[chromedp.Void](row + `.querySelector("a[href^='/admin/users/']").click()`))
			ssp.waitFor("the account's page", `document.querySelector("#edit-name") !== null`)
			ssp.typeInto("#edit-name", "Hanne Hansen\n")
			ssp.waitFor("the saved account", `document.querySelector(".notice") && document.querySelector(".notice").textContent.includes("Ændringerne er gemt")`)
			if history := ssp.text("table.list tbody"); !strings.Contains(history, "Navn: – → Hanne Hansen") || !strings.Contains(history, "Genaktiveret") || !strings.Contains(history, "Deaktiveret") {
				t.Errorf("the account's history: %q", history)
			}
			if size[0] == 1280 {
				ssp.screenshot("account-1280x720.png")
			}
			ssp.open("/admin")
			ssp.do(chromedp.Evaluate[chromedp.Void](row + `.querySelector("form[action$='/reset'] button").click()`))
			ssp.waitFor("the reset link", `document.querySelector(".code-block code") !== null`)
			link := ssp.text(".code-block code")

			teacher.do(chromedp.Navigate(link))
			teacher.waitFor("the reset page", `document.querySelector("#password") !== null`)
			teacher.typeInto("#password", password+"\n")
			teacher.waitFor("the new password", `document.body.textContent.includes("Din nye adgangskode er gemt")`)
			teacher.login(teacherEmail, "/sessions")
			if reminder := teacher.text(".reminder"); !strings.Contains(reminder, "stadig åbne") {
				t.Errorf("no reminder of the open survey: %q", reminder)
			}

			// A class label of spaces is refused in Danish, next to the form's other fields.
			teacher.open("/sessions/new")
			if marker := eval[string](teacher, `getComputedStyle(document.querySelector("details.topics summary"), "::before").content`); marker == "none" || marker == "" {
				t.Errorf(`"Vælg emner" has no expander marker`)
			}
			teacher.typeInto("#class_label", "   ")
			teacher.do(chromedp.Click(chromedp.CSS(`form[action="/sessions"] button[type="submit"]`)))
			teacher.waitFor("the refusal", `document.querySelector("#form-error") !== null`)
			if got := teacher.text("#form-error"); !strings.Contains(got, "Klasse: Skriv klassens navn, fx 8.B.") || strings.Contains(got, "class_label") {
				t.Errorf("a class label of spaces is refused with %q", got)
			}
			teacher.open("/sessions/" + sess.ID)
			teacher.do(chromedp.Click(chromedp.CSS(".teacher-tools summary")))
			teacher.waitFor("the class size field", `document.querySelector("#expected_pupils").getClientRects().length > 0`)
			teacher.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#expected_pupils").value = ""`))
			teacher.typeInto("#expected_pupils", "30\n")
			teacher.waitFor("the corrected counter", `document.querySelector("#counter").textContent.includes("0 af 30")`)
		})
	}
}

// A session its teacher forgets, at 1024 × 768 and 1280 × 720. A pupil taps "Næste" through
// every topic and sends nothing: thanked, and the projector's counter does not move. Five
// classmates answer. When HELTNORMAL_MAX_OPEN has passed the server closes the session with
// its summary: the projector shows one clear message, and the SSP consultant finds the class
// among the closed sessions, with its school, and on the dashboard.
func TestAForgottenSessionClosesItselfAndAnEmptyAnswerIsNotCounted(t *testing.T) {
	s := newSiteWith(t, map[string]string{"HELTNORMAL_MAX_OPEN": "3s"})
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	s.user("ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	token := s.token("laerer@skovvangskolen.dk")
	for k, size := range [][2]int64{{1024, 768}, {1280, 720}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			label := fmt.Sprintf("9.%d", size[0])
			sess := s.openSession(token, label, 6)
			teacher := newTab(t, s.base, chromedp.EmulateViewport(size[0], size[1]))
			teacher.login("laerer@skovvangskolen.dk", "/sessions")
			teacher.open("/sessions/" + sess.ID)
			teacher.waitFor("the live counter", `document.querySelector("#counter").textContent.includes("0 af 6")`)
			teacher.expectProjectorFits(sess.Code)

			pupil := newTab(t, s.base, chromedp.EmulateViewport(size[0], size[1]))
			pupil.open("/j/" + sess.Code)
			pupil.waitFor("the survey's first screen", `document.querySelector("form.stepped") !== null`)
			for range 5 {
				pupil.next()
			}
			pupil.click(".send-button")
			pupil.expectThanks(sess.Code)
			if n := s.responses(sess.ID); n != 0 {
				t.Errorf("an empty submission was stored: %d answers", n)
			}

			for i := range 5 {
				s.answer(sess.Code, int(size[0])*10+i, map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "4"}, "phone-night": {Self: "other-room", Perceived: "3"}})
			}
			teacher.waitFor("the counter after five answers", `document.querySelector("#counter").textContent.includes("5 af 6")`)
			teacher.waitFor(`"Vis resultater nu"`, `!document.querySelector("#show-results").hidden`)
			teacher.expectProjectorFits(sess.Code) // with one more button
			if size[0] == 1024 {
				teacher.screenshot("projector-1024x768.png")
			}

			// Open, the class is not in the SSP consultant's figures yet.
			ssp := newTab(t, s.base, chromedp.EmulateViewport(size[0], size[1]))
			ssp.login("ssp@aarhus.dk", "/ssp")
			ssp.open("/ssp?survey_id=" + shortSurvey)
			want := fmt.Sprintf("%d elever har svaret", 5*k)
			if k == 0 {
				want = "Ingen elever har svaret" // no closed survey yet
			}
			if got := ssp.text("#ssp-lead"); !strings.HasPrefix(got, want) {
				t.Errorf("while the class is open the dashboard says %q, want %q", got, want)
			}

			// The server's job: close what is overdue (cmd/heltnormal runs it every few seconds).
			deadline := time.Now().Add(20 * time.Second)
			for closed := 0; closed == 0; {
				n, err := s.app.CloseOverdue(context.Background(), time.Now())
				if err != nil {
					t.Fatal(err)
				}
				closed = n
				if time.Now().After(deadline) {
					t.Fatal("the session was not closed 20 s after opening with HELTNORMAL_MAX_OPEN=3s")
				}
				time.Sleep(250 * time.Millisecond)
			}
			teacher.waitFor("the closed projector", `document.querySelector(".closed-banner") !== null && document.readyState === "complete"`)
			if got := teacher.text(".closed-banner"); got != "Undersøgelsen er lukket." {
				t.Errorf("the closed projector says %q", got)
			}
			if warnings := eval[int](teacher, `[...document.querySelectorAll(".counter-warning, .join, .error")].filter(e => e.getClientRects().length > 0).length`); warnings != 0 {
				t.Errorf("the closed projector still shows %d join or warning elements", warnings)
			}
			if got := teacher.text("#counter"); !strings.Contains(got, "5 af 6") {
				t.Errorf("the closed projector's counter: %q", got)
			}

			ssp.open("/sessions?status=closed")
			row := fmt.Sprintf(`[...document.querySelectorAll("tbody tr")].find(tr => tr.textContent.includes(%q))`, label)
			if got := eval[string](ssp, row+`?.textContent.replace(/\s+/g, " ") ?? ""`); !strings.Contains(got, "Skovvangskolen") || !strings.Contains(got, "laerer@skovvangskolen.dk") {
				t.Errorf("the SSP consultant's closed sessions lack the class with its school and teacher: %q", got)
			}
			ssp.open("/ssp?survey_id=" + shortSurvey)
			// Closed, the class adds its five answers.
			if got, want := ssp.text("#ssp-lead"), fmt.Sprintf("%d elever har svaret", 5*(k+1)); !strings.HasPrefix(got, want) {
				t.Errorf("the dashboard says %q, want %q", got, want)
			}
			if got := eval[string](ssp, `[...document.querySelectorAll(".ssp-table tbody th")].map(th => th.textContent.trim()).join("|")`); !strings.Contains(got, "Skovvangskolen") {
				t.Errorf("the dashboard's table lacks the closed class's school: %q", got)
			}
		})
	}
}

// expectProjectorFits checks the open projector on the tab's screen: code, QR code, counter
// and buttons on screen without scrolling, no site menu and no delete button in sight, and a
// join text that gives the code once.
func (b *tab) expectProjectorFits(code string) {
	b.t.Helper()
	b.waitFor("the QR code", `document.querySelector("img.join-qr").naturalWidth > 0`)
	if scroll := eval[bool](b, `document.documentElement.scrollHeight > innerHeight + 1`); scroll {
		b.t.Errorf("the projector scrolls: %d px on a %d px screen", eval[int](b, `document.documentElement.scrollHeight`), eval[int](b, `innerHeight`))
	}
	below := eval[[]string](b, `[".join-code", "img.join-qr", "#counter", ".projector-actions button"].filter(sel => {
		const el = document.querySelector(sel); if (!el) return true;
		const r = el.getBoundingClientRect(); return r.bottom > innerHeight || r.right > innerWidth || r.top < 0; })`)
	if len(below) > 0 {
		b.t.Errorf("off screen on the projector: %q", below)
	}
	if chrome := eval[int](b, `[...document.querySelectorAll("body > header, nav.site, footer a, button.danger")].filter(e => e.checkVisibility()).length`); chrome != 0 {
		b.t.Errorf("the class sees %d menu or delete elements on the projector", chrome)
	}
	if step := b.text(".join-step"); strings.Contains(step, code) {
		b.t.Errorf("the join text repeats the code: %q", step)
	}
	if marker := eval[string](b, `getComputedStyle(document.querySelector(".teacher-tools summary"), "::before").content`); marker == "none" || marker == "" {
		b.t.Errorf(`"Flere valg" has no expander marker`)
	}
}

// The results at 1024 × 768 and 1280 × 720 open with the overview on screen: the topics
// ranked by how far the class's guess was off. The teacher ticks the topics to present, and
// the presenter shows those alone; the choice is kept for the session.
func TestTheTeacherPicksTheTopicsToPresentFromTheOverview(t *testing.T) {
	s := newSite(t)
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	token := s.token("laerer@skovvangskolen.dk")
	for _, size := range [][2]int64{{1024, 768}, {1280, 720}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			// Everyone sleeps 8 hours but guessed 3 of 10 (70 points off); everyone keeps the
			// phone in another room and guessed 9 of 10 (10 points off).
			sess := s.openSession(token, "8.B", 10)
			for i := range 8 {
				s.answer(sess.Code, int(size[0])*10+i, map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "3"}, "phone-night": {Self: "other-room", Perceived: "9"}})
			}
			s.closeSession(token, sess.ID)
			b := newTab(t, s.base, chromedp.EmulateViewport(size[0], size[1]))
			b.login("laerer@skovvangskolen.dk", "/sessions")
			b.open("/sessions/" + sess.ID + "/results")
			if top := eval[float64](b, `document.querySelector(".results-overview").getBoundingClientRect().top`); top > float64(size[1])/2 {
				t.Errorf("the overview starts %.0f px down a %d px screen", top, size[1])
			}
			ranked := eval[[]string](b, `[...document.querySelectorAll(".overview-list li a")].map(a => a.getAttribute("href"))`)
			if len(ranked) != 2 || ranked[0] != "#topic-sleep" || ranked[1] != "#topic-phone-night" {
				t.Fatalf("the overview's ranking: %q, want sleep (70 points off) before phone-night (10)", ranked)
			}
			b.do(chromedp.Click(chromedp.CSS(`.overview-list a[href="#topic-sleep"]`)))
			b.waitFor("the jump to the topic", `location.hash === "#topic-sleep" && Math.abs(document.getElementById("topic-sleep").getBoundingClientRect().top) < 40`)

			// Present only the phone at night.
			b.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
			b.do(chromedp.Click(chromedp.CSS(`.overview-list input[value="sleep"]`)))
			b.do(chromedp.Click(chromedp.CSS(`.results-overview button[type="submit"]`)))
			b.waitFor("the saved choice", `location.search.includes("saved=topics") && document.readyState === "complete"`)
			if kept := eval[[]string](b, `[...document.querySelectorAll(".overview-list input:checked")].map(i => i.value)`); len(kept) != 1 || kept[0] != "phone-night" {
				t.Errorf("the kept choice: %q", kept)
			}
			b.open("/sessions/" + sess.ID + "/present")
			b.waitFor("the live deck", `document.querySelector(".deck.is-live .slide.is-current") !== null`)
			if topics := eval[[]string](b, `[...document.querySelectorAll(".slide[id^='topic-']")].map(s => s.id)`); len(topics) != 1 || topics[0] != "topic-phone-night" {
				t.Errorf("the presenter's topics: %q, want only topic-phone-night", topics)
			}
		})
	}
}
