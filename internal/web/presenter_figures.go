package web

import (
	"fmt"
	"math"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// The presenter's figures are inline SVG drawn on the server: geometry lives in SVG
// attributes, which the CSP (style-src 'self') allows where style attributes are refused,
// and the figures show without JavaScript.

// Scale figure geometry, in viewBox units (1000 × 390).
const (
	scaleLeft, scaleRight = 50, 950 // x of 0 and of 10 of 10
	scaleBase             = 290     // y of the axis
	scaleBarMax           = 170     // height of the tallest bar
	scaleBarWidth         = 56
	scaleLabelMargin      = 110 // marker labels stay this far from the edges
)

// scaleFigure is the 0–10 scale of a topic: a bar per scale step for the pupils who guessed
// it, the mean guess (a triangle and a dashed line) and the truth (a circle and a solid line).
type scaleFigure struct {
	Bars                     []scaleBar
	GuessX, TruthX           int
	GuessLabelX, TruthLabelX int
	// GuessAnchor and TruthAnchor align each marker's label: from the marker inwards near an
	// edge ("start" near 0 of 10, "end" near 10 of 10), centred on it elsewhere, so a label
	// such as "● Det rigtige svar" is never cut at the edge.
	GuessAnchor, TruthAnchor string
	GuessMarker              string // the diamond's polygon points
}

// scaleBar is one step of the scale and how many guessed it.
type scaleBar struct {
	X, Y, Height, Center, CountY int
	Count                        int
	Label                        int // the step as "X af 10"
}

func scaleX(share float64) int {
	return scaleLeft + int(math.Round(share*(scaleRight-scaleLeft)))
}

func newScaleFigure(steps []survey.Option, it results.Item) scaleFigure {
	most := 1
	for _, n := range it.PerceivedCounts {
		most = max(most, n)
	}
	f := scaleFigure{GuessX: scaleX(it.PerceivedMean), TruthX: scaleX(it.ActualShare)}
	f.GuessLabelX, f.GuessAnchor = markerLabel(f.GuessX)
	f.TruthLabelX, f.TruthAnchor = markerLabel(f.TruthX)
	f.GuessMarker = diamond(f.GuessX, 56, 20)
	for _, step := range steps {
		n := it.PerceivedCounts[step.ID]
		h := n * scaleBarMax / most
		center := scaleX(step.Value)
		f.Bars = append(f.Bars, scaleBar{X: center - scaleBarWidth/2, Y: scaleBase - h, Height: h,
			Center: center, CountY: scaleBase - h - 12, Count: n, Label: results.OutOfTen(step.Value)})
	}
	return f
}

// markerLabel places the label of a marker at x: centred on it in the middle of the scale;
// near an edge, starting (or ending) a little outside the marker and reading inwards.
func markerLabel(x int) (int, string) {
	switch {
	case x < scaleLeft+scaleLabelMargin*2:
		return max(x-30, 6), "start"
	case x > scaleRight-scaleLabelMargin*2:
		return min(x+30, 994), "end"
	}
	return x, "middle"
}

// Track figure geometry (1000 × 44): a thin 0–10 line per topic on the overview slide.
const trackLeft, trackRight = 30, 970

// trackFigure places a topic's guess and truth on one line, joined by the gap.
type trackFigure struct {
	GuessX, TruthX int
	GuessMarker    string
	Ticks          []int
}

func newTrackFigure(it results.Item) trackFigure {
	f := trackFigure{}
	x := func(share float64) int { return trackLeft + int(math.Round(share*(trackRight-trackLeft))) }
	f.GuessX, f.TruthX = x(it.PerceivedMean), x(it.ActualShare)
	f.GuessMarker = diamond(f.GuessX, 22, 17)
	for i := 0; i <= 10; i++ {
		f.Ticks = append(f.Ticks, x(float64(i)/10))
	}
	return f
}

// diamond is the polygon points of the guess marker centred on (x, y): the guess is a
// diamond and the truth a circle everywhere, so the two differ in shape, not only colour.
func diamond(x, y, r int) string {
	return fmt.Sprintf("%d,%d %d,%d %d,%d %d,%d", x, y-r, x+r, y, x, y+r, x-r, y)
}
