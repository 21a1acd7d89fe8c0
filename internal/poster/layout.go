package poster

import "errors"

// Proportions of the page width. The type sizes at scale 1 are the largest a poster uses;
// a long text shrinks step by step (shrinkStep) down to minScale; the figure's disc only
// gets smaller when the words cannot.
const (
	marginRatio = 0.07
	gapRatio    = 0.035
	footerRatio = 0.018 // A4: 10.7 pt; PNG: 19 px
	labelRatio  = 0.036
	shrinkStep  = 0.94
	minScale    = 0.38
)

// errNoFit is a safety net: with the texts within Validate's limits, every poster fits.
var errNoFit = errors.New("poster: the text does not fit on the page")

// layout places s on a w×h page.
func layout(s Spec, w, h float64, tf *typeface) (*scene, error) {
	pal, ok := paletteOf(s.Theme)
	if !ok {
		return nil, invalid("unknown theme %q", s.Theme)
	}
	c := &composer{
		tf:  tf,
		pal: pal,
		sc:  &scene{w: w, h: h, margin: marginRatio * w, background: pal.background},
	}
	c.cw = w - 2*c.sc.margin
	for _, d := range pal.circles {
		r := d.r * w
		c.add(shape{x: d.x*w - r, y: d.y*h - r, w: 2 * r, h: 2 * r, radii: corners(r), color: pal.decoration, decoration: true})
	}
	words := posterText{
		headline: tf.clean(s.Headline),
		slogan:   tf.clean(s.Slogan),
		footer:   tf.clean(s.Footer),
		group:    tf.clean(s.Group),
	}
	if words.headline == "" {
		return nil, invalid("the headline has no letters the poster font can draw")
	}
	var err error
	switch s.Layout {
	case LayoutFigure:
		err = c.figure(words, s.OutOfTen, s.outOfTenWords())
	case LayoutQuote:
		err = c.quote(words)
	default:
		err = invalid("unknown layout %q", s.Layout)
	}
	if err != nil {
		return nil, err
	}
	return c.sc, nil
}

type posterText struct{ headline, slogan, footer, group string }

// composer builds a scene from the top and the bottom towards the middle.
type composer struct {
	tf  *typeface
	pal palette
	sc  *scene
	cw  float64 // content width: the page inside its margins
}

func (c *composer) add(s shape) { c.sc.shapes = append(c.sc.shapes, s) }

// corners gives all four corners of a box the radius r.
func corners(r float64) [4]float64 { return [4]float64{r, r, r, r} }

// label draws the group's name in a pill at top and returns the pill's height. A long name
// shrinks, and past that is cut short with an ellipsis: it is a label, the headline says it.
func (c *composer) label(text string, top float64, center bool) float64 {
	w := c.sc.w
	size := labelRatio * w
	for size > 0.022*w && c.tf.width(text, true, size)+1.6*size > c.cw {
		size *= shrinkStep
	}
	pad := 0.8 * size
	text = c.truncate(text, true, size, c.cw-2*pad)
	tw := c.tf.width(text, true, size)
	h := 1.9 * size
	x := c.sc.margin
	if center {
		x = (w - tw - 2*pad) / 2
	}
	c.add(shape{x: x, y: top, w: tw + 2*pad, h: h, radii: corners(h / 2), color: c.pal.accent})
	c.text(textRun{x: x + pad, y: top + (h+c.tf.capHeight*size)/2, size: size, bold: true, color: c.pal.onAccent, text: text, width: tw})
	return h
}

// footer draws the small print at the bottom and returns where the space above it ends.
func (c *composer) footer(text string, center bool) float64 {
	bottom := c.sc.h - c.sc.margin
	if text == "" {
		return bottom
	}
	b := c.block(text, false, footerRatio*c.sc.w, 1.35, c.cw)
	top := bottom - c.height(b)
	if center {
		c.place(b, top, true, c.pal.ink)
	} else {
		c.placeLeft(b, c.sc.margin, top, c.pal.ink, false)
	}
	return top - gapRatio*c.sc.w
}

func (c *composer) text(t textRun) {
	if t.width == 0 {
		t.width = c.tf.width(t.text, t.bold, t.size)
	}
	c.sc.texts = append(c.sc.texts, t)
}
