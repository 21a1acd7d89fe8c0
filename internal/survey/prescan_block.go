package survey

import "unicode/utf8"

// blockLevel is an open block collection: the column of its keys or "-" entries.
type blockLevel struct {
	col int
	seq bool
}

// open notes a block collection whose first key or entry is at b[i], and reports whether
// that is too deep. A sequence at its key's column is a level of its own in the tree.
func (s *scanner) open(b []byte, i int, seq bool) bool {
	// The library counts columns in characters, a byte-order mark among them.
	col := utf8.RuneCount(b[:i])
	if p := s.parent(); p < col || p == col && seq && !s.blocks[len(s.blocks)-1].seq {
		s.blocks = append(s.blocks, blockLevel{col: col, seq: seq})
	}
	return s.depth() > s.maxDepth
}

// scanBlock reads the tokens of a line in block context from b[i].
func (s *scanner) scanBlock(b []byte, i int) bool {
	// node is where the node being read started, with its anchor or tag: when it turns out
	// to be a key, its mapping is at that column. It is -1 between nodes.
	node := -1
	for {
		for i < len(b) && isBlank(b[i]) {
			i++
		}
		if i == len(b) || b[i] == '#' {
			return false
		}
		if node < 0 {
			node = i
		}
		if s.token() {
			return true
		}
		keyEnd := 0 // where a node that may be a key ended
		inner := 0  // how deeply that node nested inside, if it is a flow collection
		switch c := b[i]; {
		case indicator(b, i, '-'):
			if s.open(b, i, true) {
				return true
			}
			i, node = i+1, -1
		case indicator(b, i, '?'):
			if s.open(b, i, false) {
				return true
			}
			i, node = i+1, -1
		case indicator(b, i, ':'):
			// A value whose key is empty, or only an anchor or tag: the mapping starts
			// where the key did.
			if s.open(b, node, false) {
				return true
			}
			i, node = i+1, -1
		case c == '&':
			for i++; i < len(b) && isAnchorChar(b[i]); i++ {
			}
		case c == '!':
			for i < len(b) && !isBlank(b[i]) {
				i++
			}
		case c == '*':
			for i++; i < len(b) && isAnchorChar(b[i]); i++ {
			}
			keyEnd = i
		case c == '[' || c == '{':
			s.peak = 0
			end, deeper := s.scanFlow(b, i, false)
			if deeper {
				return true
			}
			if len(s.flows) > 0 || s.quote != 0 {
				return false
			}
			i, keyEnd, inner = end, end, s.peak
		case c == '"' || c == '\'':
			s.quote = c
			if i = s.skipQuoted(b, i+1); s.quote != 0 {
				return false
			}
			keyEnd = i
		case c == '|' || c == '>':
			s.startLiteral(b, i)
			return false
		case c == ']' || c == '}' || c == ',':
			i, node = i+1, -1 // a syntax error the library reports
		default:
			// A plain scalar, where flow indicators are text. It ends at " #", or at ": "
			// when it is a key.
			for keyEnd = -1; i < len(b) && keyEnd < 0; i++ {
				switch {
				case b[i] == ':' && indicator(b, i, ':'):
					keyEnd = i
				case b[i] == '#' && isBlank(b[i-1]):
					return false
				}
			}
			if keyEnd < 0 {
				s.plain = true
				return false
			}
			i = keyEnd
		}
		if keyEnd > 0 {
			// A node followed by ":" is a key of a mapping at the node's column.
			j := keyEnd
			for j < len(b) && isBlank(b[j]) {
				j++
			}
			if indicator(b, j, ':') {
				// The key's own nesting is inside the mapping, when that is new.
				before := len(s.blocks)
				if s.token() || s.open(b, node, false) || inner+len(s.blocks)-before > s.maxDepth {
					return true
				}
				i = j + 1
			}
			node = -1
		}
	}
}

// scanPlainLine reads a line that goes on with a plain scalar from b[i]. The scalar ends at
// " #", and at ": " the library stops with "mapping values are not allowed in this context".
func (s *scanner) scanPlainLine(b []byte, i int) bool {
	for ; i < len(b); i++ {
		if indicator(b, i, ':') || b[i] == '#' && i > 0 && isBlank(b[i-1]) {
			s.plain = false
			return false
		}
	}
	return false
}

// startLiteral notes a literal or folded scalar whose header is at b[i]: the lines after
// it are its text. An indentation digit in the header fixes their indent as the library
// computes it; otherwise the first line that is not blank does.
func (s *scanner) startLiteral(b []byte, i int) {
	s.literal, s.literalParent, s.literalIndent, s.literalBlank = true, s.parent(), 0, 0
	for i++; i < len(b) && !isBlank(b[i]); i++ {
		if d := int(b[i] - '0'); b[i] >= '1' && b[i] <= '9' {
			s.literalIndent = d
			if s.literalParent >= 0 {
				s.literalIndent = s.literalParent + d
			}
		}
	}
}
