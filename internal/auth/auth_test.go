package auth_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/auth"
)

// cheap keeps the tests fast; the format and the checks are the same as with the default.
var cheap = auth.Hasher{Memory: 64, Time: 1, Threads: 1}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw   string
		want error
	}{
		{"", auth.ErrPasswordTooShort},
		{"123456789", auth.ErrPasswordTooShort},
		{"æøåæøåæøå", auth.ErrPasswordTooShort}, // 9 characters, 18 bytes
		// Guessable: NIST SP 800-63B's common passwords, keyboard rows, repeats, the app's name.
		{"1234567890", auth.ErrPasswordGuessable},
		{"Password12", auth.ErrPasswordGuessable},
		{"aaaaaaaaaa", auth.ErrPasswordGuessable},
		{"qwertyuiop12", auth.ErrPasswordGuessable},
		{"heltnormal1", auth.ErrPasswordGuessable},
		{"æøåæøåæøåx", nil}, // 10 characters, 20 bytes: long enough, and not a known pattern
		{strings.Repeat("x", auth.MaxPasswordLength), auth.ErrPasswordGuessable},
		// A few unrelated words are strong, in Danish too.
		{"correct horse battery staple", nil},
		{"et godt kodeord", nil},
		{"blå cykel under træet", nil},
		{strings.Repeat("x", auth.MaxPasswordLength+1), auth.ErrPasswordTooLong},
	}
	for _, tt := range tests {
		if got := auth.CheckPassword(tt.pw); !errors.Is(got, tt.want) {
			t.Errorf("CheckPassword(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
	if !strings.Contains(auth.ErrPasswordTooShort.Error(), "at least 10 characters") {
		t.Errorf("message %q does not say the rule", auth.ErrPasswordTooShort)
	}
}

func TestHashAndVerify(t *testing.T) {
	hash, err := cheap.Hash("hemmeligt kodeord")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not in the PHC format", hash)
	}
	tests := []struct {
		pw   string
		want bool
	}{
		{"hemmeligt kodeord", true},
		{"hemmeligt kodeorD", false},
		{"hemmeligt kodeord ", false},
		{"", false},
	}
	for _, tt := range tests {
		ok, err := auth.VerifyPassword(hash, tt.pw)
		if err != nil || ok != tt.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tt.pw, ok, err, tt.want)
		}
	}

	again, _ := cheap.Hash("hemmeligt kodeord")
	if again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestDefaultHasherRoundTrip(t *testing.T) {
	start := time.Now()
	hash, err := auth.HashPassword("1234567890")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("default hash took %v: %s", time.Since(start), hash[:strings.LastIndex(hash, "$")])
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=32768,t=3,p=2$") {
		t.Errorf("hash %q", hash)
	}
	if ok, err := auth.VerifyPassword(hash, "1234567890"); !ok || err != nil {
		t.Errorf("verify = %v, %v", ok, err)
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	good, _ := cheap.Hash("1234567890")
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	for _, hash := range []string{
		"",
		"plaintext",
		"$2a$10$abcdefghijklmnopqrstuu", // bcrypt
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,            // argon2i, not id
		"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,           // old version
		"$argon2id$v=19$m=0,t=1,p=1$" + salt + "$" + key,            // zero memory
		"$argon2id$v=19$m=99999999,t=1,p=1$" + salt + "$" + key,     // absurd memory
		"$argon2id$v=19$m=64,t=1,p=1$!!$" + key,                     // bad salt
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key[:8],       // key too short
		"$argon2id$v=19$m=64,t=1$" + salt + "$" + key,               // no p
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$more", // extra part
	} {
		ok, err := auth.VerifyPassword(hash, "1234567890")
		if ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want an error", hash, ok, err)
		}
	}
}

func TestHasherRefusesZeroParameters(t *testing.T) {
	if _, err := (auth.Hasher{}).Hash("1234567890"); err == nil {
		t.Error("a zero Hasher hashed")
	}
}

func TestTokens(t *testing.T) {
	a, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := auth.NewToken()
	if a == b {
		t.Error("two tokens are equal")
	}
	raw, err := base64.RawURLEncoding.DecodeString(a)
	if err != nil || len(raw) != 32 {
		t.Errorf("token %q: %d bytes, %v", a, len(raw), err)
	}
	tests := []struct{ token, want string }{
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	}
	for _, tt := range tests {
		if got := auth.TokenHash(tt.token); got != tt.want {
			t.Errorf("TokenHash(%q) = %s, want %s", tt.token, got, tt.want)
		}
	}
}

func BenchmarkDefaultHasher(b *testing.B) {
	h := auth.DefaultHasher()
	for b.Loop() {
		if _, err := h.Hash("correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
