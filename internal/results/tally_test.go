package results

import (
	"reflect"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Figures from added class tallies equal figures computed over the pooled answers: a
// school's result does not depend on how its answers were grouped.
func TestAddedTalliesGiveThePooledFigures(t *testing.T) {
	sv := testSurvey(t)
	a := class("sleep", []string{"yes", "yes", "no", "yes", "no", "no"}, []int{3, 5, 5, 7, -1, 2})
	b := class("sleep", []string{"no", "yes", "yes", "yes", "yes", ""}, []int{9, 9, 6, -1, 4, 5})
	topics := []string{"sleep", "drunk"}
	pooled := Compute(sv, topics, append(append([]map[string]model.Answer{}, a...), b...), LevelSchool, rules)
	added := FromTallies(sv, topics, len(a)+len(b), Add(Tallies(sv, topics, a), Tallies(sv, topics, b)), LevelSchool, rules)
	if !reflect.DeepEqual(pooled, added) {
		t.Errorf("pooled %+v\nadded  %+v", pooled, added)
	}
	if it, _ := added.Item("sleep"); it.NSelf != 11 || it.NPerceived != 10 || it.SelfCounts["yes"] != 7 {
		t.Errorf("sleep = %+v", it)
	}
}

func TestTalliesIgnoreUnknownAnswers(t *testing.T) {
	sv := testSurvey(t)
	got := Tallies(sv, []string{"sleep", "nope"}, []map[string]model.Answer{
		{"sleep": {Self: "maybe", Perceived: "11"}},
		{"sleep": {Self: "yes", Perceived: "10"}},
	})
	if len(got) != 1 || got[0].SelfCounts["yes"] != 1 || len(got[0].SelfCounts) != 1 || got[0].PerceivedCounts["10"] != 1 || len(got[0].PerceivedCounts) != 1 {
		t.Errorf("tallies = %+v", got)
	}
}
