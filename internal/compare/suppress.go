package compare

import (
	"github.com/heltnormal/heltnormal/internal/results"
)

// suppress hides, per topic, every figure that could be recovered from the visible ones.
// A parent's tallies are the sum of its children's, so when exactly one child is hidden
// under a visible parent, parent minus the visible siblings gives it away: the smallest
// visible sibling is hidden too. A parent with a single child shows the child's figures, so
// a hidden child hides the parent. A parent hidden this way whose children are all visible
// could be added up from them, so its smallest child is hidden as well. The rules run until
// nothing changes; each step only hides, so they end.
func suppress(root *Node, topics []string) {
	for changed := true; changed; {
		changed = false
		root.Walk(func(p *Node) {
			if len(p.Children) == 0 {
				return
			}
			for _, topic := range topics {
				var hidden, visible []*Node
				for _, c := range p.Children {
					if c.hidden(topic) {
						hidden = append(hidden, c)
					} else {
						visible = append(visible, c)
					}
				}
				switch {
				case p.hidden(topic) && len(hidden) == 0 && len(visible) > 0 && p.exists(topic):
					smallest(visible, topic).hide(topic)
					changed = true
				case p.hidden(topic):
				case len(hidden) == 1 && len(visible) == 0:
					p.hide(topic)
					changed = true
				case len(hidden) == 1 && hidden[0].exists(topic):
					smallest(visible, topic).hide(topic)
					changed = true
				case len(hidden) == 1:
					// The hidden child never asked this topic: it adds nothing to the parent,
					// so subtracting reveals nothing.
				}
			}
		})
	}
}

// hidden reports whether n shows no figure for topic.
func (n *Node) hidden(topic string) bool {
	if n.Group.Suppressed {
		return true
	}
	it, ok := n.Group.Item(topic)
	return !ok || it.Suppressed
}

// exists reports whether n's answers to topic are in its parent's total at all: a hidden
// figure that adds nothing to the total cannot be recovered from it, so it needs no
// protection (a class below the minimum, a topic nobody answered, a class figure too small
// to show).
func (n *Node) exists(topic string) bool {
	for _, t := range n.included {
		if t.ID != topic {
			continue
		}
		for _, v := range t.SelfCounts {
			if v > 0 {
				return true
			}
		}
		for _, v := range t.PerceivedCounts {
			if v > 0 {
				return true
			}
		}
	}
	return false
}

// hide suppresses n's figure for topic (complementary suppression).
func (n *Node) hide(topic string) {
	for i, it := range n.Group.Items {
		if it.ID == topic {
			n.Group.Items[i] = results.Hidden(topic, results.ReasonProtects)
			return
		}
	}
}

// smallest is the visible node with the fewest answers to topic: hiding it costs least.
func smallest(nodes []*Node, topic string) *Node {
	best, bestN := nodes[0], -1
	for _, n := range nodes {
		it, _ := n.Group.Item(topic)
		if size := min(it.NSelf, it.NPerceived); bestN < 0 || size < bestN {
			best, bestN = n, size
		}
	}
	return best
}
