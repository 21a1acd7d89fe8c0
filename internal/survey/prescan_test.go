package survey

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// prescanSeeds are YAML texts whose nesting the scanner could misread: each place where it
// skips text, and each place where the library's tokenizer has a rule of its own.
var prescanSeeds = []string{
	"a:\n  b:\n    c: [1, {d: [2]}]\n",
	"- - - x\n",
	"a:\n- b:\n  - c:\n    - d\n",
	"? - a\n  - b\n: - c\n",
	": \n  : \n    : x\n",
	"a: b: c\n",
	"&a !t a:\n  &b b:\n    c: *a\n",
	"a:\n  b:\n# comment\n    c:\n# comment\n      d: 1\n",
	"k: |\n          \n  [[[[\n",
	"k: |2\n    [[[[\n  x: [[\n",
	"- >-\n  [[\n   {{\n- [x]\n",
	"a: plain\n  \"\nb: [[[1]]]\n",
	"a: plain\n  [[[[ still text\nb: 1\n",
	"a: plain # comment\n  b: [[1]]\n",
	"[a\n\" , [[1]]]\n",
	"[a, 'b [[', \"c \\\" [[\", d]\n",
	"{\"a\":[1], 'b':{c: [2]}}\n",
	"[it's, [1]]\n",
	"['it''s', [[1]]]\n",
	"[!t,[1] ,[[2]]]\n",
	"[&a [1], *a]\n",
	"a: 1\r[[[1]]]\r",
	"a: 1\u0085[[[1]]]\n",
	"a: \"x\u2028[[[\"\n",
	"\uFEFFa:\n  b: [1]\n",
	"a: 1\n\uFEFF[[[1]]]\n",
	"a:\n  b: |\n\uFEFF[[[1]]]\n",
	"a: b\n\uFEFF  [[[1]]]\n",
	"--- [[1]]\n--- {a: [2]}\n",
	"a: [1,\n  [2,\n    [3]]]\n",
	"a: 'multi\n  line [[' \nb: [[1]]\n",
	"ø: {æ: [å]}\n- x\n",
	"%YAML 1.2\n---\na: [1]\n",
	"a: x #c [[\nb: [y]\n",
	"[a #c [[\n, b]\n",
	"a:\n  -\n    -\n      - x\n",
	"a: !!str\n  b\n",
	// Found by FuzzPrescan.
	"[0: ]",
	"[]:",
	"[[]:]",
	"!0 :\n 0:",
	"---\n---\n---",
}

func TestPrescanDepth(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		limit int
		want  int // the line, 0 for none
	}{
		{"flow within the limit", "a: [[[1]]]\n", 4, 0},
		{"flow deeper", "a: 1\nb: [[[1]]]\n", 3, 2},
		{"block deeper", "a:\n  b:\n    c:\n      d: 1\n", 3, 4},
		{"compact sequences", "x: 1\n\n- - - - x\n", 3, 3},
		{"brackets in a plain scalar", "a: Vælg [a] eller [b [c [d\n", 1, 0},
		{"brackets in quotes", "a: [\"[[[\", '[[[']\n", 2, 0},
		{"brackets in a comment", "a: 1 # [[[[\n", 1, 0},
		{"brackets in a literal scalar", "a: |\n  [[[[\n  {{{{\nb: 1\n", 1, 0},
		{"after a literal scalar", "a: |\n  text\nb: [[[1]]]\n", 3, 3},
		{"comment lines close nothing", "a:\n  b:\n# c\n    c:\n# c\n      d: 1\n", 3, 6},
		{"a quote in a plain scalar's next line", "a: text\n  \"\nb: [[[1]]]\n", 3, 3},
		{"a lone carriage return breaks lines", "a: 1\r[[[[1]]]]\n", 3, 1},
		{"line counted by newlines", "a: 1\n\nb:\n  - [[[1]]]\n", 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := deeperThan([]byte(tt.data), tt.limit); got != tt.want {
				t.Errorf("deeperThan(%q, %d) = %d, want %d", tt.data, tt.limit, got, tt.want)
			}
		})
	}
}

// deeperThan returns the line on which prescan finds nesting deeper than limit, or 0.
func deeperThan(data []byte, limit int) int {
	line, tooDeep := prescan(data, limit, len(data)+1)
	if !tooDeep {
		return 0
	}
	return line
}

// FuzzPrescan checks that the scanner never counts less nesting than the YAML library
// builds, so that a file cannot slip deep nesting past it.
func FuzzPrescan(f *testing.F) {
	for _, s := range prescanSeeds {
		f.Add([]byte(s))
	}
	valid, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 || !utf8.Valid(data) {
			return // Parse refuses text that is not UTF-8 first
		}
		depth, nodes := 0, 0
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		for {
			var doc yaml.Node
			if err := dec.Decode(&doc); err != nil {
				if !errors.Is(err, io.EOF) {
					return // the library stopped, having built nothing
				}
				break
			}
			depth = max(depth, collectionDepth(&doc))
			nodes += countNodes(&doc) - 1
		}
		if depth > 0 && deeperThan(data, depth-1) == 0 {
			t.Fatalf("the library nests %d deep, the scanner counts less in %q", depth, data)
		}
		// A token makes at most two nodes: "?" alone is a key and a value, both empty.
		if atLeast := (nodes - 1) / 2; atLeast > 0 {
			if line, tooDeep := prescan(data, depth+1, atLeast-1); line == 0 || tooDeep {
				t.Fatalf("the library built %d nodes, the scanner counts fewer than %d tokens in %q", nodes, atLeast, data)
			}
		}
	})
}

// countNodes counts n and the nodes in it, not following aliases.
func countNodes(n *yaml.Node) int {
	count := 1
	for _, c := range n.Content {
		count += countNodes(c)
	}
	return count
}

// collectionDepth is how deeply mappings and sequences nest in n.
func collectionDepth(n *yaml.Node) int {
	d := 0
	for _, c := range n.Content {
		d = max(d, collectionDepth(c))
	}
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		d++
	}
	return d
}
