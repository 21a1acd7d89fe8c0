package poster

import "math"

// rgb is an opaque sRGB colour.
type rgb struct{ R, G, B uint8 }

// palette is a theme's colours. Text is drawn in ink on background, decoration and card, and
// in onAccent on accent; the figure and the quote mark are accent on background. The
// contrast test holds every one of those pairs to WCAG AA.
type palette struct {
	background rgb
	decoration rgb // large soft shapes behind everything; text may cross them
	card       rgb // the speech bubble behind the slogan
	ink        rgb // headline, slogan, footer
	accent     rgb // the figure's disc, the people, the quote mark, the group's label
	onAccent   rgb // text on accent
	// circles are the decoration: centre and radius as fractions of the page width
	// (x, r) and height (y), so that each theme has its own shapes on any page.
	circles []circle
}

type circle struct{ x, y, r float64 }

// paletteOf gives a theme's colours. They are bold enough for a wall and safe enough that a
// class can pick any theme without thinking about contrast. Sunset is light, for schools
// that print on an office printer.
func paletteOf(t Theme) (palette, bool) {
	switch t {
	case ThemeBlue:
		return palette{
			background: rgb{0x1C, 0x3D, 0x8F},
			decoration: rgb{0x27, 0x4B, 0xA3},
			card:       rgb{0x34, 0x59, 0xBA},
			ink:        rgb{0xFF, 0xFF, 0xFF},
			accent:     rgb{0xFF, 0xD2, 0x3F},
			onAccent:   rgb{0x1C, 0x3D, 0x8F},
			circles:    []circle{{1.02, -0.02, 0.42}, {-0.08, 0.80, 0.30}},
		}, true
	case ThemeGreen:
		return palette{
			background: rgb{0x0B, 0x5D, 0x45},
			decoration: rgb{0x11, 0x6B, 0x50},
			card:       rgb{0x17, 0x77, 0x5A},
			ink:        rgb{0xFF, 0xFF, 0xFF},
			accent:     rgb{0xC8, 0xF1, 0x69},
			onAccent:   rgb{0x0B, 0x4A, 0x37},
			circles:    []circle{{-0.05, 0.06, 0.36}, {1.06, 0.62, 0.40}},
		}, true
	case ThemeSunset:
		return palette{
			background: rgb{0xFF, 0xF1, 0xE3},
			decoration: rgb{0xFF, 0xDF, 0xC4},
			card:       rgb{0xFF, 0xFF, 0xFF},
			ink:        rgb{0x4A, 0x19, 0x42},
			accent:     rgb{0xC2, 0x41, 0x0C},
			onAccent:   rgb{0xFF, 0xFF, 0xFF},
			circles:    []circle{{0.88, 1.04, 0.62}, {0.10, 0.02, 0.22}},
		}, true
	}
	return palette{}, false
}

// luminance is the WCAG 2 relative luminance of c.
func (c rgb) luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG 2 contrast ratio of a and b, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
