package web

import (
	"regexp"
	"strings"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// exportColumns are the header of both exports, one row per group and topic.
var exportColumns = []string{"level", "municipality", "school", "class", "n", "topic_id", "topic", "n_self",
	"n_perceived", "actual_share", "ci_low", "ci_high", "perceived_mean", "gap_pp", "overestimated_share",
	"underestimated_share", "suppressed"}

// exportRow is one group's figures for one topic; Item is suppressed when it is hidden.
type exportRow struct {
	Level, Municipality, School, Class string
	N                                  int
	TopicID, Topic                     string
	Item                               results.Item
}

// exportRows flattens the comparison tree the way the compare API does (compareRows), with
// the scope's own total first, and one row per topic of the survey. The figures are the
// tree's: the same suppression as every page.
func exportRows(sv *survey.Survey, root *compare.Node, schoolID string) []exportRow {
	total := compareRow{Level: levelName(root.Level), N: root.Group.N, Suppressed: root.Group.Suppressed, Items: root.Group.Items}
	if root.Level == results.LevelMunicipality {
		total.Municipality = root.Label
	}
	groups := append([]compareRow{total}, compareRows(root, schoolID)...)
	var out []exportRow
	for _, g := range groups {
		for i := range sv.Items {
			def := &sv.Items[i]
			it, ok := results.Item{}, false
			for _, x := range g.Items {
				if x.ID == def.ID {
					it, ok = x, true
				}
			}
			if !ok && !g.Suppressed {
				continue // left out for this group (a sensitive topic of a class, say)
			}
			if g.Suppressed || it.Suppressed {
				it = results.Item{ID: def.ID, Suppressed: true}
			}
			out = append(out, exportRow{Level: g.Level, Municipality: g.Municipality, School: g.School,
				Class: g.ClassLabel, N: g.N, TopicID: def.ID, Topic: def.Topic.In("da"), Item: it})
		}
	}
	return out
}

var unsafeFileChars = regexp.MustCompile(`[^a-z0-9]+`)

// exportFileName is "helt-normal-<scope>-<survey>-<year>.<ext>" with only a-z, 0-9 and
// dashes, so every browser and file system keeps it as it is.
func exportFileName(scope, surveyID, schoolYear, ext string) string {
	clean := func(s string) string {
		s = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "é", "e", "ü", "u").Replace(strings.ToLower(s))
		return strings.Trim(unsafeFileChars.ReplaceAllString(s, "-"), "-")
	}
	return "helt-normal-" + clean(scope) + "-" + clean(surveyID) + "-" + clean(schoolYear) + "." + ext
}
