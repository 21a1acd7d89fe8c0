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

// item is a topic's figures: the share doing the counted behaviour and the class's mean guess.
func item(id string, actual, perceived float64) results.Item {
	return results.Item{ID: id, NSelf: 20, NPerceived: 20, ActualShare: actual, PerceivedMean: perceived,
		GapPP: 100 * (perceived - actual)}
}

func TestMessageRules(t *testing.T) {
	sv := testSurvey(t)
	tests := []struct {
		name  string
		items []results.Item
		want  []string // fact sentences, in order
		why   map[string]Reason
	}{
		{"a healthy majority the class underestimated is told as it is",
			[]results.Item{item("sleep", 0.8, 0.5)}, []string{"8 af 10 i 8.B gør sleep"}, nil},
		{"a harmful behaviour is told by its complement, never by the share doing it",
			[]results.Item{item("drunk", 0.1, 0.4)}, []string{"9 af 10 i 8.B gør drunk"}, nil},
		{"19 of 20 is 9 af 10, not 10 af 10",
			[]results.Item{item("sleep", 0.95, 0.5)}, []string{"9 af 10 i 8.B gør sleep"}, nil},
		{"all is 10 af 10",
			[]results.Item{item("sleep", 1, 0.5)}, []string{"10 af 10 i 8.B gør sleep"}, nil},
		{"1 of 20 doing the harmful thing is still 9 af 10 on the healthy side",
			[]results.Item{item("drunk", 0.05, 0.5)}, []string{"9 af 10 i 8.B gør drunk"}, nil},
		{"exactly half is not a majority",
			[]results.Item{item("sleep", 0.5, 0.2)}, nil, map[string]Reason{"sleep": NoMajority}},
		{"55 % doing the harmful thing leaves no healthy majority",
			[]results.Item{item("drunk", 0.55, 0.9)}, nil, map[string]Reason{"drunk": NoMajority}},
		{"a majority that rounds to 5 af 10 is not stated",
			[]results.Item{item("sleep", 0.54, 0.2)}, nil, map[string]Reason{"sleep": NoMajority}},
		{"a guess within a step of the truth corrects nothing",
			[]results.Item{item("sleep", 0.8, 0.75), item("drunk", 0.2, 0.15)}, nil,
			map[string]Reason{"sleep": GuessedRight, "drunk": GuessedRight}},
		{"a class that thought drinking rarer than it is gets no message",
			[]results.Item{item("drunk", 0.4, 0.1)}, nil, map[string]Reason{"drunk": WrongDirection}},
		{"a class that thought itself healthier than it is gets no message",
			[]results.Item{item("sleep", 0.7, 0.9)}, nil, map[string]Reason{"sleep": WrongDirection}},
		{"hidden figures give no message",
			[]results.Item{{ID: "sleep", Suppressed: true}}, nil, map[string]Reason{"sleep": Hidden}},
		{"sensitive topics give no message, whatever the group",
			[]results.Item{item("lonely", 0.05, 0.6)}, nil, map[string]Reason{"lonely": Sensitive}},
		{"the largest correction comes first",
			[]results.Item{item("sleep", 0.7, 0.5), item("drunk", 0.2, 0.6)},
			[]string{"8 af 10 i 8.B gør drunk", "7 af 10 i 8.B gør sleep"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := results.Group{N: 20, Items: tt.items}
			got := Messages(sv, g, class8B, "da")
			if len(got) != len(tt.want) {
				t.Fatalf("got %d messages %+v, want %v", len(got), got, tt.want)
			}
			for i, m := range got {
				if m.Text != tt.want[i] {
					t.Errorf("message %d = %q, want %q", i, m.Text, tt.want[i])
				}
				if m.Group != "8.B" || m.N != 20 || m.CorrectionPP < 100*MinCorrection-1e-9 {
					t.Errorf("message %d lacks its group, n or correction: %+v", i, m)
				}
				if m.Share <= MajorityShare || m.OutOfTen < MinOutOfTen || m.OutOfTen != results.OutOfTen(m.Share) {
					t.Errorf("figure %+v", m)
				}
			}
			for id, want := range tt.why {
				if got := Refusal(sv, g, id); got != want {
					t.Errorf("Refusal(%s) = %q, want %q", id, got, want)
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
	it := item("drunk", 0.12, 0.5)
	it.NSelf = 25
	got := Messages(sv, results.Group{N: 25, Items: []results.Item{it}}, class8B, "en")
	if len(got) != 1 || got[0].Text != "9 out of 10 in 8.B do drunk" || got[0].Percent != 88 {
		t.Errorf("got %+v", got)
	}
}

func TestCheckSlogan(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
		why  string
	}{
		{"", true, ""},
		{"Vi siger nej tak – og det er helt normalt!", true, ""},
		{"Sov godt, 8.B 😴", true, ""},
		{"Sov godt, 8.A 😴", false, `"8" er et tal`},
		{"I 8.B synes vi, natten er til at sove", true, ""},
		{"Hele ９ af 10 af os", false, `"９" er et tal`},
		{"Tre af ti har været fulde", false, `"tre" er et tal`},
		{"Halvdelen af os", false, `"halvdelen" er et tal`},
		{"90 % af os", false, "er et tal"},
		{"٣ من ١٠", false, "er et tal"},
		{"п'ять із десяти", false, `"п'ять" er et tal`},
		{"خمسة منا", false, `"خمسة" er et tal`},
		{"Half of us sleep well", false, `"half" er et tal`},
		{"Most of us say no", true, ""},
		{"En klasse, der sover godt", true, ""},
		{strings.Repeat("Sov godt ", 10), false, "højst være 80 tegn"},
	}
	for _, tt := range tests {
		err := CheckSlogan("da", "8.B", tt.text)
		if tt.ok {
			if err != nil {
				t.Errorf("%q refused: %v", tt.text, err)
			}
			continue
		}
		var se *SloganError
		if !errors.As(err, &se) || !strings.Contains(se.Message, tt.why) {
			t.Errorf("%q: error %v, want one containing %q", tt.text, err, tt.why)
		}
	}
	if err := CheckSlogan("en", "8.B", "Seven of us"); err == nil || !strings.Contains(err.Error(), "is a figure") {
		t.Errorf("English refusal: %v", err)
	}
}
