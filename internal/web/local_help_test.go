package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// The thank-you page always lists BørneTelefonen, Livslinien and headspace as tappable
// numbers and links; an SSP consultant adds the municipality's own line, which pupils of
// that municipality see and no other's. A mistyped number is refused in the page's language.
func TestTheThankYouPageHasTheHelpLinesAndTheMunicipalitysOwn(t *testing.T) {
	s := newServer(t)
	skive, _ := seedTeacher(t, s, "Skive", "Østre Skole", "t@skive.dk")
	viborg, _ := seedTeacher(t, s, "Viborg", "Vestervang Skole", "t@viborg.dk")
	seedUser(t, s, "ssp@skive.dk", model.RoleSSP, "Skive", "")
	inSkive, inViborg := createClassSession(t, s, skive, 20), createClassSession(t, s, viborg, 20)

	_, page := get(t, s, "/j/"+inSkive.Code+"/tak")
	for _, want := range []string{`href="tel:116111"`, `href="tel:70201201"`, `href="https://bornetelefonen.dk"`,
		`href="https://www.livslinien.dk"`, `href="https://headspace.dk"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the thank-you page lacks %s", want)
		}
	}
	if strings.Contains(page, "I din kommune") {
		t.Error("a local line before anyone set one")
	}

	ssp := newStaffBrowser(t, s)
	ssp.login("ssp@skive.dk", staffPassword)
	_, admin := ssp.get("/admin")
	form := url.Values{"_csrf": {csrfOf(t, admin)}, "municipality": {"Viborg"}, "name": {"SSP Skive"}, "phone": {"ring til os"},
		"url": {"http://skive.dk/ssp"}, "text": {"Hverdage 8–15."}}
	resp, refused := ssp.post("/admin/help", form)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(refused, "Skriv et telefonnummer med cifre og mellemrum") ||
		!strings.Contains(refused, "Skriv en hel adresse, der begynder med https://.") || !strings.Contains(refused, `value="ring til os"`) {
		t.Errorf("a mistyped number and a plain http address: %d\n%s", resp.StatusCode, refused)
	}
	form.Set("phone", "99 15 61 00")
	form.Set("url", "https://skive.dk/ssp")
	if resp, _ := ssp.post("/admin/help", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the local help: %d", resp.StatusCode)
	}
	_, admin = ssp.get("/admin")
	if !strings.Contains(admin, "Den lokale hjælp er gemt") && !strings.Contains(admin, `value="99 15 61 00"`) {
		t.Errorf("the admin page does not show the saved help")
	}

	_, page = get(t, s, "/j/"+inSkive.Code+"/tak")
	for _, want := range []string{"I din kommune", "SSP Skive", `href="tel:99156100"`, `href="https://skive.dk/ssp"`, ">skive.dk/ssp<", "Hverdage 8–15."} {
		if !strings.Contains(page, want) {
			t.Errorf("Skive's thank-you page lacks %q:\n%s", want, page)
		}
	}
	// The hidden municipality field of the form cannot reach Viborg: the line is Skive's.
	if _, page := get(t, s, "/j/"+inViborg.Code+"/tak"); strings.Contains(page, "SSP Skive") {
		t.Error("Viborg's pupils see Skive's line")
	}

	// Every field empty removes it.
	_, admin = ssp.get("/admin")
	empty := url.Values{"_csrf": {csrfOf(t, admin)}, "name": {""}, "phone": {" "}, "url": {""}, "text": {""}}
	if resp, _ := ssp.post("/admin/help", empty); resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "help_removed") {
		t.Fatalf("removing: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, page := get(t, s, "/j/"+inSkive.Code+"/tak"); strings.Contains(page, "SSP Skive") {
		t.Error("the removed line is still shown")
	}
}
