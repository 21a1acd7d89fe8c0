package surveys_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/surveys"
)

// pupilLanguages are the languages pupils can answer in (locales/pupil.*.yaml). The parser
// requires every pupil-facing text (title, intro, topics, questions, option and scale labels)
// in every declared language, so together with this list the test fails when any shipped
// survey lacks a text in any of them.
var pupilLanguages = []string{"da", "en", "uk", "ar"}

func TestShippedSurveysAreValidInEveryPupilLanguage(t *testing.T) {
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatalf("shipped surveys are invalid:\n%v", err)
	}
	if len(all) < 2 {
		t.Fatalf("parsed %d surveys, want the full and the short survey", len(all))
	}
	for _, s := range all {
		for _, lang := range pupilLanguages {
			if !slices.Contains(s.Languages, lang) {
				t.Errorf("%s: languages %v lacks %q", s.File, s.Languages, lang)
			}
		}
		// Belt and braces: the texts a pupil sees are present in every language.
		for _, lang := range pupilLanguages {
			check := func(what string, txt survey.Text) {
				t.Helper()
				if txt[lang] == "" {
					t.Errorf("%s: %s has no %q text", s.File, what, lang)
				}
			}
			check("title", s.Title)
			check("intro", s.Intro)
			for name, steps := range s.Scales {
				for _, o := range steps {
					check("scale "+name+" step "+o.ID, o.Label)
				}
			}
			for _, it := range s.Items {
				check("item "+it.ID+" topic", it.Topic)
				check("item "+it.ID+" self question", it.Self.Text)
				check("item "+it.ID+" perceived question", it.Perceived.Text)
				for _, o := range it.Self.Options {
					check("item "+it.ID+" option "+o.ID, o.Label)
				}
			}
		}
	}
}

// The short survey reuses items of the full one so that results can be compared: an item with
// the same id must read the same in every language, translations included, in the versions
// sessions are created with (each survey's latest; older versions stay as they were asked).
func TestSharedItemsHaveTheSameWordingInEveryLanguage(t *testing.T) {
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]*survey.Item{}
	from := map[string]string{}
	for _, s := range latest(all) {
		for i := range s.Items {
			it := &s.Items[i]
			prev, ok := first[it.ID]
			if !ok {
				first[it.ID], from[it.ID] = it, s.File
				continue
			}
			if !reflect.DeepEqual(prev.Topic, it.Topic) || !reflect.DeepEqual(prev.Self, it.Self) ||
				!reflect.DeepEqual(prev.Perceived.Text, it.Perceived.Text) {
				t.Errorf("item %q reads differently in %s and %s", it.ID, from[it.ID], s.File)
			}
		}
	}
}

// latest returns the newest version of each survey.
func latest(all []*survey.Survey) []*survey.Survey {
	newest := map[string]*survey.Survey{}
	var ids []string
	for _, s := range all {
		prev, ok := newest[s.ID]
		if !ok {
			ids = append(ids, s.ID)
		}
		if !ok || s.Version > prev.Version {
			newest[s.ID] = s
		}
	}
	out := make([]*survey.Survey, 0, len(ids))
	for _, id := range ids {
		out = append(out, newest[id])
	}
	return out
}
