package poster

import (
	"bytes"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
)

// fontFamily is the name the PDF knows the embedded Noto Sans by.
const fontFamily = "NotoSans"

// PDF draws s as a portrait poster on A4 or A3 paper. The text is real text in the embedded
// Noto Sans (a subset of it travels in the file), so it can be searched, copied and read
// aloud; the file refers to nothing outside itself. Its dates carry the day, not the time.
func PDF(s Spec, size Size) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := size.valid(); err != nil {
		return nil, err
	}
	paper := "A4"
	if size == SizeA3 {
		paper = "A3"
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: paper})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", notoRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", notoBold)

	pdf.SetTitle(s.Headline, true)
	pdf.SetSubject(s.Slogan, true)
	pdf.SetAuthor("Helt Normal", true)
	pdf.SetCreator("Helt Normal", true)
	pdf.SetProducer("Helt Normal", true)
	pdf.SetLang(s.lang())
	y, m, d := time.Now().Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(day)
	pdf.SetModificationDate(day)

	pdf.AddPage()
	w, h := pdf.GetPageSize()
	tf, err := newTypeface()
	if err != nil {
		return nil, err
	}
	sc, err := layout(s, w, h, tf)
	if err != nil {
		return nil, err
	}
	drawPDF(pdf, sc)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write poster pdf: %w", err)
	}
	return buf.Bytes(), nil
}

func drawPDF(pdf *fpdf.Fpdf, sc *scene) {
	bg := sc.background
	pdf.SetFillColor(int(bg.R), int(bg.G), int(bg.B))
	pdf.Rect(0, 0, sc.w, sc.h, "F")
	for _, s := range sc.shapes {
		pdf.SetFillColor(int(s.color.R), int(s.color.G), int(s.color.B))
		for _, seg := range s.path() {
			p := seg.pts
			switch seg.op {
			case 'M':
				pdf.MoveTo(p[0][0], p[0][1])
			case 'L':
				pdf.LineTo(p[0][0], p[0][1])
			case 'C':
				pdf.CurveBezierCubicTo(p[0][0], p[0][1], p[1][0], p[1][1], p[2][0], p[2][1])
			case 'Z':
				pdf.ClosePath()
			}
		}
		pdf.DrawPath("F")
	}
	for _, t := range sc.texts {
		style := ""
		if t.bold {
			style = "B"
		}
		pdf.SetFont(fontFamily, style, t.size)
		pdf.SetTextColor(int(t.color.R), int(t.color.G), int(t.color.B))
		pdf.Text(t.x, t.y, t.text)
	}
}

// lang is the PDF's language tag.
func (s Spec) lang() string {
	if s.english() {
		return "en"
	}
	return "da"
}
