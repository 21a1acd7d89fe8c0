package survey

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

var surveyKeys = keys{
	required: []string{"id", "version", "languages", "title", "intro", "grades", "scales", "items"},
	optional: []string{"minutes"},
}

// survey reads a whole survey from the root node of a file. It returns nil when the root
// is not a mapping; otherwise it returns what it could read, and the problems say whether
// that can be used.
func (c *checker) survey(root *yaml.Node) *Survey {
	top := where{}
	f, ok := c.mapping(root, top, surveyKeys)
	if !ok {
		return nil
	}
	s := &Survey{File: c.file}
	// Languages come first: every text is checked against them.
	s.Languages = c.readLanguages(f)
	if n := f.value("id"); n != nil {
		s.ID, _ = c.id(n, top.key("id"), idPattern)
	}
	if n := f.value("version"); n != nil {
		if v, ok := c.integer(n, top.key("version")); ok {
			s.Version = v
			if v < 1 {
				c.report(n, top.key("version"), "must be at least 1, got %d", v)
			}
		}
	}
	if n := f.value("title"); n != nil {
		s.Title = c.pupilText(n, top.key("title"))
	}
	if n := f.value("intro"); n != nil {
		s.Intro = c.pupilText(n, top.key("intro"))
	}
	if n := f.value("grades"); n != nil {
		s.Grades = c.grades(n, top.key("grades"))
	}
	if n := f.value("minutes"); n != nil {
		if m, ok := c.integer(n, top.key("minutes")); ok {
			s.Minutes = m
			if m < 1 {
				c.report(n, top.key("minutes"), "must be at least 1, got %d", m)
			}
		}
	}
	if n := f.value("scales"); n != nil {
		s.Scales = c.scales(n)
	}
	if n := f.value("items"); n != nil {
		s.Items = c.items(n, s.Scales)
	}
	return s
}

// readLanguages reads `languages` and remembers the valid ones for checking texts. Danish
// and English are required because teachers read them and they are the fallbacks.
func (c *checker) readLanguages(f fields) []string {
	w := where{path: "languages"}
	c.setLanguages(teacherLanguages)
	n := f.value("languages")
	if n == nil {
		return nil
	}
	list, ok := c.sequence(n, w)
	if !ok {
		return nil
	}
	var langs []string
	first := seen{}
	for _, e := range list {
		lang, ok := c.str(e, w)
		if !ok || !c.unique(first, e, w, "language", lang) {
			continue
		}
		if !languagePattern.MatchString(lang) {
			c.report(e, w, "%s is not a language tag such as \"da\" or \"uk\"", quote(lang))
			continue
		}
		langs = append(langs, lang)
	}
	for _, need := range teacherLanguages {
		if !slices.Contains(langs, need) {
			c.report(n, w, "must include %q", need)
		}
	}
	c.setLanguages(langs)
	return langs
}

// setLanguages declares the languages every pupil-facing text needs; a text may also have
// the teacher languages.
func (c *checker) setLanguages(langs []string) {
	c.languages = langs
	c.known = map[string]bool{}
	for _, lang := range slices.Concat(langs, teacherLanguages) {
		c.known[lang] = true
	}
}

// grades reads the school grades a survey is meant for (0 to 10 in the Danish school).
func (c *checker) grades(n *yaml.Node, w where) []int {
	list, ok := c.sequence(n, w)
	if !ok {
		return nil
	}
	if len(list) == 0 {
		c.report(n, w, "list at least one grade")
		return nil
	}
	var grades []int
	for _, e := range list {
		g, ok := c.integer(e, w)
		if !ok {
			continue
		}
		switch {
		case g < 0 || g > 10:
			c.report(e, w, "%d is not a school grade (0-10)", g)
		case slices.Contains(grades, g):
			c.report(e, w, "grade %d is listed twice", g)
		default:
			grades = append(grades, g)
		}
	}
	return grades
}

var stepKeys = keys{required: []string{"id", "value", "label"}}

// scales reads the answer scales of perceived questions. Every scale is kept, even a
// broken one, so that items using it are not also reported as naming an unknown scale.
func (c *checker) scales(n *yaml.Node) map[string][]Option {
	w := where{path: "scales"}
	if n.Kind != yaml.MappingNode {
		c.report(n, w, "want a mapping from scale name to steps, got %s", describe(n))
		return nil
	}
	scales := map[string][]Option{}
	first := seen{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		name, _ := c.id(k, w, optionIDPattern)
		if name == "" || !c.unique(first, k, where{}, "scale", name) {
			continue
		}
		scales[name] = c.scale(k, v, where{prefix: fmt.Sprintf("scale %s: ", quote(name))})
	}
	if len(n.Content) == 0 {
		c.report(n, w, "declare at least one scale")
	}
	return scales
}

// scale reads the steps of one scale. Values are shares of the class (0 to 1) and must
// ascend strictly, so that the perceived mean and over/underestimation make sense.
func (c *checker) scale(name, n *yaml.Node, w where) []Option {
	list, ok := c.sequence(n, w)
	if !ok {
		return nil
	}
	if len(list) < 2 {
		c.report(name, w, "needs at least 2 steps, got %d", len(list))
	}
	var steps []Option
	first := seen{}
	prev, hasPrev := 0.0, false
	for i, e := range list {
		sw := where{prefix: w.prefix + entryName(e, "step", i)}
		f, ok := c.mapping(e, sw, stepKeys)
		if !ok {
			continue
		}
		var step Option
		if n := f.value("id"); n != nil {
			step.ID, _ = c.id(n, sw.key("id"), optionIDPattern)
			c.unique(first, n, w, "step id", step.ID)
		}
		if n := f.value("value"); n != nil {
			if v, ok := c.number(n, sw.key("value")); ok {
				step.Value = v
				switch {
				case !(v >= 0 && v <= 1):
					c.report(n, sw.key("value"), "%g is outside [0, 1]", v)
				case hasPrev && v <= prev:
					c.report(n, sw.key("value"), "%g does not ascend from the step before (%g)", v, prev)
				}
				if v >= 0 && v <= 1 {
					prev, hasPrev = v, true
				}
			}
		}
		if n := f.value("label"); n != nil {
			step.Label = c.pupilText(n, sw.key("label"))
		}
		steps = append(steps, step)
	}
	return steps
}
