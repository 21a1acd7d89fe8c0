package survey

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Inputs that took the parser long before it had limits, each named with how long it took
// then (on the 2-core CI machine); FuzzParse has the small ones as seeds.

// aliasedLongText uses a 100 KB text 30,000 times, each use 3 bytes: every item quoted it
// whole in a message (18.9 s; with a longer text or more uses, minutes).
func aliasedLongText(size, uses int) string {
	return "x: &s " + strings.Repeat("a", size) + "\nitems: [" + strings.Repeat("*s,", uses) + "]\n"
}

// aliasAmplifier is an 891-byte file whose 60 items each have 60 options, each with a label
// of 60 languages, all through aliases: 450,000 nodes and 227,000 problems (0.47 s).
func aliasAmplifier(width int) string {
	keys := make([]string, width)
	for i := range keys {
		keys[i] = fmt.Sprintf("k%d: x", i)
	}
	list := func(alias string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(alias+", ", width), ", ") + "]"
	}
	return "t: &t {" + strings.Join(keys, ", ") + "}\n" +
		"o: &o {label: *t}\n" +
		"i: &i {self: {options: " + list("*o") + "}}\n" +
		"items: " + list("*i") + "\n"
}

// deepFlow nests depth flow sequences and then holds entries "1,": 10,000 levels and
// 250,000 entries made the YAML library itself take 0.55 s.
func deepFlow(depth, entries int) string {
	return "id: x\nitems: " + strings.Repeat("[", depth) + strings.Repeat("1,", entries) + "\n"
}

// manyLanguages declares n languages and a title in each: checking a text against the
// languages took time n * n (20,000 took 2.7 s).
func manyLanguages(n int) string {
	var langs, texts []string
	for i := range n {
		lang := fmt.Sprintf("da-x%d", i)
		langs = append(langs, lang)
		texts = append(texts, lang+": t")
	}
	return "languages: [da, en, " + strings.Join(langs, ", ") + "]\ntitle: &t {" + strings.Join(texts, ", ") + "}\nintro: *t\n"
}

func TestParseLimits(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // the first problem
	}{
		{
			name: "file too large",
			data: strings.Repeat("# a comment line\n", maxFileSize/17+1),
			want: "big.yaml:1: file is larger than 512 KB (513 KB); a survey is usually under 60 KB",
		},
		{
			name: "flow nesting too deep",
			data: deepFlow(21, 1),
			want: "big.yaml:2: nesting deeper than 20 levels of lists and mappings (a survey needs 8)",
		},
		{
			name: "block nesting too deep",
			data: "id: x\nitems:\n" + strings.Repeat("- ", 20) + "x\n",
			want: "big.yaml:3: nesting deeper than 20 levels of lists and mappings (a survey needs 8)",
		},
		{
			name: "deep flow, then many entries",
			data: deepFlow(9_999, 250_000),
			want: "big.yaml:2: nesting deeper than 20 levels of lists and mappings (a survey needs 8)",
		},
		{
			name: "too many tokens",
			data: "id: x\nitems:\n" + strings.Repeat("- 1\n", maxTokens/2),
			want: "big.yaml:12500: file has more than 25000 YAML tokens (keys, values, dashes, commas and brackets)",
		},
		{
			name: "too many nodes",
			data: strings.Repeat("?\n", maxTokens), // each an empty key and an empty value
			want: "big.yaml:1: file has more than 50000 nodes (keys, values and list entries)",
		},
		{
			name: "aliases expand to too many nodes",
			data: aliasAmplifier(60),
			want: "big.yaml:1: aliases expand to more than 50000 nodes",
		},
		{
			name: "aliases expand to too much text",
			data: aliasedLongText(100_000, 11),
			want: "big.yaml:1: aliases expand to more than 1 MB of text",
		},
		{
			name: "many languages",
			data: manyLanguages(20_000),
			want: "big.yaml:1: file has more than 25000 YAML tokens (keys, values, dashes, commas and brackets)",
		},
		{
			name: "too many problems",
			data: "id: x\nitems:\n" + strings.Repeat("- 1\n", 1_000),
			want: "big.yaml: stopped after 100 problems; fix these and check again",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("big.yaml", []byte(tt.data))
			var problems Problems
			if !errors.As(err, &problems) {
				t.Fatalf("Parse = %v, want Problems", err)
			}
			if got := problems[0].String(); got != tt.want {
				t.Errorf("first problem:\n%s\nwant:\n%s", got, tt.want)
			}
			if len(problems) > maxProblems+1 {
				t.Errorf("%d problems, want at most %d", len(problems), maxProblems+1)
			}
		})
	}
}

// TestParseSlowestKnownInput checks that the slowest input found, which took 18.9 s, is
// now refused before the YAML library reads it. (Refused, not timed: a timed test would
// fail on a busy machine.)
func TestParseSlowestKnownInput(t *testing.T) {
	_, err := Parse("slow.yaml", []byte(aliasedLongText(100_000, 30_000)))
	want := "slow.yaml:2: file has more than 25000 YAML tokens (keys, values, dashes, commas and brackets)"
	if err == nil || err.Error() != want {
		t.Fatalf("Parse = %v, want %s", err, want)
	}
}

// TestRealSurveysAreWellInsideTheLimits keeps the limits far from what real surveys need:
// a survey with twice the items in twice the languages must still pass. When this fails,
// raise the limit, and measure how long the worst file within it takes.
func TestRealSurveysAreWellInsideTheLimits(t *testing.T) {
	files, err := filepath.Glob("../../surveys/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no surveys: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		size := (&expander{anchored: map[*yaml.Node]expansion{}}).expand(&doc)
		if len(data) > maxFileSize/4 || size.nodes > maxNodes/4 || size.text > maxText/4 {
			t.Errorf("%s: %d bytes, %d nodes, %d bytes of text; want at most a quarter of %d, %d and %d",
				f, len(data), size.nodes, size.text, maxFileSize, maxNodes, maxText)
		}
		if line, _ := prescan(data, 8, maxTokens/4); line > 0 {
			t.Errorf("%s:%d: nests deeper than 8 or has more than %d tokens", f, line, maxTokens/4)
		}
	}
}
