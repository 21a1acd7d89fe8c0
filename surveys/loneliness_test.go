package surveys_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/surveys"
)

// lonelinessProblems lists the loneliness topics of s whose healthy side counts feeling
// lonely: the healthy side (the counted options of a healthy item, the uncounted ones of a
// harmful item, never a "does not apply" answer) must hold the first option ("Nej",
// "Aldrig": not lonely at all) and not the last (the loneliest answer). Options run from
// least to most, as in every scale of the surveys.
func lonelinessProblems(s *survey.Survey) []string {
	var out []string
	for _, it := range s.Items {
		if !strings.Contains(it.ID, "lonely") {
			continue
		}
		var healthySide []string
		for _, o := range it.Self.Options {
			if !o.NotApplicable && o.Norm == it.Healthy {
				healthySide = append(healthySide, o.ID)
			}
		}
		opts := it.Self.Options
		if first := opts[0].ID; !slices.Contains(healthySide, first) {
			out = append(out, it.ID+": the healthy side lacks "+first)
		}
		if last := opts[len(opts)-1].ID; slices.Contains(healthySide, last) {
			out = append(out, it.ID+": the healthy side counts "+last)
		}
	}
	return out
}

// No loneliness topic a session can be created with counts feeling lonely as the healthy
// side (issue 20: the short survey's version 1 did, so a poster could cheer it).
func TestNoLonelinessTopicCountsFeelingLonelyAsHealthy(t *testing.T) {
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range latest(all) {
		for _, p := range lonelinessProblems(s) {
			t.Errorf("%s: %s", s.File, p)
		}
		for _, it := range s.Items {
			if strings.Contains(it.ID, "lonely") {
				checked++
			}
		}
	}
	if checked < 3 {
		t.Errorf("only %d loneliness topics checked", checked)
	}
	// The check finds what version 1 got wrong.
	for _, s := range all {
		if s.Key() == "jeg-er-helt-normal-kort@1" && len(lonelinessProblems(s)) == 0 {
			t.Error("the short survey's version 1 counts having felt lonely as healthy, and the check does not see it")
		}
	}
}
