// Package auth hashes and checks staff passwords and makes API tokens. It is pure Go: the
// store keeps what it returns, the web layer decides who may do what.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"golang.org/x/crypto/argon2"
)

// Password policy. A long password beats a complicated one; the upper bound only keeps a
// megabyte "password" from tying up the hasher.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

// Policy errors, safe to show.
var (
	ErrPasswordTooShort  = fmt.Errorf("the password must be at least %d characters long", MinPasswordLength)
	ErrPasswordTooLong   = fmt.Errorf("the password must be at most %d characters long", MaxPasswordLength)
	ErrPasswordGuessable = errors.New("the password is too easy to guess: avoid common passwords, keyboard rows, repeats and years; a few unrelated words make a strong one")
)

// MinPasswordScore is the least zxcvbn score (0–4) a new password needs: 3 means about 10^8
// guesses or more. NIST SP 800-63B asks for new passwords to be checked against lists of
// common and compromised ones; zxcvbn does that with its frequency lists and also catches
// keyboard rows, repeats, sequences and dates ("Password12", "qwertyuiop12", "1234567890",
// "aaaaaaaaaa" all score 0–1), while a few words ("et godt kodeord") score 4.
const MinPasswordScore = 3

// appWords make passwords built from the app's own name weak.
var appWords = []string{"heltnormal", "helt normal", "jeg er helt normal"}

// CheckPassword applies the password policy to a new password: at least MinPasswordLength
// characters (not bytes: "æøå" counts three), at most MaxPasswordLength, and not easy to
// guess (MinPasswordScore).
func CheckPassword(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case n < MinPasswordLength:
		return ErrPasswordTooShort
	case n > MaxPasswordLength:
		return ErrPasswordTooLong
	}
	if zxcvbn.PasswordStrength(pw, appWords).Score < MinPasswordScore {
		return ErrPasswordGuessable
	}
	return nil
}

// Hasher holds argon2id's cost parameters. Production code uses DefaultHasher; tests may pass
// a cheap one. The parameters are stored in every hash, so changing them later keeps old
// hashes verifiable.
type Hasher struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8
}

// DefaultHasher costs about 50–100 ms and 32 MiB on two cores: slow enough to make guessing
// expensive, cheap enough that a class of teachers logging in at once does not exhaust a
// small server.
func DefaultHasher() Hasher {
	return Hasher{Memory: 32 * 1024, Time: 3, Threads: 2}
}

const (
	saltLength = 16
	keyLength  = 32
)

// HashPassword hashes pw with DefaultHasher.
func HashPassword(pw string) (string, error) {
	return DefaultHasher().Hash(pw)
}

// Hash returns pw's argon2id hash in the PHC string format
// $argon2id$v=19$m=MEMORY,t=TIME,p=THREADS$SALT$HASH (unpadded standard base64).
func (h Hasher) Hash(pw string) (string, error) {
	if h.Memory == 0 || h.Time == 0 || h.Threads == 0 {
		return "", errors.New("hash password: argon2id parameters must be positive")
	}
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, h.Time, h.Memory, h.Threads, keyLength)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, h.Memory, h.Time, h.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// maxMemory bounds the memory a stored hash may ask for (1 GiB), so a corrupted or planted
// hash cannot make one login exhaust the server.
const maxMemory = 1024 * 1024

// VerifyPassword reports whether pw matches hash, comparing in constant time. An error means
// the hash itself is malformed, not that the password is wrong.
func VerifyPassword(hash, pw string) (bool, error) {
	h, salt, key, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, h.Time, h.Memory, h.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// parseHash splits a PHC argon2id string into its parameters, salt and key.
func parseHash(hash string) (Hasher, []byte, []byte, error) {
	var h Hasher
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return h, nil, nil, errors.New("verify password: not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return h, nil, nil, fmt.Errorf("verify password: unsupported argon2 version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.Memory, &h.Time, &h.Threads); err != nil {
		return h, nil, nil, fmt.Errorf("verify password: bad parameters %q", parts[3])
	}
	if h.Memory == 0 || h.Memory > maxMemory || h.Time == 0 || h.Threads == 0 {
		return h, nil, nil, fmt.Errorf("verify password: parameters out of range %q", parts[3])
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil || len(salt) == 0 {
		return h, nil, nil, errors.New("verify password: bad salt")
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return h, nil, nil, errors.New("verify password: bad key")
	}
	return h, salt, key, nil
}
