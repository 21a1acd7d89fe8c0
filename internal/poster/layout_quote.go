package poster

import "math"

// quote is LayoutQuote: the group's label, a big quote mark, the whole headline as large as
// it fits (its figure in the accent colour), an accent bar, the slogan, and the footer;
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
		appr := c.balanced(t.slogan, false, math.Max(0.052*w*scale, 0.03*w), 1.3, c.cw)
		if (head.broken || appr.broken) && !mayBreak {
			continue
		}
		qSize := 2.8 * head.size
		qTop, qBottom := c.tf.inkTop('“', true, qSize), c.tf.inkBottom('“', true, qSize)
		barH := 0.014 * w
		total := gap + (qTop - qBottom) + gap + c.height(head) + gap
		if t.slogan != "" {
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
		if t.slogan != "" {
			c.add(shape{x: m, y: y, w: 0.16 * w, h: barH, radii: corners(barH / 2), color: c.pal.accent})
			y += barH + 0.8*gap
			c.placeLeft(appr, m, y, c.pal.ink, false)
		}
		return nil
	}
	return errNoFit
}
