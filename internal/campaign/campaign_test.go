package campaign

import (
	"errors"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/survey/surveytest"
)

func testSurvey(t *testing.T) *survey.Survey {
	t.Helper()
	return surveytest.Survey(t)
}

var class8B = Audience{Level: results.LevelClass, Name: "8.B"}

func TestMessageRules(t *testing.T) {
	sv := testSurvey(t)
	tests := []struct {
		name  string
		items []results.Item
		want  []string // headlines, in order
	}{
		{"a healthy majority is told as it is",
			[]results.Item{{ID: "sleep", NSelf: 20, ActualShare: 0.8}},
			[]string{"8 af 10 i 8.B gør sleep"}},
		{"a harmful behaviour is told by its complement, never by the share doing it",
			[]results.Item{{ID: "drunk", NSelf: 20, ActualShare: 0.1}},
			[]string{"9 af 10 i 8.B gør drunk"}},
		{"no message without a true majority on the healthy side",
			[]results.Item{{ID: "sleep", NSelf: 20, ActualShare: 0.45}, {ID: "drunk", NSelf: 20, ActualShare: 0.55}},
			nil},
		{"exactly half is a majority",
			[]results.Item{{ID: "sleep", NSelf: 20, ActualShare: 0.5}},
			[]string{"5 af 10 i 8.B gør sleep"}},
		{"hidden figures give no message",
			[]results.Item{{ID: "sleep", Suppressed: true}},
			nil},
		{"sensitive topics give no message, whatever the group",
			[]results.Item{{ID: "lonely", NSelf: 40, ActualShare: 0.05}},
			nil},
		{"the most misjudged topic comes first",
			[]results.Item{{ID: "sleep", NSelf: 20, ActualShare: 0.7, GapPP: -10}, {ID: "drunk", NSelf: 20, ActualShare: 0.2, GapPP: 35}},
			[]string{"8 af 10 i 8.B gør drunk", "7 af 10 i 8.B gør sleep"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Messages(sv, results.Group{N: 20, Items: tt.items}, class8B, "da")
			if len(got) != len(tt.want) {
				t.Fatalf("got %d messages %+v, want %v", len(got), got, tt.want)
			}
			for i, m := range got {
				if m.Text != tt.want[i] {
					t.Errorf("message %d = %q, want %q", i, m.Text, tt.want[i])
				}
				if m.Approval != "Det er fint." || m.Group != "8.B" || m.N != 20 {
					t.Errorf("message %d lacks its approval, group or n: %+v", i, m)
				}
				if m.Share < MinShare || m.OutOfTen != results.OutOfTen(m.Share) {
					t.Errorf("figure %+v", m)
				}
			}
		})
	}
}

func TestASuppressedGroupGetsNoMessages(t *testing.T) {
	sv := testSurvey(t)
	g := results.Group{N: 4, Suppressed: true}
	if got := Messages(sv, g, class8B, "da"); len(got) != 0 {
		t.Errorf("a class of 4 got %v", got)
	}
}

func TestEnglishAndPercent(t *testing.T) {
	sv := testSurvey(t)
	got := Messages(sv, results.Group{N: 25, Items: []results.Item{{ID: "drunk", NSelf: 25, ActualShare: 0.12}}}, class8B, "en")
	if len(got) != 1 || got[0].Text != "9 out of 10 in 8.B do drunk" || got[0].Percent != 88 || got[0].Approval != "That is fine." {
		t.Errorf("got %+v", got)
	}
}

func TestCheckRewrite(t *testing.T) {
	m := Message{ItemID: "drunk", Lang: "da", OutOfTen: 9, Percent: 88, Share: 0.88}
	tests := []struct {
		text string
		ok   bool
		why  string
	}{
		{"9 af 10 af os i 8.B siger nej tak til at drikke os fulde", true, ""},
		{"Vidste du det? 88 % af os har ikke været fulde!", true, ""},
		{"Hele 9 ud af 10 holder sig ædru 🎉", true, ""},
		{"18 af 20 har ikke været fulde", true, ""},
		{"De fleste af os har ikke været fulde", false, "skal sige tallet: 9 af 10"},
		{"1 af 10 har været fulde", false, `Tallet "1 af 10" passer ikke`},
		{"9 af 10 — og 10 % drikker", false, `"10 %" passer ikke`},
		{"95 % af os har ikke været fulde", false, "passer ikke"},
		{"", false, "Skriv et budskab"},
		{strings.Repeat("9 af 10 ", 30), false, "højst være 140 tegn"},
	}
	for _, tt := range tests {
		err := CheckRewrite(m, tt.text)
		if tt.ok {
			if err != nil {
				t.Errorf("%q refused: %v", tt.text, err)
			}
			continue
		}
		var re *RewriteError
		if !errors.As(err, &re) || !strings.Contains(re.Message, tt.why) {
			t.Errorf("%q: error %v, want one containing %q", tt.text, err, tt.why)
		}
	}
	en := Message{Lang: "en", OutOfTen: 7, Percent: 70}
	if err := CheckRewrite(en, "Most of us sleep well"); err == nil || !strings.Contains(err.Error(), "7 out of 10") {
		t.Errorf("English refusal: %v", err)
	}
}
