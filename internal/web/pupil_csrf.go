package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	"github.com/gofiber/fiber/v2"
)

// The pupils' survey form is protected against cross-site posts by a signed double-submit
// token rather than a stored one: a random value in a cookie, and in the form its HMAC under
// a key all app instances share. A class of pupils opening the survey then costs no writes,
// and a page served by one instance can be posted to another.
const (
	pupilCookie    = "hn_pupil"
	pupilCookieAge = 12 * time.Hour
)

// loadPupilKey reads (or makes) the key the pupils' form tokens are signed with.
func (s *Server) loadPupilKey() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	key, err := s.store.Secret(ctx, "pupil-form")
	s.pupilKey = key
	return err
}

// pupilToken gives the request a form token, setting the cookie it is bound to when the
// pupil has none; render hands the token to the form as .CSRF.
func (s *Server) pupilToken(c *fiber.Ctx) error {
	nonce := c.Cookies(pupilCookie)
	if len(nonce) < 16 {
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		nonce = base64.RawURLEncoding.EncodeToString(b)
		c.Cookie(&fiber.Cookie{
			Name: pupilCookie, Value: nonce, Path: "/j/", MaxAge: int(pupilCookieAge.Seconds()),
			HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.cfg.SecureCookies,
		})
	}
	c.Locals(csrfContextKey, s.signPupilNonce(nonce))
	return c.Next()
}

func (s *Server) signPupilNonce(nonce string) string {
	mac := hmac.New(sha256.New, s.pupilKey)
	mac.Write([]byte(nonce))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// validPupilToken reports whether a posted form carries the token of its cookie.
func (s *Server) validPupilToken(c *fiber.Ctx) bool {
	nonce, posted := c.Cookies(pupilCookie), c.FormValue(csrfFormField)
	if len(nonce) < 16 || posted == "" {
		return false
	}
	return hmac.Equal([]byte(posted), []byte(s.signPupilNonce(nonce)))
}
