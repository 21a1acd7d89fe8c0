package compare

import (
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
)

// grow adds k pupils answering "yes" (and guessing 5) to every topic of a class's summary,
// skipping topic skip.
func grow(t *testing.T, s Summary, k int, skip string) Summary {
	t.Helper()
	sv := testSurvey(t)
	var answers []map[string]model.Answer
	for range k {
		a := map[string]model.Answer{}
		for _, it := range sv.Items {
			if it.ID != skip {
				a[it.ID] = model.Answer{Self: "yes", Perceived: "5"}
			}
		}
		answers = append(answers, a)
	}
	out := s
	out.N += k
	out.Tallies = results.Add(s.Tallies, results.Tallies(sv, []string{"sleep", "drunk", "lonely"}, answers))
	return out
}

func TestReleaseClassMovesOnlyInSteps(t *testing.T) {
	sv := testSurvey(t)
	empty := Summary{}
	four := classOf(sv, "c", "s", "m", 4, 2)
	six := classOf(sv, "c", "s", "m", 6, 3)

	if next, waiting := ReleaseClass(empty, four, 5); next.N != 0 || waiting != 4 {
		t.Errorf("4 answers: shown n %d, waiting %d; want nothing shown and 4 waiting", next.N, waiting)
	}
	first, waiting := ReleaseClass(empty, six, 5)
	if first.N != 6 || waiting != 0 || countsDelta(nil, tallyOf(first.Tallies, "sleep").SelfCounts) != 6 {
		t.Fatalf("6 answers: shown n %d, waiting %d", first.N, waiting)
	}
	// One late pupil: nothing moves.
	if next, waiting := ReleaseClass(first, grow(t, six, 1, ""), 5); next.N != 6 || waiting != 1 ||
		tallyOf(next.Tallies, "sleep").SelfCounts["yes"] != 3 {
		t.Errorf("one late pupil: shown n %d, waiting %d, yes %d", next.N, waiting, tallyOf(next.Tallies, "sleep").SelfCounts["yes"])
	}
	// Five late pupils, four of whom skip drunk: the class moves, but drunk moves by one
	// answer only, so it keeps its shown counts.
	five := grow(t, grow(t, six, 4, "drunk"), 1, "")
	next, waiting := ReleaseClass(first, five, 5)
	if next.N != 11 || waiting != 0 {
		t.Fatalf("five late pupils: shown n %d, waiting %d", next.N, waiting)
	}
	if got := tallyOf(next.Tallies, "sleep").SelfCounts["yes"]; got != 8 {
		t.Errorf("sleep yes = %d, want 8 (released)", got)
	}
	if got := tallyOf(next.Tallies, "drunk").SelfCounts["yes"]; got != 3 {
		t.Errorf("drunk yes = %d, want 3 (held: one new answer)", got)
	}
}

func TestReleaseSensitiveNeedsTwoClassesAndTheMinimum(t *testing.T) {
	sv := testSurvey(t)
	a := classOf(sv, "a", "s", "m", 12, 3)
	b := classOf(sv, "b", "s", "m", 12, 2)
	c := classOf(sv, "c", "s", "m", 6, 6)
	d := classOf(sv, "d", "s", "m", 10, 1)
	e := classOf(sv, "e", "s", "m", 10, 1)

	if _, ok := ReleaseSensitive(sv, Snapshot{}, []Summary{a}, rules); ok {
		t.Error("one class released a first snapshot")
	}
	if _, ok := ReleaseSensitive(sv, Snapshot{}, []Summary{classOf(sv, "x", "s", "m", 8, 1), classOf(sv, "y", "s", "m", 8, 1)}, rules); ok {
		t.Error("16 answers released a first snapshot")
	}
	snap, ok := ReleaseSensitive(sv, Snapshot{}, []Summary{a, b}, rules)
	if !ok || snap.N != 24 || tallyOf(snap.Tallies, "lonely").SelfCounts["yes"] != 5 || len(tallyOf(snap.Tallies, "sleep").SelfCounts) != 0 {
		t.Fatalf("two classes of 12: %+v, %v", snap, ok)
	}
	for name, live := range map[string][]Summary{
		"one class closes":     {a, b, c},
		"one class is deleted": {a},
		"one class re-closes":  {a, grow(t, b, 5, "")},
		"nothing changed":      {a, b},
	} {
		if _, ok := ReleaseSensitive(sv, snap, live, rules); ok {
			t.Errorf("%s: released", name)
		}
	}
	next, ok := ReleaseSensitive(sv, snap, []Summary{a, b, d, e}, rules)
	if !ok || next.N != 44 {
		t.Errorf("two new classes of 10: %+v, %v", next, ok)
	}
	// A deleted class and a new one, 18 answers between them: too few.
	if _, ok := ReleaseSensitive(sv, snap, []Summary{a, classOf(sv, "f", "s", "m", 6, 1)}, rules); ok {
		t.Error("a delete and a class of 6 (18 answers) released")
	}
}

func TestBuildTakesSensitiveFiguresFromSnapshots(t *testing.T) {
	sv := testSurvey(t)
	a := classOf(sv, "a", "s1", "m", 12, 3)
	b := classOf(sv, "b", "s1", "m", 12, 2)
	c := classOf(sv, "c", "s1", "m", 6, 6)
	snap, _ := ReleaseSensitive(sv, Snapshot{}, []Summary{a, b}, rules)
	shape := Shape{Top: results.LevelMunicipality, Root: "m", Schools: map[string]string{"s1": "School"},
		Sensitive: map[string]Snapshot{"s1": snap}}
	before := Build(sv, []Summary{a, b}, shape, rules)
	after := Build(sv, []Summary{a, b, c}, shape, rules)
	lonely := func(n *Node) results.Item { it, _ := n.Group.Item("lonely"); return it }
	if lonely(before).NSelf != 24 || lonely(after).NSelf != 24 || lonely(after).ActualShare != lonely(before).ActualShare {
		t.Errorf("lonely before %+v after %+v", lonely(before), lonely(after))
	}
	if sleep, _ := after.Group.Item("sleep"); sleep.NSelf != 30 {
		t.Errorf("sleep n = %d, want 30 (not sensitive: every shown class)", sleep.NSelf)
	}
	none := Build(sv, []Summary{a, b}, Shape{Top: results.LevelMunicipality, Root: "m", Schools: map[string]string{"s1": "School"},
		Sensitive: map[string]Snapshot{}}, rules)
	if it := lonely(none); !it.Suppressed {
		t.Errorf("a school without a snapshot shows a sensitive figure: %+v", it)
	}
}
