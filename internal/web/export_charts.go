package web

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// writeCharts adds the workbook's charts sheet: per topic a small table (the charted groups,
// the share who do it, the group's average guess) and a clustered bar chart of it. A hidden
// figure is an empty cell, which the chart shows as a gap, never as a zero.
func writeCharts(f *excelize.File, l *i18n.Localizer, sheet string, items []survey.Item, rows []exportRow) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	shareStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &shareFormat})
	if err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 28); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "C", 16); err != nil {
		return err
	}
	ref := func(col string, row int) string { return "'" + sheet + "'!$" + col + "$" + strconv.Itoa(row) }
	cell := func(col string, row int) string { return col + strconv.Itoa(row) }
	top := 1
	for i := range items {
		var groups []exportRow
		for _, r := range rows {
			if r.Charted && r.TopicID == items[i].ID {
				groups = append(groups, r)
			}
		}
		if len(groups) == 0 {
			continue // shown for no charted group (a sensitive topic among classes)
		}
		topic := groups[0].Topic
		head, first, last := top+1, top+2, top+1+len(groups)
		for _, c := range []struct {
			cell  string
			value any
		}{
			{cell("A", top), cellText(topic)}, {cell("A", head), l.T("export.chart.group")},
			{cell("B", head), l.T("export.col.actual_share")}, {cell("C", head), l.T("export.col.perceived_mean")},
		} {
			if err := f.SetCellValue(sheet, c.cell, c.value); err != nil {
				return err
			}
		}
		for j, g := range groups {
			values := []any{cellText(g.Name), nil, nil}
			if !g.Item.Suppressed {
				values[1], values[2] = g.Item.ActualShare, g.Item.PerceivedMean
			}
			if err := f.SetSheetRow(sheet, cell("A", first+j), &values); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, cell("A", top), cell("C", head), bold); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell("B", first), cell("C", last), shareStyle); err != nil {
			return err
		}
		height := max(300, 90+40*len(groups))
		zero, hundred := 0.0, 1.0
		series := func(col string) excelize.ChartSeries {
			return excelize.ChartSeries{Name: ref(col, head), Categories: ref("A", first) + ":$A$" + strconv.Itoa(last),
				Values: ref(col, first) + ":$" + col + "$" + strconv.Itoa(last)}
		}
		if err := f.AddChart(sheet, cell("E", top), &excelize.Chart{
			Type:         excelize.Bar,
			Series:       []excelize.ChartSeries{series("B"), series("C")},
			Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: l.T("export.chart.title", "Topic", topic)}}},
			Dimension:    excelize.ChartDimension{Width: 720, Height: uint(height)},
			Legend:       excelize.ChartLegend{Position: "bottom"},
			XAxis:        excelize.ChartAxis{ReverseOrder: true},
			YAxis:        excelize.ChartAxis{Minimum: &zero, Maximum: &hundred, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
			ShowBlanksAs: "gap",
		}); err != nil {
			return err
		}
		// The next topic starts below both this table and its chart (rows are 20 pixels).
		top = max(last+2, top+height/20+2)
	}
	return nil
}
