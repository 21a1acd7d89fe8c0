package charts

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// IntervalScale is the half-width, in percentage points, of the axis every interval of one
// table is drawn on: the widest bound rounded up to the next 10, at least 10, so that rows
// can be compared by eye.
func IntervalScale(bounds ...float64) float64 {
	widest := 0.0
	for _, b := range bounds {
		widest = math.Max(widest, math.Abs(b))
	}
	return math.Max(10, math.Ceil(widest/10)*10)
}

// Interval is one change with its 95 % interval, in percentage points, drawn as a small
// inline SVG: a line from the interval's low to its high end, a dot at the change, and a
// line at zero. Tone names the CSS class that colours it ("better", "worse" or "noise").
// The figure repeats what the table's words say, so it is hidden from screen readers; it
// is drawn on the server, so it needs no script and loads nothing.
func Interval(change, low, high, scale float64, tone string) template.HTML {
	const width, height, pad = 160.0, 20.0, 6.0
	x := func(v float64) float64 {
		v = math.Max(-scale, math.Min(scale, v))
		return pad + (v+scale)/(2*scale)*(width-2*pad)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="interval interval-%s" viewBox="0 0 %g %g" width="%g" height="%g" aria-hidden="true" focusable="false">`,
		template.HTMLEscapeString(tone), width, height, width, height)
	fmt.Fprintf(&b, `<line class="interval-zero" x1="%.1f" y1="1" x2="%.1f" y2="%g"></line>`, x(0), x(0), height-1)
	fmt.Fprintf(&b, `<line class="interval-range" x1="%.1f" y1="%g" x2="%.1f" y2="%g"></line>`, x(low), height/2, x(high), height/2)
	fmt.Fprintf(&b, `<circle class="interval-point" cx="%.1f" cy="%g" r="4.5"></circle></svg>`, x(change), height/2)
	return template.HTML(b.String()) // every value above is a number or an escaped class name
}
