package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exportCSV fetches a CSV export as the given user, checks its byte-order mark and reads it
// with sep between cells.
func exportCSV(t *testing.T, s *testServer, token, target string, sep rune) (*http.Response, [][]string) {
	t.Helper()
	resp, body := getAs(t, s, token, target)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", target, resp.StatusCode, body)
	}
	if !strings.HasPrefix(body, "\ufeff") {
		t.Fatalf("%s has no UTF-8 byte-order mark: %q", target, body[:min(len(body), 20)])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = sep
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s read with %q: %v", target, sep, err)
	}
	return resp, records
}

// percentText is a share as the exports write it: 100 × share to the nearest tenth, halves
// away from zero (the rounding of gap_pp), with decimal as the decimal mark.
func percentText(share float64, decimal string) string {
	return strings.Replace(strconv.FormatFloat(math.Round(1000*share)/10, 'f', 1, 64), ".", decimal, 1)
}

// schoolSleep is the compare API's figure the exports must repeat: the school's sleep share.
func schoolSleep(t *testing.T, s *testServer, token, query string) (share float64, schoolID string) {
	t.Helper()
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/compare?"+query, token, nil)
	var api struct {
		Rows []struct {
			SchoolID string `json:"school_id"`
			Items    []struct {
				ID          string   `json:"id"`
				ActualShare *float64 `json:"actual_share"`
			} `json:"items"`
		} `json:"rows"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &api) != nil || len(api.Rows) == 0 {
		t.Fatalf("compare: %d %s", status, body)
	}
	for _, it := range api.Rows[0].Items {
		if it.ID == "sleep" && it.ActualShare != nil {
			return *it.ActualShare, api.Rows[0].SchoolID
		}
	}
	t.Fatalf("the school's sleep figure is hidden: %s", body)
	return 0, ""
}

func TestExportCSVInDanishExcelFormat(t *testing.T) {
	s, ssp, _, _ := sspScenario(t)
	q := "municipality=Herning&" + kort
	share, _ := schoolSleep(t, s, ssp, q)

	wantHeader := "Niveau|Kommune|Skole|Klasse|Antal elever der svarede|Emne-kode|Emne|Svar om sig selv (antal)|" +
		"Gæt om de andre (antal)|Andel der gør det (%)|95 %-interval, fra (%)|95 %-interval, til (%)|" +
		"Gruppens gæt i gennemsnit (%)|Gæt minus virkelighed (procentpoint)|Gættede for højt (%)|Gættede for lavt (%)|Status"
	// Danish when asked, and when nothing is asked (Danish is the staff pages' default).
	for _, target := range []string{"/api/v1/export.csv?" + q + "&lang=da", "/api/v1/export.csv?" + q} {
		resp, records := exportCSV(t, s, ssp, target, ';')
		if cd := resp.Header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="helt-normal-herning-jeg-er-helt-normal-kort-[0-9]{4}-[0-9]{2}\.csv"$`).MatchString(cd) {
			t.Errorf("%s: Content-Disposition %q", target, cd)
		}
		if got := strings.Join(records[0], "|"); got != wantHeader {
			t.Fatalf("%s: header\n%s\nwant\n%s", target, got, wantHeader)
		}
		found := 0
		for _, r := range records[1:] {
			if len(r) != 17 {
				t.Fatalf("row of %d cells: %q", len(r), r)
			}
			switch {
			case r[0] == "skole" && r[5] == "sleep":
				found++
				if r[9] != percentText(share, ",") || !strings.Contains(r[9], ",") || r[6] != "Søvn" || r[16] != "vist" {
					t.Errorf("school sleep %q, want %s from the compare API's %v", r, percentText(share, ","), share)
				}
			case r[0] == "klasse" && r[3] == "8.C":
				found++
				if strings.Join(r[7:16], "") != "" || r[16] != "skjult" {
					t.Errorf("the hidden class of 4 has figures: %q", r)
				}
			}
		}
		if found != 7 { // the school's sleep row and 8.C's six topics
			t.Errorf("%s: found %d of the rows looked for", target, found)
		}
	}

	// English: commas, decimal points, English headers.
	_, records := exportCSV(t, s, ssp, "/api/v1/export.csv?"+q+"&lang=en", ',')
	if got := strings.Join(records[0][:10], "|"); got != "Level|Municipality|School|Class|Pupils who answered|Topic code|Topic|"+
		"Answers about themselves (count)|Guesses about the others (count)|Share who do it (%)" {
		t.Errorf("English header %s", got)
	}
	for _, r := range records[1:] {
		if r[0] == "school" && r[5] == "sleep" && (r[9] != percentText(share, ".") || r[16] != "shown") {
			t.Errorf("English school sleep %q", r)
		}
		if r[0] == "class" && r[3] == "8.C" && r[16] != "hidden" {
			t.Errorf("English 8.C %q", r)
		}
	}

	// The codebook explains the codes, in the same format.
	resp, book := exportCSV(t, s, ssp, "/api/v1/export-codebook.csv?"+q+"&lang=da", ';')
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="helt-normal-kodebog-jeg-er-helt-normal-kort-v2.csv"` {
		t.Errorf("codebook Content-Disposition %q", cd)
	}
	codes := map[string]string{}
	for _, r := range book[1:] {
		codes[r[0]+"|"+r[1]] += r[2] + "\n"
	}
	if strings.Join(book[0], "|") != "Kolonne eller emne|Kode|Betydning" || !strings.Contains(codes["Status|skjult"], "en tom celle er ikke et nul") ||
		!strings.Contains(codes["Niveau|skole"], "skolens klasser") || !strings.Contains(codes["Søvn|sleep"], "(tæller med i andelen)") ||
		!strings.Contains(codes["Andel der gør det (%)|"], "halve væk fra nul") {
		t.Errorf("codebook:\n%q", book)
	}
	_, book = exportCSV(t, s, ssp, "/api/v1/export-codebook.csv?"+q+"&lang=en", ',')
	if strings.Join(book[0], "|") != "Column or topic|Code|Meaning" {
		t.Errorf("English codebook header %q", book[0])
	}
}

func TestExportResultsCSVInDanishExcelFormat(t *testing.T) {
	s, _, _, teacher := sspScenario(t)
	_, list := callAPI(t, s, http.MethodGet, "/api/v1/sessions", teacher, nil)
	ids := regexp.MustCompile(`"id":"([^"]+)"`).FindAllStringSubmatch(list, -1)
	if len(ids) == 0 {
		t.Fatalf("sessions: %s", list)
	}
	found, hidden := 0, 0
	for _, id := range ids {
		_, records := exportCSV(t, s, teacher, "/sessions/"+id[1]+"/results.csv", ';')
		if got := strings.Join(records[0][:4], "|"); got != "Emne-kode|Emne|Svar om sig selv (antal)|Gæt om de andre (antal)" {
			t.Fatalf("header %s", got)
		}
		for _, r := range records[1:] {
			if r[0] == "sleep" && r[11] == "skjult" && strings.Join(r[2:11], "") == "" {
				hidden++
			}
			if r[0] == "sleep" && r[11] == "vist" {
				found++
				if n, _ := strconv.Atoi(r[2]); r[4] != percentText(float64(sleepYes(n))/float64(n), ",") {
					t.Errorf("sleep of a class of %d: %q", n, r)
				}
			}
		}
	}
	// The results page links the codebook of the class's survey next to the CSV.
	_, page := getAs(t, s, teacher, "/sessions/"+ids[0][1]+"/results?lang=da")
	link := regexp.MustCompile(`<a class="button secondary" href="(/api/v1/export-codebook\.csv\?[^"]+)" download>Kodebog til eksporten \(CSV\)</a>`).FindStringSubmatch(page)
	if link == nil {
		t.Fatalf("no codebook link on the results page")
	}
	if _, book := exportCSV(t, s, teacher, html.UnescapeString(link[1]), ';'); len(book) < 20 || book[0][0] != "Kolonne eller emne" {
		t.Errorf("the teacher's codebook: %q", book)
	}
	if found != 2 || hidden != 1 { // 8.A and 8.B shown, the class of 4 hidden
		t.Errorf("%d classes' sleep rows shown and %d hidden, want 2 and 1", found, hidden)
	}
}

// sleepYes is how many of a sspScenario class of n sleep 8 hours or more.
func sleepYes(n int) int { return map[int]int{20: 15, 18: 9}[n] }

func TestExportXLSXHasAChartPerTopicAndTheCodebook(t *testing.T) {
	s, ssp, _, _ := sspScenario(t)
	q := "municipality=Herning&" + kort
	share, schoolID := schoolSleep(t, s, ssp, q)
	for _, tt := range []struct {
		lang, sheets, charts, shown, hidden string
	}{
		{"da", "Data|Grafer|Kodebog|Om tallene", "Grafer", "vist", "skjult"},
		{"en", "Data|Charts|Codebook|About the figures", "Charts", "shown", "hidden"},
	} {
		// One school: its chart compares its classes, the class of 4 among them.
		resp, body := getAs(t, s, ssp, "/api/v1/export.xlsx?"+q+"&school_id="+schoolID+"&lang="+tt.lang)
		if resp.StatusCode != 200 {
			t.Fatalf("xlsx: %d %s", resp.StatusCode, body)
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(f.GetSheetList(), "|"); got != tt.sheets {
			t.Errorf("%s sheets %s", tt.lang, got)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="helt-normal-herning-jeg-er-helt-normal-kort-`) || !strings.HasSuffix(cd, `.xlsx"`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		rows, err := f.GetRows("Data", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		// The same header as the CSV in the same language.
		_, records := exportCSV(t, s, ssp, "/api/v1/export.csv?"+q+"&lang="+tt.lang, map[string]rune{"da": ';', "en": ','}[tt.lang])
		if strings.Join(rows[0], "|") != strings.Join(records[0], "|") {
			t.Errorf("%s: xlsx header %q, csv header %q", tt.lang, rows[0], records[0])
		}
		if style, _ := f.GetCellStyle("Data", "J2"); style == 0 {
			t.Errorf("%s: the share has no number format", tt.lang)
		}
		// The codebook sheet has the questions' exact wording.
		sv, _ := s.surveys.Latest("jeg-er-helt-normal-kort")
		sleep, _ := sv.Item("sleep")
		codebook, _ := f.GetRows(strings.Split(tt.sheets, "|")[2])
		wording := false
		for _, r := range codebook {
			wording = wording || (len(r) == 3 && strings.HasSuffix(r[2], ": "+sleep.Self.Text[tt.lang]))
		}
		if !wording {
			t.Errorf("%s: the codebook lacks the sleep question's wording: %q", tt.lang, codebook)
		}
		for _, r := range rows[1:] {
			r = append(r, make([]string, 17)...)
			if r[5] == "sleep" && r[3] == "" && r[2] != "" { // the school's row
				if got, _ := strconv.ParseFloat(r[9], 64); got != share || r[16] != tt.shown {
					t.Errorf("%s: school sleep %q, want %v", tt.lang, r[:17], share)
				}
			}
			if r[3] == "8.C" && (strings.Join(r[7:16], "") != "" || r[16] != tt.hidden) {
				t.Errorf("%s: hidden 8.C %q", tt.lang, r[:17])
			}
		}
		// The charts' tables: 8.C's cells are empty, not zero.
		charted, err := f.GetRows(tt.charts, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		classC := 0
		for _, r := range charted {
			if len(r) > 0 && r[0] == "8.C" {
				classC++
				if strings.Join(r[1:], "") != "" {
					t.Errorf("%s: 8.C charted as %q", tt.lang, r)
				}
			}
		}
		if classC != 6 {
			t.Errorf("%s: 8.C in %d chart tables, want 6", tt.lang, classC)
		}
		f.Close()

		charts := chartParts(t, body)
		if len(charts) != 6 {
			t.Fatalf("%s: %d charts, want one per topic (6)", tt.lang, len(charts))
		}
		for _, c := range charts {
			if !strings.Contains(c, `<barDir val="bar"`) || !strings.Contains(c, `<dispBlanksAs val="gap"`) ||
				!strings.Contains(c, "'"+tt.charts+"'!$B$") || strings.Count(c, "<ser>") != 2 {
				t.Errorf("%s: chart %.600s", tt.lang, c)
			}
		}
	}
}

// chartParts are the chart XML parts of a workbook.
func chartParts(t *testing.T, xlsx string) []string {
	t.Helper()
	z, err := zip.NewReader(strings.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, file := range z.File {
		if regexp.MustCompile(`^xl/charts/chart[0-9]+\.xml$`).MatchString(file.Name) {
			r, err := file.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(r)
			r.Close()
			out = append(out, html.UnescapeString(string(data)))
		}
	}
	return out
}

func TestExportWithoutSurveyComparesTheBusiestSurvey(t *testing.T) {
	s, ssp, _, _ := sspScenario(t)
	// Herning's classes all answered the short survey: a link without survey_id compares it.
	for _, path := range []string{"/api/v1/export.csv?municipality=Herning", "/api/v1/export.xlsx", "/api/v1/export-codebook.csv"} {
		resp, body := getAs(t, s, ssp, path)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "jeg-er-helt-normal-kort") {
			t.Errorf("%s: %d %q %.200s", path, resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
		}
	}
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/compare?municipality=Herning", ssp, nil)
	if status != 200 || !strings.Contains(body, `"survey_id":"jeg-er-helt-normal-kort"`) {
		t.Errorf("compare without survey_id: %d %.200s", status, body)
	}
	// Where no class has closed a session, the main survey.
	admin := seedRole(t, s, "admin", "", "admin@rm.dk")
	status, body = callAPI(t, s, http.MethodGet, "/api/v1/compare?municipality=Aarhus", admin, nil)
	if status != 200 || !strings.Contains(body, `"survey_id":"jeg-er-helt-normal-7-9"`) {
		t.Errorf("compare in a municipality without sessions: %d %.200s", status, body)
	}
	if resp, _ := getAs(t, s, ssp, "/api/v1/export.csv?survey_version=1"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a version without a survey: %d", resp.StatusCode)
	}
}
