package web

import (
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/heltnormal/heltnormal/internal/i18n"
)

// exportCompareXLSX is the comparison as an Excel workbook in the request's language: the
// figures (the same rows and suppression as the CSV, unrounded, as Excel percentages), a
// chart per topic, the codebook, and a sheet explaining the privacy rules. Number formats
// are Excel's own, so Excel writes decimal commas in a Danish locale.
func (s *sspHandlers) exportCompareXLSX(c *fiber.Ctx) error {
	q, sv, root, err := s.compareFromQuery(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	f := excelize.NewFile()
	defer f.Close()
	language := map[string]string{"da": "da-DK", "en": "en-GB"}[l.Lang]
	if err := f.SetDocProps(&excelize.DocProperties{Language: language, Title: "Helt Normal: " + root.Label + " " + q.SchoolYear,
		Creator: "Helt Normal"}); err != nil {
		return fmt.Errorf("xlsx properties: %w", err)
	}
	data := l.T("export.sheet.data")
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	rows := exportRows(l, sv, root, q.SchoolID)
	if err := writeDataSheet(f, l, data, rows); err != nil {
		return fmt.Errorf("xlsx data: %w", err)
	}
	if err := writeCharts(f, l, l.T("export.sheet.charts"), sv.Items, rows); err != nil {
		return fmt.Errorf("xlsx charts: %w", err)
	}
	if err := writeCodebook(f, l.T("export.sheet.codebook"), codebookRows(l, sv, s.cfg.MinGroup, s.cfg.MinSensitive)); err != nil {
		return fmt.Errorf("xlsx codebook: %w", err)
	}
	if err := writeAbout(f, l, s.cfg.MinGroup, s.cfg.MinSensitive); err != nil {
		return fmt.Errorf("xlsx about: %w", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("xlsx write: %w", err)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+exportFileName(root.Label, sv.ID, q.SchoolYear, "xlsx")+`"`)
	return c.Send(buf.Bytes())
}

// Number formats of the workbook: shares as percentages, gaps in percentage points.
var (
	shareFormat = "0.0%"
	ppFormat    = "0.0"
)

// writeDataSheet writes one row per group and topic under a frozen, bold header; a hidden
// figure's cells stay empty and its status says so.
func writeDataSheet(f *excelize.File, l *i18n.Localizer, sheet string, rows []exportRow) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	shareStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &shareFormat})
	if err != nil {
		return err
	}
	ppStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &ppFormat})
	if err != nil {
		return err
	}
	header := []any{}
	for _, h := range headers(l, exportColumns) {
		header = append(header, h)
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for i, r := range rows {
		cells := []any{l.T("export.level." + r.Level), r.Municipality, r.School, r.Class, r.N, r.TopicID, r.Topic}
		if it := r.Item; it.Suppressed {
			cells = append(cells, nil, nil, nil, nil, nil, nil, nil, nil, nil, l.T("export.status.hidden"))
		} else {
			cells = append(cells, it.NSelf, it.NPerceived, it.ActualShare, it.ActualCI[0], it.ActualCI[1],
				it.PerceivedMean, it.GapPP, it.OverestimatedShare, it.UnderestimatedShare, l.T("export.status.shown"))
		}
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+2), &cells); err != nil {
			return err
		}
	}
	last := strconv.Itoa(max(len(rows)+1, 2))
	for _, s := range []struct {
		from, to string
		style    int
	}{{"A1", "Q1", bold}, {"J2", "M" + last, shareStyle}, {"N2", "N" + last, ppStyle}, {"O2", "P" + last, shareStyle}} {
		if err := f.SetCellStyle(sheet, s.from, s.to, s.style); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		from, to string
		width    float64
	}{{"A", "A", 12}, {"B", "C", 24}, {"D", "D", 8}, {"E", "F", 14}, {"G", "G", 24}, {"H", "Q", 14}} {
		if err := f.SetColWidth(sheet, w.from, w.to, w.width); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeCodebook writes the codebook's rows (codebookRows) under a frozen, bold header.
func writeCodebook(f *excelize.File, sheet string, rows [][]string) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, cell := range r {
			cells[j] = cell
		}
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+1), &cells); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "C1", bold); err != nil {
		return err
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 36}, {"B", 16}, {"C", 110}} {
		if err := f.SetColWidth(sheet, w.col, w.col, w.width); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeAbout explains in plain words where the figures come from and why some are missing.
func writeAbout(f *excelize.File, l *i18n.Localizer, minGroup, minSensitive int) error {
	sheet := l.T("export.sheet.about")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	lines := []string{
		l.T("ssp.about.title"),
		l.T("ssp.about.min_group", "Min", minGroup),
		l.T("ssp.about.sensitive", "Min", minSensitive),
		l.T("ssp.about.complementary"),
		l.T("export.about.empty"),
		l.T("export.about.rounding"),
	}
	for i, line := range lines {
		if err := f.SetCellValue(sheet, "A"+strconv.Itoa(i+1), line); err != nil {
			return err
		}
	}
	return f.SetColWidth(sheet, "A", "A", 120)
}
