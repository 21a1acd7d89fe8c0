package config

import (
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// sso is a working single sign-on configuration, changed by extra.
func sso(extra ...string) map[string]string {
	m := map[string]string{
		"HELTNORMAL_BASE_URL":           "https://heltnormal.example",
		"HELTNORMAL_OIDC_ISSUER":        "https://login.microsoftonline.com/tenant/v2.0",
		"HELTNORMAL_OIDC_CLIENT_ID":     "client",
		"HELTNORMAL_OIDC_CLIENT_SECRET": "secret",
	}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return m
}

func TestOIDCSettings(t *testing.T) {
	c, err := Load([]string{"-oidc-name", "UNI-Login"}, env(sso(
		"HELTNORMAL_OIDC_ROLES", "teacher=grp-teachers, ssp=grp-ssp,teacher=grp-staff",
		"HELTNORMAL_OIDC_MUNICIPALITY_DOMAINS", "aarhus.dk=aarhus, @Skanderborg.dk=Skanderborg",
		"HELTNORMAL_OIDC_SCOPES", "openid email,profile groups",
		"HELTNORMAL_PASSWORD_LOGIN", "off",
		"HELTNORMAL_ADMIN_EMAIL", "it@aarhus.dk", "HELTNORMAL_ADMIN_PASSWORD", "break glass now",
	)))
	if err != nil {
		t.Fatal(err)
	}
	o := c.OIDC
	if !o.Enabled() || o.Name != "UNI-Login" || o.EmailClaim != "email" || o.RoleClaim != "groups" || c.PasswordLogin != PasswordLoginOff {
		t.Errorf("got %+v", o)
	}
	if got := strings.Join(o.Scopes, "|"); got != "openid|email|profile|groups" {
		t.Errorf("scopes %q", got)
	}
	wantRoles := []RoleRule{{model.RoleTeacher, "grp-teachers"}, {model.RoleSSP, "grp-ssp"}, {model.RoleTeacher, "grp-staff"}}
	if len(o.Roles) != 3 || o.Roles[0] != wantRoles[0] || o.Roles[1] != wantRoles[1] || o.Roles[2] != wantRoles[2] {
		t.Errorf("roles %+v", o.Roles)
	}
	if len(o.MunicipalityDomains) != 2 || o.MunicipalityDomains[0] != (DomainRule{"aarhus.dk", "Aarhus"}) || o.MunicipalityDomains[1] != (DomainRule{"skanderborg.dk", "Skanderborg"}) {
		t.Errorf("domains %+v", o.MunicipalityDomains)
	}
	// Without an issuer there is no single sign-on, and passwords are on.
	c, err = Load(nil, env(nil))
	if err != nil || c.OIDC.Enabled() || c.PasswordLogin != PasswordLoginOn {
		t.Errorf("default: %+v %v", c.OIDC, err)
	}
}

func TestOIDCRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"plain http issuer", sso("HELTNORMAL_OIDC_ISSUER", "http://login.example"), "must be an https URL"},
		{"no secret", sso("HELTNORMAL_OIDC_CLIENT_SECRET", ""), "needs HELTNORMAL_OIDC_CLIENT_ID and HELTNORMAL_OIDC_CLIENT_SECRET"},
		{"no base url", sso("HELTNORMAL_BASE_URL", ""), "needs HELTNORMAL_BASE_URL"},
		{"client without issuer", map[string]string{"HELTNORMAL_OIDC_CLIENT_ID": "x"}, "need HELTNORMAL_OIDC_ISSUER"},
		{"admin by rule", sso("HELTNORMAL_OIDC_ROLES", "admin=it"), `"admin": a rule gives only the role teacher or ssp`},
		{"rule without value", sso("HELTNORMAL_OIDC_ROLES", "teacher="), `"teacher=" is not KEY=VALUE`},
		{"unknown municipality", sso("HELTNORMAL_OIDC_MUNICIPALITY_DOMAINS", "arhus.dk=Arhus"), `"Arhus" is not a Danish municipality`},
		{"not a domain", sso("HELTNORMAL_OIDC_MUNICIPALITY_DOMAINS", "aarhus=Aarhus"), `"aarhus" is not an email domain`},
		{"password login maybe", sso("HELTNORMAL_PASSWORD_LOGIN", "maybe"), `HELTNORMAL_PASSWORD_LOGIN="maybe" must be "on" or "off"`},
		{"passwords off without sso", map[string]string{"HELTNORMAL_PASSWORD_LOGIN": "off"}, "needs single sign-on"},
		{"passwords off without break glass", sso("HELTNORMAL_PASSWORD_LOGIN", "off"), "needs HELTNORMAL_ADMIN_EMAIL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(nil, env(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %v, want one line containing %q", err, tt.want)
			}
		})
	}
	// http is fine for a provider on this machine (the tests' own).
	if _, err := Load(nil, env(sso("HELTNORMAL_OIDC_ISSUER", "http://127.0.0.1:5556/dex"))); err != nil {
		t.Errorf("loopback issuer: %v", err)
	}
}
