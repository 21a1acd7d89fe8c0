package poster

import (
	"math"
	"regexp"
	"strings"
)

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
