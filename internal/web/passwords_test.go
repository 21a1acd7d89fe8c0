package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// TestGuessablePasswordsAreRefused: the four passwords an attacker tried first are refused
// with a message that says how to make a strong one; a few unrelated words are accepted.
func TestGuessablePasswordsAreRefused(t *testing.T) {
	s := newServer(t)
	admin := seedRole(t, s, model.RoleAdmin, "", "admin@region.dk")
	for i, pw := range []string{"Password12", "1234567890", "aaaaaaaaaa", "qwertyuiop12"} {
		status, body := callAPI(t, s, http.MethodPost, "/api/v1/users", admin, map[string]string{
			"email": "ssp" + string(rune('a'+i)) + "@aarhus.dk", "password": pw, "role": "ssp", "municipality": "Aarhus"})
		if status != http.StatusBadRequest || !strings.Contains(body, `"password":"The password is too easy to guess`) {
			t.Errorf("%q: %d %s", pw, status, body)
		}
	}
	if status, body := callAPI(t, s, http.MethodPost, "/api/v1/users", admin, map[string]string{
		"email": "ssp@aarhus.dk", "password": "blå cykel under træet", "role": "ssp", "municipality": "Aarhus"}); status != http.StatusCreated {
		t.Errorf("a strong password: %d %s", status, body)
	}
}
