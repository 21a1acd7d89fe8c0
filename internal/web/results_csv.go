package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// csvColumns are the export's header, the same names as the results API's fields.
var csvColumns = []string{"id", "topic", "n_self", "n_perceived", "actual_share", "ci_low", "ci_high",
	"perceived_mean", "gap_pp", "overestimated_share", "underestimated_share", "suppressed"}

// exportResultsCSV is a session's results as a spreadsheet: one row per topic, a suppressed
// topic with its figure cells empty. It is UTF-8 with a byte-order mark, which Excel needs
// to read æ, ø and å. In Danish it is written the way a Danish Excel opens it with a double
// click: semicolons between cells and decimal commas; in English with commas and points.
func (s *resultsHandlers) exportResultsCSV(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	view, err := s.resultsView(c.UserContext(), l, sess, noCharts)
	if err != nil {
		return err
	}
	if view.Hidden {
		return model.Errorf(model.ECodeConflict, "the results are shown once the session is closed or the teacher shows them")
	}
	sep, decimal := ',', "."
	if l.Lang == "da" {
		sep, decimal = ';', ","
	}
	num := func(f float64, digits int) string {
		if f == 0 {
			f = 0 // no "-0.0"
		}
		return strings.Replace(strconv.FormatFloat(f, 'f', digits, 64), ".", decimal, 1)
	}

	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = sep
	w.UseCRLF = true // what Excel writes, and RFC 4180
	rows := [][]string{csvColumns}
	for _, t := range view.Topics {
		it := t.Item
		if it.Suppressed {
			rows = append(rows, []string{t.ID, cellText(t.Name), "", "", "", "", "", "", "", "", "", "true"})
			continue
		}
		rows = append(rows, []string{t.ID, cellText(t.Name), strconv.Itoa(it.NSelf), strconv.Itoa(it.NPerceived),
			num(it.ActualShare, 4), num(it.ActualCI[0], 4), num(it.ActualCI[1], 4), num(it.PerceivedMean, 4),
			num(it.GapPP, 1), num(it.OverestimatedShare, 4), num(it.UnderestimatedShare, 4), "false"})
	}
	if err := w.WriteAll(rows); err != nil {
		return fmt.Errorf("write results csv: %w", err)
	}

	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, csvFileName(sess)))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

// csvFileName names the export after the class and day: helt-normal-8B-2026-11-22.csv. The
// class label is the teacher's free text, so only letters, digits and hyphens are kept
// (Danish letters written out), which also keeps the header safe.
func csvFileName(sess *model.Session) string {
	var label strings.Builder
	for _, r := range sess.ClassLabel {
		if label.Len() >= 40 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			label.WriteRune(r)
		case r == 'æ':
			label.WriteString("ae")
		case r == 'ø':
			label.WriteString("oe")
		case r == 'å':
			label.WriteString("aa")
		case r == 'Æ':
			label.WriteString("Ae")
		case r == 'Ø':
			label.WriteString("Oe")
		case r == 'Å':
			label.WriteString("Aa")
		}
	}
	name := strings.Trim(label.String(), "-")
	if name == "" {
		name = "klasse"
	}
	return "helt-normal-" + name + "-" + sess.CreatedDay + ".csv"
}

// cellText keeps a text cell from being read as a formula by a spreadsheet.
func cellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
