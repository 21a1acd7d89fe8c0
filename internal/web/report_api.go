package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/report"
	"github.com/heltnormal/heltnormal/internal/results"
)

// reportPDF is the comparison as a report for a municipal council or a school board
// (package report), with the filters, the checks and the protected tree of the compare API.
// The follow-up wave of the same filters, when there is one, adds the change in words.
// ?lang=da|en picks the language.
func (s *sspHandlers) reportPDF(c *fiber.Ctx) error {
	q, sv, root, err := s.compareFromQuery(c)
	if err != nil {
		return err
	}
	base, follow := root, root
	other := q
	if q.Wave == string(model.WaveFollowUp) {
		other.Wave = string(model.WaveBaseline)
		base, err = s.app.Comparison(c.UserContext(), other, sv)
	} else {
		other.Wave = string(model.WaveFollowUp)
		follow, err = s.app.Comparison(c.UserContext(), other, sv)
	}
	if err != nil {
		return err
	}
	pdf, err := report.PDF(report.Input{
		Localizer: s.localizer(c), Survey: sv, Tree: root, Base: base, Follow: follow,
		SchoolYear: q.SchoolYear, Wave: q.Wave, Grade: q.Grade, SchoolID: q.SchoolID,
		Rules: results.Rules{MinGroup: s.cfg.MinGroup, MinSensitive: s.cfg.MinSensitive},
		Day:   time.Now().In(s.tz),
	})
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+exportFileName("rapport-"+root.Label, sv.ID, q.SchoolYear, "pdf")+`"`)
	return c.Send(pdf)
}
