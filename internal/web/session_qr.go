package web

import (
	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"
)

// showSessionQR is a QR code of the join URL, drawn here so nothing loads from elsewhere.
func (s *sessionHandlers) showSessionQR(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(s.joinURL(c, sess), qrcode.Medium, 512)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, max-age=3600")
	c.Type("png")
	return c.Send(png)
}
