package survey

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseValid(t *testing.T) {
	s := parseFile(t, "testdata/valid.yaml")

	if s.ID != "test-survey" || s.Version != 2 || s.Key() != "test-survey@2" {
		t.Errorf("id, version = %q, %d; want test-survey, 2", s.ID, s.Version)
	}
	if s.File != "testdata/valid.yaml" {
		t.Errorf("File = %q", s.File)
	}
	if want := []string{"da", "en", "uk"}; !reflect.DeepEqual(s.Languages, want) {
		t.Errorf("Languages = %v, want %v", s.Languages, want)
	}
	if want := []int{7, 8, 9}; !reflect.DeepEqual(s.Grades, want) {
		t.Errorf("Grades = %v, want %v", s.Grades, want)
	}
	if s.Minutes != 20 || s.Title.In("en") != "I'm completely normal" || s.Intro.In("uk") != "Відповідай чесно." {
		t.Errorf("Minutes, Title, Intro = %d, %v, %v", s.Minutes, s.Title, s.Intro)
	}

	wantScale := []Option{
		{ID: "none", Value: 0, Label: Text{"da": "Ingen", "en": "None", "uk": "Ніхто"}},
		{ID: "half", Value: 0.5, Label: Text{"da": "Halvdelen", "en": "Half", "uk": "Половина"}},
		{ID: "all", Value: 1, Label: Text{"da": "Alle", "en": "All", "uk": "Усі"}},
	}
	if !reflect.DeepEqual(s.Scales["share"], wantScale) || len(s.Scales) != 1 {
		t.Errorf("Scales = %+v, want share: %+v", s.Scales, wantScale)
	}

	if len(s.Items) != 2 {
		t.Fatalf("got %d items, want 2", len(s.Items))
	}
	sleep, ok := s.Item("sleep")
	if !ok {
		t.Fatal(`Item("sleep") not found`)
	}
	if sleep.Topic["da"] != "Søvn" || !sleep.Healthy || sleep.Sensitive {
		t.Errorf("sleep = topic %v, healthy %v, sensitive %v", sleep.Topic, sleep.Healthy, sleep.Sensitive)
	}
	wantOptions := []Option{
		{ID: "lt7", Label: Text{"da": "Under 7 timer", "en": "Less than 7 hours", "uk": "Менше 7 годин"}},
		{ID: "8plus", Label: Text{"da": "8 timer eller mere", "en": "8 hours or more", "uk": "8 годин або більше"}, Norm: true},
	}
	if !reflect.DeepEqual(sleep.Self.Options, wantOptions) {
		t.Errorf("sleep options = %+v, want %+v", sleep.Self.Options, wantOptions)
	}
	if sleep.Self.Text["en"] != "How much do you sleep?" || sleep.Perceived.Scale != "share" {
		t.Errorf("sleep questions = %v, %+v", sleep.Self.Text, sleep.Perceived)
	}
	if want := []string{"Why did we guess wrong?", "What helps you sleep?"}; !reflect.DeepEqual(sleep.Discussion["en"], want) {
		t.Errorf("sleep discussion en = %q, want %q", sleep.Discussion["en"], want)
	}
	if sleep.Campaign.Statement["da"] != "sover mindst 8 timer" || sleep.Campaign.Approval["en"] != "Most of us think going to bed early is fine." {
		t.Errorf("sleep campaign = %+v", sleep.Campaign)
	}

	drunk, ok := s.Item("drunk")
	if !ok || drunk.Healthy || !drunk.Sensitive || len(drunk.Discussion["uk"]) != 1 {
		t.Errorf("drunk = %+v", drunk)
	}
	if o, ok := drunk.SelfOption("yes"); !ok || !o.Norm {
		t.Errorf(`SelfOption("yes") = %+v, %v; want a norm option`, o, ok)
	}
	if _, ok := drunk.SelfOption("maybe"); ok {
		t.Error(`SelfOption("maybe") found an option that does not exist`)
	}
	if o, ok := s.PerceivedOption(drunk, "half"); !ok || o.Value != 0.5 {
		t.Errorf(`PerceivedOption("half") = %+v, %v; want value 0.5`, o, ok)
	}
	if _, ok := s.PerceivedOption(drunk, "lt7"); ok {
		t.Error(`PerceivedOption("lt7") found a self option on the perceived scale`)
	}
	if len(s.Scale(drunk)) != 3 {
		t.Errorf("Scale(drunk) has %d steps, want 3", len(s.Scale(drunk)))
	}
	if _, ok := s.Item("nope"); ok {
		t.Error(`Item("nope") found an item that does not exist`)
	}
}

// minimal is a valid survey whose line numbers the broken cases below refer to; each case
// changes a few lines of it.
const minimal = `id: mini
version: 1
languages: [da, en]
title: {da: Titel, en: Title}
intro: {da: Svar ærligt., en: Answer honestly.}
grades: [8]
scales:
  yes-no:
    - {id: "no", value: 0, label: {da: Nej, en: "No"}}
    - {id: "yes", value: 1, label: {da: Ja, en: "Yes"}}
items:
  - id: sleep
    topic: {da: Søvn, en: Sleep}
    healthy: true
    self:
      text: {da: "Sover du 8 timer?", en: "Do you sleep 8 hours?"}
      options:
        - {id: "no", label: {da: Nej, en: "No"}}
        - {id: "yes", label: {da: Ja, en: "Yes"}, norm: true}
    perceived:
      text: {da: "Hvor mange sover 8 timer?", en: "How many sleep 8 hours?"}
      scale: yes-no
    discussion:
      da: ["Hvorfor?"]
      en: ["Why?"]
    campaign:
      statement: {da: sover 8 timer, en: sleep 8 hours}
      approval: {da: Det er fint., en: That is fine.}
`

// minimalItem is the item of minimal, lines 12 to 28.
var minimalItem = minimal[strings.Index(minimal, "  - id: sleep"):]

func TestParseMinimal(t *testing.T) {
	s, err := Parse("mini.yaml", []byte(minimal))
	if err != nil {
		t.Fatalf("minimal survey is invalid:\n%v", err)
	}
	if s.Key() != "mini@1" || len(s.Items) != 1 || s.Items[0].Sensitive {
		t.Errorf("parsed %+v", s)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name    string
		replace []string // old, new pairs applied to minimal
		append  string   // added at the end of minimal
		data    string   // the whole file instead of minimal
		want    []string
	}{
		{
			name:   "duplicate item id",
			append: minimalItem,
			want:   []string{`mini.yaml:29: duplicate item id "sleep" (first on line 12)`},
		},
		{
			name:    "missing Danish label",
			replace: []string{`- {id: "no", label: {da: Nej, en: "No"}}`, `- {id: "no", label: {en: "No"}}`},
			want:    []string{`mini.yaml:18: item "sleep": self option "no": label: missing "da" text`},
		},
		{
			name:    "missing English label on a scale step",
			replace: []string{`label: {da: Ja, en: "Yes"}}`, `label: {da: Ja}}`},
			want:    []string{`mini.yaml:10: scale "yes-no": step "yes": label: missing "en" text`},
		},
		{
			name:    "missing English topic",
			replace: []string{`topic: {da: Søvn, en: Sleep}`, `topic: {da: Søvn}`},
			want:    []string{`mini.yaml:13: item "sleep": topic: missing "en" text`},
		},
		{
			name:    "no norm option",
			replace: []string{`, norm: true}`, `}`},
			want:    []string{`mini.yaml:17: item "sleep": self question has no option with norm: true`},
		},
		{
			name:    "only norm options",
			replace: []string{`en: "No"}}` + "\n        - {id: \"yes\"", `en: "No"}, norm: true}` + "\n        - {id: \"yes\""},
			want:    []string{`mini.yaml:17: item "sleep": self question needs an option without norm: true`},
		},
		{
			name:    "fewer than two options",
			replace: []string{`        - {id: "no", label: {da: Nej, en: "No"}}` + "\n", ``},
			want:    []string{`mini.yaml:17: item "sleep": self question needs at least 2 options, got 1`},
		},
		{
			name:    "unknown scale",
			replace: []string{`scale: yes-no`, `scale: of-ten`},
			want:    []string{`mini.yaml:22: item "sleep": perceived.scale: unknown scale "of-ten"`},
		},
		{
			name:    "missing perceived scale",
			replace: []string{`scale: yes-no`, `# scale: yes-no`},
			want:    []string{`mini.yaml:21: item "sleep": perceived: missing key "scale"`},
		},
		{
			name:    "scale value above 1",
			replace: []string{`value: 1,`, `value: 1.5,`},
			want:    []string{`mini.yaml:10: scale "yes-no": step "yes": value: 1.5 is outside [0, 1]`},
		},
		{
			name:    "scale not ascending",
			replace: []string{`value: 1,`, `value: 0,`},
			want:    []string{`mini.yaml:10: scale "yes-no": step "yes": value: 0 does not ascend from the step before (0)`},
		},
		{
			name:    "scale with one step",
			replace: []string{`    - {id: "yes", value: 1, label: {da: Ja, en: "Yes"}}` + "\n", ``},
			want:    []string{`mini.yaml:8: scale "yes-no": needs at least 2 steps, got 1`},
		},
		{
			name:    "duplicate scale step id",
			replace: []string{`{id: "yes", value: 1,`, `{id: "no", value: 1,`},
			want:    []string{`mini.yaml:10: scale "yes-no": duplicate step id "no" (first on line 9)`},
		},
		{
			name:    "unknown key typo in item",
			replace: []string{"healthy: true\n", "healthy: true\n    sensitiv: true\n"},
			want:    []string{`mini.yaml:15: item "sleep": unknown key "sensitiv" (did you mean "sensitive"?)`},
		},
		{
			name:    "unknown key in an option",
			replace: []string{`en: "No"}}` + "\n        - {id: \"yes\"", `en: "No"}, value: 0}` + "\n        - {id: \"yes\""},
			want:    []string{`mini.yaml:18: item "sleep": self option "no": unknown key "value"`},
		},
		{
			name:    "unknown top-level key",
			replace: []string{"grades: [8]\n", "grades: [8]\nitmes: []\n"},
			want:    []string{`mini.yaml:7: unknown key "itmes" (did you mean "items"?)`},
		},
		{
			name:    "empty text",
			replace: []string{`title: {da: Titel,`, `title: {da: "  ",`},
			want:    []string{`mini.yaml:4: title: "da" text is empty`},
		},
		{
			name:    "language not declared",
			replace: []string{`title: {da: Titel,`, `title: {dk: Titel, da: Titel,`},
			want:    []string{`mini.yaml:4: title: language "dk" is not in languages`},
		},
		{
			name:    "YAML syntax error",
			replace: []string{`topic: {da: Søvn, en: Sleep}`, `topic: {da: Søvn, en: Sleep`},
			want:    []string{`mini.yaml:13: YAML syntax error: did not find expected ',' or '}'`},
		},
		{
			name:    "version is not a number",
			replace: []string{`version: 1`, `version: one`},
			want:    []string{`mini.yaml:2: version: want a whole number, got "one"`},
		},
		{
			name:    "version below 1",
			replace: []string{`version: 1`, `version: 0`},
			want:    []string{`mini.yaml:2: version: must be at least 1, got 0`},
		},
		{
			name:    "healthy is not a boolean",
			replace: []string{`healthy: true`, `healthy: maybe`},
			want:    []string{`mini.yaml:14: item "sleep": healthy: want true or false, got "maybe"`},
		},
		{
			name:    "duplicate option id",
			replace: []string{`- {id: "yes", label`, `- {id: "no", label`},
			want:    []string{`mini.yaml:19: item "sleep": duplicate option id "no" (first on line 18)`},
		},
		{
			name:    "bad item id characters",
			replace: []string{`- id: sleep`, `- id: Sleep Well`},
			want:    []string{`mini.yaml:12: item "Sleep Well": id: "Sleep Well" must be lower-case letters, digits and "-", starting with a letter or digit`},
		},
		{
			name:    "bad survey id",
			replace: []string{`id: mini`, `id: -mini`},
			want:    []string{`mini.yaml:1: id: "-mini" must be lower-case letters, digits and "-", starting with a letter or digit`},
		},
		{
			name:    "languages without English",
			replace: []string{`languages: [da, en]`, `languages: [da, da]`},
			want: []string{
				`mini.yaml:3: languages: duplicate language "da" (first on line 3)`,
				`mini.yaml:3: languages: must include "en"`,
			},
		},
		{
			name:    "grade out of range",
			replace: []string{`grades: [8]`, `grades: [8, 11]`},
			want:    []string{`mini.yaml:6: grades: 11 is not a school grade (0-10)`},
		},
		{
			name:    "missing top-level keys",
			replace: []string{"intro: {da: Svar ærligt., en: Answer honestly.}\n", "", "grades: [8]\n", ""},
			want:    []string{`mini.yaml:1: missing key "intro"`, `mini.yaml:1: missing key "grades"`},
		},
		{
			name:    "discussion without questions",
			replace: []string{`da: ["Hvorfor?"]`, `da: []`},
			want:    []string{`mini.yaml:24: item "sleep": discussion: "da" has no questions`},
		},
		{
			name:    "campaign without English",
			replace: []string{`approval: {da: Det er fint., en: That is fine.}`, `approval: {da: Det er fint.}`},
			want:    []string{`mini.yaml:28: item "sleep": campaign.approval: missing "en" text`},
		},
		{
			name: "every problem in a file, sorted by line",
			replace: []string{
				`scale: yes-no`, `scale: of-ten`,
				`version: 1`, `version: one`,
				`healthy: true`, `healthy: maybe`,
			},
			want: []string{
				`mini.yaml:2: version: want a whole number, got "one"`,
				`mini.yaml:14: item "sleep": healthy: want true or false, got "maybe"`,
				`mini.yaml:22: item "sleep": perceived.scale: unknown scale "of-ten"`,
			},
		},
		{
			name: "empty file",
			data: "# nothing yet\n",
			want: []string{`mini.yaml:1: file is empty`},
		},
		{
			name: "not a mapping",
			data: "- id: mini\n",
			want: []string{`mini.yaml:1: want a mapping, got a list`},
		},
		{
			name: "not UTF-8",
			data: "id: mini\ntitle: {da: S\xf8vn}\n",
			want: []string{`mini.yaml:2: file is not UTF-8 text; save it as UTF-8`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if data == "" {
				data = strings.NewReplacer(tt.replace...).Replace(minimal) + tt.append
				if data == minimal {
					t.Fatal("the case changes nothing")
				}
			}
			s, err := Parse("mini.yaml", []byte(data))
			var problems Problems
			if !errors.As(err, &problems) {
				t.Fatalf("Parse = %v, %v; want Problems", s, err)
			}
			if s != nil {
				t.Errorf("Parse returned a survey along with problems")
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestParseFS(t *testing.T) {
	valid, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"b.yaml":        {Data: []byte(strings.Replace(minimal, "version: 1", "version: one", 1))},
		"a.yml":         {Data: []byte(minimal)},
		"c.yaml":        {Data: valid},
		"d.yaml":        {Data: []byte("id: [\n")},
		"notes.md":      {Data: []byte("not a survey")},
		"old/x.yaml":    {Data: []byte("not read: only the root counts")},
		"e.yaml.backup": {Data: []byte("ignored")},
	}
	surveys, err := ParseFS(fsys)
	want := "b.yaml:2: version: want a whole number, got \"one\"\n" +
		"d.yaml:2: YAML syntax error: did not find expected node content"
	if err == nil || err.Error() != want {
		t.Errorf("ParseFS error:\n%v\nwant:\n%s", err, want)
	}
	var keys []string
	for _, s := range surveys {
		keys = append(keys, s.File+"="+s.Key())
	}
	if want := []string{"a.yml=mini@1", "c.yaml=test-survey@2"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("ParseFS surveys = %v, want %v", keys, want)
	}
}

func TestParseDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte(minimal), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("id: mini\nsensitiv: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	surveys, err := ParseDir(dir)
	var problems Problems
	if !errors.As(err, &problems) || len(problems) == 0 {
		t.Fatalf("ParseDir error = %v, want Problems", err)
	}
	if got, want := problems[0].String(), filepath.Join(dir, "bad.yaml")+`:1: missing key "version"`; got != want {
		t.Errorf("first problem = %q, want %q", got, want)
	}
	if len(surveys) != 1 || surveys[0].File != filepath.Join(dir, "ok.yaml") {
		t.Errorf("ParseDir surveys = %+v, want ok.yaml only", surveys)
	}

	surveys, err = ParseDir("testdata")
	if err != nil || len(surveys) != 1 || surveys[0].File != filepath.Join("testdata", "valid.yaml") {
		t.Errorf("ParseDir(testdata) = %v, %v", surveys, err)
	}
}

func TestTextIn(t *testing.T) {
	tests := []struct {
		text Text
		lang string
		want string
	}{
		{Text{"da": "Søvn", "en": "Sleep", "uk": "Сон"}, "uk", "Сон"},
		{Text{"da": "Søvn", "en": "Sleep"}, "uk", "Søvn"},
		{Text{"da": "Søvn", "en": "Sleep"}, "en", "Sleep"},
		{Text{"en": "Sleep", "ar": ""}, "ar", "Sleep"},
		{Text{"ar": "نوم"}, "uk", ""},
		{nil, "da", ""},
	}
	for _, tt := range tests {
		if got := tt.text.In(tt.lang); got != tt.want {
			t.Errorf("%v.In(%q) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

func TestProblemString(t *testing.T) {
	if got := (Problem{File: "x.yaml", Line: 3, Message: "boom"}).String(); got != "x.yaml:3: boom" {
		t.Errorf("String() = %q", got)
	}
	if got := (Problem{File: "x.yaml", Message: "boom"}).String(); got != "x.yaml: boom" {
		t.Errorf("String() without a line = %q", got)
	}
}

func parseFile(t *testing.T, name string) *Survey {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(name, data)
	if err != nil {
		t.Fatalf("Parse(%s):\n%v", name, err)
	}
	return s
}

func TestParseAliases(t *testing.T) {
	// Anchors let an author write a label once and reuse it.
	data := strings.NewReplacer(
		`{id: "no", value: 0, label: {da: Nej, en: "No"}}`, `{id: "no", value: 0, label: &no {da: Nej, en: "No"}}`,
		`- {id: "no", label: {da: Nej, en: "No"}}`, `- {id: "no", label: *no}`,
	).Replace(minimal)
	s, err := Parse("mini.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Items[0].Self.Options[0].Label["da"]; got != "Nej" {
		t.Errorf("aliased label = %q, want Nej", got)
	}
}
