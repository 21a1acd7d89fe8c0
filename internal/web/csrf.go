package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Every form post is protected against cross-site requests by a signed double-submit token:
// a random value in a cookie, and in the form (or the X-Csrf-Token header) its HMAC, bound to
// the browser's login session, under a key all app instances share through the store. A
// cookie and token taken from another browser and planted in a teacher's (cookie tossing)
// were made for another login, or none, and are refused. Nothing is written per visitor — a class of
// pupils or two hundred projector streams cost no writes — and a page served by one instance
// can be posted to another, also after a restart. The JSON API is not covered: it uses bearer
// tokens or a JSON body, which a form on another site cannot send.
const (
	csrfFormField = "_csrf"
	csrfHeader    = "X-Csrf-Token"
	csrfCookieAge = 12 * time.Hour
)

// loadCSRFKey reads (or makes) the key form tokens are signed with.
func (s *Server) loadCSRFKey() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	key, err := s.store.Secret(ctx, "csrf")
	s.csrfKey = key
	return err
}

// csrf gives every page its form token and refuses a form post without the right one. The
// pupils' survey form checks its token itself (postSurveyForm), to hand the pupil the form
// back with every choice kept instead of an error page.
func (s *Server) csrf(c *fiber.Ctx) error {
	if isAPI(c) {
		return c.Next()
	}
	nonce := c.Cookies(s.cookies.csrf)
	if len(nonce) < 16 {
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		nonce = base64.RawURLEncoding.EncodeToString(b)
		c.Cookie(&fiber.Cookie{
			Name: s.cookies.csrf, Value: nonce, Path: "/", MaxAge: int(csrfCookieAge.Seconds()),
			HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.cfg.SecureCookies,
		})
	}
	c.Locals(csrfContextKey, maskToken(s.signCSRF(nonce, c.Cookies(s.cookies.session))))
	if isSafeMethod(c) || isPupilForm(c) || s.validCSRF(c) {
		return c.Next()
	}
	return s.csrfRejected(c)
}

// signCSRF is the form token of a cookie's nonce in the login session login ("" when there is
// none): the HMAC of both.
func (s *Server) signCSRF(nonce, login string) string {
	mac := hmac.New(sha256.New, s.csrfKey)
	mac.Write([]byte(nonce))
	mac.Write([]byte{0})
	mac.Write([]byte(login))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// validCSRF reports whether a post carries the token of its cookie and its login session.
func (s *Server) validCSRF(c *fiber.Ctx) bool {
	nonce := c.Cookies(s.cookies.csrf)
	posted := c.FormValue(csrfFormField)
	if posted == "" {
		posted = c.Get(csrfHeader)
	}
	if len(nonce) < 16 || posted == "" {
		return false
	}
	token, ok := unmaskToken(posted)
	if !ok {
		return false
	}
	if hmac.Equal([]byte(token), []byte(s.signCSRF(nonce, c.Cookies(s.cookies.session)))) {
		return true
	}
	// The login form is usually filled in signed out; a session cookie planted meanwhile
	// must not stop the login, which gives the browser a new session anyway.
	return c.Path() == "/login" && hmac.Equal([]byte(token), []byte(s.signCSRF(nonce, "")))
}

// maskToken hides the token behind a fresh random pad on every page (pad, then token XOR
// pad). Pages are compressed, and a secret that stays the same next to text an attacker can
// put in the URL would let compressed sizes give it away (BREACH); a masked token never
// repeats.
func maskToken(token string) string {
	pad := make([]byte, len(token))
	if _, err := rand.Read(pad); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	out := make([]byte, 2*len(token))
	copy(out, pad)
	for i := range token {
		out[len(token)+i] = token[i] ^ pad[i]
	}
	return base64.RawURLEncoding.EncodeToString(out)
}

// unmaskToken reverses maskToken.
func unmaskToken(masked string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(masked)
	if err != nil || len(b) == 0 || len(b)%2 != 0 {
		return "", false
	}
	n := len(b) / 2
	token := make([]byte, n)
	for i := range token {
		token[i] = b[n+i] ^ b[i]
	}
	return string(token), true
}

// isPupilForm reports whether the request is for the pupils' survey pages.
func isPupilForm(c *fiber.Ctx) bool { return strings.HasPrefix(c.Path(), "/j/") }

// csrfRejected answers a form post without a valid token. Most often the page was open for
// hours or cookies are blocked, so the page says how to get going again.
func (s *Server) csrfRejected(c *fiber.Ctx) error {
	l := s.localizer(c)
	return refusal(model.ECodeForbidden, l.T("auth.csrf_title"), l.T("auth.csrf_rejected"))
}

// errFormExpired refuses a form post without a valid CSRF token.
var errFormExpired = model.Errorf(model.ECodeForbidden, "the form has expired; send it again")
