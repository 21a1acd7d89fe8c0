package web

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/sso"
)

// loginForm is what the login page shows: the typed email (never the password), where to go
// afterwards, and what went wrong.
type loginForm struct {
	Email     string
	Next      string
	Error     string
	LoggedOut bool
	// SSOFailed: the error is a refused single sign-on, not a wrong password.
	SSOFailed bool
	// BreakGlass shows the password form while password login is off, for the bootstrap
	// administrator (/login?admin=1).
	BreakGlass bool
}

// showLogin is the staff login form. A logged-in user goes straight on.
func (s *accountHandlers) showLogin(c *fiber.Ctx) error {
	next := safeNext(c.Query("next"))
	u, err := s.sessionUser(c)
	if err != nil {
		return err
	}
	if u != nil {
		return c.Redirect(landingPage(u, next), fiber.StatusSeeOther)
	}
	return s.renderLogin(c, loginForm{Next: next, LoggedOut: c.Query("logged_out") != "", BreakGlass: c.Query("admin") != ""})
}

// errPasswordLoginOff refuses a password where only single sign-on is allowed.
var errPasswordLoginOff = model.Errorf(model.ECodeForbidden, "password login is switched off here: sign in through your municipality's login (single sign-on)")

// errLoginMissing refuses a login form without an email or a password.
var errLoginMissing = model.Invalid("type your email and password", nil)

// login checks the form's email and password and starts a session with a new id. A failure
// answers 401 with the form again (the login limit counts it).
func (s *accountHandlers) login(c *fiber.Ctx) error {
	l := s.localizer(c)
	form := loginForm{Email: strings.TrimSpace(c.FormValue("email")), Next: safeNext(c.FormValue("next"))}
	password := c.FormValue("password")
	if !s.passwordLoginAllowed(form.Email) {
		statusFor(c, errPasswordLoginOff)
		form.Error, form.BreakGlass = l.T("auth.password_login_off"), true
		return s.renderLogin(c, form)
	}
	if form.Email == "" || password == "" {
		statusFor(c, errLoginMissing)
		form.Error = l.T("auth.login_missing")
		return s.renderLogin(c, form)
	}
	u, err := s.app.Authenticate(c.UserContext(), form.Email, password)
	if errors.Is(err, app.ErrBadLogin) {
		statusFor(c, err)
		form.Error = l.T("auth.login_failed")
		return s.renderLogin(c, form)
	}
	if errors.Is(err, app.ErrDisabled) {
		statusFor(c, err)
		form.Error = l.T("auth.account_disabled")
		return s.renderLogin(c, form)
	}
	if err != nil {
		return err
	}
	if err := s.startLogin(c, u); err != nil {
		return err
	}
	return c.Redirect(landingPage(u, form.Next), fiber.StatusSeeOther)
}

// renderLogin shows the login page: the single sign-on button when it is configured, the
// password form unless password login is off (or the break-glass administrator asks for it).
func (s *Server) renderLogin(c *fiber.Ctx, form loginForm) error {
	l := s.localizer(c)
	data := fiber.Map{"Form": form, "PasswordForm": s.cfg.PasswordLogin != config.PasswordLoginOff || form.BreakGlass}
	if s.sso != nil {
		name := s.cfg.OIDC.Name
		if name == "" {
			name = l.T("auth.oidc_default_name")
		}
		start := sso.StartPath
		if form.Next != "" {
			start += "?next=" + url.QueryEscape(form.Next)
		}
		data["SSO"] = fiber.Map{"Label": l.T("auth.oidc_button", "Name", name), "URL": start}
	}
	return s.render(c, "login", l.T("auth.login_title"), data)
}

// landingPage is where a user goes after logging in: back to the page that sent them to
// the login, else teachers to their sessions, SSP consultants and coordinators to the
// comparisons, administrators to the accounts.
func landingPage(u *model.User, next string) string {
	switch {
	case next != "":
		return next
	case u.Role == model.RoleTeacher:
		return "/sessions"
	case u.Role == model.RoleSSP || u.Role == model.RoleCoordinator:
		return "/ssp"
	}
	return "/admin"
}

// safeNext keeps a return address only if it is a path on this site: "/sessions", not
// "//evil.example" or "/\evil.example", which browsers read as another host.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return ""
	}
	return next
}
