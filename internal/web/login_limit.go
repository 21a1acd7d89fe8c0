package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Failed logins slow down; they never lock anyone out. Three throttles count attempts in a
// 15-minute window, each waiting one second after its free attempts and doubling up to a
// minute:
//   - per account, from browsers it has not signed in from: a pupil on the school's NAT
//     address, or six addresses taking turns, guess at most a few dozen passwords an hour;
//   - per address, across accounts: one machine trying forty accounts is slowed the same;
//   - per known device: a browser the account signed in from before carries a signed device
//     cookie for it, and is counted on its own, so nobody else's guessing slows the teacher
//     down in the browser they always use (OWASP's "device cookies").
//
// The counts live in memory, keyed by the normalised email, an HMAC of the address under a
// per-process key, and the device cookie's random id: no address is ever kept.
const (
	loginWindow      = 15 * time.Minute
	loginFirstWait   = time.Second
	loginMostWait    = time.Minute
	loginAccountFree = 5
	loginAddressFree = 20
	loginDeviceFree  = 10

	// deviceCookieAge is how long a browser stays known to an account; deviceCookieMax is how
	// many accounts one browser (a shared staff-room computer) is known to.
	deviceCookieAge = 180 * 24 * time.Hour
	deviceCookieMax = 4
)

// loginThrottles are the three counts above.
type loginThrottles struct {
	account, address, device *throttle
}

func newLoginThrottles() loginThrottles {
	return loginThrottles{
		account: newThrottle(loginWindow, loginAccountFree, loginFirstWait, loginMostWait),
		address: newThrottle(loginWindow, loginAddressFree, loginFirstWait, loginMostWait),
		device:  newThrottle(loginWindow, loginDeviceFree, loginFirstWait, loginMostWait),
	}
}

// counted is one throttle an attempt was admitted by, to be forgiven if it succeeds.
type counted struct {
	t   *throttle
	key string
}

// limitLogins wraps the login form and the token endpoint: it admits an attempt through the
// throttles that apply, or answers 429 with Retry-After. A successful attempt is forgiven
// and makes the browser known to the account; so is one the server could not check (503).
func (s *Server) limitLogins(c *fiber.Ctx) error {
	email := loginEmail(c)
	var counts []counted
	if device := s.knownDevice(c, email); device != "" {
		counts = []counted{{s.accounts.throttles.device, device}}
	} else {
		counts = []counted{{s.accounts.throttles.account, email}, {s.accounts.throttles.address, s.clientKey(c)}}
	}
	for i, ct := range counts {
		if wait := ct.t.admit(ct.key); wait > 0 {
			for _, done := range counts[:i] {
				done.t.forgive(done.key)
			}
			return s.loginLimitReached(c, wait)
		}
	}
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	if status < fiber.StatusBadRequest || status == fiber.StatusServiceUnavailable {
		for _, ct := range counts {
			ct.t.forgive(ct.key)
		}
	}
	if status < fiber.StatusBadRequest && email != "" {
		s.rememberDevice(c, email)
	}
	return err
}

// loginEmail is the normalised email of a login form or a token request ("" if none).
func loginEmail(c *fiber.Ctx) string {
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
	return email
}

// loginLimitReached answers an attempt that must wait: a JSON error for the API, the login
// form with the reason for people.
func (s *Server) loginLimitReached(c *fiber.Ctx, wait time.Duration) error {
	seconds := retryAfter(c, wait)
	err := model.Errorf(model.ECodeRateLimited, "too many failed logins for this account or from this network; try again in %d seconds", seconds)
	if isAPI(c) {
		return err
	}
	l := s.localizer(c)
	statusFor(c, err)
	return s.renderLogin(c, loginForm{
		Email: c.FormValue("email"),
		Next:  c.FormValue("next"),
		Error: l.T("auth.login_rate_limited", "Seconds", seconds),
	})
}

// retryAfter tells the client in whole seconds, rounded up, how long to wait.
func retryAfter(c *fiber.Ctx, wait time.Duration) int {
	seconds := int(math.Ceil(wait.Seconds()))
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(seconds))
	return seconds
}

// A device cookie holds up to deviceCookieMax entries "id.mac", separated by "~": a random
// id, and an HMAC of it and the account's email under a key all instances share. The email
// is not in the cookie; an entry proves itself only for the email being typed.

// loadDeviceKey reads (or makes) the key device cookies are signed with.
func (s *Server) loadDeviceKey(ctx context.Context) error {
	key, err := s.store.Secret(ctx, "device")
	s.accounts.deviceKey = key
	return err
}

func (s *Server) deviceMAC(id, email string) string {
	mac := hmac.New(sha256.New, s.accounts.deviceKey)
	mac.Write([]byte(id))
	mac.Write([]byte{0})
	mac.Write([]byte(email))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18])
}

// knownDevice returns the id of the request's device cookie entry for email, or "".
func (s *Server) knownDevice(c *fiber.Ctx, email string) string {
	if email == "" {
		return ""
	}
	for _, entry := range strings.Split(c.Cookies(s.cookies.device), "~") {
		id, mac, ok := strings.Cut(entry, ".")
		if ok && len(id) >= 16 && hmac.Equal([]byte(mac), []byte(s.deviceMAC(id, email))) {
			return id
		}
	}
	return ""
}

// rememberDevice makes the browser known to email's account: a new entry first, then the
// entries of other accounts it already held.
func (s *Server) rememberDevice(c *fiber.Ctx, email string) {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		return // the next login tries again; nothing depends on it
	}
	id := base64.RawURLEncoding.EncodeToString(b)
	entries := []string{id + "." + s.deviceMAC(id, email)}
	for _, entry := range strings.Split(c.Cookies(s.cookies.device), "~") {
		old, mac, ok := strings.Cut(entry, ".")
		if !ok || len(entries) == deviceCookieMax || len(entry) > 64 || hmac.Equal([]byte(mac), []byte(s.deviceMAC(old, email))) {
			continue
		}
		entries = append(entries, entry)
	}
	c.Cookie(&fiber.Cookie{
		Name: s.cookies.device, Value: strings.Join(entries, "~"), Path: "/",
		MaxAge: int(deviceCookieAge.Seconds()), HTTPOnly: true, Secure: s.cfg.SecureCookies,
		SameSite: fiber.CookieSameSiteLaxMode,
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
