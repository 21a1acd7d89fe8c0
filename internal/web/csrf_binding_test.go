package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// TestPlantedCSRFPairIsRefused: a CSRF cookie and its form token taken from another browser
// — signed out, or signed in as someone else — and planted in a teacher's browser (cookie
// tossing from a sibling host) must not let a forged form close the teacher's session.
func TestPlantedCSRFPairIsRefused(t *testing.T) {
	s := newServer(t)
	sc := seedSchool(t, s, "Favrskov", "Hinnerup Skole")
	seedUser(t, s, "t@favrskov.dk", model.RoleTeacher, "Favrskov", sc.ID)
	seedUser(t, s, "other@favrskov.dk", model.RoleTeacher, "Favrskov", sc.ID)
	teacher := newStaffBrowser(t, s)
	teacher.login("t@favrskov.dk", staffPassword)
	sess := createClassSession(t, s, tokenFor(t, s, "t@favrskov.dk"), 20, "sleep")
	target := "/sessions/" + sess.ID + "/close"

	attackers := map[string]*staffBrowser{"signed out": newStaffBrowser(t, s), "signed in as another teacher": newStaffBrowser(t, s)}
	attackers["signed in as another teacher"].login("other@favrskov.dk", staffPassword)
	for name, attacker := range attackers {
		_, page := attacker.get("/sessions")
		if name == "signed out" {
			_, page = attacker.get("/login")
		}
		form := url.Values{"_csrf": {csrfOf(t, page)}}
		req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for cookieName, c := range teacher.cookies {
			if cookieName != "hn_csrf" {
				req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
			}
		}
		req.AddCookie(&http.Cookie{Name: "hn_csrf", Value: attacker.cookies["hn_csrf"].Value}) // the planted cookie
		resp, _ := s.do(t, req)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: a planted pair got %d", name, resp.StatusCode)
		}
		if st, _ := s.st.SessionByID(context.Background(), sess.ID); !st.IsOpen() {
			t.Fatalf("%s: a planted pair closed the session", name)
		}
	}

	// The teacher's own form still works.
	_, page := teacher.get("/sessions/" + sess.ID)
	if resp, _ := teacher.post(target, url.Values{"_csrf": {csrfOf(t, page)}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the teacher's own close: %d", resp.StatusCode)
	}
}
