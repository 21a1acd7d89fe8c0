package web

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// figureColumns are the message keys of the figure columns every export ends with: counts,
// then shares in percent, then whether the figures are shown.
var figureColumns = []string{"export.col.n_self", "export.col.n_perceived", "export.col.actual_share",
	"export.col.ci_low", "export.col.ci_high", "export.col.perceived_mean", "export.col.gap_pp",
	"export.col.overestimated", "export.col.underestimated", "export.col.status"}

// exportColumns are the message keys of the comparison's header, one row per group and topic.
var exportColumns = append([]string{"export.col.level", "export.col.municipality", "export.col.school",
	"export.col.class", "export.col.n", "export.col.topic_id", "export.col.topic"}, figureColumns...)

// headers is columns in l's language.
func headers(l *i18n.Localizer, columns []string) []string {
	out := make([]string, len(columns))
	for i, key := range columns {
		out[i] = l.T(key)
	}
	return out
}

// figureCells are an item's figure cells in a CSV. Shares are percentages with one decimal
// (csvFormat.percent); a hidden item's cells are empty, never zero, and its status says so.
func figureCells(l *i18n.Localizer, f csvFormat, it results.Item) []string {
	if it.Suppressed {
		return []string{"", "", "", "", "", "", "", "", "", l.T("export.status.hidden")}
	}
	return []string{strconv.Itoa(it.NSelf), strconv.Itoa(it.NPerceived), f.percent(it.ActualShare),
		f.percent(it.ActualCI[0]), f.percent(it.ActualCI[1]), f.percent(it.PerceivedMean),
		f.number(it.GapPP, 1), f.percent(it.OverestimatedShare), f.percent(it.UnderestimatedShare),
		l.T("export.status.shown")}
}

// exportRow is one group's figures for one topic; Item is suppressed when it is hidden.
type exportRow struct {
	Level, Municipality, School, Class string // Level as the API spells it ("school")
	Name                               string // the group's name in a chart
	Charted                            bool   // one of the groups each topic's chart compares
	N                                  int
	TopicID, Topic                     string
	Item                               results.Item
}

// exportRows flattens the comparison tree the way the compare API does (compareRows), with
// the scope's own total first, and one row per topic of the survey, topics named in lang.
// The figures are the tree's: the same suppression as every page. The charts compare the
// total with the groups one level below it (a municipality's schools, a region's
// municipalities), or one school with its classes.
func exportRows(l *i18n.Localizer, sv *survey.Survey, root *compare.Node, schoolID string) []exportRow {
	total := compareRow{Level: levelName(root.Level), N: root.Group.N, Suppressed: root.Group.Suppressed, Items: root.Group.Items}
	if root.Level == results.LevelMunicipality {
		total.Municipality = root.Label
	}
	charted := "municipality"
	switch {
	case schoolID != "":
		charted = "class"
	case root.Level == results.LevelMunicipality:
		charted = "school"
	}
	groups := append([]compareRow{total}, compareRows(root, schoolID)...)
	var out []exportRow
	for gi, g := range groups {
		name := g.ClassLabel
		switch {
		case gi == 0:
			name = l.T("export.chart.total", "Name", root.Label)
		case g.Level == "school":
			name = g.School
		case g.Level == "municipality":
			name = g.Municipality
		}
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
				Class: g.ClassLabel, Name: name, Charted: gi == 0 || g.Level == charted || (schoolID != "" && g.Level == "school"),
				N: g.N, TopicID: def.ID, Topic: def.Topic.In(l.Lang), Item: it})
		}
	}
	return out
}

var unsafeFileChars = regexp.MustCompile(`[^a-z0-9]+`)

// exportFileName is "helt-normal-<scope>-<survey>-<year>.<ext>" with only a-z, 0-9 and
// dashes, so every browser and file system keeps it as it is.
func exportFileName(scope, surveyID, schoolYear, ext string) string {
	return "helt-normal-" + cleanFileWord(scope) + "-" + cleanFileWord(surveyID) + "-" + cleanFileWord(schoolYear) + "." + ext
}

// cleanFileWord is s in lower case with Danish letters written out and everything but a-z
// and 0-9 turned into single dashes.
func cleanFileWord(s string) string {
	s = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "é", "e", "ü", "u").Replace(strings.ToLower(s))
	return strings.Trim(unsafeFileChars.ReplaceAllString(s, "-"), "-")
}
