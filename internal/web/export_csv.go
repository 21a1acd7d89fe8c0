package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// exportCompareCSV is the comparison as CSV in the request's language (csvFormat: in
// Danish what a Danish Excel opens with a double click), one row per group and topic, shares
// in percent with one decimal. A hidden figure's cells are empty and its status column says
// so; the codes are explained by the codebook (exportCodebookCSV), linked next to the export.
func (s *sspHandlers) exportCompareCSV(c *fiber.Ctx) error {
	q, sv, root, err := s.compareFromQuery(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	f := csvFormatFor(l.Lang)
	records := [][]string{headers(l, exportColumns)}
	for _, r := range exportRows(l, sv, root, q.SchoolID) {
		rec := []string{l.T("export.level." + r.Level), cellText(r.Municipality), cellText(r.School), cellText(r.Class),
			strconv.Itoa(r.N), r.TopicID, cellText(r.Topic)}
		records = append(records, append(rec, figureCells(l, f, r.Item)...))
	}
	return sendCSV(c, f, exportFileName(root.Label, sv.ID, q.SchoolYear, "csv"), records)
}
