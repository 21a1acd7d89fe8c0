package surveys_test

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/surveys"
)

// answerRange is the part of a quantity (hours, days, times) one answer covers: from lo
// (always included) to hi, which is included only when closed. A whole count such as "2
// gange" covers [2, 3), so counts that follow each other leave no gap.
type answerRange struct {
	lo, hi float64
	closed bool
	unit   string // "timer" (a measure) or "dage", "gange" (counts)
}

var (
	rangeNumber = `(\d+)`
	rangeUnit   = `(timer|time|dage|dag|gange|gang)`
	rangeForms  = []struct {
		re   *regexp.Regexp
		read func(m []string) answerRange
	}{
		{ // "Under 7 timer", "Mindre end 1 time"
			regexp.MustCompile(`^(?:under|mindre end) ` + rangeNumber + ` ` + rangeUnit + `$`),
			func(m []string) answerRange { return answerRange{lo: 0, hi: num(m[1]), unit: unitOf(m[2])} },
		},
		{ // "8 timer eller mere", "3 gange eller mere", "mindst 8 timer"
			regexp.MustCompile(`^(?:` + rangeNumber + ` ` + rangeUnit + ` eller mere|mindst (\d+) ` + rangeUnit + `)$`),
			func(m []string) answerRange {
				if m[1] == "" {
					m = []string{m[0], m[3], m[4]}
				}
				return answerRange{lo: num(m[1]), hi: math.Inf(1), unit: unitOf(m[2])}
			},
		},
		{ // "7 timer til under 8 timer", "1 time til under 2 timer"
			regexp.MustCompile(`^` + rangeNumber + ` ` + rangeUnit + ` til under ` + rangeNumber + ` ` + rangeUnit + `$`),
			func(m []string) answerRange { return answerRange{lo: num(m[1]), hi: num(m[3]), unit: unitOf(m[4])} },
		},
		{ // "Mellem 7 og 8 timer", "2–3 dage": both ends included
			regexp.MustCompile(`^(?:mellem ` + rangeNumber + ` og ` + rangeNumber + `|` + rangeNumber + ` ?- ?` + rangeNumber + `) ` + rangeUnit + `$`),
			func(m []string) answerRange {
				lo, hi := m[1], m[2]
				if lo == "" {
					lo, hi = m[3], m[4]
				}
				return closedRange(num(lo), num(hi), unitOf(m[5]))
			},
		},
		{ // "1 gang", "2 gange"
			regexp.MustCompile(`^` + rangeNumber + ` ` + rangeUnit + `$`),
			func(m []string) answerRange { return closedRange(num(m[1]), num(m[1]), unitOf(m[2])) },
		},
		{ // "Ingen gange", "Ingen"
			regexp.MustCompile(`^ingen(?: ` + rangeUnit + `)?$`),
			func(m []string) answerRange { return closedRange(0, 0, unitOf(m[1])) },
		},
	}
)

func num(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// unitOf names a unit by its plural, so "1 time" and "2 timer" are the same unit.
func unitOf(s string) string {
	switch s {
	case "time", "timer":
		return "timer"
	case "dag", "dage":
		return "dage"
	case "gang", "gange":
		return "gange"
	}
	return s // "" for "Ingen": any unit
}

// closedRange is lo to hi with both ends included: for a count, up to the next whole number.
func closedRange(lo, hi float64, unit string) answerRange {
	if unit == "timer" {
		return answerRange{lo: lo, hi: hi, closed: true, unit: unit}
	}
	return answerRange{lo: lo, hi: hi + 1, unit: unit}
}

// readRange reads the Danish label of an answer as a range. ok is false for an answer with no
// number ("Aldrig", "Ja, et par gange") and for a "Nej, …" answer, which says the thing did
// not happen rather than how much of it did ("Nej, ikke inden for de seneste 30 dage"). A
// label with a number that none of the forms reads is an error, so a new way of writing a
// range cannot slip past the check.
func readRange(label string) (r answerRange, ok bool, err error) {
	s := strings.ToLower(strings.TrimSpace(label))
	if strings.HasPrefix(s, "nej") {
		return r, false, nil
	}
	s = strings.TrimPrefix(s, "ja, ")
	s = strings.NewReplacer("–", "-", "—", "-").Replace(s)
	for _, f := range rangeForms {
		if m := f.re.FindStringSubmatch(s); m != nil {
			return f.read(m), true, nil
		}
	}
	if strings.ContainsAny(s, "0123456789") {
		return r, false, fmt.Errorf("cannot read %q as a range", label)
	}
	return r, false, nil
}

// rangeProblems lists where the numeric answers of a question overlap (a pupil could pick
// two) or leave a gap between them (a pupil could pick none).
func rangeProblems(q survey.SelfQuestion) []string {
	type answer struct {
		label string
		r     answerRange
	}
	var problems []string
	var answers []answer
	units := map[string]bool{}
	for _, o := range q.Options {
		r, ok, err := readRange(o.Label["da"])
		if err != nil {
			problems = append(problems, err.Error())
		}
		if ok {
			answers = append(answers, answer{o.Label["da"], r})
			if r.unit != "" {
				units[r.unit] = true
			}
		}
	}
	if len(units) > 1 {
		problems = append(problems, fmt.Sprintf("answers mix units %v", units))
	}
	slices.SortStableFunc(answers, func(a, b answer) int {
		return cmpFloat(a.r.lo, b.r.lo)
	})
	for i := range answers {
		for j := i + 1; j < len(answers); j++ {
			a, b := answers[i], answers[j]
			if b.r.lo < a.r.hi || (b.r.lo == a.r.hi && a.r.closed) {
				problems = append(problems, fmt.Sprintf("%q and %q overlap", a.label, b.label))
			}
		}
	}
	// A gap: an answer starts after everything before it has ended. A half-open range ending
	// where the next one starts ("til under 8" and "8 eller mere") leaves none.
	for i := 1; i < len(answers); i++ {
		reach := slices.MaxFunc(answers[:i], func(a, b answer) int { return cmpFloat(a.r.hi, b.r.hi) })
		if answers[i].r.lo > reach.r.hi {
			problems = append(problems, fmt.Sprintf("gap between %q and %q", reach.label, answers[i].label))
		}
	}
	return problems
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// surveyRangeProblems runs rangeProblems over every question of a survey, approval pairs too.
func surveyRangeProblems(s *survey.Survey) []string {
	var out []string
	for _, it := range s.Items {
		for _, p := range rangeProblems(it.Self) {
			out = append(out, fmt.Sprintf("item %q: %s", it.ID, p))
		}
	}
	return out
}

func TestReadRangeAndProblems(t *testing.T) {
	q := func(labels ...string) survey.SelfQuestion {
		var sq survey.SelfQuestion
		for i, l := range labels {
			sq.Options = append(sq.Options, survey.Option{ID: strconv.Itoa(i), Label: survey.Text{"da": l}})
		}
		return sq
	}
	tests := []struct {
		name string
		q    survey.SelfQuestion
		want []string
	}{
		{"hours, half-open", q("Under 7 timer", "7 timer til under 8 timer", "8 timer eller mere"), nil},
		{"hours, version 1 sleep", q("Under 7 timer", "Mellem 7 og 8 timer", "8 timer eller mere"),
			[]string{`"Mellem 7 og 8 timer" and "8 timer eller mere" overlap`}},
		{"hours, a missing band", q("Under 7 timer", "8 timer eller mere"),
			[]string{`gap between "Under 7 timer" and "8 timer eller mere"`}},
		{"hours, two closed ranges meeting at a point", q("Mellem 1 og 2 timer", "Mellem 2 og 3 timer"),
			[]string{`"Mellem 1 og 2 timer" and "Mellem 2 og 3 timer" overlap`}},
		{"hours, a closed range then the next hour", q("Mellem 1 og 2 timer", "3 timer eller mere"),
			[]string{`gap between "Mellem 1 og 2 timer" and "3 timer eller mere"`}},
		{"days, counted", q("0–1 dag", "2–3 dage", "4–5 dage", "6–7 dage"), nil},
		{"days, overlapping counts", q("0–2 dage", "2–3 dage"), []string{`"0–2 dage" and "2–3 dage" overlap`}},
		{"days, a skipped count", q("0–1 dag", "3–4 dage"), []string{`gap between "0–1 dag" and "3–4 dage"`}},
		{"times", q("Ingen gange", "1 gang", "2 gange", "3 gange eller mere"), nil},
		{"yes and no", q("Nej, jeg drikker ikke alkohol", "Nej, ikke inden for de seneste 30 dage", "Ja, 1 gang", "Ja, 2 gange eller mere"), nil},
		{"words only", q("Aldrig", "Sjældent", "Tit"), nil},
		{"mixed units", q("Under 1 time", "1 dag eller mere"), []string{`answers mix units map[dage:true timer:true]`}},
		{"unreadable", q("Omkring 7 timer", "8 timer eller mere"), []string{`cannot read "Omkring 7 timer" as a range`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rangeProblems(tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("problems\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// Every survey a session can be created with (each survey's latest version) has answer
// ranges that neither overlap nor leave a gap.
func TestNoOverlappingAnswerRanges(t *testing.T) {
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range latest(all) {
		for _, p := range surveyRangeProblems(s) {
			t.Errorf("%s: %s", s.File, p)
		}
	}
}

// Version 1 files stay as they were asked, with the overlaps issue 20 found. That the check
// finds exactly those shows it would have caught them.
func TestOlderVersionsHaveTheKnownOverlaps(t *testing.T) {
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"jeg-er-helt-normal-7-9@1": {
			`item "sleep": "Mellem 7 og 8 timer" and "8 timer eller mere" overlap`,
			`item "social-media": "Mellem 1 og 2 timer" and "Mellem 2 og 3 timer" overlap`,
			`item "social-media": "Mellem 2 og 3 timer" and "3 timer eller mere" overlap`,
		},
		"jeg-er-helt-normal-kort@1": {
			`item "sleep": "Mellem 7 og 8 timer" and "8 timer eller mere" overlap`,
		},
	}
	seen := 0
	for _, s := range all {
		w, ok := want[s.Key()]
		if !ok {
			continue
		}
		seen++
		if got := surveyRangeProblems(s); !slices.Equal(got, w) {
			t.Errorf("%s: problems\n%q\nwant\n%q", s.File, got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d version 1 files", seen, len(want))
	}
}
