package results

import (
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// naSurvey has a healthy and a harmful topic, each with an answer that says the question
// does not apply to the pupil.
const naSurvey = `id: na
version: 1
languages: [da, en]
title: {da: T, en: T}
intro: {da: I, en: I}
grades: [8]
scales:
  of-ten:
    - {id: "0", value: 0.0, label: {da: "0 af 10", en: "0 of 10"}}
    - {id: "5", value: 0.5, label: {da: "5 af 10", en: "5 of 10"}}
    - {id: "10", value: 1.0, label: {da: "10 af 10", en: "10 of 10"}}
items:
  - id: kind-online
    topic: {da: Online, en: Online}
    healthy: true
    self:
      text: {da: "Hvad gør du?", en: "What do you do?"}
      options:
        - {id: speak-up, label: {da: "Siger fra", en: "Speak up"}, norm: true}
        - {id: nothing, label: {da: "Intet", en: "Nothing"}}
        - {id: not-seen, label: {da: "Har ikke set det", en: "Haven't seen it"}, not_applicable: true}
    perceived:
      text: {da: "Hvor mange?", en: "How many?"}
      scale: of-ten
    discussion: {da: ["?"], en: ["?"]}
    campaign:
      statement: {da: "siger fra", en: "speak up"}
  - id: perfect-life
    topic: {da: Liv, en: Life}
    healthy: false
    self:
      text: {da: "Hvor tit?", en: "How often?"}
      options:
        - {id: never, label: {da: "Aldrig", en: "Never"}}
        - {id: often, label: {da: "Tit", en: "Often"}, norm: true}
        - {id: no-social-media, label: {da: "Ikke på sociale medier", en: "Not on social media"}, not_applicable: true}
    perceived:
      text: {da: "Hvor mange?", en: "How many?"}
      scale: of-ten
    discussion: {da: ["?"], en: ["?"]}
    campaign:
      statement: {da: "føler ikke tit", en: "don't often feel"}
`

// answersOf gives each self answer a perceived answer of 5 of 10.
func answersOf(topic string, self map[string]int) []map[string]model.Answer {
	var out []map[string]model.Answer
	for id, n := range self {
		for range n {
			out = append(out, map[string]model.Answer{topic: {Self: id, Perceived: "5"}})
		}
	}
	return out
}

func TestNotApplicableAnswersCountOnNeitherSide(t *testing.T) {
	sv, err := survey.Parse("na.yaml", []byte(naSurvey))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		topic          string
		self           map[string]int
		suppressed     bool
		nSelf          int
		actual         float64
		k              int // norm answers, for the interval
		notApplicables string
	}{
		{
			name:  "healthy: 6 speak up, 2 do nothing, 4 have not seen it: 6 of 8, not 6 of 12",
			topic: "kind-online", self: map[string]int{"speak-up": 6, "nothing": 2, "not-seen": 4},
			nSelf: 8, actual: 0.75, k: 6, notApplicables: "not-seen",
		},
		{
			name:  "harmful: 2 often, 3 never, 5 not on social media: 2 of 5, so the healthy side is 3 of 5, not 8 of 10",
			topic: "perfect-life", self: map[string]int{"often": 2, "never": 3, "no-social-media": 5},
			nSelf: 5, actual: 0.4, k: 2, notApplicables: "no-social-media",
		},
		{
			name:  "too few answers apply: 4 answered and 10 had not seen it, with a minimum group of 5",
			topic: "kind-online", self: map[string]int{"speak-up": 3, "nothing": 1, "not-seen": 10},
			suppressed: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers := answersOf(tt.topic, tt.self)
			g := Compute(sv, []string{tt.topic}, answers, LevelClass, rules)
			it, ok := g.Item(tt.topic)
			if !ok {
				t.Fatalf("no item %s in %+v", tt.topic, g)
			}
			if it.Suppressed != tt.suppressed {
				t.Fatalf("suppressed = %v, want %v (%+v)", it.Suppressed, tt.suppressed, it)
			}
			if tt.suppressed {
				if it.NSelf != 0 || it.SelfCounts != nil {
					t.Errorf("a suppressed item carries figures: %+v", it)
				}
				return
			}
			if it.NSelf != tt.nSelf || !near(it.ActualShare, tt.actual) {
				t.Errorf("n_self, actual = %d, %v; want %d, %v", it.NSelf, it.ActualShare, tt.nSelf, tt.actual)
			}
			if want := Wilson(tt.k, tt.nSelf); it.ActualCI != want {
				t.Errorf("actual_ci = %v, want %v (from %d of %d)", it.ActualCI, want, tt.k, tt.nSelf)
			}
			if it.NPerceived != len(answers) {
				t.Errorf("n_perceived = %d, want %d: everyone may guess about the class", it.NPerceived, len(answers))
			}
			if got, want := it.SelfCounts[tt.notApplicables], tt.self[tt.notApplicables]; got != want {
				t.Errorf("self_counts[%s] = %d, want %d: the answers are shown, only not counted", tt.notApplicables, got, want)
			}
			if want := roundTenth(100 * (0.5 - tt.actual)); it.GapPP != want {
				t.Errorf("gap_pp = %v, want %v", it.GapPP, want)
			}
		})
	}
}
