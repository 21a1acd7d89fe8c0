package results

import (
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Level is how wide a group is; sensitive topics are shown only at school level or wider.
type Level int

// Levels of grouping, narrowest first.
const (
	LevelClass Level = iota
	LevelSchool
	LevelMunicipality
	LevelCluster
	LevelRegion
)

// Rules are the privacy thresholds in force (from the configuration).
type Rules struct {
	MinGroup     int // no figure from fewer respondents
	MinSensitive int // sensitive topics need at least this many, at school level or wider
}

// Group is the figures of one group of responses (a class, a school, ...).
type Group struct {
	N          int    `json:"n"`
	MinGroup   int    `json:"min_group"`
	Suppressed bool   `json:"suppressed"`
	Items      []Item `json:"items"`
	// Waiting counts a class's answers not yet in its figures: they join once there are at
	// least MinGroup of them (compare.ReleaseClass).
	Waiting int `json:"waiting,omitempty"`
}

// Compute returns the figures of the given topics over a group's answers, with every privacy
// rule applied (see FromTallies).
func Compute(sv *survey.Survey, topics []string, answers []map[string]model.Answer, level Level, rules Rules) Group {
	return FromTallies(sv, topics, len(answers), Tallies(sv, topics, answers), level, rules)
}

// FromTallies returns the figures of the given topics for a group of n responses whose
// answers are counted in tallies, with every privacy rule applied:
//   - fewer than MinGroup responses: the group is suppressed and carries no items;
//   - a topic with fewer than MinGroup answers to either question is suppressed alone;
//   - a sensitive topic is left out entirely at class level, and suppressed in wider groups
//     with fewer than MinSensitive answers to it.
func FromTallies(sv *survey.Survey, topics []string, n int, tallies []Tally, level Level, rules Rules) Group {
	g := Group{N: n, MinGroup: rules.MinGroup, Items: []Item{}}
	if g.N < rules.MinGroup {
		g.Suppressed = true
		return g
	}
	byID := map[string]Tally{}
	for _, t := range tallies {
		byID[t.ID] = t
	}
	for _, id := range topics {
		it, ok := sv.Item(id)
		if !ok {
			continue
		}
		if it.Sensitive && level == LevelClass {
			continue
		}
		item := figures(sv, it, byID[id])
		need := rules.MinGroup
		if it.Sensitive {
			need = max(need, rules.MinSensitive)
		}
		if min(item.NSelf, item.NPerceived) < need {
			item = suppressed(id, ReasonTooFew)
		}
		g.Items = append(g.Items, item)
	}
	return g
}

// Item returns the figures of one topic, if the group has them.
func (g Group) Item(id string) (Item, bool) {
	for _, it := range g.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}
