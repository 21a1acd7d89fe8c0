package compare

import (
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"strings"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// The release model (docs/privacy.md): a published figure may change between two looks only
// by a group of answers that could itself be published. Otherwise the difference between the
// looks would show what the rules hide — the late pupil's answers after a re-open, a sixth
// pupil's while results are shown live, one class's answers to a sensitive topic in its
// school's total.

// ReleaseClass decides what a class shows, given what it shows now (zero before its first
// release) and every answer it has. Answers join the shown figures only in steps of at least
// minGroup new answers; in a step, a topic whose own answers (or guesses) grew by fewer than
// minGroup keeps its shown counts, since a topic skipped by most of the new pupils would
// otherwise move by one or two answers. It returns the new shown state and how many answers
// wait to be shown.
func ReleaseClass(shown, current Summary, minGroup int) (next Summary, waiting int) {
	if current.N-shown.N < minGroup {
		return shown, max(current.N-shown.N, 0)
	}
	next = current
	next.Tallies = make([]results.Tally, 0, len(current.Tallies))
	for _, now := range current.Tallies {
		before := tallyOf(shown.Tallies, now.ID)
		self, perceived := countsDelta(before.SelfCounts, now.SelfCounts), countsDelta(before.PerceivedCounts, now.PerceivedCounts)
		if (self == 0 || self >= minGroup) && (perceived == 0 || perceived >= minGroup) {
			next.Tallies = append(next.Tallies, now)
		} else {
			next.Tallies = append(next.Tallies, before)
		}
	}
	return next, 0
}

// tallyOf is the tally of topic id, or an empty one.
func tallyOf(tallies []results.Tally, id string) results.Tally {
	for _, t := range tallies {
		if t.ID == id {
			return t
		}
	}
	return results.Tally{ID: id, SelfCounts: map[string]int{}, PerceivedCounts: map[string]int{}}
}

// countsDelta is how many answers differ between two counts of the same question.
func countsDelta(a, b map[string]int) int {
	d := 0
	for k, v := range b {
		d += abs(v - a[k])
	}
	for k, v := range a {
		if _, ok := b[k]; !ok {
			d += v
		}
	}
	return d
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Snapshot is what a school's sensitive figures are computed from, in one wave: the classes
// released into them and their sensitive topics' counts added up. Sensitive topics are never
// shown for a class, so a school's figure must not move by one class: the snapshot is
// replaced only when the classes that changed since (closed, deleted, re-closed) are at least
// two with at least the sensitive minimum of answers between them (ReleaseSensitive). Until
// then a deleted class stays in it. Wider groups add up their schools' snapshots.
type Snapshot struct {
	// Sessions holds each released class's fingerprint: its answers and a checksum of its
	// sensitive counts, so a re-closed class counts as changed.
	Sessions map[string]string `json:"sessions"`
	// N is the number of answers the snapshot was made from.
	N       int             `json:"n"`
	Tallies []results.Tally `json:"tallies"`
}

// ReleaseSensitive returns the school's new snapshot when the classes in live (its closed
// classes of one wave now) differ from prev's by at least two classes and the sensitive
// minimum of answers, and prev otherwise. The first snapshot follows the same rule, which is
// also the rule for showing a sensitive figure at all (more than one class, at least the
// minimum).
func ReleaseSensitive(sv *survey.Survey, prev Snapshot, live []Summary, rules results.Rules) (Snapshot, bool) {
	changedClasses, changedAnswers := 0, 0
	seen := map[string]bool{}
	for _, s := range live {
		seen[s.SessionID] = true
		fp := sensitiveFingerprint(sv, s)
		old, was := prev.Sessions[s.SessionID]
		switch {
		case !was:
			changedClasses++
			changedAnswers += s.N
		case old != fp:
			changedClasses++
			changedAnswers += max(abs(s.N-fingerprintN(old)), 1)
		}
	}
	for id, old := range prev.Sessions {
		if !seen[id] {
			changedClasses++
			changedAnswers += fingerprintN(old)
		}
	}
	if changedClasses < 2 || changedAnswers < rules.MinSensitive {
		return prev, false
	}
	next := Snapshot{Sessions: map[string]string{}}
	var parts [][]results.Tally
	for _, s := range live {
		next.Sessions[s.SessionID] = sensitiveFingerprint(sv, s)
		next.N += s.N
		parts = append(parts, sensitiveTallies(sv, s.Tallies))
	}
	next.Tallies = results.Add(parts...)
	return next, true
}

// sensitiveTallies keeps the sensitive topics' tallies.
func sensitiveTallies(sv *survey.Survey, tallies []results.Tally) []results.Tally {
	var out []results.Tally
	for _, t := range tallies {
		if it, ok := sv.Item(t.ID); ok && it.Sensitive {
			out = append(out, t)
		}
	}
	return out
}

// sensitiveFingerprint is "n:checksum" of a class's sensitive counts.
func sensitiveFingerprint(sv *survey.Survey, s Summary) string {
	var b strings.Builder
	for _, t := range sensitiveTallies(sv, s.Tallies) {
		b.WriteString(t.ID)
		for _, counts := range []map[string]int{t.SelfCounts, t.PerceivedCounts} {
			for _, k := range slices.Sorted(maps.Keys(counts)) {
				fmt.Fprintf(&b, ",%s=%d", k, counts[k])
			}
			b.WriteByte(';')
		}
	}
	return fmt.Sprintf("%d:%08x", s.N, crc32.ChecksumIEEE([]byte(b.String())))
}

// fingerprintN is the number of answers in a fingerprint.
func fingerprintN(fp string) int {
	var n int
	fmt.Sscanf(fp, "%d:", &n)
	return n
}
