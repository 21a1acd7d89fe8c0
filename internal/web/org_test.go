package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

// seedCoordinator creates a coordinator of a region, or of one of its clusters, and returns
// an API token.
func seedCoordinator(t testing.TB, s *testServer, email, region, cluster string) string {
	t.Helper()
	hash, err := webtest.FastHasher.Hash(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	u := &model.User{Email: email, PasswordHash: hash, Role: model.RoleCoordinator, Region: region, Cluster: cluster, CreatedDay: "2026-09-01"}
	if err := s.st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return apiToken(t, s, email, staffPassword)
}

// compareTotal is the compare API's total: the scope's level and name.
func compareTotal(t *testing.T, body string) (level, name string) {
	t.Helper()
	var out struct {
		Total struct{ Level, Name string } `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return out.Total.Level, out.Total.Name
}

func TestASchoolInOdenseAndItsSSPConsultant(t *testing.T) {
	s := newServer(t)
	seedUser(t, s, "admin@rm.dk", model.RoleAdmin, "", "")
	admin := tokenFor(t, s, "admin@rm.dk")

	// The admin page's selects list all 98 municipalities, grouped by region.
	b := newStaffBrowser(t, s)
	b.login("admin@rm.dk", staffPassword)
	_, page := b.get("/admin")
	for _, want := range []string{`<optgroup label="Region Syddanmark">`, `<optgroup label="Region Hovedstaden">`, "<option>Odense</option>",
		"<option>Lyngby-Taarbæk</option>", "<option>Læsø</option>", `<option value="coordinator">`, `name="region"`, `name="cluster"`,
		`<option value="Horsens">Horsens (Region Midtjylland)</option>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the admin page lacks %s", want)
		}
	}
	if n := strings.Count(page, `<select id="school-municipality"`); n != 1 {
		t.Fatalf("%d school municipality selects", n)
	}
	form := page[strings.Index(page, `<select id="school-municipality"`):]
	form = form[:strings.Index(form, "</select>")]
	if n := strings.Count(form, "<option>"); n != 98 {
		t.Errorf("the school form offers %d municipalities, want 98", n)
	}
	// A school in Odense from the form, and one from the API.
	resp, _ := b.post("/admin/schools", url.Values{"_csrf": {csrfOf(t, page)}, "municipality": {"Odense"}, "name": {"Højby Skole"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "municipality=Odense") {
		t.Fatalf("the admin form's school in Odense: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/schools", admin, map[string]string{"municipality": "odense", "name": "Tarup Skole"})
	if status != http.StatusCreated {
		t.Fatalf("a school in Odense from the API: %d %s", status, body)
	}
	var school struct{ ID string }
	json.Unmarshal([]byte(body), &school)

	// Odense's SSP consultant, their teacher, and a class.
	status, body = callAPI(t, s, http.MethodPost, "/api/v1/users", admin, map[string]string{
		"email": "ssp@odense.dk", "password": staffPassword, "role": "ssp", "municipality": "Odense"})
	if status != http.StatusCreated {
		t.Fatalf("SSP of Odense: %d %s", status, body)
	}
	ssp := tokenFor(t, s, "ssp@odense.dk")
	status, body = callAPI(t, s, http.MethodPost, "/api/v1/users", ssp, map[string]string{
		"email": "laerer@odense.dk", "password": staffPassword, "role": "teacher", "school_id": school.ID})
	if status != http.StatusCreated {
		t.Fatalf("Odense's SSP creates a teacher: %d %s", status, body)
	}
	teacher := tokenFor(t, s, "laerer@odense.dk")
	closedClass(t, s, teacher, "8.A", 20, 12)
	closedClass(t, s, teacher, "8.B", 18, 9)

	for _, q := range []string{"municipality=Odense&" + kort, kort} {
		st, got, body := compareAs(t, s, ssp, q)
		if st != 200 || len(got.Rows) != 3 || got.Rows[0].School != "Tarup Skole" || got.Rows[0].N != 38 || got.Rows[0].Suppressed {
			t.Errorf("Odense's SSP compares %s: %d %s", q, st, body)
		}
	}
	if resp, body := getAs(t, s, ssp, "/ssp?"+kort); resp.StatusCode != 200 || !strings.Contains(body, "Tarup Skole") {
		t.Errorf("Odense's dashboard: %d", resp.StatusCode)
	}
	if st, _, _ := compareAs(t, s, ssp, "municipality=Aarhus&"+kort); st != http.StatusForbidden {
		t.Errorf("Odense's SSP compares Aarhus: %d", st)
	}

	// Region Syddanmark has no clusters: its municipalities sit right under it.
	status, body = callAPI(t, s, http.MethodGet, "/api/v1/compare?scope=region&region=Syddanmark&"+kort, admin, nil)
	if level, name := compareTotal(t, body); status != 200 || level != "region" || name != "Region Syddanmark" {
		t.Fatalf("Region Syddanmark: %d %s", status, body)
	}
	var region compareResponse
	json.Unmarshal([]byte(body), &region)
	if len(region.Rows) != 2 || region.Rows[0].Level != "municipality" || region.Rows[1].School != "Tarup Skole" {
		t.Errorf("Region Syddanmark's rows: %s", body)
	}
	if strings.Contains(body, `"level":"cluster"`) {
		t.Errorf("a cluster in Region Syddanmark: %s", body)
	}
}

// coordinatorScenario: a school in Aarhus with classes of 20, 18 and 4 (hidden), one on
// Samsø (cluster Aarhus), one in Horsens and one in Odense; their SSP consultants, an
// administrator, and coordinators of Region Midtjylland, of cluster Aarhus and of Region
// Syddanmark.
type coordinatorScenario struct {
	s                                 *testServer
	admin, sspAarhus, region, cluster string
	syd                               string
	schoolID                          string
}

func newCoordinatorScenario(t *testing.T) coordinatorScenario {
	s := newServer(t)
	aarhus, schoolID := seedTeacher(t, s, "Aarhus", "Katrinebjergskolen", "t@aarhus.dk")
	samso, _ := seedTeacher(t, s, "Samsø", "Samsø Skole", "t@samsoe.dk")
	horsens, _ := seedTeacher(t, s, "Horsens", "Bankagerskolen", "t@horsens.dk")
	odense, _ := seedTeacher(t, s, "Odense", "Tarup Skole", "t@odense.dk")
	closedClass(t, s, aarhus, "8.A", 20, 15)
	closedClass(t, s, aarhus, "8.B", 18, 9)
	closedClass(t, s, aarhus, "8.C", 4, 1)
	closedClass(t, s, samso, "8.S", 6, 3)
	closedClass(t, s, horsens, "8.H", 20, 10)
	closedClass(t, s, odense, "8.O", 20, 10)
	return coordinatorScenario{
		s: s, schoolID: schoolID,
		admin:     seedRole(t, s, model.RoleAdmin, "", "admin@rm.dk"),
		sspAarhus: seedRole(t, s, model.RoleSSP, "Aarhus", "ssp@aarhus.dk"),
		region:    seedCoordinator(t, s, "koordinator@rm.dk", "Midtjylland", ""),
		cluster:   seedCoordinator(t, s, "klynge@rm.dk", "Midtjylland", "Aarhus"),
		syd:       seedCoordinator(t, s, "koordinator@rsyd.dk", "Syddanmark", ""),
	}
}

func TestCoordinatorsCompareTheirAreaOnly(t *testing.T) {
	w := newCoordinatorScenario(t)
	s := w.s
	for _, tt := range []struct {
		who, token, query string
		want              int
		level, name       string
	}{
		{"region coordinator", w.region, "cluster=Aarhus&" + kort, 200, "cluster", "Aarhus"},
		{"region coordinator", w.region, "scope=region&" + kort, 200, "region", "Region Midtjylland"},
		{"region coordinator", w.region, "scope=region&region=Midtjylland&" + kort, 200, "region", "Region Midtjylland"},
		{"region coordinator", w.region, kort, 200, "region", "Region Midtjylland"},
		{"region coordinator", w.region, "municipality=Horsens&" + kort, 200, "municipality", "Horsens"},
		{"region coordinator", w.region, "scope=region&region=Syddanmark&" + kort, 403, "", ""},
		{"region coordinator", w.region, "municipality=Odense&" + kort, 403, "", ""},
		{"cluster coordinator", w.cluster, kort, 200, "cluster", "Aarhus"},
		{"cluster coordinator", w.cluster, "cluster=Aarhus&" + kort, 200, "cluster", "Aarhus"},
		{"cluster coordinator", w.cluster, "municipality=Samsø&" + kort, 200, "municipality", "Samsø"},
		{"cluster coordinator", w.cluster, "cluster=Horsens&" + kort, 403, "", ""},
		{"cluster coordinator", w.cluster, "municipality=Horsens&" + kort, 403, "", ""},
		{"cluster coordinator", w.cluster, "scope=region&" + kort, 403, "", ""},
		{"Syddanmark's coordinator", w.syd, kort, 200, "region", "Region Syddanmark"},
		{"Syddanmark's coordinator", w.syd, "municipality=Odense&" + kort, 200, "municipality", "Odense"},
		{"Syddanmark's coordinator", w.syd, "cluster=Aarhus&" + kort, 403, "", ""},
		{"Aarhus's SSP consultant", w.sspAarhus, "cluster=Aarhus&" + kort, 403, "", ""},
	} {
		status, body := callAPI(t, s, http.MethodGet, "/api/v1/compare?"+tt.query, tt.token, nil)
		if status != tt.want {
			t.Errorf("%s: %s: %d, want %d (%s)", tt.who, tt.query, status, tt.want, body)
			continue
		}
		if status == 200 {
			if level, name := compareTotal(t, body); level != tt.level || name != tt.name {
				t.Errorf("%s: %s: a %s %q", tt.who, tt.query, level, name)
			}
			outside := map[string][]string{w.region: {"Tarup Skole"}, w.cluster: {"Tarup Skole", "Bankagerskolen"},
				w.syd: {"Katrinebjergskolen", "Bankagerskolen"}}[tt.token]
			for _, other := range outside {
				if strings.Contains(body, other) {
					t.Errorf("%s: %s shows %s", tt.who, tt.query, other)
				}
			}
		}
	}
	// Region Midtjylland's tree: clusters, then municipalities; never Odense.
	_, region, body := compareAs(t, s, w.region, "scope=region&"+kort)
	if strings.Contains(body, "Odense") || strings.Contains(body, "Tarup") || len(region.Rows) != 6 {
		t.Errorf("Region Midtjylland: %s", body)
	}
	// The exports and the pages, in the area and outside.
	for _, p := range []string{"/ssp", "/ssp/waves", "/ssp/campaign", "/api/v1/export.csv", "/api/v1/export.xlsx"} {
		if resp, _ := getAs(t, s, w.cluster, p+"?"+kort); resp.StatusCode != 200 {
			t.Errorf("cluster coordinator: %s: %d", p, resp.StatusCode)
		}
		if resp, _ := getAs(t, s, w.cluster, p+"?cluster=Horsens&"+kort); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cluster coordinator: %s for Horsens: %d", p, resp.StatusCode)
		}
		if resp, _ := getAs(t, s, w.region, p+"?municipality=Odense&"+kort); resp.StatusCode != http.StatusForbidden {
			t.Errorf("region coordinator: %s for Odense: %d", p, resp.StatusCode)
		}
	}
	if resp, body := getAs(t, s, w.region, "/ssp/campaign?municipality=Aarhus&"+kort); resp.StatusCode != 200 || !strings.Contains(body, "Aarhus") {
		t.Errorf("region coordinator: Aarhus's campaign: %d", resp.StatusCode)
	}
	// The dashboard's filters offer only the area: the cluster coordinator's no Horsens.
	_, page := getAs(t, s, w.cluster, "/ssp?"+kort)
	if !strings.Contains(page, "<option>Samsø</option>") || strings.Contains(page, "<option>Horsens</option>") || strings.Contains(page, `name="scope"`) {
		t.Errorf("cluster coordinator's filters offer more than the cluster")
	}
	_, page = getAs(t, s, w.region, "/ssp?"+kort)
	if !strings.Contains(page, `<option>Horsens</option>`) || strings.Contains(page, "<option>Odense</option>") || !strings.Contains(page, `name="scope"`) {
		t.Errorf("region coordinator's filters")
	}
}

func TestCoordinatorsOnlyReadAndLandOnTheComparisons(t *testing.T) {
	w := newCoordinatorScenario(t)
	s := w.s
	// Created only by an administrator: the API, with Danish or English messages.
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/users", w.admin, map[string]string{
		"email": "ny@rm.dk", "password": staffPassword, "role": "coordinator", "region": "Midtjylland", "cluster": "Horsens"})
	if status != http.StatusCreated {
		t.Fatalf("admin creates a coordinator: %d %s", status, body)
	}
	if u, err := s.st.UserByEmail(context.Background(), "ny@rm.dk"); err != nil || u.Region != "Midtjylland" || u.Cluster != "Horsens" {
		t.Errorf("stored coordinator: %+v %v", u, err)
	}
	status, body = callAPI(t, s, http.MethodPost, "/api/v1/users", w.admin, map[string]string{
		"email": "ny2@rm.dk", "password": staffPassword, "role": "coordinator", "region": "Syddanmark", "cluster": "Fyn"})
	if status != http.StatusBadRequest || !strings.Contains(body, `"cluster":"Region Syddanmark is not divided into clusters`) {
		t.Errorf("a cluster of Syddanmark: %d %s", status, body)
	}
	status, body = callAPI(t, s, http.MethodPost, "/api/v1/users", w.sspAarhus, map[string]string{
		"email": "ny3@rm.dk", "password": staffPassword, "role": "coordinator", "region": "Midtjylland"})
	if status != http.StatusForbidden {
		t.Errorf("an SSP consultant creates a coordinator: %d %s", status, body)
	}

	// A coordinator changes nothing: no accounts, no schools, no sessions.
	for _, token := range []string{w.region, w.cluster} {
		for _, r := range []struct{ method, path, body string }{
			{http.MethodPost, "/api/v1/users", `{"email":"snyd@rm.dk","password":"` + staffPassword + `","role":"teacher","school_id":"` + w.schoolID + `"}`},
			{http.MethodPost, "/api/v1/users", `{"email":"snyd@rm.dk","password":"` + staffPassword + `","role":"coordinator","region":"Midtjylland"}`},
			{http.MethodPost, "/api/v1/schools", `{"municipality":"Aarhus","name":"Snydeskolen"}`},
			{http.MethodGet, "/api/v1/users", ""},
			{http.MethodPost, "/api/v1/sessions", `{"survey_id":"jeg-er-helt-normal-kort","class_label":"7.S","grade":7,"wave":"baseline","expected_pupils":20,"school_id":"` + w.schoolID + `"}`},
			{http.MethodGet, "/api/v1/sessions", ""},
		} {
			var in any
			if r.body != "" {
				in = r.body
			}
			if status, body := callAPI(t, s, r.method, r.path, token, in); status != http.StatusForbidden {
				t.Errorf("coordinator: %s %s: %d %s", r.method, r.path, status, body)
			}
		}
	}
	if _, err := s.st.UserByEmail(context.Background(), "snyd@rm.dk"); err == nil {
		t.Error("a coordinator created an account")
	}
	if schools, _ := s.st.ListSchools(context.Background(), "Aarhus"); len(schools) != 1 {
		t.Errorf("Aarhus has %d schools", len(schools))
	}

	// In the browser: lands on /ssp; the menu has the comparisons and neither accounts nor
	// sessions; those pages are refused.
	b := newStaffBrowser(t, s)
	resp, _ := b.login("koordinator@rm.dk", staffPassword)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/ssp" {
		t.Fatalf("login: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, page := b.get("/ssp")
	if resp.StatusCode != 200 || !strings.Contains(page, `<a href="/ssp">Sammenlign skoler</a>`) ||
		strings.Contains(page, "Skoler og brugere") || strings.Contains(page, `href="/admin"`) || strings.Contains(page, `href="/sessions"`) ||
		!strings.Contains(page, "Region Midtjylland") {
		t.Errorf("the coordinator's dashboard: %d", resp.StatusCode)
	}
	for _, p := range []string{"/admin", "/admin/users/" + w.schoolID, "/sessions", "/sessions/new"} {
		if resp, _ := b.get(p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("coordinator: GET %s: %d", p, resp.StatusCode)
		}
	}
	csrf := csrfOf(t, page)
	for _, p := range []string{"/admin/schools", "/admin/users"} {
		resp, _ := b.post(p, url.Values{"_csrf": {csrf}, "municipality": {"Aarhus"}, "name": {"Snydeskolen"},
			"email": {"snyd@rm.dk"}, "password": {staffPassword}, "role": {"coordinator"}, "region": {"Midtjylland"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("coordinator: POST %s: %d", p, resp.StatusCode)
		}
	}

	// The admin form makes a coordinator of a cluster, and shows the area in the list.
	admin := newStaffBrowser(t, s)
	seedUser(t, s, "chef@rm.dk", model.RoleAdmin, "", "")
	admin.login("chef@rm.dk", staffPassword)
	_, page = admin.get("/admin")
	resp, _ = admin.post("/admin/users", url.Values{"_csrf": {csrfOf(t, page)}, "email": {"vest@rm.dk"}, "password": {staffPassword},
		"role": {"coordinator"}, "region": {"Midtjylland"}, "cluster": {"Vest"}, "municipality": {"Aarhus"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the admin form's coordinator: %d", resp.StatusCode)
	}
	if u, err := s.st.UserByEmail(context.Background(), "vest@rm.dk"); err != nil || u.Role != model.RoleCoordinator || u.Cluster != "Vest" || u.Municipality != "" {
		t.Errorf("the form's coordinator: %+v %v", u, err)
	}
	_, page = admin.get("/admin")
	if !strings.Contains(page, "Vest (Region Midtjylland)</td>") {
		t.Error("the list does not show the coordinator's cluster")
	}
	_, page = admin.get("/admin")
	resp, page = admin.post("/admin/users", url.Values{"_csrf": {csrfOf(t, page)}, "email": {"x@rm.dk"}, "password": {staffPassword},
		"role": {"coordinator"}})
	if resp.StatusCode != http.StatusBadRequest || !regexp.MustCompile(`id="user-region-error">Udfyld feltet.`).MatchString(page) {
		t.Errorf("a coordinator without a region: %d", resp.StatusCode)
	}
}

// A coordinator sees the same protected tree an SSP consultant does: every figure hidden
// from Aarhus's consultant is hidden from the coordinators too.
func TestCoordinatorsSeeNothingTheSSPConsultantCannot(t *testing.T) {
	w := newCoordinatorScenario(t)
	_, ssp, sspBody := compareAs(t, w.s, w.sspAarhus, "municipality=Aarhus&"+kort)
	_, same, sameBody := compareAs(t, w.s, w.region, "municipality=Aarhus&"+kort)
	if sspBody != sameBody {
		t.Errorf("the same municipality differs:\nSSP         %s\ncoordinator %s", sspBody, sameBody)
	}
	hidden := 0
	for _, r := range ssp.Rows {
		if r.Level == "class" && r.ClassLabel == "8.C" && (!r.Suppressed || len(r.Items) != 0) {
			t.Errorf("the class of 4 shows figures: %+v", r)
		}
		if r.Suppressed {
			hidden++
		}
		for _, it := range r.Items {
			if it.Suppressed {
				hidden++
				if it.ActualShare != nil {
					t.Errorf("%s %s: hidden with a figure", r.School, it.ID)
				}
			}
		}
	}
	if hidden == 0 || len(same.Rows) != len(ssp.Rows) {
		t.Fatalf("nothing hidden to check: %s", sspBody)
	}
	// In the wider views the school's figures are hidden at least where the SSP
	// consultant's are.
	sspSchool := ssp.Rows[0]
	for _, tt := range []struct{ token, query string }{
		{w.cluster, "cluster=Aarhus&" + kort}, {w.region, "cluster=Aarhus&" + kort}, {w.region, "scope=region&" + kort},
	} {
		_, got, body := compareAs(t, w.s, tt.token, tt.query)
		found := false
		for _, r := range got.Rows {
			if r.Level != "school" || r.School != sspSchool.School {
				continue
			}
			found = true
			shown := map[string]bool{}
			for _, it := range r.Items {
				shown[it.ID] = !it.Suppressed && !r.Suppressed
				if (it.Suppressed || r.Suppressed) && it.ActualShare != nil {
					t.Errorf("%s: %s hidden with a figure", tt.query, it.ID)
				}
			}
			for _, it := range sspSchool.Items {
				if it.Suppressed && shown[it.ID] {
					t.Errorf("%s: %s shown to the coordinator, hidden from the SSP consultant", tt.query, it.ID)
				}
			}
		}
		if !found {
			t.Errorf("%s: no row for the school: %s", tt.query, body)
		}
		// The classes are not listed in wide views.
		if strings.Contains(body, `"level":"class"`) {
			t.Errorf("%s lists classes", tt.query)
		}
	}
}

// lonelyFigure is the lonely-often figure of the compare API's total and of a municipality's
// row ("hidden" when it shows none), for a coordinator's view.
func lonelyFigure(t *testing.T, s *testServer, token, query, municipality string) (total, row string) {
	t.Helper()
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/compare?survey_id=jeg-er-helt-normal-7-9&"+query, token, nil)
	if status != http.StatusOK {
		t.Fatalf("%s: %d %s", query, status, body)
	}
	type item struct {
		ID         string `json:"id"`
		Suppressed bool   `json:"suppressed"`
		NSelf      int    `json:"n_self"`
	}
	var out struct {
		Total struct {
			Suppressed bool   `json:"suppressed"`
			Items      []item `json:"items"`
		} `json:"total"`
		Rows []struct {
			Level, Municipality string
			Suppressed          bool   `json:"suppressed"`
			Items               []item `json:"items"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	pick := func(suppressed bool, items []item) string {
		for _, it := range items {
			if it.ID == "lonely-often" && !it.Suppressed && !suppressed {
				return strconv.Itoa(it.NSelf)
			}
		}
		return "hidden"
	}
	total, row = pick(out.Total.Suppressed, out.Total.Items), "absent"
	for _, r := range out.Rows {
		if r.Level == "municipality" && r.Municipality == municipality {
			row = pick(r.Suppressed, r.Items)
		}
	}
	return total, row
}

// A coordinator's narrower view is cut from their area's protected tree: a municipality the
// cluster hides to protect a small neighbour stays hidden when asked for alone, so cluster
// minus municipality does not give the neighbour's sensitive answers away.
func TestACoordinatorsViewsCannotBeSubtracted(t *testing.T) {
	s := newServer(t)
	aarhus, _ := seedTeacher(t, s, "Aarhus", "Skjoldhøjskolen", "t@aarhus.dk")
	samso, _ := seedTeacher(t, s, "Samsø", "Samsø Skole", "t@samsoe.dk")
	cluster := seedCoordinator(t, s, "klynge@rm.dk", "Midtjylland", "Aarhus")
	region := seedCoordinator(t, s, "region@rm.dk", "Midtjylland", "")
	lonelyClass(t, s, aarhus, "8.A", 12, 3)
	lonelyClass(t, s, aarhus, "8.B", 12, 2)
	first := lonelyClass(t, s, samso, "8.S", 12, 4)
	second := lonelyClass(t, s, samso, "8.T", 12, 4)
	if total, _ := lonelyFigure(t, s, cluster, "cluster=Aarhus", "Samsø"); total != "48" {
		t.Fatalf("the cluster's first release: %s", total)
	}
	// Samsø's two classes go, a class of 6 comes: three classes, 30 answers changed, so
	// Samsø's school releases the 6 — too few to show, and hidden wherever it could be
	// subtracted.
	for _, id := range []string{first.ID, second.ID} {
		if st, body := callAPI(t, s, http.MethodDelete, "/api/v1/sessions/"+id, samso, nil); st != http.StatusNoContent {
			t.Fatalf("delete: %d %s", st, body)
		}
	}
	lonelyClass(t, s, samso, "8.U", 6, 6)
	total, samsoRow := lonelyFigure(t, s, cluster, "cluster=Aarhus", "Samsø")
	_, aarhusRow := lonelyFigure(t, s, cluster, "cluster=Aarhus", "Aarhus")
	if total != "30" || samsoRow != "hidden" || aarhusRow != "hidden" {
		t.Fatalf("cluster Aarhus: total %s, Samsø %s, Aarhus %s", total, samsoRow, aarhusRow)
	}
	admin := seedRole(t, s, model.RoleAdmin, "", "admin@rm.dk") // seedRole returns a token
	for _, token := range []string{cluster, region, admin} {
		if alone, _ := lonelyFigure(t, s, token, "municipality=Aarhus", ""); alone != "hidden" {
			t.Errorf("Aarhus alone shows %s: cluster %s minus it is Samsø's class of 6", alone, total)
		}
		if alone, _ := lonelyFigure(t, s, token, "municipality=Samsø", ""); alone != "hidden" {
			t.Errorf("Samsø alone shows %s", alone)
		}
	}
}
