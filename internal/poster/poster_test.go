package poster

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/heltnormal/heltnormal/internal/pdftest"
)

// writeExamples re-renders the examples in docs/examples:
//
//	go test ./internal/poster -run TestExamples -examples
var writeExamples = flag.Bool("examples", false, "write the example poster and tile to docs/examples")

func sleepSpec() Spec {
	return Spec{
		Headline: "8 af 10 i 8.B sover mindst 8 timer, når der er skole dagen efter",
		Slogan:   "I 8.B synes vi, det er helt fint at gå tidligt i seng.",
		OutOfTen: 8,
		Group:    "8.B",
		Footer:   "Tal fra 8.B's egen anonyme undersøgelse, november 2026 · Helt Normal",
		Layout:   LayoutFigure,
		Theme:    ThemeBlue,
		Lang:     "da",
	}
}

func drinkSpec() Spec {
	return Spec{
		Headline: "9 af 10 i 8.B har ikke været fulde den seneste måned",
		Slogan:   "Nej tak er helt normalt hos os.",
		OutOfTen: 9,
		Group:    "8.B",
		Footer:   "Tal fra 8.B's egen anonyme undersøgelse, november 2026 · Helt Normal",
		Layout:   LayoutQuote,
		Theme:    ThemeSunset,
		Lang:     "da",
	}
}

// longSpec has every text at its longest, in long words, with a long group name.
func longSpec() Spec {
	s := Spec{
		Headline: "8 af 10 på Ringkøbing-Skjern Ungdomsskoles overbygningsafdeling synes, at fællesspisning, gåture og naturvidenskabsfestivaler er hyggelige",
		Slogan:   strings.Repeat("Hos os er det fuldstændig i orden at sige fra over for energidrikke og mobiltelefoner efter sengetid, og det gør vi gerne. ", 2)[:200],
		OutOfTen: 10,
		Group:    strings.Repeat("Skovvangskolens afdeling ", 40),
		Footer:   strings.Repeat("Tal fra elevernes egen anonyme undersøgelse i Ringkøbing-Skjern Kommune, ", 3)[:MaxFooter],
		Layout:   LayoutFigure,
		Theme:    ThemeGreen,
		Lang:     "en",
	}
	s.Headline = trimRunes(s.Headline, MaxHeadline)
	s.Slogan = trimRunes(s.Slogan, MaxSlogan)
	return s
}

func trimRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

func TestValidate(t *testing.T) {
	ok := sleepSpec()
	tests := []struct {
		name    string
		edit    func(*Spec)
		wantErr string // "" when valid
	}{
		{"valid", func(*Spec) {}, ""},
		{"quote layout", func(s *Spec) { s.Layout = LayoutQuote }, ""},
		{"every theme: green", func(s *Spec) { s.Theme = ThemeGreen }, ""},
		{"every theme: sunset", func(s *Spec) { s.Theme = ThemeSunset }, ""},
		{"english", func(s *Spec) { s.Lang = "en" }, ""},
		{"no language means Danish", func(s *Spec) { s.Lang = "" }, ""},
		{"another language gets Danish words", func(s *Spec) { s.Lang = "uk" }, ""},
		{"a group name of any length (its label cuts it short)", func(s *Spec) { s.Group = strings.Repeat("Skovvangskolen ", 100) }, ""},
		{"no slogan, group or footer", func(s *Spec) { s.Slogan, s.Group, s.Footer = "", "", "" }, ""},
		{"figure 0", func(s *Spec) { s.OutOfTen = 0 }, ""},
		{"figure 10", func(s *Spec) { s.OutOfTen = 10 }, ""},
		{"longest texts, counted in letters not bytes", func(s *Spec) {
			s.Headline = strings.Repeat("æ", MaxHeadline)
			s.Slogan = strings.Repeat("ø", MaxSlogan)
			s.Footer = strings.Repeat("å", MaxFooter)
		}, ""},
		{"unknown layout", func(s *Spec) { s.Layout = "collage" }, "unknown layout"},
		{"empty layout", func(s *Spec) { s.Layout = "" }, "unknown layout"},
		{"unknown theme", func(s *Spec) { s.Theme = "pink" }, "unknown theme"},
		{"empty theme", func(s *Spec) { s.Theme = "" }, "unknown theme"},
		{"empty headline", func(s *Spec) { s.Headline = "" }, "empty headline"},
		{"blank headline", func(s *Spec) { s.Headline = " \n\t " }, "empty headline"},
		{"figure below 0", func(s *Spec) { s.OutOfTen = -1 }, "figure"},
		{"figure above 10", func(s *Spec) { s.OutOfTen = 11 }, "figure"},
		{"headline too long", func(s *Spec) { s.Headline = strings.Repeat("æ", MaxHeadline+1) }, "headline has 141"},
		{"slogan too long", func(s *Spec) { s.Slogan = strings.Repeat("ø", MaxSlogan+1) }, "slogan has 201"},
		{"footer too long", func(s *Spec) { s.Footer = strings.Repeat("å", MaxFooter+1) }, "footer has 161"},
		{"headline not UTF-8", func(s *Spec) { s.Headline = "8 af 10 \xff" }, "not valid UTF-8"},
	}
	// Emoji alone pass Validate, which knows no fonts, but there is nothing to draw.
	s := ok
	s.Headline = "😴 😴"
	if _, err := PDF(s, SizeA4); !errors.Is(err, ErrInvalidSpec) {
		t.Errorf("PDF(emoji headline) = %v, want ErrInvalidSpec", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			err := s.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tt.wantErr)
			}
			if !errors.Is(err, ErrInvalidSpec) {
				t.Errorf("Validate() = %v, want it to wrap ErrInvalidSpec", err)
			}
			if _, err := PDF(s, SizeA4); !errors.Is(err, ErrInvalidSpec) {
				t.Errorf("PDF() = %v, want ErrInvalidSpec", err)
			}
			if _, err := PNG(s); !errors.Is(err, ErrInvalidSpec) {
				t.Errorf("PNG() = %v, want ErrInvalidSpec", err)
			}
		})
	}
}

func TestPDFUnknownSize(t *testing.T) {
	for _, z := range []Size{"", "A4", "letter", "a5"} {
		if _, err := PDF(sleepSpec(), z); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("PDF(size %q) = %v, want ErrInvalidSpec", z, err)
		}
	}
}

func TestListsMatchValidate(t *testing.T) {
	for _, l := range Layouts() {
		for _, th := range Themes() {
			s := sleepSpec()
			s.Layout, s.Theme = l, th
			if err := s.Validate(); err != nil {
				t.Errorf("%s/%s: %v", l, th, err)
			}
		}
	}
}

func TestPNGIs1080x1350(t *testing.T) {
	for _, l := range Layouts() {
		for _, th := range Themes() {
			s := sleepSpec()
			if th == ThemeGreen {
				s = longSpec()
			}
			s.Layout, s.Theme = l, th
			t.Run(fmt.Sprintf("%s/%s", l, th), func(t *testing.T) {
				b, err := PNG(s)
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if got := img.Bounds(); got.Dx() != 1080 || got.Dy() != 1350 || got.Min.X != 0 || got.Min.Y != 0 {
					t.Fatalf("PNG bounds = %v, want 1080×1350", got)
				}
				// The page is the theme's, and the text is on it.
				p, _ := paletteOf(th)
				if edge := asRGB(img.At(PNGWidth-3, PNGHeight/2)); edge != p.background && edge != p.decoration {
					t.Errorf("the right edge is %v, neither background nor decoration", edge)
				}
				if n := countColor(img, p.ink); n < 2000 {
					t.Errorf("only %d pixels in the text colour: where is the text?", n)
				}
			})
		}
	}
}

func asRGB(c color.Color) rgb {
	r, g, b, _ := c.RGBA()
	return rgb{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

// countColor counts every fourth pixel of img that is exactly c.
func countColor(img image.Image, c rgb) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if asRGB(img.At(x, y)) == c {
				n++
			}
		}
	}
	return n
}

var mediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

func TestPDFPageSizes(t *testing.T) {
	tests := []struct {
		size   Size
		wMM    float64
		hMM    float64
		wantPt [2]float64
	}{
		{SizeA4, 210, 297, [2]float64{595.28, 841.89}},
		{SizeA3, 297, 420, [2]float64{841.89, 1190.55}},
	}
	for _, tt := range tests {
		for _, l := range Layouts() {
			s := sleepSpec()
			s.Layout = l
			b, err := PDF(s, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Fatalf("%s: not a PDF: %q", tt.size, b[:min(len(b), 16)])
			}
			boxes := mediaBox.FindAllSubmatch(b, -1)
			if len(boxes) != 1 {
				t.Fatalf("%s/%s: %d pages (MediaBoxes), want 1", tt.size, l, len(boxes))
			}
			w, _ := strconv.ParseFloat(string(boxes[0][1]), 64)
			h, _ := strconv.ParseFloat(string(boxes[0][2]), 64)
			if math.Abs(w-tt.wantPt[0]) > 0.01 || math.Abs(h-tt.wantPt[1]) > 0.01 {
				t.Errorf("%s/%s: MediaBox %.2f × %.2f pt, want %.2f × %.2f", tt.size, l, w, h, tt.wantPt[0], tt.wantPt[1])
			}
			if mm := w / 72 * 25.4; math.Abs(mm-tt.wMM) > 0.5 {
				t.Errorf("%s: width %.1f mm, want %v mm", tt.size, mm, tt.wMM)
			}
			if mm := h / 72 * 25.4; math.Abs(mm-tt.hMM) > 0.5 {
				t.Errorf("%s: height %.1f mm, want %v mm", tt.size, mm, tt.hMM)
			}
		}
	}
}

// TestPDFSelfContained: the fonts travel in the file, nothing is fetched or linked, and the
// dates say the day only.
func TestPDFSelfContained(t *testing.T) {
	b, err := PDF(sleepSpec(), SizeA4)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("/FontFile2")); n != 2 {
		t.Errorf("%d embedded font files, want 2 (regular and bold)", n)
	}
	for _, bad := range []string{"http", "/URI", "/Launch", "/JavaScript", "/GoToR", "/Subtype /Image"} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("the PDF contains %q", bad)
		}
	}
	dates := regexp.MustCompile(`/(CreationDate|ModDate) \(D:(\d{14})\)`).FindAllSubmatch(b, -1)
	if len(dates) != 2 {
		t.Fatalf("found %d dates, want CreationDate and ModDate", len(dates))
	}
	for _, d := range dates {
		if !strings.HasSuffix(string(d[2]), "000000") {
			t.Errorf("%s is %s: it tells the time of day", d[1], d[2])
		}
	}
}

// pdfText is the text of a poster PDF.
func pdfText(t *testing.T, b []byte, args ...string) string {
	t.Helper()
	return pdftest.Text(t, b, args...)
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPDFTextIsExtractable(t *testing.T) {
	specs := []Spec{sleepSpec(), drinkSpec()}
	capitals := sleepSpec()
	capitals.Headline = "8 af 10 i 8.B har det godt på Ærø, i Ølstykke og i Århus"
	capitals.Slogan = "Æbler, øl-fri fester og ål: det er helt normalt."
	specs = append(specs, capitals)
	for _, base := range specs {
		for _, l := range Layouts() {
			for _, z := range []Size{SizeA4, SizeA3} {
				s := base
				s.Layout = l
				b, err := PDF(s, z)
				if err != nil {
					t.Fatal(err)
				}
				text := squash(pdfText(t, b))
				for _, want := range []string{s.Headline, s.Slogan, s.Footer, s.Group} {
					if !strings.Contains(text, want) {
						t.Errorf("%s/%s: extracted text\n%q\ndoes not contain %q", l, z, text, want)
					}
				}
			}
		}
	}
}

func TestPDFEnglishWords(t *testing.T) {
	s := sleepSpec()
	s.Lang = "en"
	s.Headline = "8 out of 10 in 8.B sleep at least 8 hours on a school night"
	s.Slogan = "In 8.B we think going to bed early is fine."
	b, err := PDF(s, SizeA4)
	if err != nil {
		t.Fatal(err)
	}
	if text := squash(pdfText(t, b)); !strings.Contains(text, "8 out of 10 in 8.B sleep at least 8 hours") {
		t.Errorf("extracted text %q lacks the English headline", text)
	}
}

// TestHostileHeadline: markup and PDF syntax in a headline are drawn as the words they are.
func TestHostileHeadline(t *testing.T) {
	s := sleepSpec()
	s.Headline = `8 af 10 skriver </script> <script>alert(1) og %PDF-1.7 (ikke) \ endobj`
	s.Slogan = `%%EOF ) \) trailer <b>`
	for _, l := range Layouts() {
		s.Layout = l
		b, err := PDF(s, SizeA4)
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(b, []byte("%PDF")); n != 1 {
			t.Errorf("%s: %%PDF occurs %d times in the file, want once (the header)", l, n)
		}
		if n := bytes.Count(b, []byte("%%EOF")); n != 1 {
			t.Errorf("%s: %%%%EOF occurs %d times, want once (the end)", l, n)
		}
		text := squash(pdfText(t, b))
		for _, want := range []string{s.Headline, s.Slogan} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: extracted text %q lacks %q", l, text, want)
			}
		}
		if _, err := PNG(s); err != nil {
			t.Errorf("%s: PNG: %v", l, err)
		}
	}
}

var (
	bboxPage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)</word>`)
)

// TestLongTextStaysOnThePage reads every word's box back from the PDF: the longest texts
// shrink and wrap, and no word reaches past the margins.
func TestLongTextStaysOnThePage(t *testing.T) {
	for _, l := range Layouts() {
		for _, z := range []Size{SizeA4, SizeA3} {
			s := longSpec()
			s.Layout = l
			b, err := PDF(s, z)
			if err != nil {
				t.Fatal(err)
			}
			out := pdfText(t, b, "-bbox")
			page := bboxPage.FindStringSubmatch(out)
			if page == nil {
				t.Fatalf("no page in pdftotext -bbox output:\n%s", out)
			}
			pw, _ := strconv.ParseFloat(page[1], 64)
			ph, _ := strconv.ParseFloat(page[2], 64)
			// pdftotext boxes a word by the font's full ascent and descent, so allow
			// a little more than the text itself takes.
			inset := marginRatio * pw / 2
			words := bboxWord.FindAllStringSubmatch(out, -1)
			if len(words) < 40 {
				t.Fatalf("%s/%s: only %d words extracted", l, z, len(words))
			}
			for _, w := range words {
				var v [4]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(w[i+1], 64)
				}
				if v[0] < inset || v[1] < inset || v[2] > pw-inset || v[3] > ph-inset {
					t.Errorf("%s/%s: word %q at (%.0f,%.0f)–(%.0f,%.0f) crosses the margin of the %.0f×%.0f page", l, z, w[5], v[0], v[1], v[2], v[3], pw, ph)
				}
			}
			if text := squash(pdfText(t, b)); !strings.Contains(text, "fællesspisning") {
				t.Errorf("%s/%s: the long headline is missing from %q", l, z, text)
			}
		}
	}
}

// TestLayoutFits checks every scene directly: each line fits inside the margins at the
// width it is drawn, nothing but decoration leaves the margins, lines do not overlap, and
// text is either wholly inside a shape (the label, the disc, the bubble) or clear of it.
func TestLayoutFits(t *testing.T) {
	tf, err := newTypeface()
	if err != nil {
		t.Fatal(err)
	}
	unbreakable := sleepSpec()
	unbreakable.Headline = "8 af 10 " + strings.Repeat("søvnforskningsresultater", 6)[:MaxHeadline-8]
	noExtras := drinkSpec()
	noExtras.Slogan, noExtras.Footer, noExtras.Group = "", "", ""
	short := sleepSpec()
	short.Headline, short.OutOfTen = "10 af 10 i 8.B er søde", 10
	pages := []struct {
		name string
		w, h float64
	}{{"A4", 595.28, 841.89}, {"A3", 841.89, 1190.55}, {"PNG", PNGWidth, PNGHeight}}
	for _, base := range []Spec{sleepSpec(), drinkSpec(), longSpec(), unbreakable, noExtras, short} {
		for _, l := range Layouts() {
			for _, th := range Themes() {
				for _, p := range pages {
					s := base
					s.Layout, s.Theme = l, th
					name := fmt.Sprintf("%s/%s/%s/%.20s", l, th, p.name, s.Headline)
					sc, err := layout(s, p.w, p.h, tf)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					checkScene(t, name, sc, tf)
				}
			}
		}
	}
}

type box struct{ x0, y0, x1, y1 float64 }

// inkBox is where r puts ink: its advance across, and from its highest to its lowest glyph.
func inkBox(tf *typeface, r textRun) box {
	top, bottom := math.Inf(-1), math.Inf(1)
	for _, c := range r.text {
		t, b := tf.ink(c, r.bold)
		top, bottom = math.Max(top, t), math.Min(bottom, b)
	}
	return box{r.x, r.y - top*r.size, r.x + r.width, r.y - bottom*r.size}
}

func (a box) overlaps(b box) bool {
	const eps = 0.01
	return a.x0 < b.x1-eps && b.x0 < a.x1-eps && a.y0 < b.y1-eps && b.y0 < a.y1-eps
}

func (a box) inside(b box) bool {
	const eps = 0.01
	return a.x0 >= b.x0-eps && a.y0 >= b.y0-eps && a.x1 <= b.x1+eps && a.y1 <= b.y1+eps
}

func (s shape) box() box {
	if len(s.points) == 0 {
		return box{s.x, s.y, s.x + s.w, s.y + s.h}
	}
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range s.points {
		b = box{math.Min(b.x0, p[0]), math.Min(b.y0, p[1]), math.Max(b.x1, p[0]), math.Max(b.y1, p[1])}
	}
	return b
}

func checkScene(t *testing.T, name string, sc *scene, tf *typeface) {
	t.Helper()
	page := box{sc.margin, sc.margin, sc.w - sc.margin, sc.h - sc.margin}
	var texts []box
	for _, r := range sc.texts {
		if got := tf.width(r.text, r.bold, r.size); math.Abs(got-r.width) > 0.01 {
			t.Errorf("%s: %q is %.2f wide, laid out as %.2f", name, r.text, got, r.width)
		}
		b := inkBox(tf, r)
		if !b.inside(page) {
			t.Errorf("%s: %q at %+v leaves the page inside its margins %+v", name, r.text, b, page)
		}
		texts = append(texts, b)
	}
	for i, a := range texts {
		for j := i + 1; j < len(texts); j++ {
			if a.overlaps(texts[j]) {
				t.Errorf("%s: %q and %q overlap", name, sc.texts[i].text, sc.texts[j].text)
			}
		}
	}
	for _, s := range sc.shapes {
		if s.decoration {
			continue
		}
		sb := s.box()
		if !sb.inside(page) {
			t.Errorf("%s: shape %+v leaves the margins", name, sb)
		}
		for i, tb := range texts {
			if tb.overlaps(sb) && !tb.inside(sb) {
				t.Errorf("%s: %q runs into a shape at %+v", name, sc.texts[i].text, sb)
			}
		}
	}
	if len(sc.texts) == 0 {
		t.Errorf("%s: no text", name)
	}
}

// TestFigureLayoutSplitsTheHeadline: the big number stands for the figure the headline starts
// with, and the rest of the sentence follows; other wordings are shown whole.
func TestFigureLayoutSplitsTheHeadline(t *testing.T) {
	tests := []struct {
		headline string
		outOfTen int
		want     string
	}{
		{"8 af 10 i 8.B sover mindst 8 timer", 8, "i 8.B sover mindst 8 timer"},
		{"8 ud af 10 i 8.B sover godt", 8, "i 8.B sover godt"},
		{"9 out of 10 in 8.B have not been drunk", 9, "in 8.B have not been drunk"},
		{"8 af 10: vi sover godt", 8, "vi sover godt"},
		{"Hele 80 % af os sover godt", 8, "Hele 80 % af os sover godt"},
		{"7 af 10 i 8.B sover godt", 8, "7 af 10 i 8.B sover godt"}, // not the figure drawn: keep it all
		{"8 af 10", 8, "8 af 10"},
	}
	for _, tt := range tests {
		if got := afterFigure(tt.headline, tt.outOfTen); got != tt.want {
			t.Errorf("afterFigure(%q, %d) = %q, want %q", tt.headline, tt.outOfTen, got, tt.want)
		}
	}
}

func TestWrapKeepsTheFigureTogether(t *testing.T) {
	tf, err := newTypeface()
	if err != nil {
		t.Fatal(err)
	}
	text := "Vi er 8 af 10 i 8.B som sover godt"
	size := 40.0
	maxWidth := tf.width("Vi er 8 af", true, size) + 1
	lines, _ := tf.wrap(text, true, size, maxWidth)
	for _, l := range lines {
		if strings.Contains(l, "8 af") != strings.Contains(l, "af 10") {
			t.Errorf("the figure was broken over lines: %q", lines)
		}
		if strings.ContainsRune(l, '\u00a0') {
			t.Errorf("line %q keeps a no-break space", l)
		}
	}
}

func TestCleanDropsWhatTheFontCannotDraw(t *testing.T) {
	tf, err := newTypeface()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tf.clean("8 af 10 sover 😴 godt\n\tog\u0007 længe"), "8 af 10 sover godt og længe"; got != want {
		t.Errorf("clean = %q, want %q", got, want)
	}
}

// TestMeasureMatchesFpdf: the layout's widths are the widths fpdf draws, so a line that fits
// in the layout fits on paper.
func TestMeasureMatchesFpdf(t *testing.T) {
	tf, err := newTypeface()
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", SizeStr: "A4"})
	pdf.AddUTF8FontFromBytes(fontFamily, "", notoRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", notoBold)
	for _, text := range []string{"Næsten alle i 8.B sover godt", "ÆØÅ æøå – “8 af 10” · 100 %", sleepSpec().Footer} {
		for _, bold := range []bool{false, true} {
			style := ""
			if bold {
				style = "B"
			}
			pdf.SetFont(fontFamily, style, 37)
			got, want := pdf.GetStringWidth(text), tf.width(text, bold, 37)
			if math.Abs(got-want) > 0.05 {
				t.Errorf("%q bold=%v: fpdf %.3f pt, layout %.3f pt", text, bold, got, want)
			}
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

// TestThemeContrast holds every colour pair that carries text to WCAG 2 AA for normal-size
// text (4.5:1) — stricter than needed for the large figure and headline (3:1) — and the
// people and shapes that carry the figure to 3:1 against what is behind them.
func TestThemeContrast(t *testing.T) {
	for _, th := range Themes() {
		p, ok := paletteOf(th)
		if !ok {
			t.Fatalf("%s: no palette", th)
		}
		pairs := []struct {
			what   string
			fg, bg rgb
			min    float64
		}{
			{"text on background", p.ink, p.background, 4.5},
			{"text on decoration", p.ink, p.decoration, 4.5},
			{"text on the bubble", p.ink, p.card, 4.5},
			{"text on accent (label, figure)", p.onAccent, p.accent, 4.5},
			{"accent text on background (figure in a quote, quote mark)", p.accent, p.background, 4.5},
			{"accent text on decoration", p.accent, p.decoration, 3},
			{"accent shapes on background (disc, people)", p.accent, p.background, 3},
		}
		for _, pr := range pairs {
			if c := contrast(pr.fg, pr.bg); c < pr.min {
				t.Errorf("%s: %s has contrast %.2f:1, want at least %.1f:1", th, pr.what, c, pr.min)
			}
		}
	}
}

func TestContrastFormula(t *testing.T) {
	black, white := rgb{}, rgb{255, 255, 255}
	tests := []struct {
		a, b rgb
		want float64
	}{
		{black, white, 21},
		{white, white, 1},
		{rgb{0x77, 0x77, 0x77}, white, 4.48}, // the classic just-fails grey
		{rgb{0x76, 0x76, 0x76}, white, 4.54},
	}
	for _, tt := range tests {
		if got := contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestExamples renders the examples shown in docs/examples when run with -examples; the
// A4 poster's preview needs pdftoppm (poppler-utils).
func TestExamples(t *testing.T) {
	if !*writeExamples {
		t.Skip("run with -examples to write docs/examples")
	}
	dir := filepath.Join("..", "..", "docs", "examples")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pdf, err := PDF(sleepSpec(), SizeA4)
	if err != nil {
		t.Fatal(err)
	}
	pdfFile := filepath.Join(dir, "poster-a4.pdf")
	if err := os.WriteFile(pdfFile, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	tile, err := PNG(drinkSpec())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tile.png"), tile, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-png", "-r", "50", "-singlefile", pdfFile, filepath.Join(dir, "poster-a4")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

// TestConcurrentPosters: a web server draws posters for many classes at once; the embedded
// fonts are shared read-only (run with -race).
func TestConcurrentPosters(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 4 {
		wg.Go(func() {
			s := sleepSpec()
			s.Theme = Themes()[i%len(Themes())]
			if _, err := PDF(s, SizeA4); err != nil {
				errs <- err
			}
			if _, err := PNG(s); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func BenchmarkPDF(b *testing.B) {
	s := sleepSpec()
	for b.Loop() {
		if _, err := PDF(s, SizeA4); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	s := drinkSpec()
	for b.Loop() {
		if _, err := PNG(s); err != nil {
			b.Fatal(err)
		}
	}
}
