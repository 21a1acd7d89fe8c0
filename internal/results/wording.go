package results

import (
	"math"
	"sort"

	"github.com/heltnormal/heltnormal/internal/survey"
)

// HealthyShare is the share of the group on the healthy side of a topic: the share doing the
// counted behaviour when it is healthy, the share not doing it when it is harmful. A topic's
// campaign statement always describes this side.
func HealthyShare(def *survey.Item, it Item) float64 {
	if def.Healthy {
		return it.ActualShare
	}
	return 1 - it.ActualShare
}

// HealthyGuess is what the group guessed about the healthy side of a topic: the perceived
// share doing the counted behaviour when it is healthy, the share not doing it when it is
// harmful. It is the guess to set beside HealthyShare.
func HealthyGuess(def *survey.Item, it Item) float64 {
	if def.Healthy {
		return it.PerceivedMean
	}
	return 1 - it.PerceivedMean
}

// OutOfTen rounds a share to "X af 10", the way pupils read it. Halves round up.
func OutOfTen(share float64) int {
	return int(math.Floor(share*10 + 0.5 + 1e-9))
}

// HealthyMajorities lists the topics (not suppressed) where at least half the group is on the
// healthy side, largest majority first: what the class can call "helt normalt".
func HealthyMajorities(sv *survey.Survey, g Group) []Item {
	var out []Item
	for _, it := range g.Items {
		def, ok := sv.Item(it.ID)
		if !ok || it.Suppressed || HealthyShare(def, it) < 0.5 {
			continue
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, _ := sv.Item(out[i].ID)
		dj, _ := sv.Item(out[j].ID)
		return HealthyShare(di, out[i]) > HealthyShare(dj, out[j])
	})
	return out
}

// ByGap orders the shown topics by how wrong the group's guess was, largest first.
func ByGap(g Group) []Item {
	var out []Item
	for _, it := range g.Items {
		if !it.Suppressed {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].GapPP) > math.Abs(out[j].GapPP) })
	return out
}
