package charts

import (
	"regexp"
	"strconv"
	"testing"
)

func TestIntervalDrawsTheChangeBetweenItsBounds(t *testing.T) {
	if got := IntervalScale(-4, 12.5, -31); got != 40 {
		t.Errorf("scale %v, want 40", got)
	}
	if got := IntervalScale(1, -2); got != 10 {
		t.Errorf("scale of small changes %v, want 10", got)
	}
	svg := string(Interval(-12, -20, -4, 40, "better"))
	num := func(re string) float64 {
		m := regexp.MustCompile(re).FindStringSubmatch(svg)
		if m == nil {
			t.Fatalf("%s not in %s", re, svg)
		}
		f, _ := strconv.ParseFloat(m[1], 64)
		return f
	}
	zero, lo, hi, dot := num(`interval-zero" x1="([0-9.]+)"`), num(`interval-range" x1="([0-9.]+)"`), num(`interval-range" x1="[0-9.]+" y1="[0-9.]+" x2="([0-9.]+)"`), num(`cx="([0-9.]+)"`)
	if !(lo < dot && dot < hi && hi < zero) {
		t.Errorf("a shrinking change (−20 … −4) is not drawn left of zero in order: lo %v dot %v hi %v zero %v", lo, dot, hi, zero)
	}
	if zero != 80 {
		t.Errorf("zero at %v, want the middle (80)", zero)
	}
	if !regexp.MustCompile(`class="interval interval-better"`).MatchString(svg) || !regexp.MustCompile(`aria-hidden="true"`).MatchString(svg) {
		t.Errorf("class or aria-hidden missing: %s", svg)
	}
	// Beyond the scale, the drawing stops at the edge instead of leaving the figure.
	if out := string(Interval(70, 55, 85, 40, "worse")); !regexp.MustCompile(`cx="154.0"`).MatchString(out) {
		t.Errorf("a change beyond the scale is not kept at the edge: %s", out)
	}
}
