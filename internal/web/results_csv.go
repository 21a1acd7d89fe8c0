package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// resultsColumns are the message keys of a class's results export: the topic, then the
// figure columns every export has.
var resultsColumns = append([]string{"export.col.topic_id", "export.col.topic"}, figureColumns...)

// exportResultsCSV is a session's results as a spreadsheet: one row per topic, a suppressed
// topic with its figure cells empty and its status column saying so. It is written like every
// CSV the app serves (csvFormat): in Danish what a Danish Excel opens with a double click
// (semicolons, decimal commas, Danish headers), in English with commas and points; shares in
// percent with one decimal; the codes explained by the codebook.
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
	f := csvFormatFor(l.Lang)
	rows := [][]string{headers(l, resultsColumns)}
	for _, t := range view.Topics {
		rows = append(rows, append([]string{t.ID, cellText(t.Name)}, figureCells(l, f, t.Item)...))
	}
	return sendCSV(c, f, csvFileName(sess), rows)
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
