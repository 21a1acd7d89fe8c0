package results

import (
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Tally is one topic's answers counted, and nothing else: how many chose each self option and
// each perceived scale step. Tallies add up, so a school's figures are computed from its
// classes' tallies without going back to the raw answers (which are deleted after the
// retention period). A tally is never shown: figures come from it through FromTallies, which
// applies the privacy rules.
type Tally struct {
	ID              string         `json:"id"`
	SelfCounts      map[string]int `json:"self_counts"`
	PerceivedCounts map[string]int `json:"perceived_counts"`
}

// Tallies counts each topic's answers over a group of responses.
func Tallies(sv *survey.Survey, topics []string, answers []map[string]model.Answer) []Tally {
	out := make([]Tally, 0, len(topics))
	for _, id := range topics {
		it, ok := sv.Item(id)
		if !ok {
			continue
		}
		t := Tally{ID: id, SelfCounts: map[string]int{}, PerceivedCounts: map[string]int{}}
		for _, a := range answers {
			ans, ok := a[id]
			if !ok {
				continue
			}
			if _, ok := it.SelfOption(ans.Self); ok {
				t.SelfCounts[ans.Self]++
			}
			if _, ok := sv.PerceivedOption(it, ans.Perceived); ok {
				t.PerceivedCounts[ans.Perceived]++
			}
		}
		out = append(out, t)
	}
	return out
}

// Add sums tallies of the same topics (a school's classes, say) into one per topic, in the
// order the topics first appear.
func Add(groups ...[]Tally) []Tally {
	var out []Tally
	index := map[string]int{}
	for _, g := range groups {
		for _, t := range g {
			i, ok := index[t.ID]
			if !ok {
				i = len(out)
				index[t.ID] = i
				out = append(out, Tally{ID: t.ID, SelfCounts: map[string]int{}, PerceivedCounts: map[string]int{}})
			}
			for k, v := range t.SelfCounts {
				out[i].SelfCounts[k] += v
			}
			for k, v := range t.PerceivedCounts {
				out[i].PerceivedCounts[k] += v
			}
		}
	}
	return out
}
