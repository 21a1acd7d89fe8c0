package survey

import (
	"bytes"
	"unicode/utf8"
)

// The YAML library's time grows with the tokens in a file (about a quarter of a
// microsecond each) and with how deeply collections nest times the tokens that follow
// (10,000 "[" and then 500 KB of "1," take it a quarter of a second); it refuses only
// nesting deeper than 10,000. So both are measured on the raw bytes, before the library
// sees them. The scanner follows the library's tokenizer (yaml_parser_fetch_next_token and
// the scalar scanners in its scannerc.go) closely enough never to count less nesting than
// the library builds: it skips only what the library reads as text (quoted, literal and
// plain scalars, comments, anchor and tag names), and where the two could differ it counts
// more. FuzzPrescan checks this against the library.

// prescan reads data as the YAML library's tokenizer would, without building anything. It
// returns the line on which collections first nest deeper than maxDepth or the tokens
// first number more than maxTokens, and which of the two happened; line is 0 when neither
// did.
func prescan(data []byte, maxDepth, maxTokens int) (line int, tooDeep bool) {
	s := scanner{maxDepth: maxDepth, maxTokens: maxTokens}
	// The library's reader drops a byte-order mark at the start; elsewhere it is a character.
	data = bytes.TrimPrefix(data, []byte(bom))
	line = 1
	for len(data) > 0 {
		n, brk := lineEnd(data)
		if s.scanLine(data[:n]) {
			return line, s.tokens <= s.maxTokens
		}
		if brk > 0 && data[n+brk-1] == '\n' {
			line++ // lines as editors and lineAt count them
		}
		data = data[n+brk:]
	}
	return 0, false
}

const bom = "\uFEFF"

// lineEnd returns the length of the first line in data and of the break after it. The
// library also breaks lines at a lone "\r", NEL, LS and PS, so the scanner must too: what
// follows them is a new line to the library, not more of a scalar.
func lineEnd(data []byte) (n, brk int) {
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
			return i, 1
		case c == '\r' && i+1 < len(data) && data[i+1] == '\n':
			return i, 2
		case c == '\r':
			return i, 1
		case c == 0xC2 && i+1 < len(data) && data[i+1] == 0x85:
			return i, 2
		case c == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9):
			return i, 3
		}
	}
	return len(data), 0
}

// scanner holds what carries over from one line to the next.
type scanner struct {
	maxDepth, maxTokens int // the limits
	tokens              int // tokens so far

	blocks []blockLevel // open block collections, innermost last
	flows  []flowLevel  // open flow collections, innermost last
	pairs  int          // flow sequence entries that are "key: value" pairs
	peak   int          // the deepest nesting since it was last set to 0

	// inFlowPlain is set when a line inside a flow collection ended in a plain scalar, which
	// then goes on: a quote starting the next line is text, not the start of a quoted scalar.
	inFlowPlain bool
	quote       byte // '"' or '\'' while a quoted scalar goes on to the next line
	// plain is set after a line in block context that ended in a plain scalar: more
	// indented lines after it go on with the scalar, whatever they hold.
	plain bool
	// literal is set while skipping the lines of a literal or folded ("|" or ">") scalar,
	// which are those indented by at least literalIndent (0 until the first line sets it).
	literal       bool
	literalParent int // the library's indent when the scalar started
	literalIndent int
	literalBlank  int // the most spaces on the blank lines before the first line
}

// token counts a token and reports whether there are too many.
func (s *scanner) token() bool {
	s.tokens++
	return s.tokens > s.maxTokens
}

// depth is the current nesting.
func (s *scanner) depth() int { return len(s.blocks) + len(s.flows) + s.pairs }

// parent is the column of the innermost block collection, or -1 outside all of them: the
// library's parser.indent.
func (s *scanner) parent() int {
	if len(s.blocks) == 0 {
		return -1
	}
	return s.blocks[len(s.blocks)-1].col
}

// scanLine reads one line and reports whether it passed a limit.
func (s *scanner) scanLine(b []byte) bool {
	switch {
	case s.quote != 0:
		i := s.skipQuoted(b, 0)
		if s.quote != 0 {
			return false
		}
		if len(s.flows) > 0 {
			return s.scanFlowThenBlock(b, i, false)
		}
		return s.scanBlock(b, i)
	case len(s.flows) > 0:
		return s.scanFlowThenBlock(b, 0, s.inFlowPlain)
	}
	// first is the column of the first character that is not a space. A byte-order mark
	// counts: it ends a literal scalar, and goes on with a plain one.
	first := 0
	for first < len(b) && b[first] == ' ' {
		first++
	}
	if first == len(b) {
		if s.literal && s.literalIndent == 0 {
			s.literalBlank = max(s.literalBlank, first)
		}
		return false
	}
	if s.literal {
		if s.literalIndent == 0 {
			s.literalIndent = max(s.literalBlank, first, s.literalParent+1, 1)
		}
		if first >= s.literalIndent {
			return false
		}
		s.literal = false
	}
	if documentMarker(b) {
		s.blocks, s.plain = s.blocks[:0], false
		return s.token() || s.scanBlock(b, 3)
	}
	// A line indented more than the collection a plain scalar is in goes on with the
	// scalar (yaml_parser_scan_plain_scalar), unless it starts with a comment.
	if s.plain && first > s.parent() && b[first] != '#' {
		return s.scanPlainLine(b, first)
	}
	s.plain = false
	// Between tokens the library skips a byte-order mark at the start of a line, as one
	// column.
	i := 0
	if bytes.HasPrefix(b, []byte(bom)) {
		i = len(bom)
	}
	for i < len(b) && b[i] == ' ' {
		i++
	}
	if i == len(b) || b[i] == '#' || i == 0 && b[0] == '%' {
		return false // a comment or a directive, which close nothing
	}
	col := utf8.RuneCount(b[:i])
	for len(s.blocks) > 0 && s.blocks[len(s.blocks)-1].col > col {
		s.blocks = s.blocks[:len(s.blocks)-1]
	}
	// A sequence at its key's column ends at the first line there that is not an entry.
	if top := len(s.blocks) - 1; top > 0 && s.blocks[top].seq && s.blocks[top].col == col &&
		s.blocks[top-1].col == col && !indicator(b, i, '-') {
		s.blocks = s.blocks[:top]
	}
	return s.scanBlock(b, i)
}

// documentMarker reports whether a line starts with "---" or "...".
func documentMarker(b []byte) bool {
	if len(b) < 3 || string(b[:3]) != "---" && string(b[:3]) != "..." {
		return false
	}
	return len(b) == 3 || isBlank(b[3])
}

// isBlank is the library's is_blank: a space or a tab.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// indicator reports whether b[i] is c followed by a blank or the end of the line.
func indicator(b []byte, i int, c byte) bool {
	return i < len(b) && b[i] == c && (i+1 == len(b) || isBlank(b[i+1]))
}

// isAnchorChar is the library's is_alpha: the characters of anchor and alias names.
func isAnchorChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '-'
}

// skipQuoted skips the rest of a quoted scalar from b[i]; it returns the index after the
// closing quote and clears s.quote, or returns len(b) when the scalar goes on.
func (s *scanner) skipQuoted(b []byte, i int) int {
	for ; i < len(b); i++ {
		switch {
		case s.quote == '\'' && b[i] == '\'':
			if i+1 < len(b) && b[i+1] == '\'' {
				i++ // an escaped quote
				continue
			}
			s.quote = 0
			return i + 1
		case s.quote == '"' && b[i] == '\\':
			i++
		case s.quote == '"' && b[i] == '"':
			s.quote = 0
			return i + 1
		}
	}
	return len(b)
}
