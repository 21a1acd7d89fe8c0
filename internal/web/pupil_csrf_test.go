package web_test

import (
	"maps"
	"net/http"
	"strings"
	"testing"
)

func TestPupilFormWithoutValidTokenKeepsTheChoicesAndStoresNothing(t *testing.T) {
	s := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, s, sv, 20)
	b := newPupilBrowser(t, s)
	form := b.openForm(sess.Code)
	answers, _ := pupilAnswers(sv, 2)
	maps.Copy(form, answers)

	for name, token := range map[string]string{"missing": "", "forged": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		form.Set("_csrf", token)
		resp, page := b.post("/j/"+sess.Code, form)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s token: status %d", name, resp.StatusCode)
		}
		for field, values := range answers {
			if want := `name="` + field + `" value="` + values[0] + `" checked`; values[0] != "" && !strings.Contains(page, want) {
				t.Errorf("%s token: the choice %s=%s was lost", name, field, values[0])
			}
		}
		if !strings.Contains(page, "Tryk på »Send mine svar« igen") {
			t.Errorf("%s token: no explanation", name)
		}
	}
	if n := storedResponses(t, s, sess.ID); n != 0 {
		t.Fatalf("%d responses stored without a valid token", n)
	}
	// The page that came back carries a fresh, valid token: sending again works.
	resp, page := b.get("/j/" + sess.Code)
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	form.Set("_csrf", between(page, `name="_csrf" value="`, `"`))
	if resp, _ := b.post("/j/"+sess.Code, form); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("second try: %d", resp.StatusCode)
	}
	if n := storedResponses(t, s, sess.ID); n != 1 {
		t.Errorf("%d responses after the second try, want 1", n)
	}
}

// A form served by one app instance can be posted to another: the token is signed with a
// key every instance reads from the store, and nothing about it is stored per visitor.
func TestPupilTokenWorksAcrossInstances(t *testing.T) {
	first := newServer(t)
	sv := shortSurvey(t)
	sess := openPupilSession(t, first, sv, 20)
	b := newPupilBrowser(t, first)
	form := b.openForm(sess.Code)
	answers, _ := pupilAnswers(sv, 4)
	maps.Copy(form, answers)

	b.s = serverOn(t, first.st, nil)
	if resp, _ := b.post("/j/"+sess.Code, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("post to the second instance: %d", resp.StatusCode)
	}
	if n := storedResponses(t, first, sess.ID); n != 1 {
		t.Errorf("%d responses, want 1", n)
	}
}

func TestPupilCookieFlags(t *testing.T) {
	s := newServer(t)
	sess := openPupilSession(t, s, shortSurvey(t), 20)
	resp, _ := get(t, s, "/j/"+sess.Code)
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"hn_csrf=", "path=/", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
}

func between(s, start, end string) string {
	_, rest, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, end)
	return v
}
