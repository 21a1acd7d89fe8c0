package report

import (
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// wavesPages show, per topic, how the groups measured both times moved from baseline to
// follow-up, in words (compare.ChangeInWords) with 95 % intervals. Groups stay in name order:
// a change within noise must not rank a school. Nothing is shown when there is no follow-up.
func (d *doc) wavesPages() {
	in := d.in
	if in.Base == nil || in.Follow == nil || in.Follow.Group.N == 0 {
		return
	}
	pairs := compare.LinkWaves(in.Survey, in.Base, in.Follow)
	byBase := map[*compare.Node]compare.WavePair{}
	for _, p := range pairs {
		byBase[p.Base] = p
	}
	rows := []*compare.Node{in.Base}
	for _, n := range chartGroups(Groups(in.Base, in.SchoolID), in.SchoolID) {
		if _, ok := byBase[n]; ok {
			rows = append(rows, n)
		}
	}
	if _, ok := byBase[in.Base]; !ok {
		return
	}
	d.pdf.AddPage()
	d.heading(d.l.T("report.waves.title"), 20)
	d.paragraph(d.l.T("report.waves.lead"), 10.5)
	for _, def := range d.topics {
		d.wavesTopic(def, rows, byBase)
	}
}

// wavesTopic writes one topic's changes: the whole scope's in sentences, then each group's.
func (d *doc) wavesTopic(def *survey.Item, rows []*compare.Node, byBase map[*compare.Node]compare.WavePair) {
	pdf := d.pdf
	d.room(90)
	d.font(true, 13)
	pdf.Bookmark(def.Topic.In(d.lang), 1, -1)
	pdf.MultiCell(contentW, 18, def.Topic.In(d.lang), "", "L", false)
	pdf.Ln(2)
	for _, n := range rows {
		p := byBase[n]
		name := d.label(n)
		if n == d.in.Base {
			name = d.l.T("report.table.total", "Name", n.Label)
		}
		ch, ok := change(p, def.ID)
		bi, okB := shown(p.Base, def.ID)
		fi, okF := shown(p.Follow, def.ID)
		d.room(40)
		d.font(true, 9.5)
		if !ok || !okB || !okF {
			pdf.MultiCell(contentW, 13, name+": "+d.l.T("report.waves.hidden"), "", "L", false)
			pdf.Ln(3)
			continue
		}
		pdf.MultiCell(contentW, 13, d.l.T("report.waves.group", "Name", name, "Base", PP(bi.GapPP), "Follow", PP(fi.GapPP),
			"BaseActual", Percent(bi.ActualShare, d.lang), "FollowActual", Percent(fi.ActualShare, d.lang)), "", "L", false)
		w := compare.ChangeInWords(d.l, def, bi, fi, ch)
		d.font(false, 9.5)
		pdf.SetX(margin + 12)
		pdf.MultiCell(contentW-12, 12.5, w.Gap, "", "L", false)
		pdf.SetX(margin + 12)
		pdf.MultiCell(contentW-12, 12.5, w.Actual, "", "L", false)
		pdf.Ln(4)
	}
	pdf.Ln(6)
}

// change finds a topic's change in a pair.
func change(p compare.WavePair, id string) (compare.Change, bool) {
	for _, c := range p.Changes {
		if c.ID == id {
			return c, true
		}
	}
	return compare.Change{}, false
}
