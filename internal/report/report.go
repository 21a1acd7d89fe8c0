// Package report writes the PDF an SSP consultant takes to the municipal council or a school
// board: the comparison of schools (or of a school's classes) topic by topic with charts and
// tables, the largest misperceptions and the healthy majorities, the change from baseline to
// follow-up in words, and how the figures are made and protected.
//
// Every figure comes from a protected comparison tree (compare.Build: minimum group,
// complementary suppression, sensitive topics only from released school snapshots), never
// from raw answers or summaries, so the report cannot show a figure the compare API hides.
// The text is real text in the embedded Go font, and the charts are drawn with PDF
// primitives: the file can be searched and read aloud, and refers to nothing outside itself.
// Pure Go: no web, no storage.
package report

import (
	"bytes"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Input is what a report is made from: protected comparison trees and the filters that
// made them.
type Input struct {
	Localizer *i18n.Localizer
	Survey    *survey.Survey
	// Tree is the comparison of the wave asked for (Wave), as the compare API builds it.
	Tree *compare.Node
	// Base and Follow are the baseline and follow-up trees of the same filters, for the
	// change between them; Follow is nil (or empty) when there is no follow-up yet.
	Base, Follow *compare.Node
	SchoolYear   string
	Wave         string // "baseline" or "follow-up": the wave of Tree
	Grade        int    // 0: every grade
	// SchoolID narrows the report to one school and its classes (a school board's report);
	// the figures are still those of the whole tree, protected against every school.
	SchoolID string
	Rules    results.Rules
	Day      time.Time // the day the report is made; only the date is printed
}

// Page geometry in points (A4 portrait).
const (
	pageW, pageH = 595.28, 841.89
	margin       = 50.0
	bottom       = pageH - 60 // lowest y for content; the footer lies below
	contentW     = pageW - 2*margin
	// fontFamily is the Go font (BSD licence, from golang.org/x/image, embedded in the
	// binary): unlike the posters' Noto Sans subset it has the true minus sign (−) and the
	// arrow (→) the report's figures need, besides æ, ø and å.
	fontFamily = "GoSans"
)

// doc is a report being written.
type doc struct {
	pdf    *fpdf.Fpdf
	in     Input
	l      *i18n.Localizer
	lang   string
	groups []*compare.Node // the rows of every table, in the tree's order
	topics []*survey.Item
}

// PDF writes the report.
func PDF(in Input) ([]byte, error) {
	if in.Tree == nil || in.Survey == nil || in.Localizer == nil {
		return nil, fmt.Errorf("report: a tree, a survey and a localizer are required")
	}
	d := &doc{in: in, l: in.Localizer, lang: in.Localizer.Lang}
	d.groups = Groups(in.Tree, in.SchoolID)
	d.topics = topics(in.Survey, in.Tree)

	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: "A4"})
	d.pdf = pdf
	pdf.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, pageH-bottom)
	pdf.SetCatalogSort(true)
	title := d.l.T("report.title") + ": " + in.Tree.Label
	pdf.SetTitle(title, true)
	pdf.SetSubject(in.Survey.Title.In(d.lang)+" "+in.SchoolYear, true)
	pdf.SetAuthor("Helt Normal", true)
	pdf.SetCreator("Helt Normal", true)
	pdf.SetProducer("Helt Normal", true)
	pdf.SetLang(d.lang)
	y, m, day := in.Day.Date()
	date := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetFooterFunc(func() {
		if pdf.PageNo() == 1 {
			return
		}
		pdf.SetY(bottom + 20)
		d.font(false, 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(contentW, 12, d.l.T("report.footer", "Scope", in.Tree.Label, "Year", in.SchoolYear, "Page", pdf.PageNo()),
			"", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})

	d.titlePage()
	d.summaryPage()
	for _, def := range d.topics {
		d.topicPage(def)
	}
	d.wavesPages()
	d.methodPage()

	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("write report: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write report: %w", err)
	}
	return buf.Bytes(), nil
}

// Groups are the rows of a report's tables, the same groups as the compare API's rows: for
// one municipality each school followed by its classes; for a cluster or the region each
// municipality followed by its schools; only one school (and its classes) when schoolID
// names one — a school board's report.
func Groups(root *compare.Node, schoolID string) []*compare.Node {
	wide := root.Level > results.LevelMunicipality
	var out []*compare.Node
	root.Walk(func(n *compare.Node) {
		switch {
		case n.Level == results.LevelMunicipality && wide && schoolID == "":
			out = append(out, n)
		case n.Level == results.LevelSchool && (schoolID == "" || n.SchoolID == schoolID):
			out = append(out, n)
		case n.Level == results.LevelClass && !wide && (schoolID == "" || n.SchoolID == schoolID):
			out = append(out, n)
		}
	})
	return out
}

// chartGroups are the groups a chart has a bar for: the widest level of the rows (the
// schools of a municipality, the municipalities of a region), or all of a school board's.
func chartGroups(groups []*compare.Node, schoolID string) []*compare.Node {
	if schoolID != "" {
		return groups
	}
	top := results.LevelClass
	for _, n := range groups {
		top = max(top, n.Level)
	}
	var out []*compare.Node
	for _, n := range groups {
		if n.Level == top {
			out = append(out, n)
		}
	}
	return out
}

// topics are the survey's topics some group of the tree shows a figure for, in the survey's
// order; the rest (not asked, or too few answers everywhere) are only named (hiddenTopics).
func topics(sv *survey.Survey, root *compare.Node) []*survey.Item {
	listed := map[string]bool{}
	root.Walk(func(n *compare.Node) {
		for _, it := range n.Group.Items {
			if !n.Group.Suppressed && !it.Suppressed {
				listed[it.ID] = true
			}
		}
	})
	var out []*survey.Item
	for i := range sv.Items {
		if listed[sv.Items[i].ID] {
			out = append(out, &sv.Items[i])
		}
	}
	return out
}

// font sets the report's font.
func (d *doc) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	d.pdf.SetFont(fontFamily, style, size)
}

// heading starts a section with a bookmark, so a reader can jump to it.
func (d *doc) heading(text string, size float64) {
	d.pdf.Bookmark(text, 0, -1)
	d.font(true, size)
	d.pdf.MultiCell(contentW, size*1.25, text, "", "L", false)
	d.pdf.Ln(size * 0.4)
}

// paragraph writes wrapped text.
func (d *doc) paragraph(text string, size float64) {
	d.font(false, size)
	d.pdf.MultiCell(contentW, size*1.4, text, "", "L", false)
	d.pdf.Ln(size * 0.5)
}

// bullet writes one item of a list.
func (d *doc) bullet(text string, size float64) {
	d.font(false, size)
	x := d.pdf.GetX()
	d.pdf.CellFormat(12, size*1.4, "•", "", 0, "L", false, 0, "")
	d.pdf.MultiCell(contentW-12, size*1.4, text, "", "L", false)
	d.pdf.SetX(x)
	d.pdf.Ln(size * 0.2)
}

// room starts a new page unless h points are left on this one.
func (d *doc) room(h float64) {
	if d.pdf.GetY()+h > bottom {
		d.pdf.AddPage()
	}
}

// fit shortens s with an ellipsis until it is at most w wide in the current font.
func (d *doc) fit(s string, w float64) string {
	if d.pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
