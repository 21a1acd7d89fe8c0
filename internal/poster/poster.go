// Package poster draws a positive-norm message — "8 af 10 i 8.B sover mindst 8 timer …" — as
// a poster: an A4 or A3 PDF for the school wall and a 1080×1350 PNG for info screens and
// social media. It is typography and simple shapes only, drawn in-process from the embedded
// Noto Sans fonts, so a poster loads nothing from anywhere. The words and the figure come
// from the caller (internal/campaign makes and checks them); this package only draws them.
package poster

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Size is the paper size of a PDF poster.
type Size string

// The paper sizes a PDF poster comes in, both portrait.
const (
	SizeA4 Size = "a4"
	SizeA3 Size = "a3"
)

// Layout is how a poster arranges its message.
type Layout string

// The layouts a class picks from.
const (
	// LayoutFigure shows the figure ("8 af 10") huge, with the rest of the sentence under it.
	LayoutFigure Layout = "figure"
	// LayoutQuote shows the whole headline as a big quote.
	LayoutQuote Layout = "quote"
)

// Theme is a poster's colour scheme; every theme keeps its text at WCAG AA contrast.
type Theme string

// The colour themes a class picks from.
const (
	ThemeBlue   Theme = "blue"
	ThemeGreen  Theme = "green"
	ThemeSunset Theme = "sunset"
)

// Length limits, in characters (runes), that keep the words large enough to read from 3 m.
const (
	MaxHeadline = 140 // the same limit as campaign.MaxTextLength
	MaxSlogan   = 200
	MaxFooter   = 160
)

// PNG dimensions: portrait 4:5, the size info screens and social media show whole.
const (
	PNGWidth  = 1080
	PNGHeight = 1350
)

// ErrInvalidSpec is wrapped by every error about what a caller asked for (a bad Spec or
// Size), as opposed to a failure to draw; a web handler answers it with 400.
var ErrInvalidSpec = errors.New("invalid poster")

// Spec is what a poster says and how it looks.
type Spec struct {
	Headline string // the message, e.g. "8 af 10 i 8.B sover mindst 8 timer, når der er skole dagen efter"
	Slogan   string // the class's own words beside the fact, with no figure (campaign.CheckSlogan); may be empty
	OutOfTen int    // the figure, 0..10, for the big number in LayoutFigure
	Group    string // "8.B", a school or a municipality
	Footer   string // small print: who asked whom and when
	Layout   Layout
	Theme    Theme
	Lang     string // "da" or "en": the language of the words this package adds; Danish unless "en"
}

// Layouts lists the layouts in the order a class is offered them.
func Layouts() []Layout { return []Layout{LayoutFigure, LayoutQuote} }

// Themes lists the colour themes in the order a class is offered them.
func Themes() []Theme { return []Theme{ThemeBlue, ThemeGreen, ThemeSunset} }

// Validate says what is wrong with s, if anything; the error wraps ErrInvalidSpec.
func (s Spec) Validate() error {
	if _, ok := paletteOf(s.Theme); !ok {
		return invalid("unknown theme %q", s.Theme)
	}
	switch s.Layout {
	case LayoutFigure, LayoutQuote:
	default:
		return invalid("unknown layout %q", s.Layout)
	}
	if s.OutOfTen < 0 || s.OutOfTen > 10 {
		return invalid("figure %d is not between 0 and 10", s.OutOfTen)
	}
	if strings.TrimSpace(s.Headline) == "" {
		return invalid("empty headline")
	}
	for _, f := range []struct {
		name, text string
		max        int
	}{
		{"headline", s.Headline, MaxHeadline},
		{"slogan", s.Slogan, MaxSlogan},
		{"footer", s.Footer, MaxFooter},
		{"group", s.Group, math.MaxInt}, // a long name is cut short on its label
	} {
		if !utf8.ValidString(f.text) {
			return invalid("%s is not valid UTF-8", f.name)
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(f.text)); n > f.max {
			return invalid("%s has %d characters; at most %d fit", f.name, n, f.max)
		}
	}
	return nil
}

func (z Size) valid() error {
	switch z {
	case SizeA4, SizeA3:
		return nil
	}
	return invalid("unknown size %q (a4 or a3)", z)
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidSpec, fmt.Sprintf(format, args...))
}

// outOfTenWords is the fixed text under the big figure: "af 10", "out of 10".
func (s Spec) outOfTenWords() string {
	if s.english() {
		return "out of 10"
	}
	return "af 10"
}

func (s Spec) english() bool { return s.Lang == "en" || strings.HasPrefix(s.Lang, "en-") }
