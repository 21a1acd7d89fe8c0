package web

import (
	"errors"
	"net/url"
	"strconv"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/charts"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// sspTopic is one topic of the SSP dashboard: a table of the groups and a chart.
type sspTopic struct {
	ID, Name  string
	Reference sspRow // the municipality, cluster or region itself
	Groups    []sspGroup
	Chart     string // ECharts option JSON; empty when nothing can be drawn
}

// sspGroup is a row of the table with the rows nested under it (a school's classes, a
// municipality's schools), folded away unless they are what the chart shows.
type sspGroup struct {
	Row      sspRow
	Children []sspRow
	Open     bool
}

// sspRow is one group's cells for one topic. Every figure is read from the comparison
// tree, where the privacy rules have already been applied.
type sspRow struct {
	Level                  string // "region", "cluster", "municipality", "school", "class"
	Label                  string
	Link                   string // a school's classes, a municipality's schools; empty: no link
	Nested                 bool   // a class under its school, a school under its municipality
	Hidden                 bool
	Reason                 string // why the cell is hidden, for everyone (not only screen readers)
	N                      string
	Actual, Perceived, Gap string
}

// sspTopics words the tree's figures per topic. In a municipality the rows are its schools
// each followed by its classes (one school only with q.SchoolID); in a cluster or the region
// each municipality followed by its schools. The chart shows the rows one level below the
// root (the classes when one school is chosen).
func sspTopics(l *i18n.Localizer, sv *survey.Survey, root *compare.Node, q app.CompareQuery, selected map[string]bool) ([]sspTopic, error) {
	type entry struct {
		node   *compare.Node
		nested bool
		bar    bool // one bar of the chart
	}
	var entries []entry
	wide := root.Level > results.LevelMunicipality
	root.Walk(func(n *compare.Node) {
		switch {
		case wide && n.Level == results.LevelMunicipality:
			entries = append(entries, entry{node: n, bar: true})
		case wide && n.Level == results.LevelSchool:
			entries = append(entries, entry{node: n, nested: true})
		case !wide && n.Level == results.LevelSchool && (q.SchoolID == "" || n.SchoolID == q.SchoolID):
			entries = append(entries, entry{node: n, bar: q.SchoolID == ""})
		case !wide && n.Level == results.LevelClass && (q.SchoolID == "" || n.SchoolID == q.SchoolID):
			entries = append(entries, entry{node: n, nested: true, bar: q.SchoolID != ""})
		}
	})

	var topics []sspTopic
	for i := range sv.Items {
		def := &sv.Items[i]
		_, ok := root.Group.Item(def.ID)
		if (!ok && !root.Group.Suppressed) || !selected[def.ID] {
			continue // a topic left out here (sensitive, for instance), or not picked
		}
		name := def.Topic.In(l.Lang)
		t := sspTopic{ID: def.ID, Name: name, Reference: sspCells(l, root, def.ID, "", false)}
		var bars []charts.CompareRow
		for _, e := range entries {
			link := ""
			switch {
			case !wide && e.node.Level == results.LevelSchool:
				link = q.Link("/ssp", func(v url.Values) { v.Set("school_id", e.node.SchoolID) })
			case wide && e.node.Level == results.LevelMunicipality:
				link = q.Link("/ssp", func(v url.Values) {
					v.Del("scope")
					v.Del("cluster")
					v.Set("municipality", e.node.Key)
				})
			}
			row := sspCells(l, e.node, def.ID, link, e.nested)
			if e.nested && len(t.Groups) > 0 {
				g := &t.Groups[len(t.Groups)-1]
				g.Children = append(g.Children, row)
				g.Open = g.Open || e.bar // the classes of the one school chosen are the chart's bars
			} else {
				t.Groups = append(t.Groups, sspGroup{Row: row})
			}
			if e.bar {
				it, _ := cellItem(e.node, def.ID)
				bars = append(bars, charts.CompareRow{Label: e.node.Label, Item: it})
			}
		}
		refItem, _ := cellItem(root, def.ID)
		option, err := charts.Compare(bars, refItem, charts.CompareTexts{
			Actual:             l.T("ssp.chart.actual"),
			Perceived:          l.T("ssp.chart.perceived"),
			ReferenceActual:    l.T("ssp.chart.reference_actual", "Name", root.Label, "Share", percent(refItem.ActualShare, l.Lang)),
			ReferencePerceived: l.T("ssp.chart.reference_perceived", "Name", root.Label, "Share", percent(refItem.PerceivedMean, l.Lang)),
			Description:        l.T("ssp.chart.description", "Topic", name, "Name", root.Label),
		})
		if err != nil && !errors.Is(err, charts.ErrSuppressed) {
			return nil, err
		}
		t.Chart = string(option)
		topics = append(topics, t)
	}
	return topics, nil
}

// cellItem is n's figures for a topic; a hidden group or topic is a suppressed item.
func cellItem(n *compare.Node, topic string) (results.Item, bool) {
	it, ok := n.Group.Item(topic)
	switch {
	case n.Group.Suppressed || !ok:
		return results.Hidden(topic, results.ReasonTooFew), false
	case it.Suppressed:
		return it, false
	}
	return it, true
}

// sspCells words one group's figures for a topic, or why there are none.
func sspCells(l *i18n.Localizer, n *compare.Node, topic, link string, nested bool) sspRow {
	r := sspRow{Level: levelName(n.Level), Label: n.Label, Link: link, Nested: nested}
	it, ok := cellItem(n, topic)
	if !ok {
		r.Hidden = true
		r.Reason = l.T("ssp.hidden_few")
		if it.Reason == results.ReasonProtects {
			r.Reason = l.T("ssp.hidden_protects")
		}
		return r
	}
	r.N = strconv.Itoa(it.NSelf)
	r.Actual = percent(it.ActualShare, l.Lang)
	r.Perceived = percent(it.PerceivedMean, l.Lang)
	r.Gap = signed(it.GapPP, l.Lang)
	return r
}
