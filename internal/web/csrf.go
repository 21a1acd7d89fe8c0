package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/csrf"

	"github.com/heltnormal/heltnormal/internal/store"
)

// csrfCookie carries the form token's double; the token itself is also kept in the store,
// so a form served by one app instance can be posted to another, and after a restart.
const (
	csrfCookie    = "hn_csrf"
	csrfFormField = "_csrf"
)

// newCSRF protects every form post, the pupils' survey form included (no login needed:
// the token is a cookie plus a stored copy). A page's forms carry the token as a hidden
// _csrf field (render puts it into .CSRF); a script may send it as X-Csrf-Token. The JSON
// API is skipped: it uses bearer tokens or a JSON body, which a form on another site
// cannot send.
func (s *Server) newCSRF() fiber.Handler {
	fromForm, fromHeader := csrf.CsrfFromForm(csrfFormField), csrf.CsrfFromHeader(csrf.HeaderName)
	return csrf.New(csrf.Config{
		Next:       func(c *fiber.Ctx) bool { return isAPI(c) || isPupilForm(c) },
		KeyLookup:  "form:" + csrfFormField,
		ContextKey: csrfContextKey,
		Extractor: func(c *fiber.Ctx) (string, error) {
			if token, err := fromForm(c); err == nil {
				return token, nil
			}
			return fromHeader(c)
		},
		Storage:        s.store.KV(store.KVCSRFTokens),
		Expiration:     LoginLifetime,
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSameSite: fiber.CookieSameSiteLaxMode,
		CookieSecure:   s.cfg.SecureCookies,
		ErrorHandler:   s.csrfRejected,
	})
}

// isPupilForm reports whether the request is for the pupils' survey pages, which carry a
// signed token of their own (pupil_csrf.go).
func isPupilForm(c *fiber.Ctx) bool { return strings.HasPrefix(c.Path(), "/j/") }

// csrfRejected answers a form post without a valid token. Most often the page was open for
// hours or cookies are blocked, so the page says how to get going again.
func (s *Server) csrfRejected(c *fiber.Ctx, _ error) error {
	l := s.localizer(c)
	c.Status(fiber.StatusForbidden)
	return s.render(c, "error", l.T("auth.csrf_title"), fiber.Map{"Message": l.T("auth.csrf_rejected")})
}
