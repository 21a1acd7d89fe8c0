// Package i18n translates Helt Normal's interface with go-i18n message files and picks each
// visitor's language. Message files are named AREA.LANG.yaml (pupil.da.yaml, staff.en.yaml):
// an area groups the messages one audience sees, so pupil pages can offer more languages than
// staff pages. Danish is the primary language: within an area, every other language must have
// every message Danish has, which a test checks.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Primary is the language every message is written in first and the fallback for the rest.
const Primary = "da"

// rightToLeft lists the languages written from right to left.
var rightToLeft = []string{"ar", "fa", "he", "ur"}

// Catalog holds every locale's messages; it is read once at start-up.
type Catalog struct {
	bundle  *goi18n.Bundle
	langs   []string // Primary first, then the others sorted
	matcher language.Matcher
	ids     map[string]map[string]map[string]bool // area -> language -> message ids
	names   map[string]string                     // language -> its own name ("Dansk")
}

// Load reads every AREA.LANG.yaml file at the root of fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	bundle := goi18n.NewBundle(language.Danish)
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	files, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	c := &Catalog{bundle: bundle, ids: map[string]map[string]map[string]bool{}, names: map[string]string{}}
	for _, name := range files {
		area, lang, ok := strings.Cut(strings.TrimSuffix(path.Base(name), ".yaml"), ".")
		if !ok || strings.Contains(lang, ".") {
			return nil, fmt.Errorf("locales/%s: name it AREA.LANG.yaml", name)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		mf, err := bundle.ParseMessageFileBytes(data, name)
		if err != nil {
			return nil, fmt.Errorf("locales/%s: %w", name, err)
		}
		if c.ids[area] == nil {
			c.ids[area] = map[string]map[string]bool{}
		}
		c.ids[area][lang] = map[string]bool{}
		for _, m := range mf.Messages {
			c.ids[area][lang][m.ID] = true
		}
		if !slices.Contains(c.langs, lang) {
			c.langs = append(c.langs, lang)
		}
	}
	for area, langs := range c.ids {
		if langs[Primary] == nil {
			return nil, fmt.Errorf("locales: area %q has no %s file", area, Primary)
		}
	}
	if len(c.ids) == 0 {
		return nil, errors.New("locales: no message files")
	}
	slices.Sort(c.langs)
	c.langs = slices.DeleteFunc(c.langs, func(l string) bool { return l == Primary })
	c.langs = append([]string{Primary}, c.langs...)
	tags := make([]language.Tag, len(c.langs))
	for i, l := range c.langs {
		tags[i] = language.Make(l)
		c.names[l] = c.Localizer(l).T("language.name")
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

// Languages lists the available languages, Danish first.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// Has reports whether lang is an available language.
func (c *Catalog) Has(lang string) bool { return slices.Contains(c.langs, lang) }

// AreaLanguages lists the languages an area (pupil, staff, ...) has files for, Danish first.
func (c *Catalog) AreaLanguages(area string) []string {
	var out []string
	for _, l := range c.langs {
		if c.ids[area][l] != nil {
			out = append(out, l)
		}
	}
	return out
}

// Name is a language's name in that language, for language switches.
func (c *Catalog) Name(lang string) string { return c.names[lang] }

// Missing lists, per area and language, the message ids Danish has and that language lacks.
// Keys are "area.lang" (e.g. "pupil.en").
func (c *Catalog) Missing() map[string][]string {
	out := map[string][]string{}
	for area, langs := range c.ids {
		for lang, ids := range langs {
			for id := range langs[Primary] {
				if !ids[id] {
					out[area+"."+lang] = append(out[area+"."+lang], id)
				}
			}
			slices.Sort(out[area+"."+lang])
		}
	}
	return out
}

// Messages lists every message id of the primary language, in every area.
func (c *Catalog) Messages() []string {
	var ids []string
	for _, langs := range c.ids {
		for id := range langs[Primary] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Match picks a language from, in order: an explicit choice (?lang=), the cookie of an
// earlier choice, the browser's Accept-Language header. allowed limits the choice (staff pages
// offer fewer languages than pupil pages); nil allows every language.
func (c *Catalog) Match(explicit, cookie, acceptLanguage string, allowed []string) string {
	ok := func(l string) bool {
		return c.Has(l) && (allowed == nil || slices.Contains(allowed, l))
	}
	for _, l := range []string{explicit, cookie} {
		if l = strings.ToLower(strings.TrimSpace(l)); ok(l) {
			return l
		}
	}
	if acceptLanguage != "" {
		prefs, _, err := language.ParseAcceptLanguage(acceptLanguage)
		if err == nil {
			for _, p := range prefs {
				base, _ := p.Base()
				if ok(base.String()) {
					return base.String()
				}
			}
		}
	}
	return Primary
}

// Localizer translates into one language.
type Localizer struct {
	Lang string
	l    *goi18n.Localizer
}

// Localizer returns a translator into lang, falling back to Danish message by message.
func (c *Catalog) Localizer(lang string) *Localizer {
	return &Localizer{Lang: lang, l: goi18n.NewLocalizer(c.bundle, lang, Primary)}
}

// Dir is the text direction of the language, for <html dir>.
func (l *Localizer) Dir() string {
	if slices.Contains(rightToLeft, l.Lang) {
		return "rtl"
	}
	return "ltr"
}

// T translates message id; args are name/value pairs for the template ("Count", 17).
// A message missing everywhere comes back as its id, so it is visible and a test catches it.
func (l *Localizer) T(id string, args ...any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		data := map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			if k, ok := args[i].(string); ok {
				data[k] = args[i+1]
			}
		}
		cfg.TemplateData = data
		if n, ok := data["Count"]; ok {
			cfg.PluralCount = n
		}
	}
	s, err := l.l.Localize(cfg)
	if err != nil && s == "" {
		return id
	}
	return s
}
