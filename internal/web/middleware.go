package web

import (
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/i18n"
)

// contentSecurityPolicy allows nothing from another host and no inline script or style:
// pupils' browsers talk to our server only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	csp := contentSecurityPolicy
	if s.sso != nil {
		// The logout form's redirect to the provider's logout is a form action too.
		csp = strings.Replace(csp, "form-action 'self'", "form-action 'self' "+s.sso.LogoutOrigin(), 1)
	}
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	// same-origin, not no-referrer: CSRF checks on HTTPS form posts need the Referer.
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if s.cfg.SecureCookies {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	return c.Next()
}

// logRequests logs method, path, status and duration — never the client's address, user
// agent or query string (which can carry a join code or a language choice, nothing more, but
// a log is no place to collect either).
func (s *Server) logRequests(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		// The error handler has not run yet; its status is what the client will get.
		status = statusOf(err)
	}
	if c.Path() == "/healthz" && status == fiber.StatusOK {
		return err
	}
	if isPupilPath(c.Path()) {
		// Counted, not logged one by one; a server error is still logged, by its route
		// rather than its join code, and without a duration.
		s.pupilTraffic.add(status)
		if status >= 500 {
			s.log.Error("pupil request failed", "method", c.Method(), "route", c.Route().Path, "status", status)
		}
		return err
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.Log(c.UserContext(), level, "request",
		"method", c.Method(), "path", c.Path(), "status", status,
		"ms", time.Since(start).Milliseconds())
	return err
}

// chooseLanguage picks the page language from ?lang=, the cookie, then Accept-Language, and
// stores an explicit choice in the cookie. allowed limits the languages (nil: all).
func (s *Server) chooseLanguage(allowed []string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		explicit := c.Query("lang")
		lang := s.i18n.Match(explicit, c.Cookies(s.cookies.lang), c.Get(fiber.HeaderAcceptLanguage), allowed)
		if explicit != "" && strings.EqualFold(explicit, lang) {
			c.Cookie(&fiber.Cookie{
				Name: s.cookies.lang, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
				SameSite: fiber.CookieSameSiteLaxMode, Secure: s.cfg.SecureCookies, HTTPOnly: true,
			})
		}
		c.Locals(localsLocalizer, s.i18n.Localizer(lang))
		c.Locals(localsLanguages, allowed)
		c.Vary(fiber.HeaderAcceptLanguage)
		return c.Next()
	}
}

// Locals keys: the request's translator, and the languages its page may offer (nil: all).
const (
	localsLocalizer = "localizer"
	localsLanguages = "languages"
)

// localizer is the request's translator (Danish when no language was chosen).
func (s *Server) localizer(c *fiber.Ctx) *i18n.Localizer {
	if l, ok := c.Locals(localsLocalizer).(*i18n.Localizer); ok {
		return l
	}
	return s.i18n.Localizer(i18n.Primary)
}
