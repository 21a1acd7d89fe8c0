package report

import (
	"strconv"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Colours of the chart: the truth dark, the guess light, as on the SSP dashboard.
var (
	colourActual    = [3]int{0, 110, 110}
	colourPerceived = [3]int{240, 160, 60}
	colourGrid      = [3]int{215, 215, 215}
	colourHidden    = [3]int{120, 120, 120}
)

// topicPage shows one topic: what was counted, the total, a chart of the actual share and the
// mean guess per group, and a table with every figure. A hidden group has a row saying so and
// no bar.
func (d *doc) topicPage(def *survey.Item) {
	pdf, root := d.pdf, d.in.Tree
	pdf.AddPage()
	d.heading(def.Topic.In(d.lang), 20)
	d.font(false, 9.5)
	pdf.SetTextColor(70, 70, 70)
	pdf.MultiCell(contentW, 13, d.l.T("report.topic.self", "Question", def.Self.Text.In(d.lang), "Counted", countedLabels(def, d.lang)), "", "L", false)
	pdf.MultiCell(contentW, 13, d.l.T("report.topic.perceived", "Question", def.Perceived.Text.In(d.lang)), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(6)
	if it, ok := shown(root, def.ID); ok {
		d.paragraph(d.l.T("report.topic.total", "Name", root.Label, "Actual", Percent(it.ActualShare, d.lang),
			"Interval", Interval(it.ActualCI, d.lang), "Guess", Percent(it.PerceivedMean, d.lang), "Gap", PP(it.GapPP), "Count", it.NSelf), 10.5)
	} else {
		d.paragraph(d.l.T("report.topic.total_hidden", "Name", root.Label), 10.5)
	}
	d.chart(def, append([]*compare.Node{root}, chartGroups(d.groups, d.in.SchoolID)...))
	d.table(def, append([]*compare.Node{root}, d.groups...))
}

// shown returns a node's figures for a topic when it shows them.
func shown(n *compare.Node, id string) (results.Item, bool) {
	if n.Group.Suppressed {
		return results.Item{}, false
	}
	it, ok := n.Group.Item(id)
	return it, ok && !it.Suppressed
}

// countedLabels lists the self answers that count as doing the behaviour.
func countedLabels(def *survey.Item, lang string) string {
	s := ""
	for _, o := range def.Self.Options {
		if o.Norm {
			if s != "" {
				s += " / "
			}
			s += "»" + o.Label.In(lang) + "«"
		}
	}
	return s
}

// label is a row's name: a class under its school is indented.
func (d *doc) label(n *compare.Node) string {
	if n == d.in.Tree {
		return d.l.T("report.table.total", "Name", n.Label)
	}
	if n.Level < d.top() {
		return "   " + n.Label
	}
	return n.Label
}

// top is the widest level among the rows; narrower rows are indented under it.
func (d *doc) top() results.Level {
	top := results.LevelClass
	for _, n := range d.groups {
		top = max(top, n.Level)
	}
	return top
}

// chart draws a horizontal bar pair per group, actual share and mean guess on a 0–100 % axis.
func (d *doc) chart(def *survey.Item, rows []*compare.Node) {
	pdf := d.pdf
	const (
		labelW = 150.0
		rowH   = 24.0
		barH   = 8.0
	)
	axisX, axisW := margin+labelW, contentW-labelW-40
	h := 30 + float64(len(rows))*rowH + 20
	d.room(h)
	// Legend.
	y := pdf.GetY()
	d.font(false, 8.5)
	x := axisX
	for _, e := range []struct {
		c    [3]int
		text string
	}{{colourActual, d.l.T("report.chart.actual")}, {colourPerceived, d.l.T("report.chart.perceived")}} {
		pdf.SetFillColor(e.c[0], e.c[1], e.c[2])
		pdf.Rect(x, y+2, 8, 8, "F")
		pdf.SetXY(x+11, y)
		pdf.CellFormat(pdf.GetStringWidth(e.text)+4, 12, e.text, "", 0, "L", false, 0, "")
		x += pdf.GetStringWidth(e.text) + 30
	}
	top := y + 20
	bottomY := top + float64(len(rows))*rowH
	// Grid and axis labels.
	pdf.SetLineWidth(0.5)
	for p := 0; p <= 100; p += 25 {
		gx := axisX + axisW*float64(p)/100
		pdf.SetDrawColor(colourGrid[0], colourGrid[1], colourGrid[2])
		pdf.Line(gx, top-2, gx, bottomY)
		pdf.SetXY(gx-20, bottomY+2)
		d.font(false, 7.5)
		pdf.CellFormat(40, 10, percentSign(p, d.lang), "", 0, "C", false, 0, "")
	}
	for i, n := range rows {
		ry := top + float64(i)*rowH
		pdf.SetXY(margin, ry+4)
		d.font(n == d.in.Tree, 8.5)
		pdf.CellFormat(labelW-6, 12, d.fit(d.label(n), labelW-8), "", 0, "L", false, 0, "")
		it, ok := shown(n, def.ID)
		if !ok {
			d.font(false, 8.5)
			pdf.SetTextColor(colourHidden[0], colourHidden[1], colourHidden[2])
			pdf.SetXY(axisX+4, ry+4)
			pdf.CellFormat(axisW, 12, d.l.T("report.hidden"), "", 0, "L", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
			continue
		}
		for j, bar := range []struct {
			share float64
			c     [3]int
		}{{it.ActualShare, colourActual}, {it.PerceivedMean, colourPerceived}} {
			by := ry + 3 + float64(j)*(barH+1)
			w := axisW * bar.share
			pdf.SetFillColor(bar.c[0], bar.c[1], bar.c[2])
			if w > 0 {
				pdf.Rect(axisX, by, w, barH, "F")
			}
			d.font(false, 7)
			pdf.SetXY(axisX+w+2, by-1)
			pdf.CellFormat(36, barH+2, Percent(bar.share, d.lang), "", 0, "L", false, 0, "")
		}
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.Line(axisX, top-2, axisX, bottomY)
	pdf.SetXY(margin, bottomY+18)
}

// table lists every figure of the topic per group on one line each, so that a row reads as a
// row when the text is copied out.
func (d *doc) table(def *survey.Item, rows []*compare.Node) {
	pdf := d.pdf
	cols := []struct {
		key   string
		w     float64
		align string
	}{
		{"report.table.group", 165, "L"}, {"report.table.n", 50, "R"}, {"report.table.actual", 65, "R"},
		{"report.table.interval", 75, "R"}, {"report.table.guess", 70, "R"}, {"report.table.gap", 70, "R"},
	}
	const rowH = 15.0
	header := func() {
		d.font(true, 8.5)
		pdf.SetFillColor(235, 242, 242)
		for _, c := range cols {
			pdf.CellFormat(c.w, rowH+4, d.l.T(c.key), "B", 0, c.align, true, 0, "")
		}
		pdf.Ln(-1)
	}
	d.room(3 * rowH)
	header()
	for _, n := range rows {
		if pdf.GetY()+rowH > bottom {
			pdf.AddPage()
			header()
		}
		d.font(n == d.in.Tree, 9)
		pdf.CellFormat(cols[0].w, rowH, d.fit(d.label(n), cols[0].w-4), "", 0, "L", false, 0, "")
		it, ok := shown(n, def.ID)
		if !ok {
			pdf.SetTextColor(colourHidden[0], colourHidden[1], colourHidden[2])
			pdf.CellFormat(contentW-cols[0].w, rowH, d.hiddenReason(n, def), "", 1, "L", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
			continue
		}
		cells := []string{strconv.Itoa(it.NSelf), Percent(it.ActualShare, d.lang), Interval(it.ActualCI, d.lang),
			Percent(it.PerceivedMean, d.lang), PP(it.GapPP)}
		for i, s := range cells {
			ln := 0
			if i == len(cells)-1 {
				ln = 1
			}
			pdf.CellFormat(cols[i+1].w, rowH, s, "", ln, cols[i+1].align, false, 0, "")
		}
	}
	pdf.Ln(6)
	d.font(false, 8.5)
	pdf.SetTextColor(70, 70, 70)
	pdf.MultiCell(contentW, 11, d.l.T("report.table.note", "Min", d.in.Rules.MinGroup), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
}

// hiddenReason says why a group shows nothing for a topic, without any figure.
func (d *doc) hiddenReason(n *compare.Node, def *survey.Item) string {
	if def.Sensitive && n.Level == results.LevelClass {
		return d.l.T("report.hidden_sensitive")
	}
	if it, ok := n.Group.Item(def.ID); ok && !n.Group.Suppressed && it.Reason == results.ReasonProtects {
		return d.l.T("report.hidden_protects")
	}
	return d.l.T("report.hidden_few")
}
