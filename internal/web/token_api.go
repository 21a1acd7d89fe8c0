package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// tokenRequest is the body of POST /api/v1/auth/token.
type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// tokenResponse is its answer: the token is shown once and only its hash is kept.
type tokenResponse struct {
	Token     string `json:"token"`
	ExpiresAt string `json:"expires_at"` // RFC 3339
}

// createTokenAPI swaps an email and password for a bearer token valid LoginLifetime.
func (s *accountHandlers) createTokenAPI(c *fiber.Ctx) error {
	var in tokenRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	fields := map[string]string{}
	l := s.i18n.Localizer("en")
	if in.Email == "" {
		fields["email"] = l.T("auth.field_required")
	}
	if in.Password == "" {
		fields["password"] = l.T("auth.field_required")
	}
	if len(fields) > 0 {
		return model.Invalid(l.T("auth.form_invalid"), fields)
	}
	if !s.passwordLoginAllowed(in.Email) {
		return errPasswordLoginOff
	}
	u, err := s.app.Authenticate(c.UserContext(), in.Email, in.Password)
	if err != nil {
		return err
	}
	token, err := auth.NewToken()
	if err != nil {
		return err
	}
	expires := time.Now().Add(LoginLifetime).UTC().Truncate(time.Second)
	if err := s.store.CreateToken(c.UserContext(), store.APIToken{Hash: auth.TokenHash(token), UserID: u.ID, ExpiresAt: expires}); err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(tokenResponse{Token: token, ExpiresAt: expires.Format(time.RFC3339)})
}
