package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// A school's year of sessions is listed a page at a time, open ones first, newest first.
func TestSessionsAreListedAPageAtATimeOpenOnesFirst(t *testing.T) {
	s := newServer(t)
	school := seedSchool(t, s, "Aarhus", "Skjoldhøjskolen")
	seedUser(t, s, "laerer@aarhus.dk", model.RoleTeacher, "Aarhus", school.ID)
	var sessions []model.Session
	for i := range 120 {
		status := model.StatusClosed
		if i == 7 || i == 100 {
			status = model.StatusOpen
		}
		sessions = append(sessions, model.Session{ID: store.NewID(), Code: benchCode(i), SurveyID: "jeg-er-helt-normal-kort", SurveyVersion: 1,
			Items: []string{"sleep"}, ClassLabel: fmt.Sprintf("Klasse %03d", i), Grade: 8, Wave: model.WaveBaseline, ExpectedPupils: 20,
			SchoolID: school.ID, Municipality: "Aarhus", Status: status, CreatedDay: fmt.Sprintf("2026-%02d-%02d", 1+i/28, 1+i%28), SchoolYear: "2025/26"})
	}
	if err := s.st.InsertSessions(context.Background(), sessions); err != nil {
		t.Fatal(err)
	}
	b := newStaffBrowser(t, s)
	b.login("laerer@aarhus.dk", staffPassword)
	rows := regexp.MustCompile(`>Klasse (\d{3})</a>`)
	page := func(target string) []string {
		t.Helper()
		resp, body := b.get(target)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", target, resp.StatusCode)
		}
		var labels []string
		for _, m := range rows.FindAllStringSubmatch(body, -1) {
			labels = append(labels, m[1])
		}
		if !strings.Contains(body, "(120 undersøgelser)") {
			t.Errorf("%s does not say how many there are", target)
		}
		return labels
	}
	first := page("/sessions")
	if len(first) != 50 || first[0] != "100" || first[1] != "007" || first[2] != "119" || first[49] != "071" {
		t.Errorf("page 1: %d rows %v; want the two open ones, then the newest", len(first), first)
	}
	if last := page("/sessions?page=3"); len(last) != 20 || last[19] != "000" {
		t.Errorf("page 3: %d rows %v", len(last), last)
	}
	if beyond := page("/sessions?page=99"); len(beyond) != 20 {
		t.Errorf("a page beyond the last shows the last: %d rows", len(beyond))
	}
	_, body := b.get("/sessions?page=2")
	for _, want := range []string{"Side 2 af 3", `href="/sessions?page=1" rel="prev"`, `href="/sessions?page=3" rel="next"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page 2 lacks %q", want)
		}
	}
}

// SSP consultants chase the sessions nobody closed: their list names each session's school
// and teacher and filters open from closed; a teacher is reminded of open sessions and told
// when each closes itself.
func TestSessionListsNameSchoolsAndTeachersAndRemindOfOpenSessions(t *testing.T) {
	s := newServer(t)
	school := seedSchool(t, s, "Horsens", "Byskolen")
	other := seedSchool(t, s, "Horsens", "Lundskolen")
	seedUser(t, s, "ssp@horsens.dk", model.RoleSSP, "Horsens", "")
	teacher := seedUser(t, s, "laerer@horsens.dk", model.RoleTeacher, "Horsens", school.ID)
	var sessions []model.Session
	for i, sc := range []*model.School{school, other, school} {
		status := model.StatusOpen
		if i == 2 {
			status = model.StatusClosed
		}
		sessions = append(sessions, model.Session{ID: store.NewID(), Code: benchCode(i), SurveyID: "jeg-er-helt-normal-kort", SurveyVersion: 1,
			Items: []string{"sleep"}, ClassLabel: fmt.Sprintf("7.%c", 'A'+i), Grade: 7, Wave: model.WaveBaseline, ExpectedPupils: 20,
			SchoolID: sc.ID, TeacherID: teacher.ID, Municipality: "Horsens", Status: status, CreatedDay: time.Now().Format(time.DateOnly),
			SchoolYear: model.SchoolYear(time.Now()), CloseBy: time.Now().Add(time.Hour)})
	}
	if err := s.st.InsertSessions(context.Background(), sessions); err != nil {
		t.Fatal(err)
	}
	ssp := newStaffBrowser(t, s)
	ssp.login("ssp@horsens.dk", staffPassword)
	_, page := ssp.get("/sessions")
	for _, want := range []string{`<th scope="col">Skole</th><th scope="col">Lærer</th>`, "<td>Lundskolen</td><td>laerer@horsens.dk</td>",
		"2 undersøgelse(r) er stadig åbne", `href="/sessions?status=open"`, "lukker kl. "} {
		if !strings.Contains(page, want) {
			t.Errorf("the SSP's list lacks %q", want)
		}
	}
	_, open := ssp.get("/sessions?status=open")
	_, closed := ssp.get("/sessions?status=closed")
	if !strings.Contains(open, ">7.A</a>") || strings.Contains(open, ">7.C</a>") || !strings.Contains(closed, ">7.C</a>") || strings.Contains(closed, ">7.A</a>") {
		t.Errorf("the filters do not filter")
	}
	b := newStaffBrowser(t, s)
	b.login("laerer@horsens.dk", staffPassword)
	if _, page := b.get("/sessions"); strings.Contains(page, "<th scope=\"col\">Skole</th>") || !strings.Contains(page, "er stadig åbne") {
		t.Errorf("the teacher's list: school column shown, or no reminder")
	}
}

// Form errors speak the page's language and name the field as the form does; a class label
// of only spaces is no label.
func TestTheNewSessionFormExplainsItselfInThePagesLanguage(t *testing.T) {
	s := newServer(t)
	school := seedSchool(t, s, "Aarhus", "Skjoldhøjskolen")
	seedUser(t, s, "laerer@aarhus.dk", model.RoleTeacher, "Aarhus", school.ID)
	b := newStaffBrowser(t, s)
	b.login("laerer@aarhus.dk", staffPassword)
	for _, tt := range []struct{ lang, label, pupils, want, wantPupils string }{
		{"da", "   ", "0", "Klasse: Skriv klassens navn, fx 8.B.", "Antal elever: Skriv et antal elever mellem 1 og 40."},
		{"en", "8.B<script>", "99", "Class: Use only letters, digits, spaces, dots and dashes.", "Number of pupils: Type a number of pupils between 1 and 40."},
	} {
		_, page := b.get("/sessions/new?lang=" + tt.lang)
		resp, page := b.post("/sessions", url.Values{"_csrf": {csrfOf(t, page)}, "survey_id": {"jeg-er-helt-normal-kort"},
			"class_label": {tt.label}, "grade": {"8"}, "wave": {"baseline"}, "expected_pupils": {tt.pupils}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, tt.want) || !strings.Contains(page, tt.wantPupils) ||
			strings.Contains(page, "class_label:") || strings.Contains(page, "expected_pupils:") {
			t.Errorf("%s, label %q: %d\n%s", tt.lang, tt.label, resp.StatusCode, page)
		}
	}
	resp, page := b.get("/sessions/new")
	resp, _ = b.post("/sessions", url.Values{"_csrf": {csrfOf(t, page)}, "survey_id": {"jeg-er-helt-normal-kort"},
		"class_label": {"  8.B  "}, "grade": {"8"}, "wave": {"baseline"}, "expected_pupils": {"22"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a label with spaces around it: %d", resp.StatusCode)
	}
	if _, page := b.get(resp.Header.Get("Location")); !strings.Contains(page, "<h1 class=\"projector-class\">8.B ·") {
		t.Errorf("the label was not trimmed")
	}
}
