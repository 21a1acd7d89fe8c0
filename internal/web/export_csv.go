package web

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// exportCompareCSV is the comparison as CSV, UTF-8 with a byte-order mark (Excel needs it
// for æ, ø and å), commas and decimal points so any program reads it; a hidden cell is empty.
func (s *sspHandlers) exportCompareCSV(c *fiber.Ctx) error {
	q, sv, root, err := s.compareFromQuery(c)
	if err != nil {
		return err
	}
	num := func(f float64) string {
		if f == 0 {
			f = 0 // no "-0"
		}
		return strconv.FormatFloat(f, 'f', 4, 64)
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	records := [][]string{exportColumns}
	for _, r := range exportRows(sv, root, q.SchoolID) {
		rec := []string{r.Level, cellText(r.Municipality), cellText(r.School), cellText(r.Class), strconv.Itoa(r.N),
			r.TopicID, cellText(r.Topic)}
		if it := r.Item; it.Suppressed {
			rec = append(rec, "", "", "", "", "", "", "", "", "", "true")
		} else {
			rec = append(rec, strconv.Itoa(it.NSelf), strconv.Itoa(it.NPerceived), num(it.ActualShare),
				num(it.ActualCI[0]), num(it.ActualCI[1]), num(it.PerceivedMean),
				strconv.FormatFloat(it.GapPP, 'f', 1, 64), num(it.OverestimatedShare), num(it.UnderestimatedShare), "false")
		}
		records = append(records, rec)
	}
	if err := w.WriteAll(records); err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+exportFileName(root.Label, sv.ID, q.SchoolYear, "csv")+`"`)
	return c.Send(buf.Bytes())
}
