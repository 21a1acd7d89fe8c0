package poster

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// figure is LayoutFigure: the group's label, the figure huge in a disc, ten people with the
// figure's share filled in, the rest of the sentence, the class's slogan in a speech bubble, and
// the footer.
func (c *composer) figure(t posterText, outOfTen int, ofTen string) error {
	w, m := c.sc.w, c.sc.margin
	top := m
	if t.group != "" {
		top += c.label(t.group, top, true) + gapRatio*w
	}
	bottom := c.footer(t.footer, true)
	rest := afterFigure(t.headline, outOfTen)
	avail := bottom - top

	// The figure's disc takes what the words leave, between dMin and dMax; the words
	// shrink until the disc gets at least dMin: first a generous minimum, then a smaller,
	// and only then may a word too long for a line be broken.
	dMax := 0.62 * w
	for _, pass := range []struct {
		dMin     float64
		mayBreak bool
	}{{0.44 * w, false}, {0.28 * w, false}, {0.28 * w, true}} {
		for scale := 1.0; scale >= minScale; scale *= shrinkStep {
			gap := gapRatio * w * math.Max(scale, 0.6)
			head := c.balanced(rest, true, 0.085*w*scale, 1.12, c.cw)
			appr := c.bubbleBlock(t.slogan, math.Max(0.048*w*scale, 0.027*w))
			if (head.broken || appr.broken) && !pass.mayBreak {
				continue
			}
			people := c.peopleHeight()
			fixed := c.height(head) + c.bubbleHeight(appr) + people + 3.3*gap
			if t.slogan == "" {
				fixed -= gap
			}
			d := avail - fixed
			if d < pass.dMin {
				continue
			}
			d = math.Min(d, dMax)
			spare := (avail - fixed - d) / 5 // shared by the gaps above, between and below the parts
			gap += spare
			y := top + spare
			c.disc(outOfTen, ofTen, y, d)
			y += d + gap
			c.people(outOfTen, y)
			y += people + 1.3*gap // the headline's ascenders need a little more air
			c.place(head, y, true, c.pal.ink)
			y += c.height(head) + gap
			if t.slogan != "" {
				c.bubble(appr, y)
			}
			return nil
		}
	}
	return errNoFit
}

// disc draws the figure: its number huge and "af 10" under it, in a disc of diameter d.
func (c *composer) disc(outOfTen int, ofTen string, top, d float64) {
	cx := c.sc.w / 2
	c.add(shape{x: cx - d/2, y: top, w: d, h: d, radii: corners(d / 2), color: c.pal.accent})
	num := strconv.Itoa(outOfTen)
	numSize := 0.42 * d / c.tf.capHeight
	if nw := c.tf.width(num, true, numSize); nw > 0.7*d {
		numSize *= 0.7 * d / nw
	}
	wordSize := 0.13 * d
	if ww := c.tf.width(ofTen, true, wordSize); ww > 0.64*d {
		wordSize *= 0.64 * d / ww
	}
	gap := 0.075 * d
	inner := c.tf.capHeight*numSize + gap + c.tf.capHeight*wordSize
	base := top + (d-inner)/2 + c.tf.capHeight*numSize
	c.centered(num, true, numSize, base, c.pal.onAccent)
	c.centered(ofTen, true, wordSize, base+gap+c.tf.capHeight*wordSize, c.pal.onAccent)
}

// The ten people under the figure: a head and shoulders each, the figure's share filled in,
// the rest drawn as outlines.
const (
	peopleRowRatio = 0.74 // of the page width
	personRatio    = 0.6  // of a person's slot
)

func (c *composer) peopleHeight() float64 {
	pw := personRatio * math.Min(c.cw, peopleRowRatio*c.sc.w) / 10
	return 1.4 * pw
}

func (c *composer) people(filled int, top float64) {
	row := math.Min(c.cw, peopleRowRatio*c.sc.w)
	slot := row / 10
	pw := personRatio * slot
	head := 0.52 * pw
	x0 := (c.sc.w - row) / 2
	for i := range 10 {
		stroke := 0.0
		if i >= filled {
			stroke = 0.1 * pw
		}
		x := x0 + float64(i)*slot + (slot-pw)/2
		c.add(shape{x: x + (pw-head)/2, y: top, w: head, h: head, radii: corners(head / 2), stroke: stroke, color: c.pal.accent})
		bodyTop := top + head + 0.08*pw
		bh := 1.4*pw - head - 0.08*pw
		c.add(shape{x: x, y: bodyTop, w: pw, h: bh, radii: [4]float64{pw / 2, pw / 2, 0.12 * pw, 0.12 * pw}, stroke: stroke, color: c.pal.accent})
	}
}

// The slogan sits in a speech bubble: the class's own words, said by one of us.
func (c *composer) bubbleBlock(text string, size float64) block {
	return c.balanced(text, false, size, 1.3, c.cw-2*size)
}

func (c *composer) bubbleHeight(b block) float64 {
	if len(b.lines) == 0 {
		return 0
	}
	return c.height(b) + 1.6*b.size + 0.7*b.size // padding above and below, and the tail
}

func (c *composer) bubble(b block, top float64) {
	padX, padY, tail := b.size, 0.8*b.size, 0.7*b.size
	bw := b.widest() + 2*padX
	bh := c.height(b) + 2*padY
	x := (c.sc.w - bw) / 2
	c.add(shape{x: x, y: top, w: bw, h: bh, radii: corners(math.Min(0.9*b.size, bh/2)), color: c.pal.card})
	tx := x + math.Max(0.16*bw, 1.2*b.size)
	c.add(shape{points: [][2]float64{{tx, top + bh - 1}, {tx + 1.1*b.size, top + bh - 1}, {tx - 0.1*b.size, top + bh + tail}}, color: c.pal.card})
	c.place(b, top+padY, true, c.pal.ink)
}

func (c *composer) centered(text string, bold bool, size, baseline float64, col rgb) {
	tw := c.tf.width(text, bold, size)
	c.text(textRun{x: (c.sc.w - tw) / 2, y: baseline, size: size, bold: bold, color: col, text: text, width: tw})
}

// afterFigure is what LayoutFigure writes under the big figure: the headline without the
// figure it starts with ("8 af 10 i 8.B sover …" → "i 8.B sover …"). A class's own wording
// that does not start with the figure is shown whole.
func afterFigure(headline string, outOfTen int) string {
	m := leadingFigure.FindStringSubmatch(headline)
	if m == nil || m[1] != strconv.Itoa(outOfTen) {
		return headline
	}
	if rest := strings.TrimSpace(headline[len(m[0]):]); rest != "" {
		return rest
	}
	return headline
}

var leadingFigure = regexp.MustCompile(`(?i)^\s*(\d+)\s*(?:ud\s+af|af|out\s+of)\s*10\b[\s,:–-]*`)
