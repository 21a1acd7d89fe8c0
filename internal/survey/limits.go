package survey

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Survey files come from municipalities as well as from us, and start-up and `heltnormal
// survey check` read them, so no file may make the parser work for long. Within these
// bounds the slowest file found takes about 20 ms on the 2-core CI machine (the YAML
// library needs about 0.3 µs a token, the checker about 0.2 µs a node it visits); without
// them, a 190 KB file took 19 s. Each bound is several times what the real surveys need
// (TestRealSurveysAreWellInsideTheLimits).
const (
	// maxFileSize bounds the bytes handed to the YAML library. The real surveys are 24 and
	// 52 KB.
	maxFileSize = 512 << 10
	// maxDepth bounds how deeply lists and mappings nest, measured on the raw bytes (see
	// prescan). A survey nests 8 deep (the survey, items, an item, its approval pair, self,
	// options, an option, its label); anything deeper is not a survey.
	maxDepth = 20
	// maxTokens bounds the tokens handed to the YAML library, counted on the raw bytes: its
	// time grows with them, not with the bytes. The real surveys have 3,705 and 1,681.
	maxTokens = 25_000
	// maxNodes bounds the nodes the checker may visit: those of the document with its
	// aliases expanded. Aliases of aliases can make a small file expand enormously ("billion
	// laughs"), and the checker visits an alias's target each time it is used. The real
	// surveys have 2,111 and 947 nodes.
	maxNodes = 50_000
	// maxText bounds the bytes of text (values, keys and tags) with aliases expanded: the
	// checker reads a text each time it meets it, and an alias of a long text costs 2 bytes.
	// The real surveys have 49 and 23 KB.
	maxText = 1 << 20
	// maxProblems bounds the problems reported for one file: the checker stops there (see
	// bailout), since a file with more is not worth reading further.
	maxProblems = 100
)

// sizeWithinLimits reports whether data is small enough to read, and reports a problem
// when it is not.
func (c *checker) sizeWithinLimits(data []byte) bool {
	if len(data) > maxFileSize {
		c.problems = append(c.problems, Problem{File: c.file, Line: 1, Message: tooLarge(int64(len(data)))})
		return false
	}
	return true
}

// shapeWithinLimits reports whether data nests shallowly enough and has few enough tokens
// to hand to the YAML library, and reports a problem when it does not.
func (c *checker) shapeWithinLimits(data []byte) bool {
	if line, tooDeep := prescan(data, maxDepth, maxTokens); tooDeep {
		c.problems = append(c.problems, Problem{File: c.file, Line: line,
			Message: fmt.Sprintf("nesting deeper than %d levels of lists and mappings (a survey needs 8)", maxDepth)})
		return false
	} else if line > 0 {
		c.problems = append(c.problems, Problem{File: c.file, Line: line,
			Message: fmt.Sprintf("file has more than %d YAML tokens (keys, values, dashes, commas and brackets)", maxTokens)})
		return false
	}
	return true
}

// tooLarge is the message for a file of size bytes, over maxFileSize.
func tooLarge(size int64) string {
	return fmt.Sprintf("file is larger than %d KB (%d KB); a survey is usually under 60 KB", maxFileSize>>10, (size+1023)>>10)
}

// expandedWithinLimits reports whether doc, with its aliases expanded, is small enough for
// the checker to walk, and reports a problem when it is not.
func (c *checker) expandedWithinLimits(doc *yaml.Node) bool {
	e := expander{anchored: map[*yaml.Node]expansion{}}
	size := e.expand(doc)
	switch {
	case e.nodes > maxNodes:
		c.report(doc, where{}, "file has more than %d nodes (keys, values and list entries)", maxNodes)
	case size.nodes > maxNodes:
		c.report(doc, where{}, "aliases expand to more than %d nodes", maxNodes)
	case size.text > maxText:
		c.report(doc, where{}, "aliases expand to more than %d MB of text", maxText>>20)
	default:
		return true
	}
	return false
}

// expansion is the size of a node with its aliases expanded.
type expansion struct {
	nodes int // nodes, counting each use of an alias as a copy of its target
	text  int // bytes of values, keys and tags
}

// expander measures a document with its aliases expanded, stopping soon after a bound is
// passed. It measures each node once: it remembers the size of anchored nodes, the only
// ones aliases lead to, so measuring stays cheap however often they are used.
type expander struct {
	anchored map[*yaml.Node]expansion
	nodes    int // nodes measured, each once
}

// expand measures n. An alias to a node still being measured (a cycle) counts as
// nothing, since the checker's walk follows the schema and never loops.
func (e *expander) expand(n *yaml.Node) expansion {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return expansion{nodes: 1}
		}
		size := e.expand(n.Alias)
		size.nodes++
		return size
	}
	if n.Anchor != "" {
		if size, ok := e.anchored[n]; ok {
			return size
		}
		e.anchored[n] = expansion{}
	}
	e.nodes++
	size := expansion{nodes: 1, text: len(n.Value) + len(n.Tag)}
	for _, child := range n.Content {
		inner := e.expand(child)
		size.nodes += inner.nodes
		size.text += inner.text
		if size.nodes > maxNodes || size.text > maxText || e.nodes > maxNodes {
			break
		}
	}
	if n.Anchor != "" {
		e.anchored[n] = size
	}
	return size
}
