package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/heltnormal/heltnormal/internal/model"
)

// OIDC is staff single sign-on through a municipality's OpenID Connect provider (UNI-Login's
// broker, Entra ID, ...). An empty Issuer switches it off. The rules below decide who gets
// an account at their first sign-in; after that, an account is found by the provider's
// subject, and its role and school are managed in Helt Normal like any other.
type OIDC struct {
	Issuer       string   // the provider's issuer URL; discovery is read from it
	ClientID     string   // Helt Normal's client id at the provider
	ClientSecret string   // and its secret
	Name         string   // shown on the button: "Log ind med NAME"; empty: a default per language
	Scopes       []string // asked for; "openid" is always among them
	// EmailClaim names the claim with the person's email (Entra ID without the optional
	// "email" claim: "preferred_username").
	EmailClaim string
	// TrustEmail treats the email as verified when the provider sends no email_verified
	// claim at all (Entra ID does not; its optional claim xms_edov=true counts without this
	// setting): only for a provider whose users' addresses are its
	// own, such as a municipality's single tenant. An email_verified=false is never trusted.
	TrustEmail bool
	// RoleClaim names the claim (a string or a list, such as Entra ID's "groups") that Roles
	// match against.
	RoleClaim string
	// Roles give a first-time user a role when RoleClaim holds the value; the first rule
	// that matches wins. Only teacher and ssp: administrators and coordinators are never
	// made by a rule.
	Roles []RoleRule
	// MunicipalityClaim names a claim whose value is the municipality's name ("Aarhus");
	// it wins over MunicipalityDomains, which map the domain of a verified email to one.
	MunicipalityClaim   string
	MunicipalityDomains []DomainRule
	// SchoolClaim names a claim whose value is a teacher's school, as the school is named in
	// Helt Normal within the municipality. Without it a teacher's account is not made here:
	// their SSP consultant makes it, and the first sign-in links it by verified email.
	SchoolClaim string
}

// RoleRule gives Role to whoever's role claim holds Value.
type RoleRule struct {
	Role  model.Role
	Value string
}

// DomainRule places whoever has a verified email at Domain (or a subdomain of it) in
// Municipality (its reference spelling).
type DomainRule struct {
	Domain       string
	Municipality string
}

// Enabled reports whether staff may sign in through the provider.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// Password login settings: on (the default) or off, when only the bootstrap administrator
// (HELTNORMAL_ADMIN_EMAIL) may still sign in with a password, as a break-glass account for
// when the provider is down or misconfigured.
const (
	PasswordLoginOn  = "on"
	PasswordLoginOff = "off"
)

func (c *Config) oidcSettings() []setting {
	o := &c.OIDC
	return []setting{
		{"oidc-issuer", "HELTNORMAL_OIDC_ISSUER", "OpenID Connect issuer URL for staff single sign-on (empty: none)", (*stringValue)(&o.Issuer)},
		{"oidc-client-id", "HELTNORMAL_OIDC_CLIENT_ID", "client id registered at the OpenID provider", (*stringValue)(&o.ClientID)},
		{"oidc-client-secret", "HELTNORMAL_OIDC_CLIENT_SECRET", "client secret registered at the OpenID provider", (*stringValue)(&o.ClientSecret)},
		{"oidc-name", "HELTNORMAL_OIDC_NAME", `the provider's name on the login button ("UNI-Login")`, (*stringValue)(&o.Name)},
		{"oidc-scopes", "HELTNORMAL_OIDC_SCOPES", "scopes to ask for (space- or comma-separated)", (*wordsValue)(&o.Scopes)},
		{"oidc-email-claim", "HELTNORMAL_OIDC_EMAIL_CLAIM", "claim holding the email", (*stringValue)(&o.EmailClaim)},
		{"oidc-trust-email", "HELTNORMAL_OIDC_TRUST_EMAIL", "treat the email as verified when the provider sends no email_verified (one tenant's own users)", (*boolValue)(&o.TrustEmail)},
		{"oidc-role-claim", "HELTNORMAL_OIDC_ROLE_CLAIM", "claim (a string or a list, e.g. groups) the role rules match", (*stringValue)(&o.RoleClaim)},
		{"oidc-roles", "HELTNORMAL_OIDC_ROLES", "role rules for new accounts: teacher=VALUE,ssp=VALUE (first match wins)", (*rolesValue)(&o.Roles)},
		{"oidc-municipality-claim", "HELTNORMAL_OIDC_MUNICIPALITY_CLAIM", "claim holding the municipality's name", (*stringValue)(&o.MunicipalityClaim)},
		{"oidc-municipality-domains", "HELTNORMAL_OIDC_MUNICIPALITY_DOMAINS", "email domain → municipality: aarhus.dk=Aarhus,skanderborg.dk=Skanderborg", (*domainsValue)(&o.MunicipalityDomains)},
		{"oidc-school-claim", "HELTNORMAL_OIDC_SCHOOL_CLAIM", "claim holding a teacher's school name", (*stringValue)(&o.SchoolClaim)},
		{"password-login", "HELTNORMAL_PASSWORD_LOGIN", `"on", or "off": only single sign-on (and the HELTNORMAL_ADMIN_EMAIL administrator)`, (*stringValue)(&c.PasswordLogin)},
	}
}

// validateOIDC reports the first single sign-on setting that cannot work.
func (c Config) validateOIDC() error {
	o := c.OIDC
	switch c.PasswordLogin {
	case PasswordLoginOn, PasswordLoginOff:
	default:
		return fmt.Errorf(`HELTNORMAL_PASSWORD_LOGIN=%q must be "on" or "off"`, c.PasswordLogin)
	}
	if !o.Enabled() {
		if o.ClientID != "" || o.ClientSecret != "" {
			return errors.New("HELTNORMAL_OIDC_CLIENT_ID and _SECRET need HELTNORMAL_OIDC_ISSUER")
		}
		if c.PasswordLogin == PasswordLoginOff {
			return errors.New("HELTNORMAL_PASSWORD_LOGIN=off needs single sign-on: set HELTNORMAL_OIDC_ISSUER")
		}
		return nil
	}
	u, err := url.Parse(o.Issuer)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname()))) {
		return fmt.Errorf("HELTNORMAL_OIDC_ISSUER=%q must be an https URL (http only on this machine, for tests)", o.Issuer)
	}
	switch {
	case o.ClientID == "" || o.ClientSecret == "":
		return errors.New("HELTNORMAL_OIDC_ISSUER needs HELTNORMAL_OIDC_CLIENT_ID and HELTNORMAL_OIDC_CLIENT_SECRET")
	case c.BaseURL == "":
		return errors.New("HELTNORMAL_OIDC_ISSUER needs HELTNORMAL_BASE_URL: the provider sends staff back to BASE_URL/login/oidc/callback")
	case o.EmailClaim == "":
		return errors.New("HELTNORMAL_OIDC_EMAIL_CLAIM must not be empty")
	case len(o.Roles) > 0 && o.RoleClaim == "":
		return errors.New("HELTNORMAL_OIDC_ROLES needs HELTNORMAL_OIDC_ROLE_CLAIM")
	case c.PasswordLogin == PasswordLoginOff && c.AdminEmail == "":
		return errors.New("HELTNORMAL_PASSWORD_LOGIN=off needs HELTNORMAL_ADMIN_EMAIL: the one administrator who may still use a password when the provider is down")
	}
	return nil
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// wordsValue is a list of words separated by spaces or commas.
type wordsValue []string

func (w *wordsValue) Set(v string) error {
	*w = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
	return nil
}
func (w *wordsValue) String() string { return strings.Join(*w, " ") }

// pairs splits "a=b,c=d" into its pairs, refusing one without "=" or with an empty side.
func pairs(v string) ([][2]string, error) {
	var out [][2]string
	for _, p := range strings.Split(v, ",") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		k, val, ok := strings.Cut(p, "=")
		k, val = strings.TrimSpace(k), strings.TrimSpace(val)
		if !ok || k == "" || val == "" {
			return nil, fmt.Errorf("%q is not KEY=VALUE", strings.TrimSpace(p))
		}
		out = append(out, [2]string{k, val})
	}
	return out, nil
}

type rolesValue []RoleRule

func (r *rolesValue) Set(v string) error {
	ps, err := pairs(v)
	if err != nil {
		return err
	}
	var out []RoleRule
	for _, p := range ps {
		role := model.Role(strings.ToLower(p[0]))
		if role != model.RoleTeacher && role != model.RoleSSP {
			return fmt.Errorf("%q: a rule gives only the role teacher or ssp", p[0])
		}
		out = append(out, RoleRule{Role: role, Value: p[1]})
	}
	*r = out
	return nil
}

func (r *rolesValue) String() string {
	var b []string
	for _, x := range *r {
		b = append(b, string(x.Role)+"="+x.Value)
	}
	return strings.Join(b, ",")
}

type domainsValue []DomainRule

func (d *domainsValue) Set(v string) error {
	ps, err := pairs(v)
	if err != nil {
		return err
	}
	var out []DomainRule
	for _, p := range ps {
		domain := strings.ToLower(strings.TrimPrefix(p[0], "@"))
		if strings.ContainsAny(domain, "@/ ") || !strings.Contains(domain, ".") {
			return fmt.Errorf("%q is not an email domain such as aarhus.dk", p[0])
		}
		m, ok := model.LookupMunicipality(p[1])
		if !ok {
			return fmt.Errorf("%q is not a Danish municipality", p[1])
		}
		out = append(out, DomainRule{Domain: domain, Municipality: m})
	}
	*d = out
	return nil
}

func (d *domainsValue) String() string {
	var b []string
	for _, x := range *d {
		b = append(b, x.Domain+"="+x.Municipality)
	}
	return strings.Join(b, ",")
}
