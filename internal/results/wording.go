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

// OutOfTen words a share as "X af 10", the way pupils read it, and is true: 10 only when the
// share is all (every answer on that side), 0 only when it is none; any other share is
// rounded (halves up) and kept within 1 to 9, so 19 of 20 is "9 af 10", not "10 af 10", and
// 1 of 22 is "1 af 10", never "0 af 10" — a pupil is never told they do not exist. Every
// figure in words (results, presenter, print, campaign, posters, parents' text) comes from
// here or from Percent.
func OutOfTen(share float64) int {
	switch {
	case share >= 1:
		return 10
	case share <= 0:
		return 0
	}
	return min(max(int(math.Floor(share*10+0.5+1e-9)), 1), 9)
}

// Percent words a share as a whole percentage under the same rule: 100 only when all, 0
// only when none, otherwise 1 to 99.
func Percent(share float64) int {
	switch {
	case share >= 1:
		return 100
	case share <= 0:
		return 0
	}
	return min(max(int(math.Round(share*100)), 1), 99)
}

// HealthyMajority reports whether a share on the healthy side may be called a majority in
// words: strictly more than half, and stated as at least 6 af 10 (5 af 10 is not one).
// Campaign messages, approval lines and the presenter's "Det er helt normalt at …" all use it.
func HealthyMajority(share float64) bool {
	return share > MajorityShare && OutOfTen(share) >= MajorityOutOfTen
}

// The line of a majority in words (HealthyMajority).
const (
	MajorityShare    = 0.5
	MajorityOutOfTen = 6
)

// HealthyMajorities lists the topics (not suppressed) where a HealthyMajority of the group is
// on the healthy side, largest majority first: what the class can call "helt normalt".
func HealthyMajorities(sv *survey.Survey, g Group) []Item {
	var out []Item
	for _, it := range g.Items {
		def, ok := sv.Item(it.ID)
		if !ok || it.Suppressed || !HealthyMajority(HealthyShare(def, it)) {
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
