package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

// A teacher leaves the school: the SSP consultant deactivates the account, and its token and
// login stop working at once; reactivated, the teacher logs in again. Every change is in the
// account's audit trail.
func TestADeactivatedTeachersTokenAndLoginStopAtOnce(t *testing.T) {
	w := newSecWorld(t)
	teacher := newStaffBrowser(t, w.s)
	teacher.login("laerer@horsens.dk", staffPassword)
	if status, _ := callAPI(t, w.s, http.MethodGet, "/api/v1/sessions", w.teacherH, nil); status != http.StatusOK {
		t.Fatalf("the teacher's token before: %d", status)
	}
	var users []struct {
		ID, Email, Role string
		Active          bool
	}
	status, body := callAPI(t, w.s, http.MethodGet, "/api/v1/users", w.sspH, nil)
	if status != http.StatusOK || json.Unmarshal([]byte(body), &users) != nil {
		t.Fatalf("list users: %d %s", status, body)
	}
	var id string
	for _, u := range users {
		if !strings.HasSuffix(u.Email, "@horsens.dk") {
			t.Errorf("the Horsens SSP consultant sees %s", u.Email)
		}
		if u.Email == "laerer@horsens.dk" {
			id = u.ID
		}
		if strings.Contains(body, "password") {
			t.Fatal("the list shows a password hash")
		}
	}
	if status, body := callAPI(t, w.s, http.MethodPatch, "/api/v1/users/"+id, w.sspH, map[string]any{"active": false}); status != http.StatusOK || !strings.Contains(body, `"active":false`) {
		t.Fatalf("deactivate: %d %s", status, body)
	}
	if status, _ := callAPI(t, w.s, http.MethodGet, "/api/v1/sessions", w.teacherH, nil); status != http.StatusUnauthorized {
		t.Errorf("the deactivated teacher's token: %d, want 401", status)
	}
	if resp, _ := teacher.get("/sessions"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the deactivated teacher's login: %d, want the login page", resp.StatusCode)
	}
	if _, page := newStaffBrowser(t, w.s).login("laerer@horsens.dk", staffPassword); !strings.Contains(page, "Kontoen er deaktiveret") {
		t.Errorf("logging in to a deactivated account does not say why")
	}
	callAPI(t, w.s, http.MethodPatch, "/api/v1/users/"+id, w.sspH, map[string]any{"active": true, "email": "Lærer.Ny@Horsens.dk", "name": " Hans  Hansen "})
	if resp, _ := newStaffBrowser(t, w.s).login("lærer.ny@horsens.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("reactivated, with the corrected email: %d", resp.StatusCode)
	}
	_, audit := callAPI(t, w.s, http.MethodGet, "/api/v1/users/"+id+"/audit", w.sspH, nil)
	for _, want := range []string{`"action":"deactivated"`, `"action":"reactivated"`, `laerer@horsens.dk → lærer.ny@horsens.dk`, `"name":" → Hans Hansen"`, `"actor":"ssp@horsens.dk"`} {
		if !strings.Contains(audit, want) {
			t.Errorf("the audit trail lacks %q: %s", want, audit)
		}
	}
}

func TestAccountsStayWithinTheirMunicipality(t *testing.T) {
	w := newSecWorld(t)
	var users []struct{ ID, Email string }
	_, body := callAPI(t, w.s, http.MethodGet, "/api/v1/users", w.admin, nil)
	json.Unmarshal([]byte(body), &users)
	ids := map[string]string{}
	for _, u := range users {
		ids[u.Email] = u.ID
	}
	aarhusTeacher, horsensSSP := ids[secretTeacher], ids["ssp@horsens.dk"]
	for _, tt := range []struct {
		who, token, method, path string
		body                     any
		want                     int
	}{
		{"Horsens SSP, an Aarhus teacher", w.sspH, "PATCH", "/api/v1/users/" + aarhusTeacher, map[string]any{"active": false}, http.StatusNotFound},
		{"Horsens SSP, an Aarhus teacher's reset", w.sspH, "POST", "/api/v1/users/" + aarhusTeacher + "/password-reset", nil, http.StatusNotFound},
		{"Horsens SSP, an Aarhus teacher's audit", w.sspH, "GET", "/api/v1/users/" + aarhusTeacher + "/audit", nil, http.StatusNotFound},
		{"Horsens SSP, themselves", w.sspH, "PATCH", "/api/v1/users/" + horsensSSP, map[string]any{"active": false}, http.StatusForbidden},
		{"a teacher", w.teacherH, "GET", "/api/v1/users", nil, http.StatusForbidden},
		{"a teacher, a colleague", w.teacherA, "PATCH", "/api/v1/users/" + ids["vestre@aarhus.dk"], map[string]any{"active": false}, http.StatusForbidden},
		{"an administrator, a bad email", w.admin, "PATCH", "/api/v1/users/" + aarhusTeacher, map[string]any{"email": "ikke en adresse"}, http.StatusBadRequest},
		{"an administrator, a taken email", w.admin, "PATCH", "/api/v1/users/" + aarhusTeacher, map[string]any{"email": "ssp@aarhus.dk"}, http.StatusConflict},
	} {
		if status, body := callAPI(t, w.s, tt.method, tt.path, tt.token, tt.body); status != tt.want {
			t.Errorf("%s: %s %s: %d, want %d: %s", tt.who, tt.method, tt.path, status, tt.want, body)
		}
	}
	if status, _ := callAPI(t, w.s, http.MethodGet, "/api/v1/sessions", w.teacherA, nil); status != http.StatusOK {
		t.Errorf("the Aarhus teacher was changed by a refused request: %d", status)
	}
}

// A teacher forgot the password: the SSP consultant makes a one-time link and hands it over;
// the teacher chooses a new password through it, and the link then stops working.
func TestAPasswordResetWorksOnceEndToEnd(t *testing.T) {
	w := newSecWorld(t)
	var users []struct{ ID, Email string }
	_, body := callAPI(t, w.s, http.MethodGet, "/api/v1/users", w.sspH, nil)
	json.Unmarshal([]byte(body), &users)
	var id string
	for _, u := range users {
		if u.Email == "laerer@horsens.dk" {
			id = u.ID
		}
	}
	status, body := callAPI(t, w.s, http.MethodPost, "/api/v1/users/"+id+"/password-reset", w.sspH, nil)
	var link struct {
		ResetURL string `json:"reset_url"`
		Hours    int    `json:"expires_in_hours"`
	}
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &link) != nil || link.Hours != 24 {
		t.Fatalf("reset link: %d %s", status, body)
	}
	path := link.ResetURL[strings.Index(link.ResetURL, "/reset/"):]
	b := newStaffBrowser(t, w.s)
	resp, page := b.get(path)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Vælg en ny adgangskode") || resp.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("the reset page: %d %q\n%s", resp.StatusCode, resp.Header.Get("Referrer-Policy"), page)
	}
	if _, page := b.post(path, url.Values{"_csrf": {csrfOf(t, page)}, "password": {"Password12"}}); !strings.Contains(page, `class="field-error"`) {
		t.Errorf("a guessable new password was not refused with a reason")
	}
	_, page = b.get(path)
	if _, page := b.post(path, url.Values{"_csrf": {csrfOf(t, page)}, "password": {"nyt kodeord til skoleåret"}}); !strings.Contains(page, "Din nye adgangskode er gemt") {
		t.Fatalf("setting the new password:\n%s", page)
	}
	if resp, _ := newStaffBrowser(t, w.s).login("laerer@horsens.dk", "nyt kodeord til skoleåret"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", resp.StatusCode)
	}
	if resp, _ := newStaffBrowser(t, w.s).login("laerer@horsens.dk", staffPassword); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("login with the old password: %d", resp.StatusCode)
	}
	if resp, page := b.get(path); resp.StatusCode != http.StatusNotFound || !strings.Contains(page, "Linket er brugt eller udløbet") {
		t.Errorf("the used link: %d\n%s", resp.StatusCode, page)
	}
}

// Everyone changes their own password, with the old one; SSP consultants land on /ssp.
func TestStaffChangeTheirOwnPasswordAndLandWhereTheyWork(t *testing.T) {
	s := newServer(t)
	seedUser(t, s, "ssp@aarhus.dk", model.RoleSSP, "Aarhus", "")
	b := newStaffBrowser(t, s)
	if resp, _ := b.login("ssp@aarhus.dk", staffPassword); resp.Header.Get("Location") != "/ssp" {
		t.Errorf("an SSP consultant lands on %q, want /ssp", resp.Header.Get("Location"))
	}
	_, page := b.get("/account")
	if _, page := b.post("/account/password", url.Values{"_csrf": {csrfOf(t, page)}, "old_password": {"forkert"}, "password": {"et nyt og langt kodeord"}}); !strings.Contains(page, "Den nuværende adgangskode er forkert.") {
		t.Errorf("a wrong old password is not explained:\n%s", page)
	}
	_, page = b.get("/account")
	resp, _ := b.post("/account/password", url.Values{"_csrf": {csrfOf(t, page)}, "old_password": {staffPassword}, "password": {"et nyt og langt kodeord"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", resp.StatusCode)
	}
	if resp, _ := newStaffBrowser(t, s).login("ssp@aarhus.dk", "et nyt og langt kodeord"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password: %d", resp.StatusCode)
	}
	if !regexp.MustCompile(`href="/account"`).MatchString(page) {
		t.Errorf("no link to the account page in the menu")
	}
}

// The SSP consultant corrects a teacher's account on its own page: a mistyped email is
// refused in the page's language with what was typed kept, another account's email is a
// conflict, and a good correction is saved and shows in the account's history, with the
// school by name.
func TestTheAccountPageCorrectsEmailNameAndSchool(t *testing.T) {
	w := newSecWorld(t)
	ssp := newStaffBrowser(t, w.s)
	ssp.login("ssp@aarhus.dk", staffPassword)
	_, admin := ssp.get("/admin")
	m := regexp.MustCompile(`href="(/admin/users/[0-9a-f]+)" aria-label="Ret ` + regexp.QuoteMeta(secretTeacher) + `"`).FindStringSubmatch(admin)
	if m == nil {
		t.Fatalf("no edit link for %s on /admin:\n%s", secretTeacher, admin)
	}
	edit := m[1]
	resp, page := ssp.get(edit)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `value="`+secretTeacher+`"`) {
		t.Fatalf("the account's page: %d\n%s", resp.StatusCode, page)
	}
	form := url.Values{"_csrf": {csrfOf(t, page)}, "email": {"laerer-skole.dk"}, "name": {"Hans"}, "school_id": {w.schoolA.ID}}
	if resp, page := ssp.post(edit, form); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(page, "Skriv en gyldig e-mailadresse") || !strings.Contains(page, `value="laerer-skole.dk"`) {
		t.Errorf("a mistyped email: %d\n%s", resp.StatusCode, page)
	}
	form.Set("email", "vestre@aarhus.dk")
	if resp, page := ssp.post(edit+"?lang=en", form); resp.StatusCode != http.StatusConflict || !strings.Contains(page, "A user with this email already exists.") {
		t.Errorf("another account's email, in English: %d\n%s", resp.StatusCode, page)
	}
	form.Set("email", "Hans.Hansen@Skole.dk")
	form.Set("name", "  Hans   Hansen ")
	form.Set("school_id", w.schoolA2.ID)
	if resp, _ := ssp.post(edit, form); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != edit+"?saved=1" {
		t.Fatalf("the correction: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = ssp.get(edit + "?saved=1&lang=da") // back to Danish after the English look
	for _, want := range []string{"Ændringerne er gemt.", `value="hans.hansen@skole.dk"`, `value="Hans Hansen"`,
		"E-mail: " + secretTeacher + " → hans.hansen@skole.dk", "Skole: " + secretSchool + " → Vestre Skole", "ssp@aarhus.dk"} {
		if !strings.Contains(page, want) {
			t.Errorf("the saved account's page lacks %q:\n%s", want, page)
		}
	}
	if resp, _ := newStaffBrowser(t, w.s).login("hans.hansen@skole.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the corrected email: %d", resp.StatusCode)
	}
	// Another municipality's SSP consultant does not find the page at all.
	other := newStaffBrowser(t, w.s)
	other.login("ssp@horsens.dk", staffPassword)
	if resp, _ := other.get(edit); resp.StatusCode != http.StatusNotFound {
		t.Errorf("Horsens's SSP consultant opens an Aarhus teacher's page: %d", resp.StatusCode)
	}
}

// Every action the audit trail records has words on the account's page, in both languages:
// a missing message would show its id to the SSP consultant.
func TestEveryAuditActionHasWords(t *testing.T) {
	catalog := webtest.Locales(t)
	for _, lang := range []string{"da", "en"} {
		l := catalog.Localizer(lang)
		for _, action := range []string{"created", "changed", "deactivated", "reactivated", "reset_link",
			"password_reset", "password_changed", "sso_linked", "sso_created"} {
			if got := l.T("accounts.action_" + action); got == "" || strings.HasPrefix(got, "accounts.") {
				t.Errorf("%s: no words for the audit action %q (%q)", lang, action, got)
			}
		}
	}
}
