package web

import (
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Sheet names of the XLSX export (Danish, whatever the page language: the file is shared).
const (
	sheetData     = "Data"
	sheetCodebook = "Kodebog"
	sheetAbout    = "Om tallene"
)

// exportCompareXLSX is the comparison as an Excel workbook: the figures (the same rows and
// suppression as the CSV), a codebook with every question's exact wording, and a sheet
// explaining the privacy rules. Number formats are Excel's own, so Excel writes decimal
// commas in a Danish locale.
func (s *sspHandlers) exportCompareXLSX(c *fiber.Ctx) error {
	q, sv, root, err := s.compareFromQuery(c)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Language: "da-DK", Title: "Helt Normal: " + root.Label + " " + q.SchoolYear,
		Creator: "Helt Normal"}); err != nil {
		return fmt.Errorf("xlsx properties: %w", err)
	}
	if err := f.SetSheetName("Sheet1", sheetData); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := writeDataSheet(f, exportRows(sv, root, q.SchoolID)); err != nil {
		return fmt.Errorf("xlsx data: %w", err)
	}
	if err := writeCodebook(f, sv); err != nil {
		return fmt.Errorf("xlsx codebook: %w", err)
	}
	if err := writeAbout(f, s.i18n.Localizer("da"), s.cfg.MinGroup, s.cfg.MinSensitive); err != nil {
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

// writeDataSheet writes one row per group and topic under a frozen, bold header; a hidden
// figure's cells stay empty.
func writeDataSheet(f *excelize.File, rows []exportRow) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	share := "0.0%"
	shareStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &share})
	if err != nil {
		return err
	}
	pp := "#,##0.0"
	ppStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &pp})
	if err != nil {
		return err
	}
	header := make([]any, len(exportColumns))
	for i, h := range exportColumns {
		header[i] = h
	}
	if err := f.SetSheetRow(sheetData, "A1", &header); err != nil {
		return err
	}
	for i, r := range rows {
		cells := []any{r.Level, r.Municipality, r.School, r.Class, r.N, r.TopicID, r.Topic}
		if it := r.Item; it.Suppressed {
			cells = append(cells, nil, nil, nil, nil, nil, nil, nil, nil, nil, true)
		} else {
			cells = append(cells, it.NSelf, it.NPerceived, it.ActualShare, it.ActualCI[0], it.ActualCI[1],
				it.PerceivedMean, it.GapPP, it.OverestimatedShare, it.UnderestimatedShare, false)
		}
		if err := f.SetSheetRow(sheetData, "A"+strconv.Itoa(i+2), &cells); err != nil {
			return err
		}
	}
	last := strconv.Itoa(max(len(rows)+1, 2))
	for _, s := range []struct {
		from, to string
		style    int
	}{{"A1", "Q1", bold}, {"J2", "M" + last, shareStyle}, {"N2", "N" + last, ppStyle}, {"O2", "P" + last, shareStyle}} {
		if err := f.SetCellStyle(sheetData, s.from, s.to, s.style); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		from, to string
		width    float64
	}{{"A", "A", 13}, {"B", "C", 24}, {"D", "E", 8}, {"F", "F", 16}, {"G", "G", 24}, {"H", "Q", 12}} {
		if err := f.SetColWidth(sheetData, w.from, w.to, w.width); err != nil {
			return err
		}
	}
	return f.SetPanes(sheetData, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeCodebook lists each topic with its exact wording in Danish and English, its options
// (which count as the behaviour) and its perceived scale with each step's value.
func writeCodebook(f *excelize.File, sv *survey.Survey) error {
	if _, err := f.NewSheet(sheetCodebook); err != nil {
		return err
	}
	rows := [][]any{{"topic_id", "kind", "id", "da", "en", "norm", "value"}}
	yesNo := map[bool]string{true: "ja", false: "nej"}
	for i := range sv.Items {
		it := &sv.Items[i]
		rows = append(rows,
			[]any{it.ID, "topic", "", it.Topic["da"], it.Topic["en"], "", ""},
			[]any{it.ID, "flags", "", "sund adfærd: " + yesNo[it.Healthy] + ", følsomt: " + yesNo[it.Sensitive],
				"healthy: " + strconv.FormatBool(it.Healthy) + ", sensitive: " + strconv.FormatBool(it.Sensitive), "", ""},
			[]any{it.ID, "self_question", "", it.Self.Text["da"], it.Self.Text["en"], "", ""})
		for _, o := range it.Self.Options {
			rows = append(rows, []any{it.ID, "self_option", o.ID, o.Label["da"], o.Label["en"], yesNo[o.Norm], ""})
		}
		rows = append(rows, []any{it.ID, "perceived_question", it.Perceived.Scale, it.Perceived.Text["da"], it.Perceived.Text["en"], "", ""})
		for _, step := range sv.Scale(it) {
			rows = append(rows, []any{it.ID, "scale_step", step.ID, step.Label["da"], step.Label["en"], "", step.Value})
		}
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sheetCodebook, "A"+strconv.Itoa(i+1), &r); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheetCodebook, "A1", "G1", bold); err != nil {
		return err
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 16}, {"B", 18}, {"C", 10}, {"D", 60}, {"E", 60}, {"F", 6}, {"G", 8}} {
		if err := f.SetColWidth(sheetCodebook, w.col, w.col, w.width); err != nil {
			return err
		}
	}
	return f.SetPanes(sheetCodebook, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeAbout explains in plain Danish where the figures come from and why some are missing.
func writeAbout(f *excelize.File, l *i18n.Localizer, minGroup, minSensitive int) error {
	if _, err := f.NewSheet(sheetAbout); err != nil {
		return err
	}
	lines := []string{
		l.T("ssp.about.title"),
		l.T("ssp.about.min_group", "Min", minGroup),
		l.T("ssp.about.sensitive", "Min", minSensitive),
		l.T("ssp.about.complementary"),
		l.T("ssp.about.empty"),
		l.T("ssp.about.columns"),
	}
	for i, line := range lines {
		if err := f.SetCellValue(sheetAbout, "A"+strconv.Itoa(i+1), line); err != nil {
			return err
		}
	}
	return f.SetColWidth(sheetAbout, "A", "A", 120)
}
