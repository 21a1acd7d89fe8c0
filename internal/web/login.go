package web

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// loginForm is what the login page shows: the typed email (never the password), where to go
// afterwards, and what went wrong.
type loginForm struct {
	Email     string
	Next      string
	Error     string
	LoggedOut bool
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
	return s.renderLogin(c, loginForm{Next: next, LoggedOut: c.Query("logged_out") != ""})
}

// errLoginMissing refuses a login form without an email or a password.
var errLoginMissing = model.Invalid("type your email and password", nil)

// login checks the form's email and password and starts a session with a new id. A failure
// answers 401 with the form again (the login limit counts it).
func (s *accountHandlers) login(c *fiber.Ctx) error {
	l := s.localizer(c)
	form := loginForm{Email: strings.TrimSpace(c.FormValue("email")), Next: safeNext(c.FormValue("next"))}
	password := c.FormValue("password")
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

func (s *Server) renderLogin(c *fiber.Ctx, form loginForm) error {
	return s.render(c, "login", s.localizer(c).T("auth.login_title"), fiber.Map{"Form": form})
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
