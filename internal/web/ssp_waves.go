package web

import (
	"html/template"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/charts"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// wavesPage shows, per topic, how each group seen in both waves moved from baseline to
// follow-up. Groups are listed by name (the tree's order), never by size of change: a change
// within noise must not put a school at the top or the bottom.
type wavesPage struct {
	Filters      sspFilters
	Scope        string
	Topics       []wavesTopic
	MinGroup     int
	DashboardURL string
}

type wavesTopic struct {
	ID, Name string
	Rows     []wavesRow
}

// wavesRow is one linked group's change for one topic; Hidden when either wave hides it.
// The words say which way the misperception (|guess − truth|) and the healthy share went,
// with their 95 % intervals; GapFigure draws the misperception's change around zero.
type wavesRow struct {
	Level, Label string
	Nested       bool
	Hidden       bool
	GapWords     string
	ActualWords  string
	GapFigure    template.HTML
	gap          compare.ChangeWords
}

// showSSPWaves compares the baseline and follow-up trees of the same filters.
func (s *sspHandlers) showSSPWaves(c *fiber.Ctx) error {
	q, sv, err := s.sspQuery(c, "")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	q.Wave = string(model.WaveBaseline)
	base, err := s.app.Comparison(ctx, q, sv)
	if err != nil {
		return err
	}
	q.Wave = string(model.WaveFollowUp)
	follow, err := s.app.Comparison(ctx, q, sv)
	if err != nil {
		return err
	}
	q.Wave = ""
	l := s.localizer(c)
	filters, err := s.sspFilterChoices(ctx, l, currentUser(c), q, sv, false)
	if err != nil {
		return err
	}
	page := wavesPage{Filters: filters, Scope: base.Label, MinGroup: s.cfg.MinGroup,
		Topics:       wavesTopics(l, sv, compare.LinkWaves(sv, base, follow), q),
		DashboardURL: q.Link("/ssp", func(v url.Values) { v.Set("wave", string(model.WaveFollowUp)) })}
	return s.render(c, "ssp_waves", l.T("ssp.waves.title"), fiber.Map{"Page": page, "BodyClass": "ssp-page"})
}

// wavesTopics words the changes per topic, in the order LinkWaves walked the tree, and draws
// each misperception's change on one scale per topic.
func wavesTopics(l *i18n.Localizer, sv *survey.Survey, pairs []compare.WavePair, q app.CompareQuery) []wavesTopic {
	wide := len(pairs) > 0 && pairs[0].Base.Level > results.LevelMunicipality
	var topics []wavesTopic
	for i := range sv.Items {
		def := &sv.Items[i]
		t := wavesTopic{ID: def.ID, Name: def.Topic.In(l.Lang)}
		var bounds []float64
		for _, p := range pairs {
			n := p.Base
			if wide && n.Level == results.LevelClass {
				continue // a region has too many classes to list; they stay protected in the tree
			}
			if q.SchoolID != "" && n.Level <= results.LevelSchool && n.SchoolID != q.SchoolID {
				continue
			}
			r := wavesRow{Level: levelName(n.Level), Label: n.Label, Nested: n.Level == results.LevelClass ||
				(wide && n.Level == results.LevelSchool), Hidden: true}
			for _, ch := range p.Changes {
				if ch.ID != def.ID {
					continue
				}
				base, _ := p.Base.Group.Item(def.ID)
				follow, _ := p.Follow.Group.Item(def.ID)
				r.Hidden = false
				r.gap = compare.ChangeInWords(l, def, base, follow, ch)
				r.GapWords, r.ActualWords = r.gap.Gap, r.gap.Actual
				bounds = append(bounds, r.gap.GapCI[0], r.gap.GapCI[1])
			}
			t.Rows = append(t.Rows, r)
		}
		scale := charts.IntervalScale(bounds...)
		for j := range t.Rows {
			if r := &t.Rows[j]; !r.Hidden {
				r.GapFigure = charts.Interval(r.gap.GapChangePP, r.gap.GapCI[0], r.gap.GapCI[1], scale, tone(r.gap.GapDirection))
			}
		}
		if len(t.Rows) > 0 {
			topics = append(topics, t)
		}
	}
	return topics
}

// tone is the colour of a misperception's change: smaller is better.
func tone(d compare.Direction) string {
	switch d {
	case compare.Smaller:
		return "better"
	case compare.Larger:
		return "worse"
	}
	return "noise"
}
