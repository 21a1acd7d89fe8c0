package compare

import (
	"encoding/json"
	"fmt"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// compactSummary is a summary as stored: counts listed in the survey's option order instead
// of keyed by option id. A municipality's school year is a few hundred of these, read
// together; the compact form keeps that read small.
type compactSummary struct {
	SessionID  string              `json:"s"`
	SchoolID   string              `json:"sc"`
	ClassLabel string              `json:"c"`
	Grade      int                 `json:"g"`
	Wave       model.Wave          `json:"w"`
	ClosedDay  string              `json:"d"`
	N          int                 `json:"n"`
	Counts     map[string][2][]int `json:"t"` // topic → [self counts, perceived counts]
}

// Encode writes a summary compactly; Decode reads it back. Both need the survey version the
// summary was made from, whose option order the counts follow.
func Encode(sv *survey.Survey, s Summary) (string, error) {
	c := compactSummary{SessionID: s.SessionID, SchoolID: s.SchoolID, ClassLabel: s.ClassLabel, Grade: s.Grade,
		Wave: s.Wave, ClosedDay: s.ClosedDay, N: s.N, Counts: map[string][2][]int{}}
	for _, t := range s.Tallies {
		it, ok := sv.Item(t.ID)
		if !ok {
			return "", fmt.Errorf("summary of %s: topic %q is not in %s", s.SessionID, t.ID, sv.Key())
		}
		self := make([]int, len(it.Self.Options))
		for i, o := range it.Self.Options {
			self[i] = t.SelfCounts[o.ID]
		}
		scale := sv.Scale(it)
		perceived := make([]int, len(scale))
		for i, o := range scale {
			perceived[i] = t.PerceivedCounts[o.ID]
		}
		c.Counts[t.ID] = [2][]int{self, perceived}
	}
	data, err := json.Marshal(c)
	return string(data), err
}

// Decode reads a summary written by Encode for the same survey version; where fills in what
// the stored form leaves to its container (municipality, survey, school year).
func Decode(sv *survey.Survey, data string, where Summary) (Summary, error) {
	var c compactSummary
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		return Summary{}, fmt.Errorf("read summary: %w", err)
	}
	s := where
	s.SessionID, s.SchoolID, s.ClassLabel, s.Grade, s.Wave, s.ClosedDay, s.N =
		c.SessionID, c.SchoolID, c.ClassLabel, c.Grade, c.Wave, c.ClosedDay, c.N
	for _, it := range sv.Items {
		counts, ok := c.Counts[it.ID]
		if !ok {
			continue
		}
		t := results.Tally{ID: it.ID, SelfCounts: map[string]int{}, PerceivedCounts: map[string]int{}}
		for i, o := range it.Self.Options {
			if i < len(counts[0]) && counts[0][i] > 0 {
				t.SelfCounts[o.ID] = counts[0][i]
			}
		}
		for i, o := range sv.Scale(&it) {
			if i < len(counts[1]) && counts[1][i] > 0 {
				t.PerceivedCounts[o.ID] = counts[1][i]
			}
		}
		s.Tallies = append(s.Tallies, t)
	}
	return s, nil
}
