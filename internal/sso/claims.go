package sso

import (
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/heltnormal/heltnormal/internal/model"
)

// identity reads the person out of a verified ID token's claims and applies the rules.
func (c *Client) identity(t *oidc.IDToken, claims map[string]any) Identity {
	id := Identity{
		Issuer:  t.Issuer,
		Subject: t.Subject,
		Email:   strings.ToLower(strings.TrimSpace(text(claims[c.cfg.EmailClaim]))),
		Name:    strings.Join(strings.Fields(text(claims["name"])), " "),
		School:  strings.TrimSpace(text(claims[c.cfg.SchoolClaim])),
	}
	switch v := claims["email_verified"].(type) {
	case bool:
		id.EmailVerified = v
	case string: // some providers send it as a string
		id.EmailVerified = v == "true"
	case nil:
		// Entra ID sends no email_verified for its organisations' accounts; its optional
		// claim xms_edov says the tenant owns the email's domain.
		edov, _ := claims["xms_edov"].(bool)
		id.EmailVerified = c.cfg.TrustEmail || edov
	}
	if id.Email == "" {
		id.EmailVerified = false
	}
	if c.cfg.SchoolClaim == "" {
		id.School = ""
	}
	id.Role = c.role(claims)
	id.Municipality = c.municipality(claims, id)
	return id
}

// role is the role of the first rule whose value the role claim holds, or "".
func (c *Client) role(claims map[string]any) model.Role {
	if c.cfg.RoleClaim == "" {
		return ""
	}
	held := values(claims[c.cfg.RoleClaim])
	for _, r := range c.cfg.Roles {
		for _, v := range held {
			if v == r.Value {
				return r.Role
			}
		}
	}
	return ""
}

// municipality is the municipality claim's, if it names one, else that of the verified
// email's domain (or a parent domain: skole.aarhus.dk is in aarhus.dk), else "".
func (c *Client) municipality(claims map[string]any, id Identity) string {
	if c.cfg.MunicipalityClaim != "" {
		if m, ok := model.LookupMunicipality(text(claims[c.cfg.MunicipalityClaim])); ok {
			return m
		}
	}
	_, domain, ok := strings.Cut(id.Email, "@")
	if !ok || !id.EmailVerified {
		return ""
	}
	for _, r := range c.cfg.MunicipalityDomains {
		if domain == r.Domain || strings.HasSuffix(domain, "."+r.Domain) {
			return r.Municipality
		}
	}
	return ""
}

// text is a claim's value when it is a string.
func text(v any) string {
	s, _ := v.(string)
	return s
}

// values is a claim's strings: the claim itself, or the strings of a list.
func values(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
