package poster

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// scene is a poster drawn in the abstract: what goes where on a w×h page, in the renderer's
// units (points for the PDF, pixels for the PNG), with y growing downwards. Both renderers
// draw the same kind of scene, so the PDF and the PNG look alike, and the layout is tested
// without either.
type scene struct {
	w, h       float64
	margin     float64 // nothing but decoration comes closer to the edge
	background rgb
	shapes     []shape // drawn first, in order
	texts      []textRun
}

// shape is a filled box with rounded corners (a circle when the radii are half its side),
// an outline of one (stroke > 0: a ring of that width inside the box), or a polygon.
type shape struct {
	x, y, w, h float64
	radii      [4]float64 // top-left, top-right, bottom-right, bottom-left
	stroke     float64
	points     [][2]float64 // when set, a filled polygon instead of a box
	color      rgb
	decoration bool // may reach past the margins and off the page
}

// textRun is one line of text, drawn from the left end of its baseline.
type textRun struct {
	x, y  float64
	size  float64
	bold  bool
	color rgb
	text  string
	width float64 // as measured by the layout; the renderers draw exactly this wide
}

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
		approval: tf.clean(s.Approval),
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

type posterText struct{ headline, approval, footer, group string }

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

// figure is LayoutFigure: the group's label, the figure huge in a disc, ten people with the
// figure's share filled in, the rest of the sentence, the approval in a speech bubble, and
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
			appr := c.bubbleBlock(t.approval, math.Max(0.048*w*scale, 0.027*w))
			if (head.broken || appr.broken) && !pass.mayBreak {
				continue
			}
			people := c.peopleHeight()
			fixed := c.height(head) + c.bubbleHeight(appr) + people + 3.3*gap
			if t.approval == "" {
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
			if t.approval != "" {
				c.bubble(appr, y)
			}
			return nil
		}
	}
	return errNoFit
}

// quote is LayoutQuote: the group's label, a big quote mark, the whole headline as large as
// it fits (its figure in the accent colour), an accent bar, the approval, and the footer;
// the words are centred in the space between label and footer.
func (c *composer) quote(t posterText) error {
	top := c.sc.margin
	if t.group != "" {
		top += c.label(t.group, top, false)
	}
	bottom := c.footer(t.footer, false)
	avail := bottom - top
	for _, mayBreak := range []bool{false, true} {
		if err := c.quoteAt(t, top, avail, mayBreak); err == nil {
			return nil
		}
	}
	return errNoFit
}

// quoteAt lays the quote out at the largest size that fits in avail below top, breaking
// a word too long for a line only when mayBreak.
func (c *composer) quoteAt(t posterText, top, avail float64, mayBreak bool) error {
	w, m := c.sc.w, c.sc.margin
	for scale := 1.0; scale >= minScale; scale *= shrinkStep {
		gap := gapRatio * w * math.Max(scale, 0.6)
		head := c.balanced(t.headline, true, 0.11*w*scale, 1.1, c.cw)
		appr := c.balanced(t.approval, false, math.Max(0.052*w*scale, 0.03*w), 1.3, c.cw)
		if (head.broken || appr.broken) && !mayBreak {
			continue
		}
		qSize := 2.8 * head.size
		qTop, qBottom := c.tf.inkTop('“', true, qSize), c.tf.inkBottom('“', true, qSize)
		barH := 0.014 * w
		total := gap + (qTop - qBottom) + gap + c.height(head) + gap
		if t.approval != "" {
			total += barH + 0.8*gap + c.height(appr)
		}
		if total > avail {
			continue
		}
		y := top + (avail-total)/2 + gap
		c.text(textRun{x: m, y: y + qTop, size: qSize, bold: true, color: c.pal.accent, text: "“"})
		y += qTop - qBottom + gap
		c.placeLeft(head, m, y, c.pal.ink, true)
		y += c.height(head) + gap
		if t.approval != "" {
			c.add(shape{x: m, y: y, w: 0.16 * w, h: barH, radii: corners(barH / 2), color: c.pal.accent})
			y += barH + 0.8*gap
			c.placeLeft(appr, m, y, c.pal.ink, false)
		}
		return nil
	}
	return errNoFit
}

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

// The approval sits in a speech bubble: what the others think, said by one of us.
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

// block is wrapped text of one size.
type block struct {
	lines   []string
	widths  []float64
	size    float64
	leading float64 // baseline to baseline
	bold    bool
	broken  bool // a word had to be broken to fit: better a smaller size, if there is one
}

func (b block) widest() float64 {
	w := 0.0
	for _, lw := range b.widths {
		w = math.Max(w, lw)
	}
	return w
}

// height of b from the top of its first line's capitals to its last line's descenders.
func (c *composer) height(b block) float64 {
	if len(b.lines) == 0 {
		return 0
	}
	return (c.tf.capHeight+c.tf.descent)*b.size + float64(len(b.lines)-1)*b.leading
}

func (c *composer) block(text string, bold bool, size, leading, maxWidth float64) block {
	b := block{size: size, leading: leading * size, bold: bold}
	b.lines, b.broken = c.tf.wrap(text, bold, size, maxWidth)
	for _, l := range b.lines {
		b.widths = append(b.widths, c.tf.width(l, bold, size))
	}
	return b
}

// balanced wraps text into as few lines as at maxWidth, but as even as they can be, so that
// no line is left with a single word.
func (c *composer) balanced(text string, bold bool, size, leading, maxWidth float64) block {
	b := c.block(text, bold, size, leading, maxWidth)
	if len(b.lines) < 2 {
		return b
	}
	lo, hi := maxWidth/2, maxWidth
	for range 12 {
		mid := (lo + hi) / 2
		if lines, broken := c.tf.wrap(text, bold, size, mid); len(lines) == len(b.lines) && broken == b.broken {
			hi = mid
		} else {
			lo = mid
		}
	}
	return c.block(text, bold, size, leading, hi)
}

// place draws b centred on the page (or from the left margin), its capitals' top at top.
func (c *composer) place(b block, top float64, center bool, col rgb) {
	for i, l := range b.lines {
		x := c.sc.margin
		if center {
			x = (c.sc.w - b.widths[i]) / 2
		}
		c.text(textRun{x: x, y: top + c.tf.capHeight*b.size + float64(i)*b.leading, size: b.size, bold: b.bold, color: col, text: l, width: b.widths[i]})
	}
}

// placeLeft draws b from x, its capitals' top at top; with highlight, the figure it states
// ("9 af 10", "90 %") is drawn in the accent colour.
func (c *composer) placeLeft(b block, x, top float64, col rgb, highlight bool) {
	for i, l := range b.lines {
		y := top + c.tf.capHeight*b.size + float64(i)*b.leading
		if !highlight {
			c.text(textRun{x: x, y: y, size: b.size, bold: b.bold, color: col, text: l, width: b.widths[i]})
			continue
		}
		at, lx := 0, x
		for _, span := range statedFigure.FindAllStringIndex(l, -1) {
			lx = c.run(l[at:span[0]], lx, y, b, col)
			lx = c.run(l[span[0]:span[1]], lx, y, b, c.pal.accent)
			at = span[1]
		}
		c.run(l[at:], lx, y, b, col)
	}
}

// run draws part of a line of b from x and returns where the line goes on.
func (c *composer) run(text string, x, y float64, b block, col rgb) float64 {
	if text == "" {
		return x
	}
	w := c.tf.width(text, b.bold, b.size)
	c.text(textRun{x: x, y: y, size: b.size, bold: b.bold, color: col, text: text, width: w})
	return x + w
}

// statedFigure finds the figure a headline states: "9 af 10", "9 ud af 10", "9 out of 10",
// "90 %", "90 procent".
var statedFigure = regexp.MustCompile(`(?i)\b\d+ (?:ud af|af|out of) \d+\b|\b\d+ ?(?:%|procent\b|percent\b)`)

func (c *composer) centered(text string, bold bool, size, baseline float64, col rgb) {
	tw := c.tf.width(text, bold, size)
	c.text(textRun{x: (c.sc.w - tw) / 2, y: baseline, size: size, bold: bold, color: col, text: text, width: tw})
}

func (c *composer) text(t textRun) {
	if t.width == 0 {
		t.width = c.tf.width(t.text, t.bold, t.size)
	}
	c.sc.texts = append(c.sc.texts, t)
}

// truncate cuts text to fit maxWidth, ending it with an ellipsis when anything was cut.
func (c *composer) truncate(text string, bold bool, size, maxWidth float64) string {
	if c.tf.width(text, bold, size) <= maxWidth {
		return text
	}
	room := maxWidth - c.tf.width("…", bold, size)
	w, end := 0.0, 0
	for i, r := range text {
		a, _ := c.tf.advance(r, bold)
		if w+a*size > room {
			break
		}
		w += a * size
		end = i + len(string(r))
	}
	return strings.TrimSpace(text[:end]) + "…"
}

// glue keeps "8 af 10" on one line: its spaces are no-break spaces while the text is
// wrapped, and ordinary spaces again in the lines.
const glue = "\u00a0"

var figurePhrase = regexp.MustCompile(`(?i)\b(\d+) (ud af|af|out of) (\d+)\b`)

// wrap breaks text into lines no wider than maxWidth, between words; a word wider than a
// whole line is broken where it must, and broken says so.
func (tf *typeface) wrap(text string, bold bool, size, maxWidth float64) (lines []string, broken bool) {
	text = figurePhrase.ReplaceAllStringFunc(text, func(s string) string { return strings.ReplaceAll(s, " ", glue) })
	line := ""
	flush := func() {
		if line != "" {
			lines = append(lines, strings.ReplaceAll(line, glue, " "))
			line = ""
		}
	}
	for _, word := range strings.Split(text, " ") {
		if word == "" {
			continue
		}
		if line != "" && tf.width(line+" "+word, bold, size) <= maxWidth {
			line += " " + word
			continue
		}
		flush()
		for tf.width(word, bold, size) > maxWidth {
			broken = true
			head := tf.fitting(word, bold, size, maxWidth)
			lines = append(lines, strings.ReplaceAll(head, glue, " "))
			word = strings.TrimPrefix(word[len(head):], glue)
		}
		line = word
	}
	flush()
	return lines, broken
}

// fitting is the longest start of word (at least one character) no wider than maxWidth,
// cut after a hyphen or slash when it has one: "Ringkøbing-" / "Skjern".
func (tf *typeface) fitting(word string, bold bool, size, maxWidth float64) string {
	w, end, soft := 0.0, 0, 0
	for i, r := range word {
		a, _ := tf.advance(r, bold)
		if end > 0 && w+a*size > maxWidth {
			break
		}
		w += a * size
		end = i + len(string(r))
		if r == '-' || r == '/' {
			soft = end
		}
	}
	if soft > 0 {
		return word[:soft]
	}
	return word[:end]
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
