package compare

import (
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/locales"
)

func TestChangeInWords(t *testing.T) {
	cat, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	da, en := cat.Localizer("da"), cat.Localizer("en")
	sleep := &survey.Item{ID: "sleep", Healthy: true, Campaign: survey.Campaign{Statement: survey.Text{
		"da": "sover mindst 8 timer, når der er skole dagen efter", "en": "sleep at least 8 hours before a school day"}}}
	drunk := &survey.Item{ID: "drunk", Healthy: false, Campaign: survey.Campaign{Statement: survey.Text{
		"da": "har ikke været fulde den seneste måned", "en": "have not been drunk in the last month"}}}
	bare := &survey.Item{ID: "bare", Healthy: true}
	gap := func(pp float64) results.Item { return results.Item{GapPP: pp} }

	for _, c := range []struct {
		name         string
		l            *i18n.Localizer
		def          *survey.Item
		base, follow float64 // the two waves' signed gaps
		ch           Change
		dir          Direction
		gapWords     string
		actualWords  string
	}{
		{"overestimate shrinks", da, sleep, 20, 8,
			Change{GapChangePP: -12, GapCI: [2]float64{-20, -4}, ActualChangePP: 6, ActualCI: [2]float64{1, 11}},
			Smaller, "Forskellen mellem gæt og virkelighed blev 12 procentpoint mindre (95 %-interval 4–20).",
			"Andelen, der sover mindst 8 timer, når der er skole dagen efter, steg 6 procentpoint (95 %-interval 1–11)."},
		// An underestimate that shrinks: the signed gap rises, the misperception falls.
		{"underestimate shrinks", da, sleep, -20, -8,
			Change{GapChangePP: 12, GapCI: [2]float64{4, 20}, ActualChangePP: -2, ActualCI: [2]float64{-9, 5}, ActualNoise: true},
			Smaller, "Forskellen mellem gæt og virkelighed blev 12 procentpoint mindre (95 %-interval 4–20).",
			"Ingen sikker ændring i andelen, der sover mindst 8 timer, når der er skole dagen efter: den ændrede sig −2 procentpoint (95 %-interval −9 til 5), hvad der kan være tilfældigt."},
		{"underestimate grows", da, sleep, -10, -15,
			Change{GapChangePP: -5, GapCI: [2]float64{-9, -1}},
			Larger, "Forskellen mellem gæt og virkelighed blev 5 procentpoint større (95 %-interval 1–9).", ""},
		{"noise", da, sleep, 10, 12,
			Change{GapChangePP: 2, GapCI: [2]float64{-6, 10}, GapNoise: true},
			Uncertain, "Ingen sikker ændring: forskellen mellem gæt og virkelighed ændrede sig 2 procentpoint (95 %-interval −6 til 10), hvad der kan være tilfældigt.", ""},
		// A harmful behaviour that fell is a healthy share that rose.
		{"harmful falls", en, drunk, 15, 14,
			Change{GapChangePP: -1, GapCI: [2]float64{-8, 6}, GapNoise: true, ActualChangePP: -7, ActualCI: [2]float64{-12, -2}},
			Uncertain, "No certain change: the gap between guess and reality changed by −1 percentage points (95 % interval −8 to 6), which may be chance.",
			"The share who have not been drunk in the last month rose 7 percentage points (95 % interval 2–12)."},
		{"generic share", en, bare, 5, 20,
			Change{GapChangePP: 15, GapCI: [2]float64{5, 25}, ActualChangePP: -4, ActualCI: [2]float64{-7, -1}},
			Larger, "The gap between guess and reality became 15 percentage points larger (95 % interval 5–25).",
			"The share fell 4 percentage points (95 % interval 1–7)."},
		// Too high by 20, then too low by 4: the signed change is −24 and clear; the size went
		// down by 16, but the interval lets it be anything from −20 (exactly right) to −8.
		{"crossed", en, sleep, 20, -4,
			Change{GapChangePP: -24, GapCI: [2]float64{-32, -16}},
			Smaller, "The gap between guess and reality became 16 percentage points smaller (95 % interval 8–20). The guess switched sides: from 20 percentage points too high to 4 percentage points too low.", ""},
		// Crossing with an interval that also allows a larger miss is no certain change in size.
		{"crossed unclear", da, sleep, 5, -9,
			Change{GapChangePP: -14, GapCI: [2]float64{-25, -3}},
			Uncertain, "Ingen sikker ændring: forskellen mellem gæt og virkelighed ændrede sig 4 procentpoint (95 %-interval −5 til 15), hvad der kan være tilfældigt. Gættet skiftede side: fra 5 procentpoint for højt til 9 procentpoint for lavt.", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := ChangeInWords(c.l, c.def, gap(c.base), gap(c.follow), c.ch)
			if w.GapDirection != c.dir {
				t.Errorf("direction %v, want %v", w.GapDirection, c.dir)
			}
			if w.Gap != c.gapWords {
				t.Errorf("gap words\n got %q\nwant %q", w.Gap, c.gapWords)
			}
			if c.actualWords != "" && w.Actual != c.actualWords {
				t.Errorf("actual words\n got %q\nwant %q", w.Actual, c.actualWords)
			}
			// The interval's direction always matches the words: low ≤ high, and for a
			// verdict both ends on the verdict's side.
			if w.GapCI[0] > w.GapCI[1] || w.GapCI[0] > w.GapChangePP || w.GapChangePP > w.GapCI[1] {
				t.Errorf("interval %v does not hold %v", w.GapCI, w.GapChangePP)
			}
			if strings.Contains(w.Gap+w.Actual, "report.") {
				t.Errorf("a message is missing: %q %q", w.Gap, w.Actual)
			}
		})
	}
}

func TestAbsGapChange(t *testing.T) {
	for _, c := range []struct {
		g, d   float64
		ci     [2]float64
		m      float64
		lo, hi float64
	}{
		{20, -12, [2]float64{-20, -4}, -12, -20, -4},
		{-20, 12, [2]float64{4, 20}, -12, -20, -4},
		{-20, -5, [2]float64{-9, -1}, 5, 1, 9},
		{20, -24, [2]float64{-32, -16}, -16, -20, -8},
		{0, 3, [2]float64{-2, 8}, 3, 0, 8},
	} {
		m, ci := absGapChange(c.g, c.d, c.ci)
		if m != c.m || ci != [2]float64{c.lo, c.hi} {
			t.Errorf("absGapChange(%v, %v, %v) = %v %v, want %v [%v %v]", c.g, c.d, c.ci, m, ci, c.m, c.lo, c.hi)
		}
	}
}

func TestDanishRelative(t *testing.T) {
	for in, want := range map[string]string{
		"har ikke været fulde den seneste måned":             "ikke har været fulde den seneste måned",
		"føler sig ikke tit ensomme":                         "ikke føler sig tit ensomme",
		"sover mindst 8 timer, når der er skole dagen efter": "sover mindst 8 timer, når der er skole dagen efter",
		"synes ikke, det er i orden at drikke sig fuld":      "ikke synes, det er i orden at drikke sig fuld",
	} {
		if got := danishRelative(in); got != want {
			t.Errorf("danishRelative(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumberWords(t *testing.T) {
	for _, c := range []struct {
		pp   float64
		lang string
		want string
	}{{12.4, "da", "12"}, {-6.5, "da", "−7"}, {0.3, "da", "0,3"}, {-0.3, "en", "−0.3"}, {0, "da", "0"}, {-0.04, "da", "0"}} {
		if got := number(c.pp, c.lang); got != c.want {
			t.Errorf("number(%v, %s) = %q, want %q", c.pp, c.lang, got, c.want)
		}
	}
}
