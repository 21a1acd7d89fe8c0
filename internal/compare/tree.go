package compare

import (
	"slices"
	"sort"
	"strings"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Node is one group in a comparison — the region, a cluster, a municipality, a school or a
// class — with its figures after every privacy rule, complementary suppression included.
type Node struct {
	Level    results.Level
	Key      string // the municipality or cluster name, the school id, the session id
	Label    string // what people read: a name or a class label
	SchoolID string // for school and class nodes
	Group    results.Group
	Children []*Node

	tallies  []results.Tally
	included []results.Tally // what the node adds to its parent's totals
	classes  int             // sessions under this node
}

// Shape says how a comparison groups its classes, from the top down to the schools.
type Shape struct {
	// Top is the level of the root: LevelMunicipality for one municipality's dashboard,
	// LevelRegion (with clusters and municipalities below) for the region.
	Top results.Level
	// Clusters maps a municipality to its cluster, for region trees; a municipality without
	// one sits right under the region.
	Clusters map[string]string
	// Schools names each school id.
	Schools map[string]string
	// Root names the root ("Aarhus", "Region Midtjylland", "Region Syddanmark").
	Root string
	// HideSensitive leaves sensitive topics out everywhere: a view narrowed by grade could
	// otherwise be subtracted from the unnarrowed one to isolate a class.
	HideSensitive bool
	// Sensitive holds each school's released snapshot for the wave compared
	// (ReleaseSensitive): a school's sensitive figures, and so every wider group's, come from
	// it, never from its classes as they are now. A school without one shows none. nil
	// means the classes as they are now, for tests and one-off analyses only.
	Sensitive map[string]Snapshot
}

// Build groups the summaries into a tree under shape, computes every node's figures from
// added tallies, and hides every figure the rules require (see suppress).
func Build(sv *survey.Survey, summaries []Summary, shape Shape, rules results.Rules) *Node {
	topics := make([]string, len(sv.Items))
	for i, it := range sv.Items {
		topics[i] = it.ID
	}
	root := &Node{Level: shape.Top, Key: shape.Root, Label: shape.Root}
	for _, s := range summaries {
		parent := root
		// A region without clusters (all but Midtjylland) has its municipalities right
		// under it: no cluster node without a name.
		if cluster := shape.Clusters[s.Municipality]; shape.Top == results.LevelRegion && cluster != "" {
			parent = child(parent, results.LevelCluster, cluster, cluster)
		}
		if shape.Top >= results.LevelCluster {
			parent = child(parent, results.LevelMunicipality, s.Municipality, s.Municipality)
		}
		school := child(parent, results.LevelSchool, s.SchoolID, shape.Schools[s.SchoolID])
		school.SchoolID = s.SchoolID
		class := &Node{Level: results.LevelClass, Key: s.SessionID, Label: s.ClassLabel, SchoolID: s.SchoolID,
			tallies: s.Tallies, classes: 1}
		class.Group.N = s.N
		school.Children = append(school.Children, class)
	}
	if shape.HideSensitive {
		topics = slices.DeleteFunc(topics, func(id string) bool { it, _ := sv.Item(id); return it.Sensitive })
	}
	compute(root, sv, topics, rules, shape.Sensitive)
	suppress(root, topics)
	order(root)
	return root
}

// child finds or adds the child of n with key.
func child(n *Node, level results.Level, key, label string) *Node {
	for _, c := range n.Children {
		if c.Key == key {
			return c
		}
	}
	c := &Node{Level: level, Key: key, Label: label}
	n.Children = append(n.Children, c)
	return c
}

// compute works bottom-up: each class's figures under the class rules, then each wider
// group's from the tallies its children contribute. A class shows nothing below the minimum
// group, and a topic it shows nothing for contributes nothing to any total: no total minus
// the others — in this view, or between views with different filters — can reveal it.
// Sensitive topics are the exception: never shown for a class, they are counted in school
// totals from the school's released snapshot (Shape.Sensitive), and wider groups add those
// up; complementary suppression (suppress) protects them.
// A group made of a single class is that class, so it gets the class rules too.
func compute(n *Node, sv *survey.Survey, topics []string, rules results.Rules, released map[string]Snapshot) {
	if len(n.Children) == 0 {
		n.Group = results.FromTallies(sv, topics, n.Group.N, n.tallies, results.LevelClass, rules)
		return
	}
	var parts [][]results.Tally
	n.Group.N, n.classes = 0, 0
	for _, c := range n.Children {
		compute(c, sv, topics, rules, released)
		n.classes += c.classes
		if c.Level == results.LevelClass && c.Group.Suppressed {
			continue // below the minimum group: in no total
		}
		c.included = c.contribution(sv)
		n.Group.N += c.Group.N
		parts = append(parts, c.included)
	}
	n.tallies = results.Add(parts...)
	if n.Level == results.LevelSchool && released != nil {
		n.tallies = append(slices.DeleteFunc(n.tallies, func(t results.Tally) bool {
			it, ok := sv.Item(t.ID)
			return ok && it.Sensitive
		}), released[n.Key].Tallies...)
	}
	level := n.Level
	if n.classes == 1 {
		level = results.LevelClass
	}
	n.Group = results.FromTallies(sv, topics, n.Group.N, n.tallies, level, rules)
}

// contribution is what a node adds to its parent's totals: everything for a wider group; for
// a class, the topics it shows and its sensitive topics.
func (n *Node) contribution(sv *survey.Survey) []results.Tally {
	if n.Level != results.LevelClass {
		return n.tallies
	}
	var out []results.Tally
	for _, t := range n.tallies {
		it, ok := sv.Item(t.ID)
		if !ok {
			continue
		}
		if shown, listed := n.Group.Item(t.ID); it.Sensitive || (listed && !shown.Suppressed) {
			out = append(out, t)
		}
	}
	return out
}

// order sorts children by label, Danish letters after z as people expect.
func order(n *Node) {
	keys := make(map[*Node]string, len(n.Children))
	for _, c := range n.Children {
		keys[c] = danishLetters.Replace(strings.ToLower(c.Label))
	}
	sort.SliceStable(n.Children, func(i, j int) bool { return keys[n.Children[i]] < keys[n.Children[j]] })
	for _, c := range n.Children {
		order(c)
	}
}

// danishLetters maps æ, ø, å to the characters after z, so they sort last.
var danishLetters = strings.NewReplacer("æ", "{", "ø", "|", "å", "}")

// Walk calls f for n and every node below it, parents before children.
func (n *Node) Walk(f func(*Node)) {
	f(n)
	for _, c := range n.Children {
		c.Walk(f)
	}
}
