package model

import (
	"net/mail"
	"strings"
)

// MaxEmailLength is the longest address SMTP allows.
const MaxEmailLength = 254

// ParseEmail returns a plain email address ("name@example.dk", no display name) in the
// lower-case form accounts are stored under, and whether it is one.
func ParseEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > MaxEmailLength {
		return s, false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return s, false
	}
	_, domain, _ := strings.Cut(s, "@")
	return s, strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

// CanCreateSchool reports whether u may add a school to a municipality: administrators
// anywhere, SSP consultants in their own municipality.
func (u *User) CanCreateSchool(municipality string) bool {
	return u.Role == RoleAdmin || (u.Role == RoleSSP && u.Municipality == municipality)
}

// CanCreateUser reports whether u may create an account with this role in a municipality:
// administrators create anyone, SSP consultants teachers of their own municipality,
// teachers nobody.
func (u *User) CanCreateUser(role Role, municipality string) bool {
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleSSP:
		return role == RoleTeacher && u.Municipality == municipality
	}
	return false
}
