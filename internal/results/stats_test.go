package results

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/survey/surveytest"
)

func testSurvey(t *testing.T) *survey.Survey {
	t.Helper()
	return surveytest.Survey(t)
}

// class builds answers: self[i] "yes"/"no"/"" and perceived[i] in tenths (-1 = skipped).
func class(topic string, self []string, perceived []int) []map[string]model.Answer {
	out := make([]map[string]model.Answer, len(self))
	for i := range self {
		a := model.Answer{Self: self[i]}
		if perceived[i] >= 0 {
			a.Perceived = strconv.Itoa(perceived[i])
		}
		out[i] = map[string]model.Answer{}
		if a.Self != "" || a.Perceived != "" {
			out[i][topic] = a
		}
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 5e-7 }

var rules = Rules{MinGroup: 5, MinSensitive: 20}

func TestHandComputedFigures(t *testing.T) {
	sv := testSurvey(t)
	tests := []struct {
		name                string
		self                []string
		perceived           []int
		nSelf, nPerceived   int
		actual, lo, hi      float64
		mean, gap           float64
		over, under         float64
		selfYes, perceived5 int
	}{
		{
			name:      "class of 12, 9 of 12 sleep enough, the class guessed 55 %",
			self:      []string{"yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "no", "no", "no"},
			perceived: []int{3, 4, 5, 5, 6, 6, 7, 8, 9, 2, 5, 6},
			nSelf:     12, nPerceived: 12,
			actual: 0.75, lo: 0.467690, hi: 0.911060,
			mean: 0.55, gap: -20.0, over: 1.0 / 12, under: 0.75,
			selfYes: 9, perceived5: 3,
		},
		{
			name:      "exactly the minimum group",
			self:      []string{"yes", "yes", "yes", "no", "no"},
			perceived: []int{6, 6, 6, 8, 10},
			nSelf:     5, nPerceived: 5,
			actual: 0.6, lo: 0.230720, hi: 0.882382,
			mean: 0.72, gap: 12.0, over: 0.4, under: 0,
			selfYes: 3,
		},
		{
			name:      "nobody: 0 %",
			self:      []string{"no", "no", "no", "no", "no"},
			perceived: []int{0, 1, 2, 0, 5},
			nSelf:     5, nPerceived: 5,
			actual: 0, lo: 0, hi: 0.434491,
			mean: 0.16, gap: 16.0, over: 0.4, under: 0,
			perceived5: 1,
		},
		{
			name:      "everybody: 100 %",
			self:      []string{"yes", "yes", "yes", "yes", "yes", "yes"},
			perceived: []int{10, 9, 9, 7, 10, -1},
			nSelf:     6, nPerceived: 5,
			actual: 1, lo: 0.609657, hi: 1,
			mean: 0.9, gap: -10.0, over: 0, under: 0.2,
			selfYes: 6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Compute(sv, []string{"sleep"}, class("sleep", tt.self, tt.perceived), LevelClass, rules)
			it, ok := g.Item("sleep")
			if g.Suppressed || !ok || it.Suppressed {
				t.Fatalf("suppressed: %+v", g)
			}
			if it.NSelf != tt.nSelf || it.NPerceived != tt.nPerceived {
				t.Errorf("n = %d/%d, want %d/%d", it.NSelf, it.NPerceived, tt.nSelf, tt.nPerceived)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"actual_share", it.ActualShare, tt.actual},
				{"ci low", it.ActualCI[0], tt.lo},
				{"ci high", it.ActualCI[1], tt.hi},
				{"perceived_mean", it.PerceivedMean, tt.mean},
				{"gap_pp", it.GapPP, tt.gap},
				{"overestimated_share", it.OverestimatedShare, tt.over},
				{"underestimated_share", it.UnderestimatedShare, tt.under},
			} {
				if !near(c.got, c.want) {
					t.Errorf("%s = %.6f, want %.6f", c.name, c.got, c.want)
				}
			}
			if it.SelfCounts["yes"] != tt.selfYes || it.PerceivedCounts["5"] != tt.perceived5 {
				t.Errorf("counts self %v perceived %v", it.SelfCounts, it.PerceivedCounts)
			}
		})
	}
}

func TestWilsonEdges(t *testing.T) {
	if got := Wilson(0, 0); got != [2]float64{} {
		t.Errorf("Wilson(0,0) = %v", got)
	}
	// n = 1: the interval is wide but inside [0, 1].
	if got := Wilson(1, 1); got[0] < 0.2 || got[1] != 1 {
		t.Errorf("Wilson(1,1) = %v", got)
	}
	for n := 1; n < 60; n++ {
		for k := 0; k <= n; k++ {
			ci := Wilson(k, n)
			p := float64(k) / float64(n)
			if ci[0] < 0 || ci[1] > 1 || ci[0] > p+1e-12 || ci[1] < p-1e-12 {
				t.Fatalf("Wilson(%d,%d) = %v does not hold %f", k, n, ci, p)
			}
		}
	}
}

func TestSuppression(t *testing.T) {
	sv := testSurvey(t)
	yes := func(n int) ([]string, []int) {
		s, p := make([]string, n), make([]int, n)
		for i := range s {
			s[i], p[i] = "yes", 5
		}
		return s, p
	}

	t.Run("a class of 4 shows nothing", func(t *testing.T) {
		s, p := yes(4)
		g := Compute(sv, []string{"sleep", "drunk"}, class("sleep", s, p), LevelClass, rules)
		if !g.Suppressed || len(g.Items) != 0 || g.N != 4 {
			t.Errorf("got %+v", g)
		}
	})

	t.Run("every pupil skipped a topic", func(t *testing.T) {
		s, p := yes(8)
		g := Compute(sv, []string{"sleep", "drunk"}, class("sleep", s, p), LevelClass, rules)
		drunk, _ := g.Item("drunk")
		if !drunk.Suppressed || drunk.NSelf != 0 || drunk.SelfCounts != nil {
			t.Errorf("drunk = %+v", drunk)
		}
		if sleep, _ := g.Item("sleep"); sleep.Suppressed {
			t.Error("sleep suppressed")
		}
	})

	t.Run("enough self answers but too few guesses", func(t *testing.T) {
		s, p := yes(8)
		for i := 0; i < 4; i++ {
			p[i] = -1
		}
		g := Compute(sv, []string{"sleep"}, class("sleep", s, p), LevelClass, rules)
		if it, _ := g.Item("sleep"); !it.Suppressed || it.ActualShare != 0 || it.PerceivedCounts != nil {
			t.Errorf("sleep = %+v", it)
		}
	})

	t.Run("a sensitive topic never appears at class level", func(t *testing.T) {
		s, p := yes(28)
		g := Compute(sv, []string{"sleep", "lonely"}, class("lonely", s, p), LevelClass, rules)
		if _, ok := g.Item("lonely"); ok {
			t.Errorf("lonely listed at class level: %+v", g.Items)
		}
	})

	t.Run("a sensitive topic needs 20 at school level", func(t *testing.T) {
		s, p := yes(19)
		g := Compute(sv, []string{"lonely"}, class("lonely", s, p), LevelSchool, rules)
		if it, _ := g.Item("lonely"); !it.Suppressed {
			t.Errorf("19 answers shown: %+v", it)
		}
		s, p = yes(20)
		g = Compute(sv, []string{"lonely"}, class("lonely", s, p), LevelSchool, rules)
		if it, _ := g.Item("lonely"); it.Suppressed || it.NSelf != 20 || it.ActualShare != 1 {
			t.Errorf("20 answers not shown: %+v", it)
		}
	})
}

func TestSuppressedItemCarriesNoFiguresInJSON(t *testing.T) {
	data, err := json.Marshal(Group{N: 8, MinGroup: 5, Items: []Item{suppressed("drunk", ReasonTooFew), {ID: "sleep", NSelf: 8, NPerceived: 8, ActualShare: 0.5}}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"n":8,"min_group":5,"suppressed":false,"items":[{"id":"drunk","suppressed":true,"reason":"too_few_answers"},{"id":"sleep","suppressed":false,"n_self":8,"n_perceived":8,"actual_share":0.5,"actual_ci":[0,0],"perceived_mean":0,"gap_pp":0,"overestimated_share":0,"underestimated_share":0}]}`
	if string(data) != want {
		t.Errorf("got  %s\nwant %s", data, want)
	}
}

// A class of 8: 5 sleep enough (62.5 %), the guesses average 46.25 %: the gap is -16.25
// points, which rounds to -16.3 every time, whichever order the counts are added in.
func TestGapOnARoundingEdgeIsTheSameEveryTime(t *testing.T) {
	sv := testSurvey(t)
	self := []string{"yes", "no", "yes", "yes", "no", "yes", "no", "yes"}
	perceived := []int{3, 4, 5, 6, 7, 3, 4, 5}
	for range 200 {
		g := Compute(sv, []string{"sleep"}, class("sleep", self, perceived), LevelClass, rules)
		it, _ := g.Item("sleep")
		if it.GapPP != -16.3 || !near(it.PerceivedMean, 0.4625) {
			t.Fatalf("gap %v, mean %v; want -16.3 and 0.4625", it.GapPP, it.PerceivedMean)
		}
	}
}
