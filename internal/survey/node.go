package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The checker works on yaml.Node rather than decoding into structs because only nodes keep
// the line of every key and value, and because it must report every problem in a file, not
// stop at the first one.

var (
	// idPattern is for survey and item ids, which appear in URLs and exports.
	idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	// optionIDPattern also allows '_' for option, step and scale ids such as "8plus" or "lt_7".
	optionIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	// languagePattern accepts tags such as "da", "en" or "pt-BR".
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// checker walks one file's nodes, building the survey and collecting its problems.
type checker struct {
	file     string
	problems Problems
	// languages are the declared languages; every pupil-facing text needs each of them.
	languages []string
	// known holds languages and teacherLanguages, the languages a text may have.
	known map[string]bool
}

// bailout stops the checker's walk once it has found maxProblems, as go/parser stops after
// ten errors: a file with that many is not worth reading further, and the walk costs time.
// Parse recovers it.
type bailout struct{}

// where names the part of a survey a problem is about, so that a message reads
// `item "sleep": self.text: missing "en" text`.
type where struct {
	prefix string // such as `item "sleep": `
	path   string // such as "self.text"
}

// key returns the location of key inside w.
func (w where) key(k string) where {
	if w.path == "" {
		w.path = k
	} else {
		w.path += "." + k
	}
	return w
}

// format puts the location in front of a message.
func (w where) format(msg string) string {
	if w.path == "" {
		return w.prefix + msg
	}
	return w.prefix + w.path + ": " + msg
}

// report records a problem on the line of n.
func (c *checker) report(n *yaml.Node, w where, format string, args ...any) {
	if len(c.problems) == maxProblems {
		panic(bailout{})
	}
	line := 0
	if n != nil {
		line = n.Line
	}
	c.problems = append(c.problems, Problem{File: c.file, Line: line, Message: w.format(fmt.Sprintf(format, args...))})
}

// resolve follows an alias to the node it names, so anchors work like copies.
func resolve(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// describe says what a node is, for "want X, got Y" messages.
func describe(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return "nothing"
	case n.Kind == yaml.ScalarNode:
		return quote(n.Value)
	}
	return "something else"
}

// quote quotes a value from a file for a message, cut to its first 40 characters: a value
// can be as long as the file, and the message quotes it only so the author can find it.
func quote(s string) string {
	end := 0
	for range 40 {
		if end == len(s) {
			return strconv.Quote(s)
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	if end == len(s) {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:end]) + "..."
}

// fields is a mapping whose keys have been checked against the keys allowed in it.
type fields struct {
	node   *yaml.Node
	keys   map[string]*yaml.Node
	values map[string]*yaml.Node
}

// value returns the value of key, or nil when the mapping lacks it.
func (f fields) value(key string) *yaml.Node { return f.values[key] }

// keys lists the keys a mapping may hold.
type keys struct {
	required []string
	optional []string
}

// mapping checks that n is a mapping that holds every required key and no others, each
// once. A missing key is reported on the mapping's line. Unknown keys are usually typos
// of allowed ones, so the message suggests the closest.
func (c *checker) mapping(n *yaml.Node, w where, k keys) (fields, bool) {
	allowed := slices.Concat(k.required, k.optional)
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		c.report(n, w, "want a mapping, got %s", describe(n))
		return fields{}, false
	}
	f := fields{node: n, keys: map[string]*yaml.Node{}, values: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, v := resolve(n.Content[i]), n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			c.report(key, w, "want a plain key, got %s", describe(key))
			continue
		}
		if first, ok := f.keys[key.Value]; ok {
			c.report(key, w, "duplicate key %s (first on line %d)", quote(key.Value), first.Line)
			continue
		}
		if !slices.Contains(allowed, key.Value) {
			c.report(key, w, "unknown key %s%s", quote(key.Value), suggest(key.Value, allowed))
			continue
		}
		f.keys[key.Value], f.values[key.Value] = key, resolve(v)
	}
	for _, key := range k.required {
		if f.values[key] == nil {
			c.report(n, w, "missing key %q", key)
		}
	}
	return f, true
}

// peek returns the value of key in a mapping without checking anything, so an item's id
// can name the item in messages about its other keys.
func peek(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Value == key {
			return resolve(n.Content[i+1])
		}
	}
	return nil
}

// seen remembers the line each id was first used on, so a duplicate names both lines.
type seen map[string]int

// unique reports id as a duplicate when it was seen before, and remembers it otherwise;
// it returns false for a duplicate. Nodes and ids that could not be read are skipped:
// they were reported already.
func (c *checker) unique(first seen, n *yaml.Node, w where, what, id string) bool {
	if n == nil || id == "" {
		return true
	}
	if line, ok := first[id]; ok {
		c.report(n, w, "duplicate %s %s (first on line %d)", what, quote(id), line)
		return false
	}
	first[id] = n.Line
	return true
}

// entryName is how messages name an entry of a list: by its id, which is what an author
// searches the file for, or by its position when it has none.
func entryName(n *yaml.Node, kind string, index int) string {
	if id := peek(n, "id"); id != nil && id.Kind == yaml.ScalarNode && id.Value != "" {
		return fmt.Sprintf("%s %s: ", kind, quote(id.Value))
	}
	return fmt.Sprintf("%s %d: ", kind, index+1)
}

// sequence checks that n is a list and returns its entries.
func (c *checker) sequence(n *yaml.Node, w where) ([]*yaml.Node, bool) {
	if n.Kind != yaml.SequenceNode {
		c.report(n, w, "want a list, got %s", describe(n))
		return nil, false
	}
	entries := make([]*yaml.Node, len(n.Content))
	for i, e := range n.Content {
		entries[i] = resolve(e)
	}
	return entries, true
}

// str reads a scalar as text. Unquoted numbers are fine (a label "10" or an id 0).
func (c *checker) str(n *yaml.Node, w where) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		c.report(n, w, "want text, got %s", describe(n))
		return "", false
	}
	return n.Value, true
}

// integer reads a whole number; "one" or 1.5 is a problem, not a zero.
func (c *checker) integer(n *yaml.Node, w where) (int, bool) {
	var i int
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&i) != nil {
		c.report(n, w, "want a whole number, got %s", describe(n))
		return 0, false
	}
	return i, true
}

// number reads an integer or decimal number.
func (c *checker) number(n *yaml.Node, w where) (float64, bool) {
	var f float64
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") || n.Decode(&f) != nil {
		c.report(n, w, "want a number, got %s", describe(n))
		return 0, false
	}
	return f, true
}

// boolean reads true or false; YAML 1.1 words such as "yes" or "maybe" are problems, so a
// flag is never read as something its author did not write.
func (c *checker) boolean(n *yaml.Node, w where) (bool, bool) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		c.report(n, w, "want true or false, got %s", describe(n))
		return false, false
	}
	return b, true
}

// id reads an id and checks its characters against pattern; ids end up in URLs, answers
// and exports, where spaces or capitals cause trouble. It returns the id even when its
// characters are wrong, so the id can still name things in other messages.
func (c *checker) id(n *yaml.Node, w where, pattern *regexp.Regexp) (string, bool) {
	s, ok := c.str(n, w)
	if !ok {
		return "", false
	}
	if !pattern.MatchString(s) {
		allowed := `lower-case letters, digits and "-"`
		if pattern == optionIDPattern {
			allowed = `lower-case letters, digits, "-" and "_"`
		}
		c.report(n, w, "%s must be %s, starting with a letter or digit", quote(s), allowed)
		return s, false
	}
	return s, true
}
