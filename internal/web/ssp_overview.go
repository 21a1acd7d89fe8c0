package web

import (
	"cmp"
	"math"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// defaultTopics is how many topics the dashboard shows before the consultant picks: the
// largest misperceptions, as many as a council meeting or a school board takes in.
const defaultTopics = 5

// sspOverviewLine is one topic of the dashboard's overview: the scope's own figures, and
// whether the topic is shown below.
type sspOverviewLine struct {
	ID, Name                string
	Actual, Perceived, Gap  string
	Hidden, Selected, Shown bool // Shown: it has a table below
}

// hiddenField is one of the filters the topic form carries along.
type hiddenField struct{ Name, Value string }

// sspOverview ranks the topics of the scope (root) by how far its pupils' guess was from
// what is true, largest first; topics hidden at the scope's level come last, in the
// survey's order.
func sspOverview(l *i18n.Localizer, sv *survey.Survey, root *compare.Node) []sspOverviewLine {
	type ranked struct {
		line sspOverviewLine
		gap  float64
	}
	var lines []ranked
	for i := range sv.Items {
		def := &sv.Items[i]
		if _, ok := root.Group.Item(def.ID); !ok && !root.Group.Suppressed {
			continue // left out of this view (a sensitive topic narrowed by grade)
		}
		cells := sspCells(l, root, def.ID, "", false)
		r := ranked{line: sspOverviewLine{ID: def.ID, Name: def.Topic.In(l.Lang), Hidden: cells.Hidden,
			Actual: cells.Actual, Perceived: cells.Perceived, Gap: cells.Gap}, gap: -1}
		if it, ok := cellItem(root, def.ID); ok {
			r.gap = math.Abs(it.GapPP)
		}
		lines = append(lines, r)
	}
	slices.SortStableFunc(lines, func(a, b ranked) int { return cmp.Compare(b.gap, a.gap) })
	out := make([]sspOverviewLine, len(lines))
	for i, r := range lines {
		out[i] = r.line
	}
	return out
}

// selectTopics marks the topics asked for in ?topics= (unknown ids are ignored), or by
// default the defaultTopics largest misperceptions; with nothing visible at all, every
// topic, so the tables can say why.
func selectTopics(c *fiber.Ctx, lines []sspOverviewLine) map[string]bool {
	asked := map[string]bool{}
	for _, v := range c.Request().URI().QueryArgs().PeekMulti("topics") {
		asked[string(v)] = true
	}
	selected := map[string]bool{}
	for _, line := range lines {
		if asked[line.ID] {
			selected[line.ID] = true
		}
	}
	if len(selected) > 0 {
		return selected
	}
	for _, line := range lines {
		if !line.Hidden && len(selected) < defaultTopics {
			selected[line.ID] = true
		}
	}
	if len(selected) == 0 {
		for _, line := range lines {
			selected[line.ID] = true
		}
	}
	return selected
}
