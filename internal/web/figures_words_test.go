package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/pdftest"
)

// nearlyAllAnswers is pupil i's answers in a class of 20 where 19 sleep 8 hours (19 of 20),
// 19 have not been drunk, 1 keeps the phone away at night (1 of 20) and 19 often compare
// themselves with perfect lives online; everyone guesses 4 of 10.
func nearlyAllAnswers(i int) map[string]model.Answer {
	one := i == 0
	pick := func(yes bool, a, b string) string {
		if yes {
			return a
		}
		return b
	}
	return map[string]model.Answer{
		"sleep":        {Self: pick(!one, "8plus", "lt7"), Perceived: "4"},
		"drunk":        {Self: pick(one, "once", "no"), Perceived: "4"},
		"phone-night":  {Self: pick(one, "other-room", "on-in-bed"), Perceived: "4"},
		"perfect-life": {Self: pick(!one, "often", "never"), Perceived: "4"},
	}
}

// untrueFigure finds a claim that all or none do something — "det er 10 af 10", "I troede
// 0 af 10", "10 af 10 i 8.B …", "100 %" of a group — in words shown to people. The guess
// scale's own labels ("0 af 10" … "10 af 10", what pupils could choose) and chart axes are
// not claims and are left out.
var untrueFigure = regexp.MustCompile(`(?i)(?:det er|er det|troede|gættede|thought|guessed|it is|it's|—|–)\s+(?:10|0) (?:af|ud af|out of) 10|(?:^|[^0-9])(?:10|0) (?:af|out of) 10 (?:i|in) |(?:^|[^0-9.,])(?:100|0)\s?% (?:\(|af|of)|\((?:100|0)\s?%\)`)

// chartData drops the charts' option JSON (axis ticks 0 %–100 %) from a page.
var chartData = regexp.MustCompile(`data-chart="[^"]*"`)

// TestNoOutputSaysAllOrNoneWhenItIsNot: 19 of 20 is never "10 af 10" and 1 of 20 never
// "0 af 10" — on the results page, the print view, the presenter (closing slide included),
// the campaign workshop and API, the posters and the parents' text.
func TestNoOutputSaysAllOrNoneWhenItIsNot(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	sess := campaignClass(t, s, token, "8.B", "baseline", 20, nearlyAllAnswers)
	base := "/sessions/" + sess.ID

	texts := map[string]string{}
	for _, path := range []string{"/results?lang=da", "/results/print?lang=da", "/present?lang=da", "/campaign?lang=da",
		"/campaign/parents.txt?lang=da", "/results?lang=en", "/present?lang=en", "/campaign?lang=en"} {
		resp, body := getAs(t, s, token, base+path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		texts[path] = html.UnescapeString(chartData.ReplaceAllString(body, ""))
	}
	_, texts["campaign API"] = callAPI(t, s, http.MethodGet, "/api/v1/sessions/"+sess.ID+"/campaign?lang=da", token, nil)
	for _, item := range []string{"sleep", "drunk"} {
		resp, pdf := getAs(t, s, token, base+"/poster.pdf?item="+item+"&lang=da")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("poster %s: %d", item, resp.StatusCode)
		}
		text := strings.Join(strings.Fields(pdftest.Text(t, []byte(pdf))), " ")
		texts["poster "+item] = text
		fact := map[string]string{"sleep": "9 af 10 i 8.B sover mindst 8 timer", "drunk": "9 af 10 i 8.B har ikke været rigtig fulde"}[item]
		if !strings.Contains(text, fact) {
			t.Errorf("poster %s does not carry its locked fact %q:\n%s", item, fact, text)
		}
	}
	for where, text := range texts {
		for _, f := range untrueFigure.FindAllString(text, -1) {
			t.Errorf("%s says %q", where, strings.TrimSpace(f))
		}
	}
	if !strings.Contains(texts["/results?lang=da"], "det er 9 af 10") || !strings.Contains(texts["/results?lang=da"], "det er 1 af 10") {
		t.Errorf("the results page does not say 9 af 10 and 1 af 10")
	}
}

// approvalClassAnswers is pupil i's answers in a class of 10 on the long survey's alcohol
// topic and its approval pair: 1 has been drunk (guessed 4 of 10), 9 do not think it OK to
// get drunk, and they guess 5 of 10 do.
func approvalClassAnswers(i int) map[string]model.Answer {
	drunk, ok := "no", "no"
	if i == 0 {
		drunk, ok = "once", "yes"
	}
	return map[string]model.Answer{
		"drunk":    {Self: drunk, Perceived: "4"},
		"drunk-ok": {Self: ok, Perceived: "5"},
	}
}

// TestApprovalPairsInPresenterAndCampaign: the long survey asks whether pupils find it OK to
// get drunk and how many they think do. The presenter shows it as a topic of its own, guess
// before truth, and the alcohol message carries the measured approval line — no claim about
// peers that nobody asked.
func TestApprovalPairsInPresenterAndCampaign(t *testing.T) {
	s := newServer(t)
	token, _ := seedTeacher(t, s, "Aarhus", "Skovvangskolen", "t@aarhus.dk")
	in := map[string]any{"survey_id": "jeg-er-helt-normal-7-9", "class_label": "8.B", "grade": 8, "wave": "baseline",
		"expected_pupils": 10, "items": []string{"drunk"}}
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, in)
	if status != http.StatusCreated || !strings.Contains(body, `"items":["drunk","drunk-ok"]`) || !strings.Contains(body, `"survey_version":2`) {
		t.Fatalf("create: %d %s", status, body)
	}
	var sess createdSession
	if err := json.Unmarshal([]byte(body), &sess); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if st, body := answer(t, s, sess.Code, fmt.Sprintf("approval-%02d-abcdefghij", i), approvalClassAnswers(i)); st != http.StatusCreated {
			t.Fatalf("answer: %d %s", st, body)
		}
	}
	closeSessionAPI(t, s, token, sess.ID)

	_, deck := present(t, s, token, sess.ID, "da")
	deck = html.UnescapeString(deck)
	for _, want := range []string{"Alkohol – er det i orden?", "I troede 5 af 10", "Det er 1 af 10"} {
		if !strings.Contains(deck, want) {
			t.Errorf("the presenter lacks %q", want)
		}
	}
	got := campaignAPI(t, s, token, sess.ID, "da")
	if len(got.Messages) != 1 || got.Messages[0].ItemID != "drunk" ||
		got.Messages[0].Approval != "9 af 10 i 8.B synes ikke, det er i orden at drikke sig fuld" {
		t.Fatalf("campaign %+v", got.Messages)
	}
	_, workshop := getAs(t, s, token, "/sessions/"+sess.ID+"/campaign?lang=da")
	if !strings.Contains(html.UnescapeString(workshop), "synes ikke, det er i orden at drikke sig fuld") {
		t.Error("the workshop does not show the measured approval line")
	}
	resp, pdf := getAs(t, s, token, "/sessions/"+sess.ID+"/poster.pdf?item=drunk&lang=da")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("poster: %d", resp.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(pdf))), " ")
	for _, want := range []string{"9 af 10 i 8.B har ikke været rigtig fulde", "synes ikke, det er i orden at drikke sig fuld"} {
		if !strings.Contains(text, want) {
			t.Errorf("the poster lacks %q:\n%s", want, text)
		}
	}
}
