package compare

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// A summary is stored as short, readable text: a header line of tab-separated fields, then a
// line per topic with its counts in the survey's option order —
//
//	v1	<session>	<school>	<grade>	<wave>	<closed day>	<n>	<class label>
//	sleep	3,5,12	0,1,2,3,4,5,1,2,0,0,0
//
// A municipality's school year is a few hundred of these, read together on every cold
// dashboard; this form is small and parses several times faster than JSON. Class labels hold
// letters, digits, spaces, dots and dashes only (the session form checks), never a tab or
// a line break.
const encodingVersion = "v1"

// Encode writes a summary; Decode reads it back. Both need the survey version the summary
// was made from, whose option order the counts follow.
func Encode(sv *survey.Survey, s Summary) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%s\t%s\t%d\t%s", encodingVersion, s.SessionID, s.SchoolID, s.Grade, s.Wave, s.ClosedDay, s.N, s.ClassLabel)
	for _, t := range s.Tallies {
		it, ok := sv.Item(t.ID)
		if !ok {
			return "", fmt.Errorf("summary of %s: topic %q is not in %s", s.SessionID, t.ID, sv.Key())
		}
		b.WriteString("\n" + t.ID + "\t")
		for i, o := range it.Self.Options {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(t.SelfCounts[o.ID]))
		}
		b.WriteByte('\t')
		for i, o := range sv.Scale(it) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(t.PerceivedCounts[o.ID]))
		}
	}
	return b.String(), nil
}

// Decode reads a summary written by Encode for the same survey version; where fills in what
// the stored form leaves to its container (municipality, survey, school year).
func Decode(sv *survey.Survey, data string, where Summary) (Summary, error) {
	bad := func(what string) (Summary, error) {
		return Summary{}, fmt.Errorf("read summary: %s in %.60q", what, data)
	}
	header, rest, _ := strings.Cut(data, "\n")
	f := strings.SplitN(header, "\t", 8)
	if len(f) != 8 || f[0] != encodingVersion {
		return bad("unknown header")
	}
	s := where
	var err1, err2 error
	s.SessionID, s.SchoolID, s.Wave, s.ClosedDay, s.ClassLabel = f[1], f[2], model.Wave(f[4]), f[5], f[7]
	s.Grade, err1 = strconv.Atoi(f[3])
	s.N, err2 = strconv.Atoi(f[6])
	if err1 != nil || err2 != nil {
		return bad("bad number")
	}
	for line := range strings.SplitSeq(rest, "\n") {
		if line == "" {
			continue
		}
		id, counts, _ := strings.Cut(line, "\t")
		self, perceived, _ := strings.Cut(counts, "\t")
		it, ok := sv.Item(id)
		if !ok {
			continue // a topic since removed from the survey version: nothing to show it under
		}
		t := results.Tally{ID: id, SelfCounts: map[string]int{}, PerceivedCounts: map[string]int{}}
		if !fill(t.SelfCounts, it.Self.Options, self) || !fill(t.PerceivedCounts, sv.Scale(it), perceived) {
			return bad("bad counts for " + id)
		}
		s.Tallies = append(s.Tallies, t)
	}
	return s, nil
}

// fill reads comma-separated counts into m under the options' ids, leaving zeros out.
func fill(m map[string]int, options []survey.Option, list string) bool {
	i := 0
	for field := range strings.SplitSeq(list, ",") {
		n, err := strconv.Atoi(field)
		if err != nil || i >= len(options) || n < 0 {
			return false
		}
		if n > 0 {
			m[options[i].ID] = n
		}
		i++
	}
	return i == len(options)
}
