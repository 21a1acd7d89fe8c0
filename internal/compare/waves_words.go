package compare

import (
	"math"
	"strconv"
	"strings"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Direction is which way a group's misperception — the distance between its guess and the
// truth, |perceived − actual| — went from baseline to follow-up.
type Direction int

// Directions of a misperception's change. Uncertain is a change whose interval holds zero:
// it may be chance, so it is neither praised nor blamed.
const (
	Uncertain Direction = iota
	Smaller
	Larger
)

// ChangeWords is a topic's change from baseline to follow-up in plain sentences, for people
// who do not read intervals: the SSP waves view and the report for a council or school board.
type ChangeWords struct {
	// Gap says how the misperception moved: "Forskellen mellem gæt og virkelighed blev 12
	// procentpoint mindre (95 %-interval 4–20)".
	Gap string
	// GapDirection is Gap's verdict, for a marker beside the sentence.
	GapDirection Direction
	// GapChangePP is the change of the misperception's size in percentage points (negative:
	// smaller), GapCI its 95 % interval, in the same direction as the words.
	GapChangePP float64
	GapCI       [2]float64
	// Actual says how the share on the healthy side moved, in the item's own words when the
	// survey has them: "Andelen, der sover mindst 8 timer, …, steg 6 procentpoint (…)".
	Actual string
}

// ChangeInWords words ch, the change of topic def between the baseline figures base and the
// follow-up figures follow (all three as LinkWaves and ItemChange made them, from protected
// trees). The misperception is the absolute gap, so "smaller" means |gap| shrank: the words
// and their interval come from the two gaps, not from the sign of GapChangePP alone (a gap of
// −20 that becomes −8 grew by 12 points in GapChangePP but shrank as a misperception).
func ChangeInWords(l *i18n.Localizer, def *survey.Item, base, follow results.Item, ch Change) ChangeWords {
	w := ChangeWords{}
	w.GapChangePP, w.GapCI = absGapChange(base.GapPP, ch.GapChangePP, ch.GapCI)
	lo, hi := w.GapCI[0], w.GapCI[1]
	switch {
	case lo > 0:
		w.GapDirection = Larger
		w.Gap = l.T("report.change.gap.larger", "PP", number(w.GapChangePP, l.Lang), "Interval", interval(lo, hi, l))
	case hi < 0:
		w.GapDirection = Smaller
		w.Gap = l.T("report.change.gap.smaller", "PP", number(-w.GapChangePP, l.Lang), "Interval", interval(-hi, -lo, l))
	default:
		w.Gap = l.T("report.change.gap.uncertain", "PP", number(w.GapChangePP, l.Lang), "Interval", interval(lo, hi, l))
	}
	// A guess that went from too high to too low (or back) is worth saying whatever its size.
	if base.GapPP*follow.GapPP < 0 && !ch.GapNoise {
		key := "report.change.gap.crossed_down"
		if follow.GapPP > 0 {
			key = "report.change.gap.crossed_up"
		}
		w.Gap += " " + l.T(key, "From", number(math.Abs(base.GapPP), l.Lang), "To", number(math.Abs(follow.GapPP), l.Lang))
	}
	w.Actual = actualInWords(l, def, ch)
	return w
}

// absGapChange turns the change of the signed gap into the change of its size, |gap|, with an
// interval. With the baseline gap g fixed and the signed change d anywhere in [lo, hi], the
// size changes by |g + d| − |g|: linear while the gap keeps its side, so the interval is just
// mirrored for a gap below zero; when the interval lets the gap cross zero, the size change's
// least value is −|g| (the guess became exactly right), its greatest at an end.
func absGapChange(g, d float64, ci [2]float64) (float64, [2]float64) {
	m := func(x float64) float64 { return math.Abs(g+x) - math.Abs(g) }
	lo, hi := math.Min(m(ci[0]), m(ci[1])), math.Max(m(ci[0]), m(ci[1]))
	if ci[0] < -g && -g < ci[1] {
		lo = -math.Abs(g)
	}
	return round1(m(d)), [2]float64{round1(lo), round1(hi)}
}

// actualInWords says how the share on the healthy side moved. The survey's campaign
// statement names that side ("sover mindst 8 timer …", "har ikke været fulde …"), so for a
// harmful behaviour the change is turned around; without a statement it speaks of the counted
// share plainly.
func actualInWords(l *i18n.Localizer, def *survey.Item, ch Change) string {
	d, lo, hi := ch.ActualChangePP, ch.ActualCI[0], ch.ActualCI[1]
	what := strings.TrimSpace(def.Campaign.Statement.In(l.Lang))
	if l.Lang == "da" {
		what = danishRelative(what)
	}
	if what != "" && !def.Healthy {
		d, lo, hi = -d, -hi, -lo
	}
	suffix := ".generic"
	if what != "" {
		suffix = ".statement"
	}
	switch {
	case lo > 0:
		return l.T("report.change.actual.rose"+suffix, "What", what, "PP", number(d, l.Lang), "Interval", interval(lo, hi, l))
	case hi < 0:
		return l.T("report.change.actual.fell"+suffix, "What", what, "PP", number(-d, l.Lang), "Interval", interval(-hi, -lo, l))
	}
	return l.T("report.change.actual.uncertain"+suffix, "What", what, "PP", number(d, l.Lang), "Interval", interval(lo, hi, l))
}

// danishRelative puts a statement written as a main clause ("har ikke været fulde", "føler
// sig ikke tit ensomme") in the word order of a relative clause ("der ikke har været fulde",
// "der ikke føler sig tit ensomme"): in Danish, "ikke" goes before the verb there.
func danishRelative(statement string) string {
	w := strings.Fields(statement)
	switch {
	case len(w) > 2 && strings.TrimRight(w[1], ",") == "ikke":
		w[0], w[1] = "ikke", w[0]+strings.TrimPrefix(w[1], "ikke") // "synes ikke," → "ikke synes,"
	case len(w) > 3 && w[1] == "sig" && w[2] == "ikke":
		w[0], w[1], w[2] = "ikke", w[0], "sig"
	default:
		return statement
	}
	return strings.Join(w, " ")
}

// interval words a 95 % interval: "4–20" when both ends are at or above zero, "−6 til 10"
// when a minus sign would make a dash ambiguous.
func interval(lo, hi float64, l *i18n.Localizer) string {
	a, b := number(lo, l.Lang), number(hi, l.Lang)
	if lo < 0 || hi < 0 {
		return l.T("report.change.interval_to", "Low", a, "High", b)
	}
	return l.T("report.change.interval", "Low", a, "High", b)
}

// number words percentage points for sentences: whole points, as people say them, but one
// decimal where rounding would make a change that is not zero read as 0; a true minus sign;
// a decimal comma in Danish.
func number(pp float64, lang string) string {
	r := math.Round(pp)
	s := strconv.FormatFloat(math.Abs(r), 'f', 0, 64)
	if r == 0 && pp != 0 {
		s = strconv.FormatFloat(math.Abs(pp), 'f', 1, 64)
		if s == "0.0" {
			return "0"
		}
		if lang == "da" {
			s = strings.Replace(s, ".", ",", 1)
		}
	}
	if pp < 0 && s != "0" {
		return "\u2212" + s
	}
	return s
}

// round1 rounds to one decimal, as every percentage-point figure is.
func round1(x float64) float64 { return math.Round(10*x) / 10 }
