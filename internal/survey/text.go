package survey

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// teacherLanguages are the languages teacher-facing texts (discussion, campaign) need:
// teachers and SSP consultants read Danish, and English covers international classes.
var teacherLanguages = []string{"da", "en"}

// translation is one language's entry in a mapping from language to text or questions.
type translation struct {
	lang  string
	key   *yaml.Node
	value *yaml.Node
}

// translations checks a mapping from language to something and returns its entries.
// A language outside `languages` is a problem: it is usually a typo ("dk") and would
// otherwise never be shown.
func (c *checker) translations(n *yaml.Node, w where) (*yaml.Node, []translation, bool) {
	if n.Kind != yaml.MappingNode {
		c.report(n, w, "want a mapping from language to text, got %s", describe(n))
		return nil, nil, false
	}
	var out []translation
	first := seen{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			c.report(k, w, "want a language tag, got %s", describe(k))
			continue
		}
		if !c.unique(first, k, w, "language", k.Value) {
			continue
		}
		if !c.known[k.Value] {
			c.report(k, w, "language %s is not in languages", quote(k.Value))
			continue
		}
		out = append(out, translation{lang: k.Value, key: k, value: v})
	}
	return n, out, true
}

// text reads a Text that must be non-empty in every language of need.
func (c *checker) text(n *yaml.Node, w where, need []string) Text {
	m, entries, ok := c.translations(n, w)
	if !ok {
		return nil
	}
	t := Text{}
	present := make(map[string]bool, len(entries))
	for _, e := range entries {
		present[e.lang] = true
		s, ok := c.str(e.value, w)
		if !ok {
			continue
		}
		if strings.TrimSpace(s) == "" {
			c.report(e.value, w, "%s text is empty", quote(e.lang))
			continue
		}
		t[e.lang] = s
	}
	for _, lang := range need {
		if !present[lang] {
			c.report(m, w, "missing %s text", quote(lang))
		}
	}
	return t
}

// pupilText reads a text shown to pupils, which needs every declared language.
func (c *checker) pupilText(n *yaml.Node, w where) Text { return c.text(n, w, c.languages) }

// teacherText reads a text shown to teachers, which needs Danish and English.
func (c *checker) teacherText(n *yaml.Node, w where) Text { return c.text(n, w, teacherLanguages) }

// discussion reads the questions a teacher may put to the class, per language.
func (c *checker) discussion(n *yaml.Node, w where) map[string][]string {
	m, entries, ok := c.translations(n, w)
	if !ok {
		return nil
	}
	out := map[string][]string{}
	for _, e := range entries {
		list, ok := c.sequence(e.value, w.key(e.lang))
		if !ok {
			continue
		}
		if len(list) == 0 {
			c.report(e.value, w, "%s has no questions", quote(e.lang))
			continue
		}
		for _, q := range list {
			s, ok := c.str(q, w.key(e.lang))
			if !ok {
				continue
			}
			if strings.TrimSpace(s) == "" {
				c.report(q, w, "%s question is empty", quote(e.lang))
				continue
			}
			out[e.lang] = append(out[e.lang], s)
		}
	}
	for _, lang := range teacherLanguages {
		if !has(entries, lang) {
			c.report(m, w, "missing %q questions", lang)
		}
	}
	return out
}

func has(entries []translation, lang string) bool {
	for _, e := range entries {
		if e.lang == lang {
			return true
		}
	}
	return false
}
