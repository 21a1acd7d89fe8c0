package report_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/pdftest"
	"github.com/heltnormal/heltnormal/internal/report"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/locales"
	"github.com/heltnormal/heltnormal/surveys"
)

var rules = results.Rules{MinGroup: 5, MinSensitive: 20}

func kort(t *testing.T) *survey.Survey {
	t.Helper()
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := survey.NewCatalog(all...)
	if err != nil {
		t.Fatal(err)
	}
	sv, ok := cat.Latest("jeg-er-helt-normal-kort")
	if !ok {
		t.Fatal("no short survey")
	}
	return sv
}

// class is a closed class of n pupils of whom yes sleep 8 hours or more; everybody guesses
// guess of 10 and has not been drunk.
func class(sv *survey.Survey, school, label string, wave model.Wave, n, yes int, guess string) compare.Summary {
	sess := &model.Session{ID: fmt.Sprintf("%s-%s-%s", school, label, wave), SurveyID: sv.ID, SurveyVersion: sv.Version,
		Items: []string{"sleep", "drunk"}, SchoolID: school, Municipality: "Skive", ClassLabel: label, Grade: 8, Wave: wave,
		SchoolYear: "2026/27"}
	var answers []map[string]model.Answer
	for i := 0; i < n; i++ {
		self := "lt7"
		if i < yes {
			self = "8plus"
		}
		answers = append(answers, map[string]model.Answer{"sleep": {Self: self, Perceived: guess}, "drunk": {Self: "no", Perceived: "3"}})
	}
	return compare.SummarizeAnswers(sv, sess, answers)
}

func TestReportHasEveryShownFigureAndNoHiddenOne(t *testing.T) {
	sv := kort(t)
	cat, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	shape := compare.Shape{Top: results.LevelMunicipality, Root: "Skive",
		Schools: map[string]string{"a": "Ådalskolen", "b": "Bøgeskolen", "c": "Lille Skole"}}
	base := compare.Build(sv, []compare.Summary{
		class(sv, "a", "8.A", model.WaveBaseline, 40, 10, "3"),
		class(sv, "b", "8.B", model.WaveBaseline, 22, 11, "3"),
		class(sv, "c", "8.C", model.WaveBaseline, 4, 3, "3"), // hidden: fewer than 5
	}, shape, rules)
	follow := compare.Build(sv, []compare.Summary{
		class(sv, "a", "8.A", model.WaveFollowUp, 40, 30, "7"),
		class(sv, "b", "8 b", model.WaveFollowUp, 22, 11, "3"),
	}, shape, rules)
	for _, lang := range []string{"da", "en"} {
		pdf, err := report.PDF(report.Input{Localizer: cat.Localizer(lang), Survey: sv, Tree: base, Base: base, Follow: follow,
			SchoolYear: "2026/27", Wave: "baseline", Rules: rules, Day: time.Date(2026, 12, 2, 15, 4, 5, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		text := pdftest.Text(t, pdf, "-layout")
		hidden, sleep := "skjult", "Søvn"
		if lang == "en" {
			hidden, sleep = "hidden", "Sleep"
		}
		for _, want := range []string{"Skive", "2026/27", sleep, "Ådalskolen", "Bøgeskolen", "Lille Skole", hidden, "Wilson",
			report.Percent(10.0/40, lang), report.Percent(30.0/40, lang), report.PP(30 - 25)} {
			if !strings.Contains(text, strings.ReplaceAll(want, "\u00a0", " ")) { // pdftotext writes a no-break space as a space
				t.Errorf("%s: the report lacks %q", lang, want)
			}
		}
		// Every character drawn has a glyph in the font: no empty boxes for "−" or "→".
		font, err := sfnt.Parse(goregular.TTF)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, r := range text {
			if i, err := font.GlyphIndex(&buf, r); r > ' ' && (err != nil || i == 0) {
				t.Errorf("%s: no glyph for %q", lang, r)
			}
		}
		if strings.Contains(text, "15:04") || regexp.MustCompile(`report\.[a-z]`).MatchString(text) {
			t.Errorf("%s: a time of day or a missing message in the report", lang)
		}
		// Lille Skole's row shows no figure: its 3 of 4 (75 %) is nowhere on it.
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "Lille Skole") && (strings.Contains(line, "%") || strings.Contains(line, "75") || strings.Contains(line, "4")) {
				t.Errorf("%s: hidden school shows a figure: %q", lang, line)
			}
		}
		// 8.A went from 25 % to 75 % with guesses from 30 % to 70 %: the gap shrank from 5 to
		// 5 points (no certain change); Ådalskolen's sleeping share rose clearly.
		rose := map[string]string{"da": "Andelen, der sover mindst 8 timer", "en": "The share who sleep at least 8 hours"}[lang]
		if !strings.Contains(strings.Join(strings.Fields(text), " "), rose) {
			t.Errorf("%s: no change in words about sleep", lang)
		}
	}
}
