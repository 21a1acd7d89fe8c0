package poster

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The fonts are Noto Sans (SIL Open Font License 1.1, see fonts/OFL.txt): open, with every
// Danish letter, and embedded so that a poster loads nothing from anywhere. Read-only.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
)

// typeface measures text the way both renderers draw it: glyph advances from the fonts'
// horizontal metrics, without kerning (fpdf applies none), so a line the layout measured to
// fit is exactly as wide on the page and in the PNG. It is used by one render at a time.
type typeface struct {
	regular, bold *sfnt.Font
	buf           sfnt.Buffer
	unitsPerEm    fixed.Int26_6
	// Vertical metrics per em: from the baseline up to the top of a capital or a digit,
	// and down to the bottom of a descender.
	capHeight, descent float64
	advances           map[glyphKey]float64 // per em
}

type glyphKey struct {
	r    rune
	bold bool
}

func newTypeface() (*typeface, error) {
	regular, err := sfnt.Parse(notoRegular)
	if err != nil {
		return nil, fmt.Errorf("parse regular font: %w", err)
	}
	bold, err := sfnt.Parse(notoBold)
	if err != nil {
		return nil, fmt.Errorf("parse bold font: %w", err)
	}
	tf := &typeface{regular: regular, bold: bold, advances: map[glyphKey]float64{}}
	tf.unitsPerEm = fixed.I(int(regular.UnitsPerEm()))
	m, err := bold.Metrics(&tf.buf, tf.unitsPerEm, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("font metrics: %w", err)
	}
	em := float64(tf.unitsPerEm)
	tf.capHeight = float64(m.CapHeight) / em
	tf.descent = float64(m.Descent) / em
	if tf.capHeight <= 0 || tf.descent <= 0 {
		return nil, fmt.Errorf("font metrics: cap height %v, descent %v", tf.capHeight, tf.descent)
	}
	return tf, nil
}

func (tf *typeface) font(bold bool) *sfnt.Font {
	if bold {
		return tf.bold
	}
	return tf.regular
}

// advance is the width of r per em, and false when the fonts have no glyph for it.
func (tf *typeface) advance(r rune, bold bool) (float64, bool) {
	if r == '\u00a0' { // the no-break space that glues "8 af 10" together while wrapping
		r = ' '
	}
	k := glyphKey{r, bold}
	if a, ok := tf.advances[k]; ok {
		return a, a >= 0
	}
	f := tf.font(bold)
	x, err := f.GlyphIndex(&tf.buf, r)
	if err != nil || x == 0 {
		tf.advances[k] = -1
		return 0, false
	}
	adv, err := f.GlyphAdvance(&tf.buf, x, tf.unitsPerEm, font.HintingNone)
	if err != nil {
		tf.advances[k] = -1
		return 0, false
	}
	a := float64(adv) / float64(tf.unitsPerEm)
	tf.advances[k] = a
	return a, true
}

// width is how wide text is at size (in the renderer's units).
func (tf *typeface) width(text string, bold bool, size float64) float64 {
	w := 0.0
	for _, r := range text {
		a, _ := tf.advance(r, bold)
		w += a
	}
	return w * size
}

// inkTop and inkBottom are how far the ink of r reaches above the baseline at size, at its
// top and at its bottom: where a quote mark, which floats, really is.
func (tf *typeface) inkTop(r rune, bold bool, size float64) float64 {
	top, _ := tf.ink(r, bold)
	return top * size
}

func (tf *typeface) inkBottom(r rune, bold bool, size float64) float64 {
	_, bottom := tf.ink(r, bold)
	return bottom * size
}

func (tf *typeface) ink(r rune, bold bool) (top, bottom float64) {
	f := tf.font(bold)
	x, err := f.GlyphIndex(&tf.buf, r)
	if err != nil || x == 0 {
		return tf.capHeight, 0
	}
	b, _, err := f.GlyphBounds(&tf.buf, x, tf.unitsPerEm, font.HintingNone)
	if err != nil {
		return tf.capHeight, 0
	}
	em := float64(tf.unitsPerEm)
	return float64(-b.Min.Y) / em, float64(-b.Max.Y) / em
}

// clean makes text drawable: white space (line breaks too) becomes single spaces, and
// characters the fonts cannot draw (emoji, control characters) are left out rather than
// drawn as empty boxes.
func (tf *typeface) clean(text string) string {
	var b strings.Builder
	for _, word := range strings.Fields(text) {
		start := b.Len()
		if start > 0 {
			b.WriteByte(' ')
		}
		n := 0
		for _, r := range word {
			_, okR := tf.advance(r, false)
			_, okB := tf.advance(r, true)
			if okR && okB {
				b.WriteRune(r)
				n++
			}
		}
		if n == 0 { // nothing of the word was drawable: drop its space too
			s := b.String()[:start]
			b.Reset()
			b.WriteString(s)
		}
	}
	return b.String()
}
