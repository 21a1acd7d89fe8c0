package results

import "testing"

// TestOutOfTen: a figure in words is true. "10 af 10" only when all, "0 af 10" only when
// none; every other share within 1 to 9, halves rounded up.
func TestOutOfTen(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  int
	}{
		{0, 0}, {1.0 / 22, 1}, {0.04, 1}, {0.05, 1}, {0.149, 1}, {0.15, 2}, {0.25, 3}, {0.549, 5},
		{0.55, 6}, {0.75, 8}, {0.849, 8}, {0.85, 9}, {0.95, 9}, {19.0 / 20, 9}, {0.999, 9}, {1, 10},
	} {
		if got := OutOfTen(c.share); got != c.want {
			t.Errorf("OutOfTen(%v) = %d, want %d", c.share, got, c.want)
		}
	}
	for k := 0; k <= 30; k++ { // every class size up to 30: 10 and 0 only for all and none
		for n := max(k, 1); n <= 30; n++ {
			got := OutOfTen(float64(k) / float64(n))
			if (got == 10) != (k == n) || (got == 0) != (k == 0) {
				t.Errorf("%d of %d is %d af 10", k, n, got)
			}
		}
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  int
	}{{0, 0}, {0.001, 1}, {0.004, 1}, {0.005, 1}, {0.5, 50}, {0.994, 99}, {0.996, 99}, {199.0 / 200, 99}, {1, 100}} {
		if got := Percent(c.share); got != c.want {
			t.Errorf("Percent(%v) = %d, want %d", c.share, got, c.want)
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
