package survey

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse reads and validates one survey file; file names it in messages. On invalid input
// the error is Problems, listing every problem in the file sorted by line, so that
// `heltnormal survey check` can show them all at once.
func Parse(file string, data []byte) (*Survey, error) {
	c := &checker{file: file}
	root := c.document(data)
	var s *Survey
	stopped := false
	if root != nil {
		s, stopped = c.walk(root)
	}
	if len(c.problems) > 0 {
		slices.SortStableFunc(c.problems, func(a, b Problem) int { return a.Line - b.Line })
		if stopped {
			more := Problem{File: c.file, Message: fmt.Sprintf("stopped after %d problems; fix these and check again", maxProblems)}
			c.problems = append(Problems{more}, c.problems...)
		}
		return nil, c.problems
	}
	return s, nil
}

// walk reads the survey from root, and reports whether it stopped at maxProblems.
func (c *checker) walk(root *yaml.Node) (s *Survey, stopped bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			s, stopped = nil, true
		}
	}()
	return c.survey(root), false
}

// document returns the root node of the single YAML document in data, or nil after
// reporting why there is none.
func (c *checker) document(data []byte) *yaml.Node {
	if !c.sizeWithinLimits(data) {
		return nil
	}
	// Checked before the YAML library, which reports bad encoding without a line: a file
	// saved as Latin-1 is a likely mistake with Danish texts.
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		c.problems = append(c.problems, Problem{File: c.file, Line: lineAt(data, i), Message: "file is not UTF-8 text; save it as UTF-8"})
		return nil
	}
	if !c.shapeWithinLimits(data) {
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			c.problems = append(c.problems, Problem{File: c.file, Line: 1, Message: "file is empty"})
		} else {
			c.syntaxError(data, err)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		c.report(&next, where{}, "only one YAML document per file; start a new file for another survey")
		return nil
	case !errors.Is(err, io.EOF):
		c.syntaxError(data, err)
		return nil
	}
	if len(doc.Content) == 0 {
		c.problems = append(c.problems, Problem{File: c.file, Line: 1, Message: "file is empty"})
		return nil
	}
	if !c.expandedWithinLimits(&doc) {
		return nil
	}
	return resolve(doc.Content[0])
}

var (
	// yamlLine finds the line in the YAML library's messages, which carry it only as text.
	yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	// yamlAnchor finds the anchor in the one common message that has no line.
	yamlAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// parserProblems are the messages of the YAML library's parser (as opposed to its
// scanner). For these it reports the line counted from 0, so one must be added.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// syntaxError reports a YAML syntax error on its line. The library leaves the line out
// when it is the first one (it counts from 0 and treats 0 as unknown) and for an unknown
// alias, whose line we find ourselves.
func (c *checker) syntaxError(data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if slices.Contains(parserProblems, msg) {
			line++
		}
	} else if m := yamlAnchor.FindStringSubmatch(err.Error()); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			line = lineAt(data, i)
		}
	}
	c.problems = append(c.problems, Problem{File: c.file, Line: line, Message: "YAML syntax error: " + msg})
}

// lineAt returns the line of the byte at offset in data, counting from 1.
func lineAt(data []byte, offset int) int {
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// ParseFS reads every *.yaml and *.yml file at the root of fsys (such as the embedded
// surveys/ directory), sorted by file name. When any file is invalid the error is the
// Problems of all files combined, so one run shows everything to fix; the surveys that are
// valid are returned either way.
func ParseFS(fsys fs.FS) ([]*Survey, error) {
	return parseFiles(fsys, func(name string) string { return name })
}

// ParseDir is ParseFS for a directory on disk (HELTNORMAL_SURVEYS_DIR); messages name
// files by their path including dir, so they can be opened from a terminal.
func ParseDir(dir string) ([]*Survey, error) {
	return parseFiles(os.DirFS(dir), func(name string) string { return filepath.Join(dir, name) })
}

// parseFiles does the work of ParseFS and ParseDir; display turns a file name into the
// name used in messages.
func parseFiles(fsys fs.FS, display func(name string) string) ([]*Survey, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read survey directory: %w", err)
	}
	var surveys []*Survey
	var problems Problems
	for _, e := range entries {
		if e.IsDir() || (path.Ext(e.Name()) != ".yaml" && path.Ext(e.Name()) != ".yml") {
			continue
		}
		// A file far too large is not read at all.
		if info, err := e.Info(); err == nil && info.Size() > maxFileSize {
			problems = append(problems, Problem{File: display(e.Name()), Line: 1, Message: tooLarge(info.Size())})
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read survey: %w", err)
		}
		s, err := Parse(display(e.Name()), data)
		if ps, ok := err.(Problems); ok {
			problems = append(problems, ps...)
			continue
		}
		surveys = append(surveys, s)
	}
	if len(problems) > 0 {
		return surveys, problems
	}
	return surveys, nil
}
