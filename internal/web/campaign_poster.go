package web

import (
	"errors"
	"fmt"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/poster"
)

// showPosterPDF is a class message as an A4 or A3 poster (?item=ID&size=a4|a3).
func (s *campaignHandlers) showPosterPDF(c *fiber.Ctx) error { return s.classPoster(c, "pdf") }

// showPosterPNG is a class message as a 1080×1350 picture for info screens (?item=ID).
func (s *campaignHandlers) showPosterPNG(c *fiber.Ctx) error { return s.classPoster(c, "png") }

// classPoster draws a class's poster for one of its allowed messages, in the class's own
// words and look when it saved them. Any other topic has no poster.
func (s *campaignHandlers) classPoster(c *fiber.Ctx, format string) error {
	sess, cc, err := s.campaignOf(c)
	l := s.localizer(c)
	if errors.Is(err, app.ErrResultsHidden) {
		return posterRefused(l, model.ECodeConflict, l.T("campaign.hidden"))
	}
	if err != nil {
		return err
	}
	item := c.Query("item")
	m, ok := cc.Message(item)
	if !ok {
		return posterRefused(l, model.ECodeNotFound,
			l.T("campaign.no_poster", "Reason", noMessageReason(l, cc.Survey, cc.Group, item)))
	}
	return s.sendPoster(c, l, posterSpec(l, m.Message, m.Slogan, cc.Layout, cc.Theme), format, posterFileName(sess.ClassLabel, m.ItemID, ""))
}

// sendPoster draws spec as a PDF (in the size the query asks for) or a PNG and sends it
// under the file name base (without size or extension).
func (s *campaignHandlers) sendPoster(c *fiber.Ctx, l *i18n.Localizer, spec poster.Spec, format, base string) error {
	// A text the poster cannot hold (too long, nothing drawable) is a refusal the class can
	// act on, never a server error.
	if err := spec.Validate(); err != nil {
		return posterRefused(l, model.ECodeInvalid, err.Error())
	}
	var (
		data        []byte
		err         error
		disposition string
	)
	switch format {
	case "pdf":
		size := poster.Size(c.Query("size", string(poster.SizeA4)))
		if size != poster.SizeA4 && size != poster.SizeA3 {
			return posterRefused(l, model.ECodeInvalid, l.T("campaign.bad_size"))
		}
		data, err = poster.PDF(spec, size)
		c.Set(fiber.HeaderContentType, "application/pdf")
		disposition = fmt.Sprintf(`attachment; filename="%s-%s.pdf"`, base, size)
	default:
		data, err = poster.PNG(spec)
		c.Set(fiber.HeaderContentType, "image/png")
		disposition = fmt.Sprintf(`inline; filename="%s.png"`, base)
	}
	if errors.Is(err, poster.ErrInvalidSpec) {
		return posterRefused(l, model.ECodeInvalid, err.Error())
	}
	if err != nil {
		return fmt.Errorf("draw poster: %w", err)
	}
	c.Set(fiber.HeaderContentDisposition, disposition)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(data)
}

// posterRefused answers a poster request that cannot be met with a page saying why.
func posterRefused(l *i18n.Localizer, code, message string) error {
	return refusal(code, l.T("campaign.no_poster_title"), message)
}
