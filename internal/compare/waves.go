package compare

import (
	"math"
	"strings"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Change is how one topic moved in one group from baseline to follow-up, in percentage
// points, with 95 % intervals. A change whose interval holds zero is within noise: it may
// be chance, and nobody should be ranked or praised for it.
type Change struct {
	ID             string     `json:"id"`
	ActualChangePP float64    `json:"actual_change_pp"`
	ActualCI       [2]float64 `json:"actual_change_ci"`
	ActualNoise    bool       `json:"actual_within_noise"`
	GapChangePP    float64    `json:"gap_change_pp"`
	GapCI          [2]float64 `json:"gap_change_ci"`
	GapNoise       bool       `json:"gap_within_noise"`
}

// ItemChange compares one topic's figures between two waves; ok is false when either wave
// hides the topic (a change is never computed from a hidden figure).
func ItemChange(sv *survey.Survey, def *survey.Item, base, follow results.Item) (Change, bool) {
	if base.Suppressed || follow.Suppressed || base.NSelf == 0 || follow.NSelf == 0 {
		return Change{}, false
	}
	c := Change{ID: def.ID}
	// Newcombe's hybrid score interval for a difference of two proportions, from each wave's
	// Wilson interval.
	p1, p2 := base.ActualShare, follow.ActualShare
	l1, u1, l2, u2 := base.ActualCI[0], base.ActualCI[1], follow.ActualCI[0], follow.ActualCI[1]
	d := p2 - p1
	lo := d - math.Sqrt(sq(p2-l2)+sq(u1-p1))
	hi := d + math.Sqrt(sq(u2-p2)+sq(p1-l1))
	c.ActualChangePP, c.ActualCI = pp(d), [2]float64{pp(lo), pp(hi)}
	c.ActualNoise = lo <= 0 && hi >= 0

	// The gap's change: a normal interval from the variances of the perceived mean and of the
	// actual share in each wave.
	g := (follow.PerceivedMean - follow.ActualShare) - (base.PerceivedMean - base.ActualShare)
	se := math.Sqrt(gapVariance(sv, def, base) + gapVariance(sv, def, follow))
	c.GapChangePP, c.GapCI = pp(g), [2]float64{pp(g - 1.96*se), pp(g + 1.96*se)}
	c.GapNoise = c.GapCI[0] <= 0 && c.GapCI[1] >= 0
	return c, true
}

// gapVariance estimates the variance of a group's gap: the perceived mean's plus the actual
// share's.
func gapVariance(sv *survey.Survey, def *survey.Item, it results.Item) float64 {
	var ss float64
	for id, n := range it.PerceivedCounts {
		if step, ok := sv.PerceivedOption(def, id); ok {
			ss += float64(n) * sq(step.Value-it.PerceivedMean)
		}
	}
	v := 0.0
	if it.NPerceived > 1 {
		v = ss / float64(it.NPerceived-1) / float64(it.NPerceived)
	}
	return v + it.ActualShare*(1-it.ActualShare)/float64(it.NSelf)
}

func sq(x float64) float64 { return x * x }

// pp turns a share difference into percentage points with one decimal.
func pp(x float64) float64 { return math.Round(1000*x) / 10 }

// WavePair is one group seen in both waves.
type WavePair struct {
	Base, Follow *Node
	Changes      []Change
}

// LinkWaves pairs the groups of a baseline tree with those of the follow-up tree of the same
// filters: schools and wider by their key, a class by its school and class label (the same
// class answers again in a new session). Groups seen in one wave only are left out.
func LinkWaves(sv *survey.Survey, base, follow *Node) []WavePair {
	index := map[string]*Node{}
	follow.Walk(func(n *Node) { index[linkKey(n)] = n })
	var out []WavePair
	base.Walk(func(b *Node) {
		f, ok := index[linkKey(b)]
		if !ok {
			return
		}
		pair := WavePair{Base: b, Follow: f}
		for i := range sv.Items {
			def := &sv.Items[i]
			bi, okB := b.Group.Item(def.ID)
			fi, okF := f.Group.Item(def.ID)
			if !okB || !okF || b.Group.Suppressed || f.Group.Suppressed {
				continue
			}
			if c, ok := ItemChange(sv, def, bi, fi); ok {
				pair.Changes = append(pair.Changes, c)
			}
		}
		out = append(out, pair)
	})
	return out
}

// linkKey identifies a group across waves.
func linkKey(n *Node) string {
	if n.Level == results.LevelClass {
		return "class|" + n.SchoolID + "|" + NormalizeClassLabel(n.Label)
	}
	return "group|" + n.Key
}

// NormalizeClassLabel makes "8.b", "8 B" and "8B" the same class.
func NormalizeClassLabel(label string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(label) {
		if r != ' ' && r != '.' && r != '-' && r != '/' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
