package report

import (
	"fmt"
	"math"
	"time"

	"github.com/heltnormal/heltnormal/internal/results"
)

// Percent is how the report writes a share: a whole percentage, true in words
// (results.Percent: 100 only when all, 0 only when none), "72 %" in Danish (a no-break space,
// so a line never ends between the number and its sign), "72%" in English.
func Percent(share float64, lang string) string {
	return percentSign(results.Percent(share), lang)
}

// Interval is how the report writes a 95 % interval of a share: "65–78 %". Its ends are
// bounds, not claims about the group, so they are rounded plainly.
func Interval(ci [2]float64, lang string) string {
	lo, hi := int(math.Round(100*ci[0])), int(math.Round(100*ci[1]))
	return fmt.Sprintf("%d–%s", lo, percentSign(hi, lang))
}

// PP is how the report writes a gap in percentage points: whole points with a sign, "+12",
// "−27", "0".
func PP(pp float64) string {
	r := int(math.Round(pp))
	switch {
	case r > 0:
		return fmt.Sprintf("+%d", r)
	case r < 0:
		return fmt.Sprintf("\u2212%d", -r)
	}
	return "0"
}

func percentSign(n int, lang string) string {
	if lang == "da" {
		return fmt.Sprintf("%d\u00a0%%", n)
	}
	return fmt.Sprintf("%d%%", n)
}

var months = map[string][]string{
	"da": {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// date writes a day, never a time of day: "2. december 2026", "2 December 2026".
func date(t time.Time, lang string) string {
	if lang == "da" {
		return fmt.Sprintf("%d. %s %d", t.Day(), months["da"][t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months["en"][t.Month()-1], t.Year())
}
