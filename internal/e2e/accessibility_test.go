package e2e

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/heltnormal/heltnormal/internal/model"
)

// seededPupil is pupil i of 20 in the classes the accessibility test and the screenshots
// show. Sleep: 14 of 20 sleep 8 hours or more (7 of 10) while the guesses average 4.25
// (4 of 10) — the README's example. Every topic is answered by everyone, so nothing is hidden.
func seededPupil(i int) map[string]model.Answer {
	pick := func(cuts []int, options ...string) string {
		for k, c := range cuts {
			if i < c {
				return options[k]
			}
		}
		return options[len(options)-1]
	}
	sleepSelf := "8plus"
	if i%10 >= 7 {
		sleepSelf = []string{"7to8", "lt7"}[i%2]
	}
	sleepGuess := []int{1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 7, 8}[i%20]
	return map[string]model.Answer{
		"sleep":            {Self: sleepSelf, Perceived: fmt.Sprint(sleepGuess)},
		"phone-night":      {Self: pick([]int{6, 12}, "other-room", "off-nearby", "on-in-bed"), Perceived: fmt.Sprint(2 + i%5)},
		"perfect-life":     {Self: pick([]int{6, 14}, "often", "sometimes", "never"), Perceived: fmt.Sprint(4 + i%5)},
		"lonely-sometimes": {Self: pick([]int{8, 12}, "once", "few", "no"), Perceived: fmt.Sprint(2 + i%4)},
		"drunk":            {Self: pick([]int{2, 10}, "once", "no", "no-alcohol"), Perceived: fmt.Sprint(3 + i%5)},
		"talk-adult":       {Self: pick([]int{9, 15}, "usually", "sometimes", "rarely"), Perceived: fmt.Sprint(4 + i%4)},
	}
}

// TestAccessibility runs axe-core on every page a pupil, a teacher and an SSP consultant
// meet, in the state they meet it: the pupil's pages on a phone in Danish and Arabic, the
// staff pages on a laptop, the presenter before and after the reveal. A serious or critical
// violation fails the test. With HN_SCREENSHOTS=1 it also refreshes docs/screenshots.
func TestAccessibility(t *testing.T) {
	s := newSite(t)
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	s.user("ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	token := s.token("laerer@skovvangskolen.dk")

	// 8.B has answered and closed; 8.A is answering now (17 of 24); 9.A is where the
	// test's own pupil answers, so the projector's figure stays put.
	done := s.openSession(token, "8.B", 22)
	for i := range 20 {
		s.answer(done.Code, i, seededPupil(i))
	}
	s.closeSession(token, done.ID)
	// 8.B's follow-up: the guesses about sleep came closer to the truth.
	var followUp classSession
	s.api(http.MethodPost, "/api/v1/sessions", token, map[string]any{"survey_id": shortSurvey,
		"class_label": "8.B", "grade": 8, "wave": "follow-up", "expected_pupils": 22}, &followUp)
	for i := range 20 {
		pupil := seededPupil(i)
		pupil["sleep"] = model.Answer{Self: pupil["sleep"].Self, Perceived: fmt.Sprint(6 + i%3)}
		s.answer(followUp.Code, 200+i, pupil)
	}
	s.closeSession(token, followUp.ID)
	live := s.openSession(token, "8.A", 24)
	for i := range 17 {
		s.answer(live.Code, 100+i, seededPupil(i))
	}
	pupils := s.openSession(token, "9.A", 24)
	// 8.B's results are on the pupils' phones too.
	if status := s.api(http.MethodPost, "/api/v1/sessions/"+done.ID+"/pupil-results", token, map[string]bool{"released": true}, nil); status != http.StatusOK {
		t.Fatalf("release 8.B's results to the pupils: %d", status)
	}

	t.Run("pupil", func(t *testing.T) {
		t.Parallel()
		b := newTab(t, s.base, phone(360, 800))
		b.open("/")
		b.checkAxe("start page")

		b.typeInto("#code", pupils.Code+"\n")
		b.waitForPage("/j/" + pupils.Code)
		b.waitFor("the first topic", `document.querySelector("form.stepped") !== null`)
		b.checkAxe("survey page (Danish)")

		// The pupil picks Arabic in the page's language menu: right to left, same screen.
		b.do(chromedp.Click(chromedp.CSS(`nav.langs a[lang="ar"]`)))
		b.waitFor("the Arabic survey", `document.documentElement.lang === "ar" && document.readyState === "complete" && document.querySelector("form.stepped") !== null`)
		if dir := eval[string](b, `document.documentElement.dir`); dir != "rtl" {
			t.Errorf("Arabic page has dir=%q, want rtl", dir)
		}
		b.screenshot("pupil-survey-ar.png")
		b.checkAxe("survey page (Arabic)")

		b.do(chromedp.Click(chromedp.CSS(`nav.langs a[lang="da"]`)))
		b.waitFor("the Danish survey", `document.documentElement.lang === "da" && document.readyState === "complete" && document.querySelector("form.stepped") !== null`)
		b.choose(false, "sleep", "8plus", "5")
		b.next()
		b.choose(false, "phone-night", "other-room", "")
		b.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
		b.screenshot("pupil-survey.png")
		b.checkAxe("survey page, second topic with an answer chosen")

		for range 4 {
			b.next()
		}
		b.do(chromedp.Click(chromedp.CSS(".send-button")))
		b.waitForPage("/j/" + pupils.Code + "/tak")
		b.waitFor("the offer to keep the guesses", `!document.getElementById("keep-guesses").hidden`)
		b.screenshot("pupil-thanks.png")
		b.checkAxe("thank-you page")

		// The class's results on the phone, beside guesses the phone kept (as if its pupil
		// had answered 8.B), in Danish and in Arabic.
		b.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem("heltnormal-guesses:%s", JSON.stringify({day: new Date().toLocaleDateString("sv"), g: {sleep: "3", drunk: "6"}}))`, done.Code)))
		b.open("/j/" + done.Code + "/resultater?lang=da")
		b.waitFor("the pupil's guesses beside the truth", `document.querySelectorAll(".pupil-own:not([hidden])").length > 0`)
		b.checkAxe("the class's results on a pupil's phone (Danish)")
		b.open("/j/" + done.Code + "/resultater?lang=ar")
		b.waitFor("the Arabic results", `document.documentElement.dir === "rtl" && document.querySelectorAll(".pupil-own:not([hidden])").length > 0`)
		b.checkAxe("the class's results on a pupil's phone (Arabic)")
	})

	t.Run("teacher", func(t *testing.T) {
		t.Parallel()
		b := newTab(t, s.base, chromedp.EmulateViewport(1280, 900))
		b.open("/login")
		b.checkAxe("login page")
		b.login("laerer@skovvangskolen.dk", "/sessions")

		b.do(chromedp.EmulateViewport(1600, 757))
		b.open("/sessions/" + live.ID)
		b.waitFor("the live counter", `document.getElementById("counter").textContent.trim() === "17 af 24 har svaret"`)
		b.waitFor("the QR code", `document.querySelector("img.join-qr").naturalWidth > 0`)
		b.screenshot("projector.png")
		b.checkAxe("projector")

		b.do(chromedp.EmulateViewport(1280, 900))
		b.open("/sessions/" + done.ID + "/results")
		b.waitFor("the charts", `document.querySelectorAll(".chart-drawn canvas").length > 0`)
		b.screenshot("results.png")
		b.checkAxe("results page")

		b.do(chromedp.EmulateViewport(1280, 720))
		b.open("/sessions/" + done.ID + "/present")
		b.waitFor("the slide show", `document.querySelector("#deck.is-live .slide.is-current") !== null`)
		b.checkAxe("presenter, title slide")
		// F puts the slides in full screen, as on the projector.
		b.do(chromedp.KeyEvent("f"))
		b.waitFor("full screen", `document.fullscreenElement === document.getElementById("deck")`)
		b.do(chromedp.KeyEvent(kb.ArrowRight))
		b.waitFor("the first topic's guess", `document.querySelector(".slide.is-current").id === "topic-sleep"`)
		b.screenshot("presenter-guess.png")
		b.checkAxe("presenter, the guess")
		b.do(chromedp.KeyEvent(kb.ArrowRight))
		b.waitFor("the first topic's truth", `document.querySelector(".slide.is-current.is-revealed") !== null`)
		b.screenshot("presenter-reveal.png")
		b.checkAxe("presenter, the truth")
	})

	t.Run("ssp", func(t *testing.T) {
		t.Parallel()
		b := newTab(t, s.base, chromedp.EmulateViewport(1280, 900))
		b.login("ssp@aarhus.dk", "/ssp")
		b.open("/ssp?survey_id=" + shortSurvey)
		b.waitFor("the dashboard's charts", `document.querySelectorAll(".chart-drawn canvas").length > 0`)
		b.checkAxe("SSP dashboard")
		b.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".topic-result").scrollIntoView()`))
		b.screenshot("ssp-dashboard.png")
		b.open("/ssp/waves?survey_id=" + shortSurvey)
		b.waitFor("the waves", `document.querySelector("svg.interval") !== null`)
		b.checkAxe("SSP before and after")
		b.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#topic-sleep").scrollIntoView()`))
		b.screenshot("ssp-waves.png")
		b.open("/sessions?status=closed")
		b.checkAxe("SSP's closed sessions")
		b.open("/admin")
		b.checkAxe("schools and users")
		b.do(chromedp.Click(chromedp.CSS(`a[href^="/admin/users/"]`)))
		b.waitFor("an account's page", `document.querySelector("#edit-email") !== null`)
		b.checkAxe("an account's page")
		b.open("/account")
		b.checkAxe("own account")
	})
}
