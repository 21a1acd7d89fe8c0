package compare

import (
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
)

func wave(s Summary, w model.Wave, session string) Summary {
	s.Wave, s.SessionID = w, session
	return s
}

func TestWaveArithmetic(t *testing.T) {
	sv := testSurvey(t)
	shape := Shape{Top: results.LevelMunicipality, Root: "Horsens"}
	// 8.B: 10 of 20 sleep enough at baseline, 16 of 20 at follow-up; everybody guessed 5 of 10
	// both times, so the gap went from 0 to −30 points. 8.C moved from 10 to 12 of 20: noise.
	base := Build(sv, []Summary{
		wave(classOf(sv, "x", "s1", "Horsens", 20, 10), model.WaveBaseline, "b1"),
		wave(classOf(sv, "x", "s1", "Horsens", 20, 10), model.WaveBaseline, "c1"),
	}, shape, rules)
	follow := Build(sv, []Summary{
		wave(classOf(sv, "x", "s1", "Horsens", 20, 16), model.WaveFollowUp, "b2"),
		wave(classOf(sv, "x", "s1", "Horsens", 20, 12), model.WaveFollowUp, "c2"),
	}, shape, rules)
	find(base, "b1").Label, find(base, "c1").Label = "8.B", "8.C"
	find(follow, "b2").Label, find(follow, "c2").Label = "8 b", "8c" // typed differently

	pairs := LinkWaves(sv, base, follow)
	var b, c *WavePair
	for i := range pairs {
		switch pairs[i].Base.Key {
		case "b1":
			b = &pairs[i]
		case "c1":
			c = &pairs[i]
		}
	}
	if b == nil || c == nil || b.Follow.Key != "b2" || c.Follow.Key != "c2" {
		t.Fatalf("classes not linked across waves: %+v", pairs)
	}
	sleep := func(p *WavePair) Change {
		for _, ch := range p.Changes {
			if ch.ID == "sleep" {
				return ch
			}
		}
		t.Fatalf("no change for sleep in %+v", p.Changes)
		return Change{}
	}
	got := sleep(b)
	want := Change{ID: "sleep", ActualChangePP: 30, ActualCI: [2]float64{0.5, 53.4}, GapChangePP: -30, GapCI: [2]float64{-58.1, -1.9}}
	if got != want {
		t.Errorf("8.B change\n got %+v\nwant %+v", got, want)
	}
	small := sleep(c)
	if small.ActualChangePP != 10 || small.ActualCI != [2]float64{-19.3, 37} || !small.ActualNoise {
		t.Errorf("8.C change %+v: want +10 (−19.3 to 37.0), within noise", small)
	}
	// The school pair exists too, and sensitive topics never produce a class-level change.
	var school *WavePair
	for i := range pairs {
		if pairs[i].Base.Key == "s1" {
			school = &pairs[i]
		}
	}
	if school == nil {
		t.Fatal("school not linked")
	}
	for _, ch := range b.Changes {
		if ch.ID == "lonely" {
			t.Error("a sensitive topic changed at class level")
		}
	}
}

func TestNoChangeFromHiddenFigures(t *testing.T) {
	sv := testSurvey(t)
	def, _ := sv.Item("sleep")
	if _, ok := ItemChange(sv, def, results.Item{ID: "sleep", Suppressed: true}, results.Item{ID: "sleep", NSelf: 20, NPerceived: 20}); ok {
		t.Error("a change was computed from a suppressed wave")
	}
}
