package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// campaignAnswers is pupil i's answers in the campaign class of ten: 8 of 10 sleep 8 hours
// (a healthy majority), 1 of 10 has been drunk (so 9 of 10 have not: the complement of a
// harmful behaviour), 3 of 10 keep the phone away at night (a healthy minority), 6 of 10
// often compare themselves with perfect lives online (a harmful majority, never a headline),
// only 3 answer about talking to an adult (hidden) and nobody about feeling lonely.
func campaignAnswers(i int) map[string]model.Answer {
	pick := func(yes bool, a, b string) string {
		if yes {
			return a
		}
		return b
	}
	answers := map[string]model.Answer{
		"sleep":        {Self: pick(i < 8, "8plus", "lt7"), Perceived: "4"},
		"drunk":        {Self: pick(i < 1, "once", "no"), Perceived: "3"},
		"phone-night":  {Self: pick(i < 3, "other-room", "on-in-bed"), Perceived: "5"},
		"perfect-life": {Self: pick(i < 6, "often", "never"), Perceived: "5"},
	}
	if i < 3 {
		answers["talk-adult"] = model.Answer{Self: "usually", Perceived: "6"}
	}
	return answers
}

// campaignClass runs a class of n through the API with the given answers and closes it.
func campaignClass(t *testing.T, s *testServer, token, label, wave string, n int, answers func(int) map[string]model.Answer) createdSession {
	t.Helper()
	in := map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": label, "grade": 8, "wave": wave, "expected_pupils": n}
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, in)
	if status != http.StatusCreated {
		t.Fatalf("create %s: %d %s", label, status, body)
	}
	var sess createdSession
	if err := json.Unmarshal([]byte(body), &sess); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("campaign-%s-%s-%02d-abcdefgh", wave, regexp.MustCompile(`[^A-Za-z0-9]`).ReplaceAllString(label, ""), i)
		if st, body := answer(t, s, sess.Code, id, answers(i)); st != http.StatusCreated {
			t.Fatalf("answer: %d %s", st, body)
		}
	}
	closeSessionAPI(t, s, token, sess.ID)
	return sess
}

type campaignMessages struct {
	Messages []struct {
		ItemID   string  `json:"item_id"`
		Text     string  `json:"text"`
		Slogan   string  `json:"slogan"`
		Approval string  `json:"approval"`
		Share    float64 `json:"share"`
		OutOfTen int     `json:"out_of_ten"`
		N        int     `json:"n"`
		Chosen   bool    `json:"chosen"`
	} `json:"messages"`
	Layout string `json:"layout"`
	Theme  string `json:"theme"`
}

func campaignAPI(t *testing.T, s *testServer, token, id, lang string) campaignMessages {
	t.Helper()
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+id+"/campaign?lang="+lang, token, nil)
	if status != http.StatusOK {
		t.Fatalf("campaign API: %d %s", status, body)
	}
	var out campaignMessages
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	return out
}

func TestCampaignAPIGivesExactlyTheAllowedMessages(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := campaignClass(t, s, token, "8.B", "baseline", 10, campaignAnswers)

	got := campaignAPI(t, s, token, sess.ID, "da")
	want := []struct {
		id, text string
		share    float64
	}{
		// The most misjudged first: sleep was guessed 4 of 10 (gap −40), drunk 3 of 10 (+20).
		{"sleep", "8 af 10 i 8.B sover mindst 8 timer, når der er skole dagen efter", 0.8},
		{"drunk", "9 af 10 i 8.B har ikke været rigtig fulde de seneste 30 dage", 0.9},
	}
	if len(got.Messages) != len(want) {
		t.Fatalf("messages %+v, want %v", got.Messages, want)
	}
	for i, w := range want {
		m := got.Messages[i]
		if m.ItemID != w.id || m.Text != w.text || m.Share != w.share || m.N != 10 || m.Slogan != "" || m.Chosen {
			t.Errorf("message %d = %+v, want %v", i, m, w)
		}
	}
	if got.Layout == "" || got.Theme == "" {
		t.Errorf("no default look: %+v", got)
	}

	en := campaignAPI(t, s, token, sess.ID, "en")
	if len(en.Messages) != 2 || !strings.HasPrefix(en.Messages[0].Text, "8 out of 10 in 8.B sleep") {
		t.Errorf("English: %+v", en.Messages)
	}
}

func TestCampaignOfAClassOfFourHasNoMessages(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := campaignClass(t, s, token, "8.B", "baseline", 4, campaignAnswers)
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/campaign?lang=da", token, nil)
	if status != http.StatusOK || !strings.Contains(body, `"messages":[]`) {
		t.Fatalf("%d %s", status, body)
	}
	resp, page := getAs(t, s, token, "/sessions/"+sess.ID+"/campaign")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "For få svar til en kampagne") || strings.Contains(page, "af 10 i 8.B") {
		t.Errorf("page %d:\n%s", resp.StatusCode, page)
	}
	if resp, _ := getAs(t, s, token, "/sessions/"+sess.ID+"/poster.png?item=sleep"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a poster for a class of 4: %d", resp.StatusCode)
	}
	_, parents := getAs(t, s, token, "/sessions/"+sess.ID+"/campaign/parents")
	if regexp.MustCompile(`\d+ af 10`).MatchString(parents) {
		t.Errorf("the parents' text of a class of 4 has a figure:\n%s", parents)
	}
}

func TestCampaignWaitsForTheResults(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := createClassSession(t, s, token, 10)
	for i := 0; i < 6; i++ {
		answer(t, s, sess.Code, submissionID(i), campaignAnswers(i))
	}
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/campaign", token, nil)
	if status != http.StatusConflict || !strings.Contains(body, "closed") {
		t.Errorf("open session: %d %s", status, body)
	}
	if resp, body := getAs(t, s, token, "/sessions/"+sess.ID+"/poster.png?item=sleep"); resp.StatusCode != http.StatusConflict {
		t.Errorf("poster of an open session: %d %s", resp.StatusCode, body)
	}
}

func TestCampaignOfAnotherSchoolIsNotFound(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	other, _ := seedTeacher(t, s, "Aarhus", "Ellevangskolen", "t@ellevang.dk")
	sess := campaignClass(t, s, token, "8.B", "baseline", 10, campaignAnswers)
	if status, body := callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/campaign", other, nil); status != http.StatusNotFound {
		t.Errorf("API: %d %s", status, body)
	}
	for _, path := range []string{"/campaign", "/campaign/parents", "/campaign/parents.txt", "/poster.png?item=sleep", "/poster.pdf?item=sleep"} {
		if resp, _ := getAs(t, s, other, "/sessions/"+sess.ID+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
}

// mediaBox reads a PDF's page size in points.
func mediaBox(t *testing.T, pdf string) (float64, float64) {
	t.Helper()
	m := regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`).FindStringSubmatch(pdf)
	if m == nil {
		t.Fatalf("no MediaBox in the PDF")
	}
	w, _ := strconv.ParseFloat(m[1], 64)
	h, _ := strconv.ParseFloat(m[2], 64)
	return w, h
}

func TestPostersOfAClass(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := campaignClass(t, s, token, "8.B", "baseline", 10, campaignAnswers)
	base := "/sessions/" + sess.ID

	resp, img := getAs(t, s, token, base+"/poster.png?item=sleep&lang=da")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("png: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader([]byte(img)))
	if err != nil || cfg.Width != 1080 || cfg.Height != 1350 {
		t.Errorf("png %dx%d (%v)", cfg.Width, cfg.Height, err)
	}
	if resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="helt-normal-8B-sleep.png"`) {
		t.Errorf("png headers %v", resp.Header)
	}

	resp, a4 := getAs(t, s, token, base+"/poster.pdf?item=drunk&size=a4")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(a4, "%PDF") {
		t.Fatalf("a4: %d %.40q", resp.StatusCode, a4)
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="helt-normal-8B-drunk-a4.pdf"`) || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("pdf headers %v", resp.Header)
	}
	_, a3 := getAs(t, s, token, base+"/poster.pdf?item=drunk&size=a3")
	w4, h4 := mediaBox(t, a4)
	w3, h3 := mediaBox(t, a3)
	if !strings.HasPrefix(a3, "%PDF") || w3 <= w4 || h3 <= h4 || h4 <= w4 {
		t.Errorf("A4 %.0f×%.0f, A3 %.0f×%.0f: A3 must be larger, both portrait", w4, h4, w3, h3)
	}
	if resp, _ := getAs(t, s, token, base+"/poster.pdf?item=drunk&size=a5"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("size a5: %d", resp.StatusCode)
	}

	// No poster for a minority, a harmful majority, a hidden topic or an unknown one.
	for item, reason := range map[string]string{
		"phone-night":  "ikke et klart flertal på den sunde side",
		"perfect-life": "ikke et klart flertal på den sunde side",
		"talk-adult":   "tallet er skjult",
		"nothing":      "findes ikke",
	} {
		resp, body := getAs(t, s, token, base+"/poster.png?item="+item)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Der kan ikke laves en plakat om det emne") || !strings.Contains(body, reason) {
			t.Errorf("%s: %d\n%s", item, resp.StatusCode, body)
		}
	}
}

// workshopForm is the workshop's form as a browser would post it.
func workshopForm(page string, fields ...string) url.Values {
	form := url.Values{"_csrf": {html.UnescapeString(csrfField.FindStringSubmatch(page)[1])}}
	for i := 0; i+1 < len(fields); i += 2 {
		form.Add(fields[i], fields[i+1])
	}
	return form
}

// TestWorkshopLocksTheFactAndKeepsFiguresOutOfTheSlogan: the fact sentence is made from the
// data and cannot be edited; the class writes a slogan beside it, which may carry no figure
// (digits in any script, number words). Every poster and text carries the locked fact.
func TestWorkshopLocksTheFactAndKeepsFiguresOutOfTheSlogan(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := campaignClass(t, s, token, "8.B", "baseline", 10, campaignAnswers)
	b := newStaffBrowser(t, s)
	b.login("t@aarhus.dk", "correct horse battery")
	target := "/sessions/" + sess.ID + "/campaign"
	fact := "8 af 10 i 8.B sover mindst 8 timer, når der er skole dagen efter"

	resp, page := b.get(target)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("workshop: %d", resp.StatusCode)
	}
	for _, want := range []string{`name="item" value="sleep"`, `name="slogan-sleep"`, `name="item" value="drunk"`,
		`name="layout" value="quote"`, `name="theme" value="sunset"`, "swatch theme-sunset", html.EscapeString(fact),
		"kan ikke ændres", "8 af 10 (80\u00a0%)", "I gættede 4 af 10 – det er 8 af 10", "40,0 procentpoint",
		`href="/sessions/` + sess.ID + `/campaign/parents?lang=da"`, `href="/materials/lektion-3"`,
		"Emner uden budskab", "ikke et klart flertal på den sunde side"} {
		if !strings.Contains(page, want) {
			t.Errorf("workshop lacks %q", want)
		}
	}
	if strings.Contains(page, `value="phone-night"`) || strings.Contains(page, `value="talk-adult"`) || strings.Contains(page, `value="perfect-life"`) {
		t.Error("the workshop offers a topic without an allowed message")
	}
	if strings.Contains(page, `name="text-sleep"`) {
		t.Error("the fact sentence can still be edited")
	}
	noInlineCode(t, "workshop", page)

	// A slogan with a figure — digits in any script, or number words — is refused, explained
	// next to the field, the class's words kept, nothing saved.
	for _, wrong := range []string{"7 af 10 sover under 7 timer", "Hele ９ af os!", "tre af ti sover godt"} {
		resp, page = b.post(target, workshopForm(page, "item", "sleep", "slogan-sleep", wrong, "item", "drunk",
			"slogan-drunk", "Nej tak!", "layout", "quote", "theme", "green"))
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("%q: %d", wrong, resp.StatusCode)
		}
		if !regexp.MustCompile(`<p class="error" role="alert" id="slogan-sleep-error">[^<]*er et tal`).MatchString(page) {
			t.Errorf("%q: no explanation next to the field", wrong)
		}
		if !strings.Contains(page, `value="`+html.EscapeString(wrong)+`"`) || !strings.Contains(page, `aria-invalid="true"`) {
			t.Errorf("%q: the class's words are not kept", wrong)
		}
	}
	if !regexp.MustCompile(`value="quote" checked`).MatchString(page) || !regexp.MustCompile(`value="green" checked`).MatchString(page) {
		t.Errorf("the chosen look is not kept")
	}
	noInlineCode(t, "refused workshop", page)
	stored, err := s.st.SessionByID(context.Background(), sess.ID)
	if err != nil || stored.Campaign != nil {
		t.Fatalf("a refused campaign was saved: %+v (%v)", stored.Campaign, err)
	}

	// A slogan without a figure is saved beside the locked fact; a post that tries to send a
	// sentence turned around changes nothing the posters say.
	slogan := "Sov godt – det gør vi!"
	resp, _ = b.post(target, workshopForm(page, "item", "sleep", "slogan-sleep", slogan, "slogan-drunk", "whatever",
		"text-sleep", "7 af 10 i 8.B sover under 7 timer", "layout", "quote", "theme", "green"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("good slogan: %d", resp.StatusCode)
	}
	stored, _ = s.st.SessionByID(context.Background(), sess.ID)
	if c := stored.Campaign; c == nil || c.Layout != "quote" || c.Theme != "green" || len(c.Messages) != 1 ||
		c.Messages[0].ItemID != "sleep" || c.Messages[0].Slogan != slogan {
		t.Fatalf("stored campaign %+v", stored.Campaign)
	}
	got := campaignAPI(t, s, token, sess.ID, "da")
	if got.Messages[0].Text != fact || got.Messages[0].Slogan != slogan || !got.Messages[0].Chosen || got.Messages[1].Chosen ||
		got.Layout != "quote" || got.Theme != "green" {
		t.Errorf("API after saving: %+v", got)
	}
	_, page = b.get(target + "?saved=1")
	preview := `<img src="/sessions/` + sess.ID + `/poster.png?item=sleep&amp;lang=da" alt="` + html.EscapeString(fact) + `"`
	if !strings.Contains(page, preview) || !strings.Contains(page, "Kampagnen er gemt") {
		t.Errorf("no preview %s:\n%s", preview, page)
	}
	for _, link := range []string{"/poster.pdf?item=sleep&amp;lang=da&amp;size=a4", "/poster.pdf?item=sleep&amp;lang=da&amp;size=a3"} {
		if !strings.Contains(page, link) {
			t.Errorf("no download link %s", link)
		}
	}
	noInlineCode(t, "saved workshop", page)
	if resp, _ := b.get("/sessions/" + sess.ID + "/poster.png?item=sleep"); resp.StatusCode != http.StatusOK {
		t.Errorf("the chosen poster: %d", resp.StatusCode)
	}

	// The parents' text tells the chosen message's fact and slogan, and no other figure.
	resp, parents := b.get("/sessions/" + sess.ID + "/campaign/parents?lang=da")
	text := html.UnescapeString(regexp.MustCompile(`(?s)<textarea[^>]*readonly[^>]*>(.*?)</textarea>`).FindStringSubmatch(parents)[1])
	for _, want := range []string{"Kære forældre i 8.B", "Jeg er helt normal", "anonym", fact, slogan, "t@aarhus.dk", "Spørg gerne derhjemme"} {
		if !strings.Contains(text, want) {
			t.Errorf("parents' text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "De fleste af os synes") {
		t.Errorf("the parents' text claims an approval nobody measured:\n%s", text)
	}
	for _, f := range regexp.MustCompile(`\d+ (?:af|ud af) \d+|\d+\s*%`).FindAllString(text, -1) {
		if f != "8 af 10" {
			t.Errorf("parents' text has the figure %q, which no chosen message states", f)
		}
	}
	noInlineCode(t, "parents", parents)
	resp, file := b.get("/sessions/" + sess.ID + "/campaign/parents.txt?lang=da")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), `filename="helt-normal-8B-foraeldre.txt"`) || file != text {
		t.Errorf("txt: %d %v\n%s", resp.StatusCode, resp.Header, file)
	}
}

func TestResultsPageLinksTheWorkshop(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := campaignClass(t, s, token, "8.B", "baseline", 10, campaignAnswers)
	_, page := getAs(t, s, token, "/sessions/"+sess.ID+"/results")
	if !strings.Contains(page, `href="/sessions/`+sess.ID+`/campaign"`) {
		t.Error("the results page does not link the campaign workshop")
	}
}

// sspCampaignScenario: Herning has a school with a class of 20 and a school whose one class
// of 6 had only 3 answer about talking to an adult (hidden for that school); Holstebro has
// its own consultant.
func sspCampaignScenario(t *testing.T) (s *testServer, ssp, sspOther, teacher, smallSchool string) {
	s = newServer(t)
	teacher, _ = seedTeacher(t, s, "Herning", "Brændgårdskolen", "t@herning.dk")
	small, smallSchool := seedTeacher(t, s, "Herning", "Lind Skole", "t@lind.dk")
	campaignClass(t, s, teacher, "8.A", "baseline", 20, func(i int) map[string]model.Answer {
		a := campaignAnswers(i % 10)
		a["talk-adult"] = model.Answer{Self: "usually", Perceived: "3"}
		return a
	})
	campaignClass(t, s, small, "8.L", "baseline", 6, func(i int) map[string]model.Answer {
		a := campaignAnswers(i)
		if i < 3 {
			a["talk-adult"] = model.Answer{Self: "usually", Perceived: "3"}
		} else {
			delete(a, "talk-adult")
		}
		return a
	})
	ssp = seedRole(t, s, model.RoleSSP, "Herning", "ssp@herning.dk")
	sspOther = seedRole(t, s, model.RoleSSP, "Holstebro", "ssp@holstebro.dk")
	return s, ssp, sspOther, teacher, smallSchool
}

func TestSSPCampaignScopingAndHiddenFigures(t *testing.T) {
	s, ssp, sspOther, teacher, smallSchool := sspCampaignScenario(t)
	for _, path := range []string{"/ssp/campaign?", "/ssp/poster.png?item=sleep&group=municipality&", "/ssp/poster.pdf?item=sleep&group=municipality&"} {
		if resp, _ := getAs(t, s, sspOther, path+kort+"&municipality=Herning"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s as another municipality's consultant: %d", path, resp.StatusCode)
		}
		if resp, _ := getAs(t, s, teacher, path+kort); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s as a teacher: %d", path, resp.StatusCode)
		}
	}

	resp, page := getAs(t, s, ssp, "/ssp/campaign?"+kort+"&school_id="+smallSchool)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("campaign page: %d %s", resp.StatusCode, page)
	}
	noInlineCode(t, "ssp campaign", page)
	for _, want := range []string{`name="layout" value="figure"`, `name="theme" value="blue"`, "swatch theme-green"} {
		if !strings.Contains(page, want) {
			t.Errorf("the SSP campaign page lacks the layout and colour choice %s", want)
		}
	}
	// The municipality (26 pupils): talk-adult is shown there (23 answers), so it has a message.
	muni := page[strings.Index(page, `id="group-municipality"`):strings.Index(page, `id="group-school"`)]
	school := page[strings.Index(page, `id="group-school"`):]
	if !strings.Contains(muni, "item=talk-adult") {
		t.Errorf("the municipality lacks its talk-adult message:\n%s", muni)
	}
	if !strings.Contains(school, "Lind Skole") || !strings.Contains(school, "item=sleep") {
		t.Errorf("school section:\n%s", school)
	}
	// At Lind Skole only 3 answered about talking to an adult: no message, no poster.
	if strings.Contains(school, "item=talk-adult") {
		t.Error("the school campaign uses a hidden figure")
	}
	group := "&group=school:" + smallSchool
	if resp, body := getAs(t, s, ssp, "/ssp/poster.png?"+kort+"&item=talk-adult"+group); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "tallet er skjult") {
		t.Errorf("hidden figure poster: %d\n%s", resp.StatusCode, body)
	}

	resp, img := getAs(t, s, ssp, "/ssp/poster.png?"+kort+"&item=sleep"+group+"&theme=sunset&layout=quote")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("school poster: %d %s", resp.StatusCode, img)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader([]byte(img))); err != nil || cfg.Width != 1080 || cfg.Height != 1350 {
		t.Errorf("school poster %+v %v", cfg, err)
	}
	resp, pdf := getAs(t, s, ssp, "/ssp/poster.pdf?"+kort+"&item=drunk&group=municipality&size=a3")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") || !strings.Contains(resp.Header.Get("Content-Disposition"), "helt-normal-Herning-drunk-a3.pdf") {
		t.Errorf("municipality poster: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := getAs(t, s, ssp, "/ssp/poster.png?"+kort+"&item=phone-night&group=municipality"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("minority poster: %d", resp.StatusCode)
	}
	if resp, _ := getAs(t, s, ssp, "/ssp/poster.png?"+kort+"&item=sleep&group=school:nope"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown school: %d", resp.StatusCode)
	}
}

func TestCampaignEffectAcrossWaves(t *testing.T) {
	s := newServer(t)
	teacher, _ := seedTeacher(t, s, "Herning", "Brændgårdskolen", "t@herning.dk")
	ssp := seedRole(t, s, model.RoleSSP, "Herning", "ssp@herning.dk")
	wave := func(guess string) func(int) map[string]model.Answer {
		return func(i int) map[string]model.Answer {
			a := campaignAnswers(i % 10)
			a["sleep"] = model.Answer{Self: a["sleep"].Self, Perceived: guess}
			return a
		}
	}
	campaignClass(t, s, teacher, "8.A", "baseline", 20, wave("2"))            // guessed 2 of 10, it is 8: gap −60
	follow := campaignClass(t, s, teacher, "8 a", "follow-up", 20, wave("8")) // guessed right

	_, page := getAs(t, s, teacher, "/sessions/"+follow.ID+"/campaign")
	if !strings.Contains(page, "Virkede kampagnen?") {
		t.Fatalf("no campaign effect on the follow-up's workshop:\n%s", page)
	}
	row := func(page, topic string) string {
		return regexp.MustCompile(`(?s)<th scope="row">` + topic + `</th>.*?</tr>`).FindString(page)
	}
	if r := row(page, "Søvn"); !strings.Contains(r, "Forskellen blev mindre") || !strings.Contains(r, "\u221260,0") {
		t.Errorf("sleep: %s", r)
	}
	if r := row(page, "Alkohol"); !strings.Contains(r, "inden for tilfældig variation") {
		t.Errorf("drunk (no change): %s", r)
	}
	if strings.Contains(page, "/ssp/waves") {
		t.Error("a teacher is linked to the SSP waves view")
	}

	_, page = getAs(t, s, ssp, "/ssp/campaign?"+kort)
	if !strings.Contains(page, "Virkede kampagnen?") || !strings.Contains(page, "Forskellen blev mindre") || !strings.Contains(page, `href="/ssp/waves?`) {
		t.Errorf("no campaign effect on the SSP campaign:\n%s", page)
	}
	noInlineCode(t, "ssp campaign with effect", page)
}
