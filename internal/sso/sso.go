// Package sso signs staff in through their municipality's OpenID Connect provider (UNI-Login's
// broker, Entra ID, ...): the authorization code flow with PKCE, state and nonce, on
// github.com/coreos/go-oidc and golang.org/x/oauth2. It turns a verified ID token into an
// Identity, with the role, municipality and school the deployment's rules give the person.
// Which account that is, if any, package app decides.
package sso

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/model"
)

// Paths of the flow on this site; the provider must know RedirectPath (and, for
// RP-initiated logout, LoggedOutPath) under HELTNORMAL_BASE_URL.
const (
	StartPath     = "/login/oidc"
	RedirectPath  = "/login/oidc/callback"
	LoggedOutPath = "/login/oidc/logged-out"
)

// callTimeout bounds each call to the provider (discovery, keys, the code exchange).
const callTimeout = 10 * time.Second

// Why a sign-in was refused. Each is wrapped with the details, which are for the log only.
var (
	ErrUnavailable = errors.New("the provider cannot be reached")
	ErrRefused     = errors.New("the provider refused the sign-in")
	ErrState       = errors.New("the sign-in's state does not match this browser's")
	ErrNonce       = errors.New("the ID token's nonce is not this sign-in's")
	ErrExpired     = errors.New("the ID token has expired")
	ErrAudience    = errors.New("the ID token was issued to another client")
	ErrToken       = errors.New("the ID token is not valid")
)

// Identity is a person as the provider vouches for them, with what the deployment's rules
// give them at a first sign-in (Role and Municipality empty when no rule applies).
type Identity struct {
	Issuer, Subject string
	Email           string // as the provider gives it; maybe empty
	EmailVerified   bool   // email_verified=true, or TrustEmail and no such claim
	Name            string
	Role            model.Role
	Municipality    string // reference spelling
	School          string // the school claim's value, as the provider gives it
}

// Attempt is one sign-in in progress: what the browser keeps (in a signed cookie) between
// leaving for the provider and coming back.
type Attempt struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"` // PKCE code verifier
	Next     string `json:"r,omitempty"`
	// Link is the id of the signed-in account that asked to be linked to the person who
	// signs in (from its account page); empty for a plain sign-in.
	Link string `json:"l,omitempty"`
}

// CheckState compares the state the provider sent back with the attempt's, in constant time.
func (a Attempt) CheckState(state string) error {
	if a.State == "" || subtle.ConstantTimeCompare([]byte(a.State), []byte(state)) != 1 {
		return ErrState
	}
	return nil
}

// Client talks to one provider. Its discovery document is read at start-up, or at the first
// sign-in if the provider could not be reached then, so an outage of the provider never
// stops the server (pupils need no login).
type Client struct {
	cfg           config.OIDC
	redirectURL   string
	postLogoutURL string
	http          *http.Client

	mu         sync.Mutex
	discovered *discovered
}

type discovered struct {
	verifier *oidc.IDTokenVerifier
	// anyAudience makes every check but the audience's; it only tells why a token failed.
	anyAudience *oidc.IDTokenVerifier
	oauth       oauth2.Config
	endSession  string // RP-initiated logout; empty when the provider has none
}

// New makes a client for the provider cfg names; baseURL is the site's public URL.
func New(cfg config.OIDC, baseURL string) *Client {
	base := strings.TrimSuffix(baseURL, "/")
	return &Client{cfg: cfg, redirectURL: base + RedirectPath, postLogoutURL: base + LoggedOutPath,
		http: &http.Client{Timeout: callTimeout}}
}

// Discover reads the provider's discovery document, once it has succeeded.
func (c *Client) Discover(ctx context.Context) error {
	_, err := c.provider(ctx)
	return err
}

func (c *Client) provider(ctx context.Context) (*discovered, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.discovered != nil {
		return c.discovered, nil
	}
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, c.http), callTimeout)
	defer cancel()
	p, err := oidc.NewProvider(ctx, c.cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("%w: discovery at %s: %v", ErrUnavailable, c.cfg.Issuer, err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&meta); err != nil {
		return nil, fmt.Errorf("%w: discovery at %s: %v", ErrUnavailable, c.cfg.Issuer, err)
	}
	scopes := c.cfg.Scopes
	if !slices.Contains(scopes, oidc.ScopeOpenID) {
		scopes = append([]string{oidc.ScopeOpenID}, scopes...)
	}
	c.discovered = &discovered{
		// The library checks the signature (with the provider's keys and algorithms), the
		// issuer, the audience and the expiry.
		verifier:    p.Verifier(&oidc.Config{ClientID: c.cfg.ClientID}),
		anyAudience: p.Verifier(&oidc.Config{SkipClientIDCheck: true}),
		oauth: oauth2.Config{ClientID: c.cfg.ClientID, ClientSecret: c.cfg.ClientSecret,
			Endpoint: p.Endpoint(), RedirectURL: c.redirectURL, Scopes: scopes},
		endSession: meta.EndSession,
	}
	return c.discovered, nil
}

// Start begins a sign-in that returns to next (and links the account link): the attempt to keep, and the provider's
// address to send the browser to.
func (c *Client) Start(ctx context.Context, next, link string) (Attempt, string, error) {
	d, err := c.provider(ctx)
	if err != nil {
		return Attempt{}, "", err
	}
	a := Attempt{State: random(), Nonce: random(), Verifier: oauth2.GenerateVerifier(), Next: next, Link: link}
	return a, d.oauth.AuthCodeURL(a.State, oauth2.S256ChallengeOption(a.Verifier), oidc.Nonce(a.Nonce)), nil
}

// Finish exchanges the code the provider sent back for tokens, verifies the ID token against
// the attempt, and returns the person with the raw ID token (a hint for logging out).
// The caller has checked the state (Attempt.CheckState).
func (c *Client) Finish(ctx context.Context, a Attempt, code string) (Identity, string, error) {
	d, err := c.provider(ctx)
	if err != nil {
		return Identity{}, "", err
	}
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, c.http), callTimeout)
	defer cancel()
	token, err := d.oauth.Exchange(ctx, code, oauth2.VerifierOption(a.Verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode < 500 {
			return Identity{}, "", fmt.Errorf("%w: code exchange: %v", ErrRefused, err)
		}
		return Identity{}, "", fmt.Errorf("%w: code exchange: %v", ErrUnavailable, err)
	}
	raw, ok := token.Extra("id_token").(string)
	if !ok || raw == "" {
		return Identity{}, "", fmt.Errorf("%w: the token response has no id_token", ErrToken)
	}
	idToken, err := c.verify(ctx, d, raw)
	if err != nil {
		return Identity{}, "", err
	}
	if subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(a.Nonce)) != 1 {
		return Identity{}, "", ErrNonce
	}
	if idToken.AccessTokenHash != "" {
		if err := idToken.VerifyAccessToken(token.AccessToken); err != nil {
			return Identity{}, "", fmt.Errorf("%w: %v", ErrToken, err)
		}
	}
	var claims map[string]any
	if err := idToken.Claims(&claims); err != nil {
		return Identity{}, "", fmt.Errorf("%w: claims: %v", ErrToken, err)
	}
	return c.identity(idToken, claims), raw, nil
}

// verify checks the ID token with the library and, when it fails, tells an expired token and
// one for another client from the rest, so the person is told what happened.
func (c *Client) verify(ctx context.Context, d *discovered, raw string) (*oidc.IDToken, error) {
	idToken, err := d.verifier.Verify(ctx, raw)
	if err == nil {
		// With several audiences, the authorized party must be us (OpenID Connect Core 3.1.3.7).
		var azp struct {
			AZP string `json:"azp"`
		}
		if len(idToken.Audience) > 1 {
			if cerr := idToken.Claims(&azp); cerr != nil || azp.AZP != c.cfg.ClientID {
				return nil, fmt.Errorf("%w: azp %q among audiences %v", ErrAudience, azp.AZP, idToken.Audience)
			}
		}
		return idToken, nil
	}
	var expired *oidc.TokenExpiredError
	if errors.As(err, &expired) {
		return nil, fmt.Errorf("%w: %v", ErrExpired, err)
	}
	// The same checks but the audience's: if the token passes them, the audience failed.
	if _, otherErr := d.anyAudience.Verify(ctx, raw); otherErr == nil {
		return nil, fmt.Errorf("%w: %v", ErrAudience, err)
	}
	return nil, fmt.Errorf("%w: %v", ErrToken, err)
}

// LogoutURL is where to send the browser to end the provider's session too, after the local
// one (RP-initiated logout), or "" when the provider offers none or is not reachable.
func (c *Client) LogoutURL(ctx context.Context, idTokenHint string) string {
	d, err := c.provider(ctx)
	if err != nil || d.endSession == "" || idTokenHint == "" {
		return ""
	}
	u, err := url.Parse(d.endSession)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("id_token_hint", idTokenHint)
	q.Set("post_logout_redirect_uri", c.postLogoutURL)
	q.Set("client_id", c.cfg.ClientID)
	u.RawQuery = q.Encode()
	return u.String()
}

// LogoutOrigin is the origin of the provider's logout endpoint (of the issuer until the
// provider has been asked), for the pages' Content-Security-Policy: the logout form is sent
// on there.
func (c *Client) LogoutOrigin() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	target := c.cfg.Issuer
	if c.discovered != nil && c.discovered.endSession != "" {
		target = c.discovered.endSession
	}
	u, err := url.Parse(target)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// random is 32 random bytes, base64url-encoded.
func random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return base64.RawURLEncoding.EncodeToString(b)
}
