package results

import "testing"

func TestOutOfTen(t *testing.T) {
	for share, want := range map[float64]int{0: 0, 0.04: 0, 0.05: 1, 0.25: 3, 0.549: 5, 0.55: 6, 0.75: 8, 0.95: 10, 1: 10} {
		if got := OutOfTen(share); got != want {
			t.Errorf("OutOfTen(%v) = %d, want %d", share, got, want)
		}
	}
}

func TestHealthyMajoritiesAndGapOrder(t *testing.T) {
	sv := testSurvey(t)
	g := Group{N: 20, Items: []Item{
		{ID: "sleep", ActualShare: 0.6, GapPP: -10}, // healthy: 60 % sleep enough
		{ID: "drunk", ActualShare: 0.1, GapPP: 35},  // harmful: 90 % have not been drunk
		{ID: "lonely", Suppressed: true},            // never listed
	}}
	maj := HealthyMajorities(sv, g)
	if len(maj) != 2 || maj[0].ID != "drunk" || maj[1].ID != "sleep" {
		t.Errorf("majorities = %+v", maj)
	}
	g.Items[0].ActualShare = 0.4 // 40 % sleep enough: not a majority
	if maj := HealthyMajorities(sv, g); len(maj) != 1 || maj[0].ID != "drunk" {
		t.Errorf("majorities = %+v", maj)
	}
	if gap := ByGap(g); len(gap) != 2 || gap[0].ID != "drunk" {
		t.Errorf("by gap = %+v", gap)
	}
}
