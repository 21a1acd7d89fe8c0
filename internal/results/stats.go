// Package results computes what a group of pupils really does next to what it assumed, per
// survey topic, and enforces the privacy rules on every figure: no figure from fewer than the
// minimum group, and sensitive topics only in large, school-or-wider groups. Every page, API,
// chart, export and poster gets its figures from here, so none of them can get around it.
package results

import (
	"math"

	"github.com/heltnormal/heltnormal/internal/survey"
)

// z is the normal quantile of a two-sided 95 % interval.
const z = 1.96

// Margin is how far a guess may be from the truth and still count as about right: a
// perceived share more than 0.10 above (below) the actual share is an over- (under-)
// estimate.
const Margin = 0.10

// Item is one topic's figures for a group. When Suppressed is true every figure is zero and
// the counts are nil: the group was too small to show anything.
type Item struct {
	ID                  string         `json:"id"`
	Suppressed          bool           `json:"suppressed"`
	Reason              string         `json:"reason,omitempty"` // why suppressed: a Reason* constant
	NSelf               int            `json:"n_self,omitempty"` // self answers that apply (not-applicable ones left out)
	NPerceived          int            `json:"n_perceived,omitempty"`
	ActualShare         float64        `json:"actual_share"`
	ActualCI            [2]float64     `json:"actual_ci"`
	PerceivedMean       float64        `json:"perceived_mean"`
	GapPP               float64        `json:"gap_pp"`
	OverestimatedShare  float64        `json:"overestimated_share"`
	UnderestimatedShare float64        `json:"underestimated_share"`
	SelfCounts          map[string]int `json:"self_counts,omitempty"`
	PerceivedCounts     map[string]int `json:"perceived_counts,omitempty"`
}

// figures computes an item's figures from its tally, before any suppression. An answer on a
// not-applicable option ("I haven't seen that happen") is counted in SelfCounts but is on
// neither side: it is not in NSelf, the denominator of the actual share, so it neither
// dilutes the counted behaviour nor joins its complement; and a topic shows only when
// enough answers apply.
func figures(sv *survey.Survey, it *survey.Item, t Tally) Item {
	out := Item{ID: it.ID, SelfCounts: map[string]int{}, PerceivedCounts: map[string]int{}}
	k := 0
	for id, n := range t.SelfCounts {
		opt, ok := it.SelfOption(id)
		if !ok || n <= 0 {
			continue
		}
		out.SelfCounts[id] = n
		if opt.NotApplicable {
			continue
		}
		out.NSelf += n
		if opt.Norm {
			k += n
		}
	}
	// The scale's order, not the map's: a float sum in a random order differs in its last
	// bit from one call to the next, and a gap on a rounding edge would flip with it.
	var perceivedSum float64
	for _, step := range sv.Scale(it) {
		n := t.PerceivedCounts[step.ID]
		if n <= 0 {
			continue
		}
		out.NPerceived += n
		out.PerceivedCounts[step.ID] = n
		perceivedSum += float64(n) * step.Value
	}
	if out.NSelf > 0 {
		out.ActualShare = float64(k) / float64(out.NSelf)
		out.ActualCI = Wilson(k, out.NSelf)
	}
	if out.NPerceived > 0 {
		out.PerceivedMean = perceivedSum / float64(out.NPerceived)
		over, under := 0, 0
		for id, n := range out.PerceivedCounts {
			step, _ := sv.PerceivedOption(it, id)
			switch d := step.Value - out.ActualShare; {
			case d > Margin+1e-9:
				over += n
			case d < -Margin-1e-9:
				under += n
			}
		}
		out.OverestimatedShare = float64(over) / float64(out.NPerceived)
		out.UnderestimatedShare = float64(under) / float64(out.NPerceived)
	}
	if out.NSelf > 0 && out.NPerceived > 0 {
		out.GapPP = roundTenth(100 * (out.PerceivedMean - out.ActualShare))
	}
	return out
}

// roundTenth rounds to one decimal, halves away from zero. Shares are ratios of small counts,
// so a gap like 16.25 arrives as 16.2499999…; the nudge of 1e-9 lets it round as written.
func roundTenth(x float64) float64 {
	return math.Round(10*x+math.Copysign(1e-9, x)) / 10
}

// Wilson is the Wilson score 95 % interval of k successes in n trials.
func Wilson(k, n int) [2]float64 {
	if n == 0 {
		return [2]float64{}
	}
	p, nf := float64(k)/float64(n), float64(n)
	denom := 1 + z*z/nf
	center := (p + z*z/(2*nf)) / denom
	half := z / denom * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return [2]float64{math.Max(0, center-half), math.Min(1, center+half)}
}

// Reasons a figure is hidden.
const (
	// ReasonTooFew: fewer answers than the minimum group (or, for a sensitive topic, than
	// the minimum for sensitive topics).
	ReasonTooFew = "too_few_answers"
	// ReasonProtects: enough answers, but showing it would let a hidden figure be worked
	// out from a total (complementary suppression).
	ReasonProtects = "protects_another_group"
)

// suppressed is an item with its id, the reason and nothing else.
func suppressed(id, reason string) Item { return Item{ID: id, Suppressed: true, Reason: reason} }

// Hidden returns the item with its figures removed, for the given reason.
func Hidden(id, reason string) Item { return suppressed(id, reason) }
