// Package classroom holds the rules of a class answering a survey: join codes, what a valid
// submission is, and how many answers a session takes. Pure Go: no web, no storage.
package classroom

import (
	"crypto/rand"
	"math/big"
	"strings"
)

// CodeAlphabet has no characters that are easy to confuse when read aloud or typed on a
// phone: no 0/O, no 1/I/L.
const CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// CodeLength gives 31^6 ≈ 887 million codes: with a few thousand open sessions and join
// attempts rate-limited, guessing an open code is hopeless, and six characters are quick
// to type.
const CodeLength = 6

// NewCode returns a random join code from a cryptographic source.
func NewCode() (string, error) {
	b := make([]byte, CodeLength)
	max := big.NewInt(int64(len(CodeAlphabet)))
	for i := range b {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b[i] = CodeAlphabet[n.Int64()]
	}
	return string(b), nil
}

// NormalizeCode forgives what pupils type: spaces, dashes and small letters. Anything that is
// not a letter or digit is dropped, so the result is always safe in a URL or a query.
func NormalizeCode(raw string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(raw) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			if b.Len() > 2*CodeLength {
				break
			}
		}
	}
	return b.String()
}

// IsCode reports whether s could be a join code (after NormalizeCode).
func IsCode(s string) bool {
	if len(s) != CodeLength {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return false
		}
	}
	return true
}
