package report

import (
	"slices"
	"strings"

	"github.com/heltnormal/heltnormal/internal/campaign"
	"github.com/heltnormal/heltnormal/internal/results"
)

// levelKey names a tree's root level in the report's messages.
var levelKey = map[results.Level]string{
	results.LevelMunicipality: "report.scope.municipality",
	results.LevelCluster:      "report.scope.cluster",
	results.LevelRegion:       "report.scope.region",
	results.LevelSchool:       "report.scope.school",
}

// titlePage names the report: scope, school year, survey, wave and the day it was made.
func (d *doc) titlePage() {
	pdf, in := d.pdf, d.in
	pdf.AddPage()
	pdf.SetY(150)
	d.font(true, 12)
	pdf.SetTextColor(0, 110, 110)
	pdf.CellFormat(contentW, 16, "Helt Normal", "", 1, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	d.heading(d.l.T("report.title"), 30)
	scope := d.l.T(levelKey[in.Tree.Level], "Name", in.Tree.Label)
	if in.SchoolID != "" && len(d.groups) > 0 {
		scope = d.l.T("report.scope.school", "Name", d.groups[0].Label) + " · " + scope
	}
	d.font(true, 18)
	pdf.MultiCell(contentW, 24, scope, "", "L", false)
	pdf.Ln(20)
	lines := [][2]string{
		{d.l.T("report.meta.survey"), in.Survey.Title.In(d.lang) + " (" + d.l.T("report.meta.version", "Version", in.Survey.Version) + ")"},
		{d.l.T("report.meta.school_year"), in.SchoolYear},
		{d.l.T("report.meta.wave"), d.l.T("report.wave." + in.Wave)},
	}
	if in.Grade > 0 {
		lines = append(lines, [2]string{d.l.T("report.meta.grade"), d.l.T("report.meta.grade_n", "Grade", in.Grade)})
	}
	answers := d.l.T("report.meta.answers_n", "Count", in.Tree.Group.N)
	if in.Tree.Group.Suppressed {
		answers = d.l.T("report.meta.answers_few", "Min", in.Rules.MinGroup)
	}
	lines = append(lines, [2]string{d.l.T("report.meta.answers"), answers}, [2]string{d.l.T("report.meta.date"), date(in.Day, d.lang)})
	for _, kv := range lines {
		d.font(true, 11)
		pdf.CellFormat(130, 18, kv[0], "", 0, "L", false, 0, "")
		d.font(false, 11)
		pdf.MultiCell(contentW-130, 18, kv[1], "", "L", false)
	}
	pdf.Ln(30)
	d.paragraph(d.l.T("report.intro"), 10.5)
	d.paragraph(d.l.T("report.intro_privacy", "Min", in.Rules.MinGroup), 10.5)
}

// summaryPage gives the figures a council asks first: where the guesses were furthest off,
// and which healthy habits a clear majority has. Both come from the root of the protected
// tree, through the same rules the campaign uses (results.ByGap, results.HealthyMajorities,
// campaign.Refusal).
func (d *doc) summaryPage() {
	pdf, in := d.pdf, d.in
	root := in.Tree
	pdf.AddPage()
	d.heading(d.l.T("report.summary.title"), 20)
	if root.Group.Suppressed {
		d.paragraph(d.l.T("report.summary.too_few", "Min", in.Rules.MinGroup), 11)
		return
	}
	d.paragraph(d.l.T("report.summary.lead", "Name", root.Label, "Count", root.Group.N, "Groups", len(d.groups)), 11)

	d.font(true, 14)
	pdf.MultiCell(contentW, 20, d.l.T("report.summary.gaps"), "", "L", false)
	d.paragraph(d.l.T("report.summary.gaps_lead"), 10)
	gaps := results.ByGap(root.Group)
	if len(gaps) == 0 {
		d.paragraph(d.l.T("report.summary.none"), 10.5)
	}
	for i, it := range gaps {
		if i == 5 {
			break
		}
		def, ok := in.Survey.Item(it.ID)
		if !ok {
			continue
		}
		d.bullet(d.l.T("report.summary.gap_line", "Topic", def.Topic.In(d.lang), "Actual", Percent(it.ActualShare, d.lang),
			"Guess", Percent(it.PerceivedMean, d.lang), "Gap", PP(it.GapPP)), 10.5)
	}
	pdf.Ln(10)

	d.font(true, 14)
	pdf.MultiCell(contentW, 20, d.l.T("report.summary.majorities"), "", "L", false)
	d.paragraph(d.l.T("report.summary.majorities_lead"), 10)
	shown := 0
	for _, it := range results.HealthyMajorities(in.Survey, root.Group) {
		def, ok := in.Survey.Item(it.ID)
		statement := def.Campaign.Statement.In(d.lang)
		if !ok || def.Sensitive || statement == "" {
			continue // sensitive topics are never headlined, not even as a majority
		}
		line := d.l.T("report.summary.majority_line", "OutOfTen", results.OutOfTen(results.HealthyShare(def, it)),
			"Name", root.Label, "Statement", statement, "Percent", Percent(results.HealthyShare(def, it), d.lang))
		if campaign.Refusal(in.Survey, root.Group, it.ID) == campaign.Allowed {
			line += " " + d.l.T("report.summary.campaign")
		}
		d.bullet(line, 10.5)
		shown++
	}
	if shown == 0 {
		d.paragraph(d.l.T("report.summary.none"), 10.5)
	}
	var names []string
	for i := range in.Survey.Items {
		def := &in.Survey.Items[i]
		if !slices.Contains(d.topics, def) {
			names = append(names, def.Topic.In(d.lang))
		}
	}
	if len(names) > 0 {
		pdf.Ln(10)
		d.paragraph(d.l.T("report.summary.no_figures", "Topics", strings.Join(names, ", "), "Min", in.Rules.MinGroup), 9.5)
	}
}

// methodPage says how the figures are made and protected.
func (d *doc) methodPage() {
	d.pdf.AddPage()
	d.heading(d.l.T("report.method.title"), 20)
	for _, key := range []string{"report.method.actual", "report.method.interval", "report.method.guess", "report.method.gap", "report.method.change"} {
		d.paragraph(d.l.T(key), 10.5)
	}
	d.pdf.Ln(8)
	d.heading(d.l.T("report.privacy.title"), 16)
	rules := d.in.Rules
	for _, p := range []string{
		d.l.T("report.privacy.anonymous"),
		d.l.T("report.privacy.min_group", "Min", rules.MinGroup),
		d.l.T("report.privacy.complementary"),
		d.l.T("report.privacy.sensitive", "Min", rules.MinSensitive),
		d.l.T("report.privacy.over_time", "Min", rules.MinGroup),
		d.l.T("report.privacy.hidden"),
	} {
		d.bullet(p, 10.5)
	}
}
