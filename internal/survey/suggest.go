package survey

import (
	"fmt"
	"strings"
)

// suggest returns ` (did you mean "x"?)` for the allowed key closest to a misspelt one.
func suggest(key string, allowed []string) string {
	// The longest allowed key has 10 letters, and a key 3 letters longer is too far from
	// it to suggest it: measuring the distance to a long key would take time for nothing.
	if len(key) > 64 {
		return ""
	}
	lower := strings.ToLower(key)
	best, bestDist := "", 3
	for _, a := range allowed {
		if d := distance(lower, a); d < bestDist && d < len(key) {
			best, bestDist = a, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance between a and b, by rune.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
