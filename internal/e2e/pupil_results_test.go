package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"go.mongodb.org/mongo-driver/bson"

	"github.com/heltnormal/heltnormal/internal/model"
)

// resultsPupil answers like phonePupil; sleep: 5 of the 7 in the class sleep 8 hours (the
// six seeded pupils and this one), "det er 7 af 10", and this pupil guessed 3.
var resultsPupil = phonePupil

// resultsClassmate is classmate i of six, the same in every class of the test: two of them
// sleep less than 8 hours.
func resultsClassmate(i int) map[string]model.Answer {
	a := seededPupil(i)
	if i < 2 {
		a["sleep"] = model.Answer{Self: "lt7", Perceived: a["sleep"].Perceived}
	}
	return a
}

// TestPupilResultsOnThePupilsPhone is lesson 2's end in real browsers: in two classes, a
// pupil answers on a phone, one ticks "Gem mine gæt …" on the thank-you page and one does
// not; before the teacher releases the results their page shows no figure; released, the
// one who kept their guesses sees "Du gættede 3 af 10 — det er 7 af 10" beside each topic's
// truth, the other the class's figures alone. Both phones sent the same requests, and the
// store and the server's log hold the same about both pupils: the kept guesses never left
// the phone. Then the pupil deletes them, the teacher withdraws the results, and kept guesses
// older than 14 days delete themselves.
func TestPupilResultsOnThePupilsPhone(t *testing.T) {
	s := newSiteLogging(t, nil, slog.LevelDebug) // every line the server logs, to compare
	school := s.school("Aarhus", "Skovvangskolen")
	s.user("laerer@skovvangskolen.dk", model.RoleTeacher, "Aarhus", school)
	token := s.token("laerer@skovvangskolen.dk")
	kept := s.openSession(token, "8.B", 24)
	declined := s.openSession(token, "8.B", 24)
	for _, sess := range []classSession{kept, declined} {
		for i := range 6 {
			s.answer(sess.Code, i, resultsClassmate(i))
		}
	}
	teacher := newTab(t, s.base, chromedp.EmulateViewport(1280, 720))
	teacher.login("laerer@skovvangskolen.dk", "/sessions")

	keeper, keptRun := s.pupilWithResults(t, teacher, token, kept, true)
	decliner, declinedRun := s.pupilWithResults(t, teacher, token, declined, false)

	// The same requests from both phones, the same lines in the log, the same documents in
	// the store: keeping the guesses told the server nothing.
	if !slices.Equal(keptRun.requests, declinedRun.requests) {
		t.Errorf("the phones' requests differ with and without kept guesses:\nkept:     %q\ndeclined: %q", keptRun.requests, declinedRun.requests)
	}
	if keptRun.log != declinedRun.log {
		t.Errorf("the server's log differs with and without kept guesses:\nkept:\n%s\ndeclined:\n%s", keptRun.log, declinedRun.log)
	}
	keptDocs, declinedDocs := s.sessionDocuments(kept), s.sessionDocuments(declined)
	if len(keptDocs) == 0 || !slices.Equal(keptDocs, declinedDocs) {
		t.Errorf("the store holds something else with kept guesses:\nkept:\n%s\ndeclined:\n%s", strings.Join(keptDocs, "\n"), strings.Join(declinedDocs, "\n"))
	}

	t.Logf("each phone sent %d requests, the log grew by %d bytes, the store holds %d documents of each class",
		len(keptRun.requests), len(keptRun.log), len(keptDocs))
	keeper.checkAxe("the class's results beside the pupil's guesses")
	decliner.open("/j/" + declined.Code + "/resultater?lang=ar")
	decliner.waitFor("the Arabic results", `document.documentElement.dir === "rtl" && document.querySelectorAll(".pupil-topic[data-truth]").length > 0`)
	if !strings.Contains(decliner.text("#topic-sleep .pupil-truth"), "7 من 10") {
		t.Errorf("Arabic: sleep's truth reads %q", decliner.text("#topic-sleep .pupil-truth"))
	}
	decliner.checkAxe("the class's results in Arabic")

	// "Slet mine gæt": the pupil's lines go, and so does the phone's copy.
	keeper.click("#forget-guesses")
	keeper.waitFor("the guesses deleted", `document.querySelectorAll(".pupil-own:not([hidden])").length === 0 && localStorage.getItem("heltnormal-guesses:`+kept.Code+`") === null`)
	if got := keeper.text("#kept-guesses-status"); got != "Dine gæt er slettet fra denne telefon." {
		t.Errorf("after deleting, the page says %q", got)
	}
	keeper.open("/j/" + kept.Code + "/resultater")
	keeper.waitFor("the results", `document.querySelectorAll(".pupil-topic[data-truth]").length > 0`)
	if keeper.visible("#kept-guesses") || keeper.visible(".pupil-own") {
		t.Error("deleted guesses still show")
	}

	// The teacher withdraws the results: the page shows no figure.
	teacher.releaseToPupils(kept, false)
	keeper.open("/j/" + kept.Code + "/resultater")
	keeper.expectNoFigures()

	// Kept guesses delete themselves 14 days after the day they were kept, on any pupil page.
	keeper.do(chromedp.Evaluate[chromedp.Void](`(() => {
		const day = n => { const d = new Date(); d.setDate(d.getDate() - n); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); };
		localStorage.setItem("heltnormal-guesses:AAAAAA", JSON.stringify({day: day(14), g: {sleep: "3"}}));
		localStorage.setItem("heltnormal-guesses:BBBBBB", JSON.stringify({day: day(13), g: {sleep: "3"}}));
		localStorage.setItem("heltnormal-pending:CCCCCC", JSON.stringify({t: Date.now(), g: {sleep: "3"}}));
	})()`))
	keeper.open("/")
	left := eval[[]string](keeper, `Object.keys(localStorage).filter(k => k.startsWith("heltnormal")).sort()`)
	if !slices.Equal(left, []string{"heltnormal-guesses:BBBBBB"}) {
		t.Errorf("after the start page, the phone keeps %q; want only the guesses kept 13 days ago", left)
	}
}

// pupilRun is what one pupil's phone sent and what the server logged meanwhile.
type pupilRun struct {
	requests []string
	log      string
}

// pupilWithResults is one pupil's way through lesson 2 on a phone: answer, keep the guesses
// or not on the thank-you page, see no figure before the teacher releases the results, then
// the class's figures, with the kept guesses beside them.
func (s *site) pupilWithResults(t *testing.T, teacher *tab, token string, sess classSession, keep bool) (*tab, pupilRun) {
	t.Helper()
	logFrom := s.log.Len()
	b := newTab(t, s.base, phone(360, 740))
	b.touch = true
	requests := b.recordRequests(sess)

	b.open("/j/" + sess.Code)
	b.answerStepByStep(resultsPupil)
	b.expectThanks(sess.Code)
	b.waitFor("the offer to keep the guesses", `!document.getElementById("keep-guesses").hidden`)
	if n := eval[int](b, `Object.keys(localStorage).filter(k => k.startsWith("heltnormal-pending:")).length`); n != 0 {
		t.Errorf("the guesses handed to the thank-you page are still stored (%d)", n)
	}
	if keep {
		b.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("keep-guesses").scrollIntoView()`))
		b.screenshot("pupil-keep-guesses.png")
		b.checkAxe("thank-you page, the offer to keep the guesses")
		b.click("#keep-guesses-box")
		b.waitFor("the guesses kept", `document.getElementById("keep-guesses-status").textContent !== ""`)
		var stored struct {
			Day string            `json:"day"`
			G   map[string]string `json:"g"`
		}
		raw := eval[string](b, `localStorage.getItem("heltnormal-guesses:`+sess.Code+`") || ""`)
		var fields map[string]json.RawMessage
		if err := json.Unmarshal([]byte(raw), &fields); err != nil || len(fields) != 2 || json.Unmarshal([]byte(raw), &stored) != nil {
			t.Fatalf("the kept guesses are stored as %q", raw)
		}
		want := map[string]string{}
		for _, a := range resultsPupil {
			want[a.item] = a.perceived
		}
		today := eval[string](b, `(() => { const d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); })()`)
		if fmt.Sprint(stored.G) != fmt.Sprint(want) || stored.Day != today {
			t.Errorf("the phone keeps %q; want the guesses %v (and nothing of the pupil's own answers) and the day %s", raw, want, today)
		}
	}
	if keys := eval[[]string](b, `Object.keys(localStorage)`); (keep && len(keys) != 1) || (!keep && len(keys) != 0) {
		t.Errorf("after the thank-you page the phone stores %q", keys)
	}

	// Before the teacher releases the results, open or closed: no figure.
	b.open("/j/" + sess.Code + "/resultater")
	b.expectNoFigures()
	if b.visible("#kept-guesses") != keep {
		t.Errorf("before the release, the kept guesses' box shows: %v, want %v", !keep, keep)
	}
	s.closeSession(token, sess.ID)
	b.open("/j/" + sess.Code + "/resultater")
	b.expectNoFigures()

	teacher.releaseToPupils(sess, true)
	b.open("/j/" + sess.Code + "/resultater")
	b.waitFor("the class's figures", `document.querySelectorAll(".pupil-topic[data-truth]").length === 6`)
	b.expectNoSideways(360)
	if got := b.text("#topic-sleep .pupil-truth"); !strings.HasSuffix(got, " Det er 7 af 10") {
		t.Errorf("sleep's truth reads %q", got)
	}
	own := eval[[]string](b, `[...document.querySelectorAll(".pupil-own")].filter(p => !p.hidden).map(p => p.closest("li").dataset.topic + ": " + p.textContent)`)
	if keep {
		var want []string
		for _, a := range resultsPupil {
			truth := eval[string](b, fmt.Sprintf(`document.getElementById("topic-%s").dataset.truth`, a.item))
			want = append(want, fmt.Sprintf("%s: Du gættede %s af 10 — det er %s af 10.", a.item, a.perceived, truth))
		}
		if !slices.Equal(own, want) || !slices.Contains(own, "sleep: Du gættede 3 af 10 — det er 7 af 10.") {
			t.Errorf("the pupil's guesses beside the truth:\n got %q\nwant %q", own, want)
		}
		if !b.visible("#forget-guesses") {
			t.Error(`no "Slet mine gæt" beside the kept guesses`)
		}
		b.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("topic-sleep").scrollIntoView()`))
		b.screenshot("pupil-results.png")
	} else if len(own) != 0 || b.visible("#kept-guesses") {
		t.Errorf("a pupil who kept nothing sees guesses: %q", own)
	}
	return b, pupilRun{requests: requests(), log: logLines(s.log.String()[logFrom:], sess)}
}

// expectNoFigures checks that the results page shows no figure: no topic, no "X af 10".
func (b *tab) expectNoFigures() {
	b.t.Helper()
	b.waitFor("the results page", `document.getElementById("pupil-results") !== null && document.readyState === "complete"`)
	if n := eval[int](b, `document.querySelectorAll("[data-truth], .pupil-topic").length`); n != 0 {
		b.t.Errorf("the page shows %d topics with figures", n)
	}
	if text := b.pageText(); regexp.MustCompile(`\d+ af 10`).MatchString(text) {
		b.t.Errorf("the page shows a figure:\n%s", text)
	}
}

// releaseToPupils presses the presenter's button on its last slide that shows the results on
// the pupils' phones (released) or hides them again, and waits for the slide to say so.
func (b *tab) releaseToPupils(sess classSession, released bool) {
	b.t.Helper()
	b.open("/sessions/" + sess.ID + "/present#slide-pupils")
	b.waitFor("the pupils' slide", `document.querySelector(".deck.is-live #slide-pupils.is-current") !== null`)
	button, after := ".pupils-off button", ".pupils-on"
	if !released {
		button, after = ".pupils-on button", ".pupils-off"
	}
	b.click(button)
	b.waitFor("the slide to change", fmt.Sprintf(`!document.querySelector(%q).hidden`, after))
	if released && !strings.Contains(b.text(".pupils-url"), "/j/"+sess.Code+"/resultater") {
		b.t.Errorf("the slide shows the pupils' address as %q", b.text(".pupils-url"))
	}
	if released {
		b.screenshot("presenter-pupils.png")
	}
	b.checkAxe("presenter, the pupils' slide")
}

// recordRequests records what the tab sends from now on: method, address and body, with the
// session's code and the device's random submission id left out. The returned function
// stops recording and returns the requests, sorted (a page's resources load in any order).
func (b *tab) recordRequests(sess classSession) func() []string {
	b.t.Helper()
	ctx, cancel := context.WithCancel(b.ctx)
	var mu sync.Mutex
	var sent []string
	err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok {
			return
		}
		var body []byte
		for _, entry := range e.Request.PostDataEntries {
			body = append(body, entry.Bytes...)
		}
		var fields map[string]any
		if json.Unmarshal(body, &fields) == nil {
			delete(fields, "submission_id")
			body, _ = json.Marshal(fields)
		}
		u, _ := url.Parse(e.Request.URL)
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, normalize(fmt.Sprintf("%s %s %s", e.Request.Method, u.RequestURI(), body), sess))
	})
	if err != nil {
		b.t.Fatal(err)
	}
	return func() []string {
		cancel()
		mu.Lock()
		defer mu.Unlock()
		return slices.Sorted(slices.Values(sent))
	}
}

// logLines is the log's lines, normalized and sorted (requests at once are logged in any
// order), without the static files, which are the same for every browser and which the
// teacher's browser loads once.
func logLines(log string, sess classSession) string {
	var lines []string
	for _, line := range strings.Split(normalize(log, sess), "\n") {
		if line != "" && !strings.Contains(line, " path=/static/") {
			lines = append(lines, line)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// normalize replaces a session's id and code with placeholders, and drops from log lines
// their times, durations and the once-a-minute count of pupils' requests (whose minute may
// fall in either pupil's turn).
func normalize(text string, sess classSession) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, sess.ID, "SESSION"), sess.Code, "CODE")
	text = regexp.MustCompile(`(?m)^.*msg="pupil requests".*\n`).ReplaceAllString(text, "")
	return regexp.MustCompile(`time=\S+ | ms=\d+`).ReplaceAllString(text, "")
}

// sessionDocuments is every document of every collection of the store that belongs to a
// session — in a collection named after it, or naming its id or code — as JSON with the
// session's id and code, random ids and the session's self-closing time left out, sorted.
func (s *site) sessionDocuments(sess classSession) []string {
	s.t.Helper()
	all, err := s.st.Documents(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	var out []string
	for coll, docs := range all {
		for _, d := range docs {
			data, err := json.Marshal(d)
			if err != nil {
				s.t.Fatal(err)
			}
			if !strings.Contains(coll, sess.ID) && !strings.Contains(string(data), sess.ID) && !strings.Contains(string(data), sess.Code) {
				continue
			}
			if id, ok := d["_id"].(string); ok && !strings.Contains(id, sess.ID) && id != sess.Code {
				d["_id"] = "RANDOM"
			}
			delete(d, "close_by")
			// A shelf of summaries holds every class of a municipality and school year: this
			// class's entry is what belongs to it.
			if shelf, ok := d["sessions"].(bson.M); ok {
				d["sessions"] = bson.M{sess.ID: shelf[sess.ID]}
			}
			data, _ = json.Marshal(d)
			out = append(out, normalize(coll+": "+string(data), sess))
		}
	}
	slices.Sort(out)
	return out
}
