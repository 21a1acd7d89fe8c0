package i18n_test

import (
	"testing"
	"testing/fstest"

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
