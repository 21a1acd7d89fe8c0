package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

const kort = "survey_id=jeg-er-helt-normal-kort"

// closedClassWave is closedClass for a given wave and perceived guess.
func closedClassWave(t *testing.T, s *testServer, token, label, wave string, n, yes int) createdSession {
	t.Helper()
	in := map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": label, "grade": 8, "wave": wave, "expected_pupils": n}
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, in)
	if status != http.StatusCreated {
		t.Fatalf("create %s: %d %s", label, status, body)
	}
	var sess createdSession
	if err := json.Unmarshal([]byte(body), &sess); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		self := "lt7"
		if i < yes {
			self = "8plus"
		}
		id := fmt.Sprintf("%s-%s-pupil-%02d-abcdefgh", wave, regexp.MustCompile(`[^A-Za-z0-9]`).ReplaceAllString(label, ""), i)
		if st, body := answer(t, s, sess.Code, id, map[string]model.Answer{
			"sleep": {Self: self, Perceived: "5"}, "drunk": {Self: "no", Perceived: "3"},
		}); st != http.StatusCreated {
			t.Fatalf("answer: %d %s", st, body)
		}
	}
	if st, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/close", token, nil); st != 200 {
		t.Fatalf("close: %d %s", st, body)
	}
	return sess
}

// sspScenario is the compare test's municipality: three classes at one Herning school, the
// smallest of 4 pupils, and one class in Holstebro.
func sspScenario(t *testing.T) (s *testServer, ssp, sspOther, teacher string) {
	s = newServer(t)
	teacher, _ = seedTeacher(t, s, "Herning", "Brændgårdskolen", "t@herning.dk")
	other, _ := seedTeacher(t, s, "Holstebro", "Sønderlandsskolen", "t@holstebro.dk")
	closedClass(t, s, teacher, "8.A", 20, 15)
	closedClass(t, s, teacher, "8.B", 18, 9)
	closedClass(t, s, teacher, "8.C", 4, 1)
	closedClass(t, s, other, "8.X", 20, 10)
	ssp = seedRole(t, s, model.RoleSSP, "Herning", "ssp@herning.dk")
	sspOther = seedRole(t, s, model.RoleSSP, "Holstebro", "ssp@holstebro.dk")
	return s, ssp, sspOther, teacher
}

// tableRow finds the dashboard's row whose label is label in the topic's table.
func tableRow(t *testing.T, body, topic, label string) string {
	t.Helper()
	start := strings.Index(body, `id="topic-`+topic+`"`)
	if start < 0 {
		t.Fatalf("no topic %s", topic)
	}
	section := body[start:]
	section = section[:strings.Index(section, "</article>")]
	re := regexp.MustCompile(`(?s)<tr[^>]*>\s*<th scope="row">(?:<span aria-hidden="true">↳ </span>)?(?:<a [^>]*>)?` +
		regexp.QuoteMeta(label) + `(?:</a>)?</th>.*?</tr>`)
	row := re.FindString(section)
	if row == "" {
		t.Fatalf("no row %s in topic %s:\n%s", label, topic, section)
	}
	return row
}

func TestSSPDashboardShowsSchoolsClassesAndHiddenCells(t *testing.T) {
	s, ssp, _, _ := sspScenario(t)
	resp, body := getAs(t, s, ssp, "/ssp?"+kort)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	for _, want := range []string{"Brændgårdskolen", `href="/ssp"`, `data-chart="`, "Hent som CSV"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if strings.Contains(body, "Sønderlandsskolen") {
		t.Error("Herning's dashboard shows a Holstebro school")
	}
	// The class of 4 shows nothing, with the reason in words.
	row := tableRow(t, body, "sleep", "8.C")
	if !strings.Contains(row, "–") || !strings.Contains(row, "skjult: for få svar") || strings.Contains(row, "%") {
		t.Errorf("8.C row: %s", row)
	}
	// Every cell the compare API hides is "–" on the page, and every shown one has figures.
	_, api, _ := compareAs(t, s, ssp, "municipality=Herning&"+kort)
	hiddenSeen := 0
	for _, r := range api.Rows {
		label := r.School
		if r.Level == "class" {
			label = r.ClassLabel
		}
		for _, id := range []string{"sleep", "drunk"} {
			hidden := r.Suppressed
			for _, it := range r.Items {
				if it.ID == id && it.Suppressed {
					hidden = true
				}
			}
			row := tableRow(t, body, id, label)
			if hidden != strings.Contains(row, "skjult") {
				t.Errorf("%s %s: hidden %v, row %s", label, id, hidden, row)
			}
			if hidden {
				hiddenSeen++
				if strings.Contains(row, "%") {
					t.Errorf("hidden %s %s shows a figure: %s", label, id, row)
				}
			}
		}
	}
	if hiddenSeen == 0 {
		t.Error("no hidden cell checked")
	}
	// The school links to its classes; that view lists them.
	schoolRow := tableRow(t, body, "sleep", "Brændgårdskolen")
	link := regexp.MustCompile(`href="([^"]+)"`).FindStringSubmatch(schoolRow)
	if link == nil || !strings.Contains(link[1], "school_id=") {
		t.Fatalf("school row has no link to its classes: %s", schoolRow)
	}
	resp, one := getAs(t, s, ssp, strings.ReplaceAll(link[1], "&amp;", "&"))
	if resp.StatusCode != 200 || !strings.Contains(one, "8.A") || !strings.Contains(one, "Alle skoler") {
		t.Errorf("one school: %d", resp.StatusCode)
	}

	// No inline script or style; the strict CSP.
	for _, tag := range inlineScript.FindAllString(body, -1) {
		if !strings.Contains(tag, " src=") {
			t.Errorf("inline script: %s", tag)
		}
	}
	if strings.Contains(body, "<style") || regexp.MustCompile(`\sstyle=`).MatchString(body) || regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
		t.Error("inline style or event handler on the dashboard")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	// The staff navigation links the dashboard.
	if !strings.Contains(body, `<a href="/ssp">Sammenlign skoler</a>`) {
		t.Error("no /ssp link in the navigation")
	}
}

func TestSSPScopingOnEveryEndpoint(t *testing.T) {
	s, _, sspOther, teacher := sspScenario(t)
	admin := seedRole(t, s, model.RoleAdmin, "", "admin@rm.dk")
	herning := "municipality=Herning&" + kort
	paths := []string{"/ssp?" + herning, "/ssp/waves?" + herning, "/api/v1/export.csv?" + herning, "/api/v1/export.xlsx?" + herning}
	for _, p := range paths {
		if resp, _ := getAs(t, s, sspOther, p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("Holstebro's SSP: %s: %d", p, resp.StatusCode)
		}
		if resp, _ := getAs(t, s, admin, p); resp.StatusCode != http.StatusOK {
			t.Errorf("admin: %s: %d", p, resp.StatusCode)
		}
	}
	for _, p := range append(paths, "/ssp", "/ssp/waves", "/api/v1/export.csv?"+kort, "/api/v1/export.xlsx?"+kort) {
		if resp, _ := getAs(t, s, teacher, p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("teacher: %s: %d", p, resp.StatusCode)
		}
	}
	// Without parameters an SSP consultant sees their own municipality, and only that.
	for _, p := range []string{"/ssp", "/ssp?" + kort, "/api/v1/export.csv?" + kort} {
		resp, body := getAs(t, s, sspOther, p)
		if resp.StatusCode != 200 || !strings.Contains(body, "Sønderlandsskolen") || strings.Contains(body, "Brændgårdskolen") {
			t.Errorf("%s: %d, own municipality only", p, resp.StatusCode)
		}
	}
	if resp, _ := getAs(t, s, sspOther, "/ssp?scope=region&"+kort); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an SSP consultant saw the region: %d", resp.StatusCode)
	}
	// An administrator's region view lists municipalities.
	if resp, body := getAs(t, s, admin, "/ssp?scope=region&"+kort); resp.StatusCode != 200 || !strings.Contains(body, "Herning") || !strings.Contains(body, "Region Midtjylland") {
		t.Errorf("region: %d", resp.StatusCode)
	}
}

func TestWavesShowChangeAndNoise(t *testing.T) {
	s := newServer(t)
	teacher, _ := seedTeacher(t, s, "Herning", "Brændgårdskolen", "t@herning.dk")
	closedClassWave(t, s, teacher, "8.A", "baseline", 20, 6)
	closedClassWave(t, s, teacher, "8.A", "follow-up", 20, 18)
	closedClassWave(t, s, teacher, "8.B", "baseline", 20, 10)
	closedClassWave(t, s, teacher, "8 b", "follow-up", 20, 11)
	closedClassWave(t, s, teacher, "8.C", "baseline", 20, 2)
	closedClassWave(t, s, teacher, "8.C", "follow-up", 20, 10)
	ssp := seedRole(t, s, model.RoleSSP, "Herning", "ssp@herning.dk")

	resp, body := getAs(t, s, ssp, "/ssp/waves?"+kort)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	// 8.A: 6 of 20 became 18 of 20 sleeping enough — a clear rise — while the guess stayed at 50 %:
	// from 20 points too high to 40 too low, a misperception that may have grown (its
	// interval holds 0), drawn grey.
	a := tableRow(t, body, "sleep", "8.A")
	for _, want := range []string{"steg 60 procentpoint (95 %-interval 30–77)", "Ingen sikker ændring: forskellen mellem gæt og virkelighed ændrede sig 20 procentpoint",
		"fra 20 procentpoint for højt til 40 procentpoint for lavt", `class="interval interval-noise"`} {
		if !strings.Contains(a, want) {
			t.Errorf("8.A lacks %q: %s", want, a)
		}
	}
	// 8.B (written "8 b" the second time): 10 became 11 of 20, within noise on both counts.
	b := tableRow(t, body, "sleep", "8.B")
	if !strings.Contains(b, "Ingen sikker ændring i andelen") || !strings.Contains(b, `class="interval interval-noise"`) {
		t.Errorf("8.B: %s", b)
	}
	// 8.C: 2 of 20 became 10 of 20 against a guess of 50 %: the misperception shrank from 40
	// points to 0, drawn green.
	c := tableRow(t, body, "sleep", "8.C")
	if !strings.Contains(c, "blev 40 procentpoint mindre") || !strings.Contains(c, `class="interval interval-better"`) {
		t.Errorf("8.C: %s", c)
	}
	// Sorted by name, not by change.
	if strings.Index(body, ">8.A<") > strings.Index(body, ">8.B<") {
		t.Error("classes not in order of name")
	}
	for _, tag := range inlineScript.FindAllString(body, -1) {
		if !strings.Contains(tag, " src=") {
			t.Errorf("inline script: %s", tag)
		}
	}
}

// The dashboard opens with an overview of the topics, largest misperception first; by
// default it shows tables for the largest five it can show, the consultant picks others,
// and each school's classes are folded under it until that school is chosen.
func TestSSPOverviewRanksTopicsAndThePickerChoosesTheTables(t *testing.T) {
	s, ssp, _, _ := sspScenario(t)
	_, body := getAs(t, s, ssp, "/ssp?"+kort)
	overview := regexp.MustCompile(`(?s)<section class="card staff wide ssp-overview".*?</section>`).FindString(body)
	// Drunk: 0 % against a guess of 30 % (30 points); sleep: 63 % against 50 % (13 points);
	// the four topics nobody answered are hidden and last.
	var order []string
	for _, m := range regexp.MustCompile(`name="topics" value="([a-z-]+)"( checked)?`).FindAllStringSubmatch(overview, -1) {
		order = append(order, m[1]+m[2])
	}
	if strings.Join(order[:2], ",") != "drunk checked,sleep checked" || len(order) != 6 || strings.Contains(strings.Join(order[2:], ","), "checked") {
		t.Errorf("the overview's order and default choice: %q", order)
	}
	if !strings.Contains(overview, "0\u00a0% gør det, eleverne gættede 30\u00a0% (&#43;30,0 procentpoint)") {
		t.Errorf("the overview's line for drunk:\n%s", overview)
	}
	if got := regexp.MustCompile(`<article class="card staff wide topic-result" id="topic-([a-z-]+)"`).FindAllStringSubmatch(body, -1); len(got) != 2 || got[0][1] != "drunk" || got[1][1] != "sleep" {
		t.Errorf("the tables shown by default: %q", got)
	}
	// Classes are folded under their school.
	if !regexp.MustCompile(`(?s)<details><summary>3 klasser på Brændgårdskolen</summary>.*?8\.A`).MatchString(body) {
		t.Error("the classes are not folded under their school")
	}

	// The consultant picks sleep alone.
	_, picked := getAs(t, s, ssp, "/ssp?"+kort+"&municipality=Herning&topics=sleep&topics=no-such-topic")
	if got := regexp.MustCompile(`id="topic-([a-z-]+)" aria-labelledby`).FindAllStringSubmatch(picked, -1); len(got) != 1 || got[0][1] != "sleep" {
		t.Errorf("after picking sleep the tables are %q", got)
	}
	// One school chosen: its classes are the chart's bars, unfolded.
	schoolRow := tableRow(t, body, "sleep", "Brændgårdskolen")
	link := regexp.MustCompile(`href="([^"]+)"`).FindStringSubmatch(schoolRow)
	_, one := getAs(t, s, ssp, strings.ReplaceAll(link[1], "&amp;", "&"))
	if !strings.Contains(one, `<details open><summary>3 klasser på Brændgårdskolen</summary>`) {
		t.Error("one school's classes are folded away")
	}
}

// A municipality where too few have answered says so, without the count.
func TestSSPLeadNeverGivesACountBelowTheMinimum(t *testing.T) {
	s := newServer(t)
	teacher, _ := seedTeacher(t, s, "Skive", "Østre Skole", "t@skive.dk")
	closedClass(t, s, teacher, "7.A", 3, 2)
	ssp := seedRole(t, s, model.RoleSSP, "Skive", "ssp@skive.dk")
	_, body := getAs(t, s, ssp, "/ssp?"+kort)
	lead := regexp.MustCompile(`<p class="muted" id="ssp-lead">([^<]*)</p>`).FindStringSubmatch(body)
	if lead == nil || lead[1] != "Færre end 5 elever har svaret i det valgte udsnit, så alle tal er skjult." {
		t.Errorf("the lead for a hidden municipality: %q", lead)
	}
	empty := seedRole(t, s, model.RoleSSP, "Lemvig", "ssp@lemvig.dk")
	_, body = getAs(t, s, empty, "/ssp?"+kort)
	if !strings.Contains(body, "Ingen elever har svaret i det valgte udsnit endnu.") {
		t.Error("the lead for a municipality without answers")
	}
}
