package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/sso"
)

// Single sign-on through the municipality's OpenID Connect provider (package sso). Between
// leaving for the provider and coming back, the browser holds the sign-in's state, nonce and
// PKCE verifier in a short-lived cookie, HttpOnly and SameSite=Lax (the provider sends the
// browser back with a top-level GET, which carries it), signed with a key all instances
// share, and good for one try: the callback deletes it whatever happens.
const oidcAttemptAge = 10 * time.Minute

// oidcAttemptCookie is the cookie's content: the attempt and when it stops working.
type oidcAttemptCookie struct {
	sso.Attempt
	Expires int64 `json:"e"`
}

// setupSSO makes the provider's client when single sign-on is configured. The provider is
// asked for its discovery document now; if it cannot be reached, the server starts anyway
// (pupils need no login) and asks again at the first sign-in.
func (s *Server) setupSSO() error {
	if !s.cfg.OIDC.Enabled() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	key, err := s.store.Secret(ctx, "oidc")
	if err != nil {
		return err
	}
	s.accounts.oidcKey = key
	s.sso = sso.New(s.cfg.OIDC, s.cfg.BaseURL)
	if err := s.sso.Discover(ctx); err != nil {
		s.log.Warn("single sign-on: the provider cannot be reached yet; trying again at the first sign-in", "err", err)
	}
	return nil
}

// startOIDC sends the browser to the provider to sign in; with ?link=1, to link the
// signed-in account to the person who signs in there (from the account page).
func (s *accountHandlers) startOIDC(c *fiber.Ctx) error {
	next, link := safeNext(c.Query("next")), ""
	if c.Query("link") != "" {
		u, err := s.sessionUser(c)
		if err != nil {
			return err
		}
		if u == nil {
			return c.Redirect("/login?next=%2Faccount", fiber.StatusSeeOther)
		}
		next, link = "/account?linked=1", u.ID
	}
	attempt, target, err := s.sso.Start(c.UserContext(), next, link)
	if err != nil {
		return s.oidcRefused(c, err)
	}
	value, err := json.Marshal(oidcAttemptCookie{Attempt: attempt, Expires: time.Now().Add(oidcAttemptAge).Unix()})
	if err != nil {
		return err
	}
	payload := base64.RawURLEncoding.EncodeToString(value)
	s.setOIDCCookie(c, payload+"."+s.oidcMAC(payload), int(oidcAttemptAge.Seconds()))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Redirect(target, fiber.StatusSeeOther)
}

// finishOIDC is where the provider sends the browser back: it checks the state, lets package
// sso exchange the code and verify the ID token, finds the account (app.SignOn) and starts
// the same login session as a password login would.
func (s *accountHandlers) finishOIDC(c *fiber.Ctx) error {
	attempt, ok := s.oidcAttempt(c)
	s.setOIDCCookie(c, "", -1)
	if !ok {
		return s.oidcRefused(c, sso.ErrState)
	}
	if e := c.Query("error"); e != "" {
		if attempt.CheckState(c.Query("state")) != nil {
			return s.oidcRefused(c, sso.ErrState)
		}
		return s.oidcRefused(c, fmt.Errorf("%w: %s %s", sso.ErrRefused, e, c.Query("error_description")))
	}
	if err := attempt.CheckState(c.Query("state")); err != nil || c.Query("code") == "" {
		return s.oidcRefused(c, sso.ErrState)
	}
	id, idToken, err := s.sso.Finish(c.UserContext(), attempt, c.Query("code"))
	if err != nil {
		return s.oidcRefused(c, err)
	}
	var u *model.User
	if attempt.Link != "" {
		u, err = s.linkSignedIn(c, attempt, id)
	} else {
		u, err = s.app.SignOn(c.UserContext(), id)
	}
	if err != nil {
		return s.oidcRefused(c, err)
	}
	if err := s.startSession(c, u, idToken); err != nil {
		return err
	}
	return c.Redirect(landingPage(u, attempt.Next), fiber.StatusSeeOther)
}

// linkSignedIn links the account that asked for it, if it is still the one signed in.
func (s *accountHandlers) linkSignedIn(c *fiber.Ctx, attempt sso.Attempt, id sso.Identity) (*model.User, error) {
	u, err := s.sessionUser(c)
	if err != nil {
		return nil, err
	}
	if u == nil || u.ID != attempt.Link {
		return nil, sso.ErrState
	}
	return s.app.LinkSignOn(c.UserContext(), u, id)
}

// oidcLoggedOut is where the provider sends the browser after its own logout.
func (s *accountHandlers) oidcLoggedOut(c *fiber.Ctx) error {
	return c.Redirect("/login?logged_out=1", fiber.StatusSeeOther)
}

// oidcRefusals map why a sign-in failed to what the person is told, and with which status.
var oidcRefusals = []struct {
	err    error
	status int
	key    string
}{
	{sso.ErrState, fiber.StatusBadRequest, "auth.oidc_state"},
	{sso.ErrNonce, fiber.StatusUnauthorized, "auth.oidc_nonce"},
	{sso.ErrExpired, fiber.StatusUnauthorized, "auth.oidc_expired"},
	{sso.ErrAudience, fiber.StatusUnauthorized, "auth.oidc_audience"},
	{sso.ErrToken, fiber.StatusUnauthorized, "auth.oidc_token"},
	{sso.ErrRefused, fiber.StatusUnauthorized, "auth.oidc_refused"},
	{sso.ErrUnavailable, fiber.StatusBadGateway, "auth.oidc_unavailable"},
	{app.ErrSignOnUnknown, fiber.StatusForbidden, "auth.oidc_unknown"},
	{app.ErrSignOnUnverified, fiber.StatusForbidden, "auth.oidc_unverified"},
	{app.ErrSignOnLinkedElsewhere, fiber.StatusConflict, "auth.oidc_linked_elsewhere"},
	{app.ErrSignOnNoSchool, fiber.StatusForbidden, "auth.oidc_no_school"},
	{app.ErrSignOnTaken, fiber.StatusConflict, "auth.oidc_taken"},
	{app.ErrDisabled, fiber.StatusForbidden, "auth.account_disabled"},
}

// oidcRefused shows the login page with why the sign-in failed; anything else is an error
// of our own and goes to the error handler.
func (s *accountHandlers) oidcRefused(c *fiber.Ctx, err error) error {
	for _, r := range oidcRefusals {
		if errors.Is(err, r.err) {
			s.log.Info("single sign-on refused", "reason", err.Error())
			c.Status(r.status)
			return s.renderLogin(c, loginForm{Error: s.localizer(c).T(r.key), SSOFailed: true})
		}
	}
	return err
}

// oidcAttempt reads the request's sign-in cookie, if it is ours and still good.
func (s *Server) oidcAttempt(c *fiber.Ctx) (sso.Attempt, bool) {
	payload, mac, ok := strings.Cut(c.Cookies(s.cookies.oidc), ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.oidcMAC(payload))) {
		return sso.Attempt{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	var v oidcAttemptCookie
	if err != nil || json.Unmarshal(raw, &v) != nil || time.Now().Unix() > v.Expires {
		return sso.Attempt{}, false
	}
	return v.Attempt, true
}

func (s *Server) oidcMAC(payload string) string {
	mac := hmac.New(sha256.New, s.accounts.oidcKey)
	mac.Write([]byte("oidc-attempt\x00"))
	mac.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func (s *Server) setOIDCCookie(c *fiber.Ctx, value string, maxAge int) {
	c.Cookie(&fiber.Cookie{
		Name: s.cookies.oidc, Value: value, Path: "/", MaxAge: maxAge, HTTPOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: fiber.CookieSameSiteLaxMode,
	})
}

// passwordLoginAllowed reports whether email may sign in with a password: anyone, unless
// password login is off, when only the bootstrap administrator may (break glass).
func (s *Server) passwordLoginAllowed(email string) bool {
	if s.cfg.PasswordLogin != config.PasswordLoginOff {
		return true
	}
	admin, _ := model.ParseEmail(s.cfg.AdminEmail)
	given, _ := model.ParseEmail(email)
	return admin != "" && given == admin
}
