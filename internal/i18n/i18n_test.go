package i18n_test

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/locales"
)

func TestEveryLocaleHasEveryDanishMessage(t *testing.T) {
	c, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Languages()) < 2 || c.Languages()[0] != "da" || !c.Has("en") {
		t.Fatalf("languages = %v, want da first and en", c.Languages())
	}
	for file, ids := range c.Missing() {
		for _, id := range ids {
			t.Errorf("locales/%s.yaml lacks %q", file, id)
		}
	}
	for _, area := range []string{"pupil"} {
		if got := c.AreaLanguages(area); len(got) < 2 || got[0] != "da" {
			t.Errorf("area %s has languages %v, want da and more", area, got)
		}
	}
}

// The pupil side is offered in exactly these languages (issue 7): removing a pupil.LANG.yaml
// file, or a message from one, fails here. Staff pages stay Danish and English.
var pupilLanguages = []string{"da", "en", "uk", "ar"}

func TestPupilAreaHasEveryLanguageAndEveryMessage(t *testing.T) {
	c, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	got, want := c.AreaLanguages("pupil"), slices.Clone(pupilLanguages)
	slices.Sort(want[1:]) // Danish first, then the rest sorted
	if !slices.Equal(got, want) {
		t.Errorf("pupil area has languages %v, want exactly %v", got, want)
	}
	missing := c.Missing()
	for _, lang := range pupilLanguages {
		if !c.Has(lang) {
			t.Errorf("no locales/pupil.%s.yaml", lang)
			continue
		}
		for _, id := range missing["pupil."+lang] {
			t.Errorf("locales/pupil.%s.yaml lacks %q", lang, id)
		}
	}
	// Each language names itself in the language switch, and Arabic is laid out right to left.
	wantNames := map[string]string{"da": "Dansk", "en": "English", "uk": "Українська", "ar": "العربية"}
	for lang, name := range wantNames {
		if got := c.Name(lang); got != name {
			t.Errorf("Name(%q) = %q, want %q", lang, got, name)
		}
	}
	for _, lang := range pupilLanguages {
		want := "ltr"
		if lang == "ar" {
			want = "rtl"
		}
		if got := c.Localizer(lang).Dir(); got != want {
			t.Errorf("Dir(%q) = %q, want %q", lang, got, want)
		}
	}
}

// A translation keeps every template placeholder of the Danish message ({{.Code}}, ...), so a
// pupil never sees a raw placeholder or loses the code they typed.
func TestPupilTranslationsKeepPlaceholders(t *testing.T) {
	c, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
	da := readMessages(t, "pupil.da.yaml")
	for _, lang := range pupilLanguages[1:] {
		msgs := readMessages(t, "pupil."+lang+".yaml")
		for id, text := range da {
			var args []any
			for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
				args = append(args, m[1], "ARG-"+m[1])
			}
			if len(args) == 0 {
				if placeholder.MatchString(msgs[id]) {
					t.Errorf("pupil.%s.yaml %s has a placeholder Danish lacks: %q", lang, id, msgs[id])
				}
				continue
			}
			got := c.Localizer(lang).T(id, args...)
			for i := 1; i < len(args); i += 2 {
				if !strings.Contains(got, args[i].(string)) {
					t.Errorf("pupil.%s.yaml %s lost {{.%s}}: %q", lang, id, args[i-1], got)
				}
			}
		}
	}
}

func readMessages(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(locales.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func TestMissingIsDetected(t *testing.T) {
	c, err := i18n.Load(fstest.MapFS{
		"pupil.da.yaml": {Data: []byte("language.name: Dansk\na: A\nb: B\n")},
		"pupil.en.yaml": {Data: []byte("language.name: English\na: A\n")},
		"staff.da.yaml": {Data: []byte("c: C\n")},
		"staff.en.yaml": {Data: []byte("c: C\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Missing()["staff.en"]) != 0 {
		t.Errorf("staff.en reported missing %v", c.Missing()["staff.en"])
	}
	if got := c.Missing()["pupil.en"]; len(got) != 1 || got[0] != "b" {
		t.Errorf("missing = %v, want [b]", got)
	}
	// A missing message falls back to Danish rather than showing nothing.
	if got := c.Localizer("en").T("b"); got != "B" {
		t.Errorf("fallback = %q", got)
	}
}

func TestMatch(t *testing.T) {
	c, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		explicit, cookie, accept string
		allowed                  []string
		want                     string
	}{
		{"", "", "", nil, "da"},
		{"en", "da", "da", nil, "en"},
		{"", "en", "da", nil, "en"},
		{"", "", "en-GB,en;q=0.9,da;q=0.5", nil, "en"},
		{"", "", "de-DE,en;q=0.5", nil, "en"},
		{"", "", "fr", nil, "da"},
		{"xx", "", "en", nil, "en"},
		{"EN", "", "", nil, "en"},
		{"", "", "zz;q=bad", nil, "da"},
		{"en", "", "", []string{"da"}, "da"},
	}
	for _, tt := range tests {
		if got := c.Match(tt.explicit, tt.cookie, tt.accept, tt.allowed); got != tt.want {
			t.Errorf("Match(%q, %q, %q, %v) = %q, want %q", tt.explicit, tt.cookie, tt.accept, tt.allowed, got, tt.want)
		}
	}
}

func TestTemplateData(t *testing.T) {
	c, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Localizer("da").T("error.code_unknown", "Code", "AB12"); got != "Vi kan ikke finde koden AB12. Tjek den på tavlen, og prøv igen." {
		t.Errorf("got %q", got)
	}
	if got := c.Localizer("da").T("no.such.message"); got != "no.such.message" {
		t.Errorf("unknown id = %q", got)
	}
	if c.Localizer("ar").Dir() != "rtl" || c.Localizer("da").Dir() != "ltr" {
		t.Error("text direction")
	}
}
