package survey

// flowLevel is an open flow collection. In a sequence, an entry with ":" or "?" is a
// mapping of one pair, a level of its own in the tree, which holds the key read before it.
type flowLevel struct {
	seq, pair bool
	peak      int // the deepest nesting since the current entry started
}

// scanFlowThenBlock goes on with flow collections from an earlier line and, when the
// outermost one closes on this line, reads the rest of the line in block context.
func (s *scanner) scanFlowThenBlock(b []byte, i int, inPlain bool) bool {
	i, deeper := s.scanFlow(b, i, inPlain)
	if deeper {
		return true
	}
	if len(s.flows) > 0 || s.quote != 0 {
		return false
	}
	return s.scanBlock(b, i)
}

// reach notes that nesting reached depth d, and reports whether that is too deep.
func (s *scanner) reach(d int) bool {
	s.peak = max(s.peak, d)
	for i := range s.flows {
		s.flows[i].peak = max(s.flows[i].peak, d)
	}
	return d > s.maxDepth
}

// scanFlow reads b from i in flow context, where "[", "]", "{", "}", ",", "?" and ":"
// always end a plain scalar and start a token. It returns the index after the bracket that
// closes the outermost collection, or len(b), and whether the nesting went too deep.
func (s *scanner) scanFlow(b []byte, i int, inPlain bool) (int, bool) {
	blankBefore := true
	for ; i < len(b); i++ {
		c := b[i]
		if isBlank(c) {
			blankBefore = true
			continue
		}
		if inPlain {
			ends := c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}' ||
				indicator(b, i, ':')
			if !ends && !(c == '#' && blankBefore) {
				blankBefore = false
				continue
			}
			inPlain = false
		}
		blankBefore = false
		if c == '#' {
			s.inFlowPlain = false
			return len(b), false
		}
		if s.token() {
			return i, true
		}
		top := len(s.flows) - 1
		switch c {
		case '[', '{':
			s.flows = append(s.flows, flowLevel{seq: c == '[', peak: s.depth() + 1})
			if s.reach(s.depth()) {
				return i, true
			}
		case ']', '}', ',':
			if top >= 0 && s.flows[top].pair {
				s.flows[top].pair = false
				s.pairs--
			}
			if top < 0 {
				break
			}
			if c == ',' {
				s.flows[top].peak = s.depth()
				break
			}
			if s.flows = s.flows[:top]; top == 0 {
				s.inFlowPlain = false
				return i + 1, false
			}
		case '?', ':':
			if top >= 0 && s.flows[top].seq && !s.flows[top].pair {
				s.flows[top].pair = true
				s.pairs++
				if s.reach(s.flows[top].peak + 1) {
					return i, true
				}
			}
		case '&', '*':
			for i+1 < len(b) && isAnchorChar(b[i+1]) {
				i++
			}
		case '!':
			for i+1 < len(b) && !isBlank(b[i+1]) {
				i++
			}
		case '"', '\'':
			s.quote = c
			if i = s.skipQuoted(b, i+1); s.quote != 0 {
				return len(b), false
			}
			i-- // the loop moves past the closing quote
		default:
			inPlain = true
		}
	}
	s.inFlowPlain = inPlain
	return len(b), false
}
