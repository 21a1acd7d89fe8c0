package web

import (
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Failed logins allowed per account and client in one window.
const (
	loginMaxFailures = 10
	loginWindow      = 15 * time.Minute
)

// newLoginLimit counts failed logins (any answer of 400 or more) per email address and
// client, and refuses further attempts once there are too many. The key is the email plus
// an HMAC of the client address under a key that lives only in this process: a whole school
// behind one NAT address does not lock each other out, and no address is ever stored.
// The count lives in memory, so each app instance counts on its own.
func (s *Server) newLoginLimit() fiber.Handler {
	return limiter.New(limiter.Config{
		Max:                    loginMaxFailures,
		Expiration:             loginWindow,
		KeyGenerator:           s.loginLimitKey,
		SkipSuccessfulRequests: true,
		LimitReached:           s.loginLimitReached,
	})
}

// loginLimitKey is "email|HMAC(client address)" for a login form or a token request.
func (s *Server) loginLimitKey(c *fiber.Ctx) string {
	email := c.FormValue("email")
	if isAPI(c) {
		var in struct {
			Email string `json:"email"`
		}
		_ = json.Unmarshal(c.Body(), &in) // a bad body fails in the handler; it still counts
		email = in.Email
	}
	email, _ = model.ParseEmail(email)
	if len(email) > model.MaxEmailLength {
		email = email[:model.MaxEmailLength]
	}
	return email + "|" + s.clientKey(c)
}

// loginLimitReached answers an attempt over the limit: a JSON error for the API, the login
// form with the reason for people.
func (s *Server) loginLimitReached(c *fiber.Ctx) error {
	err := model.Errorf(model.ECodeRateLimited, "too many failed logins for this email; try again in %d minutes", int(loginWindow.Minutes()))
	if isAPI(c) {
		return err
	}
	l := s.localizer(c)
	statusFor(c, err)
	return s.renderLogin(c, loginForm{
		Email: c.FormValue("email"),
		Next:  c.FormValue("next"),
		Error: l.T("auth.login_rate_limited", "Minutes", int(loginWindow.Minutes())),
	})
}

// settleErrors answers a handler's error on the spot instead of leaving it to the app's
// error handler, so that middleware after the handler (the login limit) sees the real
// status of a failure.
func (s *Server) settleErrors(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return s.handleError(c, err)
	}
	return nil
}
