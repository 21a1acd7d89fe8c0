package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/pdftest"
	"github.com/heltnormal/heltnormal/internal/report"
	"github.com/heltnormal/heltnormal/internal/results"
)

// reportCompare is the part of the compare API's answer the report test checks against.
type reportCompare struct {
	Total struct {
		Name       string         `json:"name"`
		Suppressed bool           `json:"suppressed"`
		Items      []results.Item `json:"items"`
	} `json:"total"`
	Rows []struct {
		Level      string         `json:"level"`
		School     string         `json:"school"`
		SchoolID   string         `json:"school_id"`
		ClassLabel string         `json:"class_label"`
		Suppressed bool           `json:"suppressed"`
		Items      []results.Item `json:"items"`
	} `json:"rows"`
}

// reportText fetches the report for query as token and returns its text, one table row a line.
func reportText(t *testing.T, s *testServer, token, query string) string {
	t.Helper()
	resp, body := getAs(t, s, token, "/api/v1/report.pdf?"+query)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("report %s: %d %s", query, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("report %s: content type %q", query, ct)
	}
	// pdftotext writes a no-break space as a space, and sometimes none before a "%".
	return percentGap.ReplaceAllString(pdftest.Text(t, []byte(body), "-layout"), "$1%")
}

var percentGap = regexp.MustCompile(`(\d)[\s\x{a0}]+%`)

// tableLine is how the report writes a group's shown figures for a topic in its table.
func tableLine(label string, it results.Item, lang string) *regexp.Regexp {
	cells := []string{label, strconv.Itoa(it.NSelf), report.Percent(it.ActualShare, lang),
		report.Interval(it.ActualCI, lang), report.Percent(it.PerceivedMean, lang), report.PP(it.GapPP)}
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(regexp.QuoteMeta(percentGap.ReplaceAllString(c, "$1%")), " ", `\s`)
	}
	return regexp.MustCompile(`(?m)^\s*` + strings.Join(cells, `\s+`) + `\s*$`)
}

// checkReportAgainstCompare checks that every figure the compare API shows for query is in
// the report's table, and that a group the API hides shows no figure in the report.
func checkReportAgainstCompare(t *testing.T, s *testServer, token, query, lang string, hiddenTruth map[string][]string) string {
	t.Helper()
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/compare?"+query, token, nil)
	if status != http.StatusOK {
		t.Fatalf("compare: %d %s", status, body)
	}
	var api reportCompare
	if err := json.Unmarshal([]byte(body), &api); err != nil {
		t.Fatal(err)
	}
	text := reportText(t, s, token, query+"&lang="+lang)
	total := map[string]string{"da": " i alt", "en": " in total"}[lang]
	hidden := map[string]string{"da": "skjult", "en": "hidden"}[lang]
	type group struct {
		label      string
		suppressed bool
		items      []results.Item
	}
	groups := []group{{api.Total.Name + total, api.Total.Suppressed, api.Total.Items}}
	for _, r := range api.Rows {
		label := r.School
		if r.Level == "class" {
			label = r.ClassLabel
		}
		groups = append(groups, group{label, r.Suppressed, r.Items})
	}
	shown, hiddenSeen := 0, 0
	for _, g := range groups {
		for _, it := range g.items {
			if !g.suppressed && !it.Suppressed {
				shown++
				if !tableLine(g.label, it, lang).MatchString(text) {
					t.Errorf("%s: the report lacks %s's %s figures %v", lang, g.label, it.ID, tableLine(g.label, it, lang))
				}
			}
		}
		if !g.suppressed {
			continue
		}
		hiddenSeen++
		for _, line := range strings.Split(text, "\n") {
			fields := strings.Fields(line)
			if len(fields) == 0 || !strings.HasPrefix(strings.TrimSpace(line), g.label) {
				continue
			}
			if !strings.Contains(line, hidden) || strings.Contains(line, "%") {
				t.Errorf("%s: hidden %s's line shows a figure: %q", lang, g.label, line)
			}
			for _, truth := range hiddenTruth[g.label] {
				if strings.Contains(line, truth) {
					t.Errorf("%s: hidden %s's line shows its true %s: %q", lang, g.label, truth, line)
				}
			}
		}
	}
	if shown == 0 || (len(hiddenTruth) > 0 && hiddenSeen == 0) {
		t.Errorf("%s: checked %d shown figures and %d hidden groups", lang, shown, hiddenSeen)
	}
	return text
}

func TestReportPDFShowsWhatCompareShowsAndHidesWhatItHides(t *testing.T) {
	s := newServer(t)
	teacher, schoolID := seedTeacher(t, s, "Herning", "Brændgårdskolen", "t@herning.dk")
	lind, _ := seedTeacher(t, s, "Herning", "Lind Skole", "t@lind.dk")
	sunds, _ := seedTeacher(t, s, "Herning", "Sunds Skole", "t@sunds.dk")
	other, _ := seedTeacher(t, s, "Holstebro", "Sønderlandsskolen", "t@holstebro.dk")
	closedClass(t, s, teacher, "8.A", 20, 15)
	closedClass(t, s, teacher, "8.B", 18, 9)
	closedClass(t, s, lind, "8.X", 22, 8)
	// Sunds Skole has one class of 4: hidden everywhere. Its truth: 3 of 4 sleep 8 hours
	// (75 %), and its 4 pupils guessed 50 % (a gap of −25).
	closedClass(t, s, sunds, "8.C", 4, 3)
	closedClass(t, s, other, "8.Y", 20, 10)
	closedClassWave(t, s, teacher, "8.A", "follow-up", 20, 19)
	closedClassWave(t, s, teacher, "8.B", "follow-up", 18, 12)
	ssp := seedRole(t, s, model.RoleSSP, "Herning", "ssp@herning.dk")
	sspOther := seedRole(t, s, model.RoleSSP, "Holstebro", "ssp@holstebro.dk")

	q := "municipality=Herning&" + kort
	truth := map[string][]string{"Sunds Skole": {"75", "25", " 4 "}}
	da := checkReportAgainstCompare(t, s, ssp, q, "da", truth)
	flat := strings.Join(strings.Fields(da), " ")
	for _, want := range []string{"Rapport om sociale normer", "Herning Kommune", "Før og efter", "Brændgårdskolen: forskel",
		"Andelen, der sover mindst 8 timer, når der er skole dagen efter, steg", "Wilson", "mindst 5 elever", "komplementær skjuling"} {
		if !strings.Contains(flat, strings.ReplaceAll(want, "komplementær", "Komplementær")) && !strings.Contains(flat, want) {
			t.Errorf("da: the report lacks %q", want)
		}
	}
	if regexp.MustCompile(`\d{1,2}:\d{2}`).MatchString(da) {
		t.Error("the report shows a time of day")
	}
	en := checkReportAgainstCompare(t, s, ssp, q, "en", truth)
	for _, want := range []string{"Social norms report", "Before and after", "Data protection"} {
		if !strings.Contains(en, want) {
			t.Errorf("en: the report lacks %q", want)
		}
	}
	// A school board's report: the school and its classes, every figure as the API has it.
	checkReportAgainstCompare(t, s, ssp, q+"&school_id="+schoolID, "da", nil)

	// The compare API's access rules.
	for _, c := range []struct {
		who, token string
		want       int
	}{{"teacher", teacher, 403}, {"Holstebro's SSP", sspOther, 403}, {"nobody", "", 401}} {
		if st, body := callAPI(t, s, http.MethodGet, "/api/v1/report.pdf?"+q, c.token, nil); st != c.want {
			t.Errorf("%s: %d, want %d (%.200s)", c.who, st, c.want, body)
		}
	}
	// Holstebro's SSP without a municipality gets their own report, never Herning's schools.
	if text := reportText(t, s, sspOther, kort); strings.Contains(text, "Brændgårdskolen") || !strings.Contains(text, "Sønderlandsskolen") {
		t.Error("Holstebro's report shows another municipality's schools")
	}
}
