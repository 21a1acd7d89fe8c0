package material

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/surveys"
	teachingmaterial "github.com/heltnormal/heltnormal/teaching-material"
)

func TestEveryLessonAndGuideInBothLanguages(t *testing.T) {
	l, err := Load(teachingmaterial.FS)
	if err != nil {
		t.Fatal(err)
	}
	for lang, slugs := range map[string][]string{
		"da": {"lektion-1", "lektion-2", "lektion-3", "laerervejledning", "ssp-vejledning", "foraeldrebrev", "formidlingsstrategi", "regional-udrulning", "references"},
		"en": {"lesson-1", "lesson-2", "lesson-3", "teacher-guide", "ssp-guide", "letter-to-parents", "dissemination-strategy", "regional-rollout", "references"},
	} {
		docs := l.In(lang)
		if len(docs) != len(slugs) {
			t.Errorf("%s has %d documents, want %d", lang, len(docs), len(slugs))
		}
		for i, slug := range slugs {
			if i < len(docs) && docs[i].Slug != slug {
				t.Errorf("%s document %d is %s, want %s (reading order)", lang, i, docs[i].Slug, slug)
			}
			d, ok := l.Get(slug)
			if !ok || d.Title == "" || len(d.HTML) < 1000 {
				t.Errorf("%s: missing or nearly empty (%q, %d bytes)", slug, d.Title, len(d.HTML))
			}
			if strings.Contains(string(d.HTML), `.md"`) || strings.Contains(string(d.HTML), `.md#`) {
				t.Errorf("%s links to a Markdown file instead of its page", slug)
			}
		}
	}
}

// Each topic of the long survey has its own section in lesson 2, in both languages: the
// results page and the presenter link there.
func TestLessonTwoHasASectionPerTopic(t *testing.T) {
	l, err := Load(teachingmaterial.FS)
	if err != nil {
		t.Fatal(err)
	}
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range all {
		for _, it := range sv.Items {
			if it.ApprovalOf != "" {
				continue // discussed in its item's section (TopicURL)
			}
			for _, lang := range []string{"da", "en"} {
				url := TopicURL(lang, it.ID)
				slug, anchor, _ := strings.Cut(strings.TrimPrefix(url, "/materials/"), "#")
				d, _ := l.Get(slug)
				if !strings.Contains(string(d.HTML), `id="`+anchor+`"`) {
					t.Errorf("%s has no section for topic %q (%s)", slug, it.ID, url)
				}
			}
		}
	}
}

func TestLinksBetweenDocumentsBecomePages(t *testing.T) {
	l, err := Load(fstest.MapFS{
		"da/lektion-2.md": {Data: []byte("# Lektion 2\n\nSe [lektion 1](lektion-1.md#goals), [kilder](../references.md) og [BørneTelefonen](https://bornetelefonen.dk).\n")},
		"en/lesson-2.md":  {Data: []byte("# Lesson 2\n\nText.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := l.Get("lektion-2")
	for _, want := range []string{`href="/materials/lektion-1#goals"`, `href="/materials/references"`, `href="https://bornetelefonen.dk"`} {
		if !strings.Contains(string(d.HTML), want) {
			t.Errorf("missing %s in %s", want, d.HTML)
		}
	}
	if d.Title != "Lektion 2" || !strings.HasPrefix(d.Lead, "Se lektion 1") {
		t.Errorf("title %q lead %q", d.Title, d.Lead)
	}
}

func TestLoadRefusesMaterialWithoutLessonTwo(t *testing.T) {
	_, err := Load(fstest.MapFS{"da/lektion-1.md": {Data: []byte("# L1\n")}})
	if err == nil || !strings.Contains(err.Error(), "lektion-2.md is missing") {
		t.Errorf("err = %v", err)
	}
}
