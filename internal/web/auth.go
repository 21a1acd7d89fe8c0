package web

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/session"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// LoginLifetime is how long a login session and an API token last: a school day with
// margin. Sessions are not extended by use, so a forgotten login on a shared classroom
// computer ends the same day.
const LoginLifetime = 12 * time.Hour

// The login session holds only the user id.
const (
	sessionUserKey = "user_id"
	// sessionIDTokenKey keeps the provider's ID token of a single sign-on, the hint its
	// logout asks for.
	sessionIDTokenKey = "id_token"
	localsUser        = "user"
)

// cookieNames are the names of the site's cookies. With secure cookies they carry the
// __Host- prefix, which browsers accept only from HTTPS, for the whole site and this host
// alone: a sibling subdomain or a plain-HTTP page cannot plant one (cookie tossing).
type cookieNames struct {
	session string // the staff login session
	csrf    string // the form token's nonce (csrf.go)
	device  string // browsers an account signed in from (login_limit.go)
	lang    string // a visitor's language choice; it holds nothing else
	oidc    string // a single sign-on in progress (login_oidc.go)
}

func newCookieNames(secure bool) cookieNames {
	prefix := ""
	if secure {
		prefix = "__Host-"
	}
	return cookieNames{session: prefix + "hn_session", csrf: prefix + "hn_csrf", device: prefix + "hn_device", lang: prefix + "lang", oidc: prefix + "hn_oidc"}
}

// accounts is what login, sessions and forms need, built once in New.
type accounts struct {
	sessions  *session.Store
	throttles loginThrottles // slow down failed logins (login_limit.go)
	ipKey     []byte         // per-process HMAC key: the limits never keep an IP
	deviceKey []byte         // signs device cookies; shared by all instances (login_limit.go)
	oidcKey   []byte         // signs single sign-on attempts; shared likewise (login_oidc.go)
}

// setupAccounts builds the login machinery; it fails at start-up rather than mid-request.
func (s *Server) setupAccounts() error {
	a := &s.accounts
	a.sessions = newSessionStore(s.store, s.cookies.session, s.cfg.SecureCookies)
	a.ipKey = make([]byte, 32)
	if _, err := rand.Read(a.ipKey); err != nil {
		return fmt.Errorf("make login limit key: %w", err)
	}
	a.throttles = newLoginThrottles()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.loadDeviceKey(ctx); err != nil {
		return fmt.Errorf("device cookie key: %w", err)
	}
	return nil
}

// The store's key-value collections serve as Fiber's Storage; the compiler checks it here.
var _ fiber.Storage = (*store.KV)(nil)

// newSessionStore keeps login sessions in the database, so they survive a restart and work
// on every app instance behind a load balancer.
func newSessionStore(st *store.Store, cookie string, secure bool) *session.Store {
	return session.New(session.Config{
		Storage:        st.KV(store.KVLoginSessions),
		Expiration:     LoginLifetime,
		KeyLookup:      "cookie:" + cookie,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSameSite: fiber.CookieSameSiteLaxMode,
		CookieSecure:   secure,
	})
}

// currentUser is the user requireUser let in, or nil on a route without it.
func currentUser(c *fiber.Ctx) *model.User {
	u, _ := c.Locals(localsUser).(*model.User)
	return u
}

// requireUser lets a request through only for a logged-in user with one of roles (any role
// when none is given), and puts the user where currentUser finds it. Without a user, the API
// answers 401 and a page sends the browser to the login form, which comes back here.
func (s *Server) requireUser(roles ...model.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u, err := s.userFromRequest(c)
		if err != nil {
			return err
		}
		if u == nil {
			if isAPI(c) {
				return model.Errorf(model.ECodeUnauthorized, "log in first: send Authorization: Bearer TOKEN (POST /api/v1/auth/token gives a token)")
			}
			target := "/login"
			if c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead {
				target += "?next=" + url.QueryEscape(c.OriginalURL())
			}
			return c.Redirect(target, fiber.StatusSeeOther)
		}
		if len(roles) > 0 && !slices.Contains(roles, u.Role) {
			return model.Errorf(model.ECodeForbidden, "your account (%s) may not do this", u.Role)
		}
		c.Locals(localsUser, u)
		return c.Next()
	}
}

// userFromRequest finds the user behind a request: a bearer token when the request carries
// one (a wrong or expired token is refused, not ignored), otherwise the login session.
func (s *Server) userFromRequest(c *fiber.Ctx) (*model.User, error) {
	if u := currentUser(c); u != nil {
		return u, nil
	}
	if header := c.Get(fiber.HeaderAuthorization); header != "" {
		scheme, token, _ := strings.Cut(header, " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			return nil, model.Errorf(model.ECodeUnauthorized, "the Authorization header must be: Bearer TOKEN")
		}
		u, err := s.store.UserByToken(c.UserContext(), auth.TokenHash(token), time.Now())
		if errors.Is(err, model.ErrNotFound) {
			return nil, model.Errorf(model.ECodeUnauthorized, "the token is unknown or has expired; get a new one from POST /api/v1/auth/token")
		}
		if err == nil && u.Disabled {
			return nil, model.Errorf(model.ECodeUnauthorized, "the account has been deactivated")
		}
		return u, err
	}
	// The API skips the forms' CSRF check. A login cookie may still change data there only
	// in a JSON request, which no form on another site can send (and SameSite=Lax keeps the
	// cookie off cross-site posts to begin with).
	if isAPI(c) && !isSafeMethod(c) && !strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderContentType)), fiber.MIMEApplicationJSON) {
		return nil, nil
	}
	return s.sessionUser(c)
}

// sessionUser is the user of the request's login session, or nil.
func (s *Server) sessionUser(c *fiber.Ctx) (*model.User, error) {
	if c.Cookies(s.cookies.session) == "" {
		return nil, nil
	}
	sess, err := s.accounts.sessions.Get(c)
	if err != nil {
		return nil, err
	}
	id, _ := sess.Get(sessionUserKey).(string)
	if id == "" {
		return nil, nil
	}
	u, err := s.store.UserByID(c.UserContext(), id)
	if errors.Is(err, model.ErrNotFound) || (err == nil && u.Disabled) {
		return nil, nil // the account was removed or deactivated: signed out at once
	}
	return u, err
}

// startLogin gives the browser a new session for u. The id changes at login, so an id
// planted before the login (session fixation) is worth nothing.
func (s *Server) startLogin(c *fiber.Ctx, u *model.User) error { return s.startSession(c, u, "") }

// startSession is startLogin for a single sign-on too, keeping the provider's ID token.
func (s *Server) startSession(c *fiber.Ctx, u *model.User, idToken string) error {
	sess, err := s.accounts.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	sess.Set(sessionUserKey, u.ID)
	if idToken != "" {
		sess.Set(sessionIDTokenKey, idToken)
	} else {
		sess.Delete(sessionIDTokenKey)
	}
	sess.SetExpiry(LoginLifetime)
	return sess.Save()
}

// endLogin deletes the request's login session and its cookie, and returns the provider's
// ID token when it was a single sign-on ("" otherwise).
func (s *Server) endLogin(c *fiber.Ctx) (string, error) {
	sess, err := s.accounts.sessions.Get(c)
	if err != nil {
		return "", err
	}
	idToken, _ := sess.Get(sessionIDTokenKey).(string)
	return idToken, sess.Destroy()
}

// isAPI reports whether the request is for the JSON API.
func isAPI(c *fiber.Ctx) bool { return strings.HasPrefix(c.Path(), "/api/") }

func isSafeMethod(c *fiber.Ctx) bool {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return true
	}
	return false
}
