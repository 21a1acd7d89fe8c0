package web

import (
	"maps"
	"net/url"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/results"
)

// sspPage is what the SSP dashboard shows: the filters, the scope's name, and per topic every
// school and class (or municipality and school) side by side.
type sspPage struct {
	Filters     sspFilters
	Scope       string // the municipality's, cluster's or region's name
	N           int
	Lead        string // how many answered, or why no figure is shown
	Wide        bool
	Overview    []sspOverviewLine
	TopicsForm  []hiddenField // the filters the topic picker keeps
	Topics      []sspTopic
	MinGroup    int
	WavesURL    string
	CSVURL      string
	CampaignURL string
	XLSXURL     string
	CodebookURL string
	ReportURL   string
	AllURL      string // back from one school to the whole municipality
}

// showSSP is the SSP consultant's dashboard (administrators: any municipality, a cluster or
// the region). Every figure comes from the protected comparison tree.
func (s *sspHandlers) showSSP(c *fiber.Ctx) error {
	q, sv, err := s.sspQuery(c, "baseline")
	if err != nil {
		return err
	}
	root, err := s.app.Comparison(c.UserContext(), q, sv)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	filters, err := s.sspFilterChoices(c.UserContext(), l, currentUser(c), q, sv, true)
	if err != nil {
		return err
	}
	overview := sspOverview(l, sv, root)
	selected := selectTopics(c, overview)
	topics, err := sspTopics(l, sv, root, q, selected)
	if err != nil {
		return err
	}
	// The tables follow the overview: the largest misperception first.
	rank := map[string]int{}
	for i := range overview {
		overview[i].Selected = selected[overview[i].ID]
		rank[overview[i].ID] = i
	}
	slices.SortStableFunc(topics, func(a, b sspTopic) int { return rank[a.ID] - rank[b.ID] })
	shown := map[string]bool{}
	for _, t := range topics {
		shown[t.ID] = true
	}
	for i := range overview {
		overview[i].Shown = shown[overview[i].ID]
	}
	page := sspPage{
		Filters: filters, Scope: root.Label, N: root.Group.N, Wide: root.Level > results.LevelMunicipality,
		Lead: sspLead(l, root, s.cfg.MinGroup), Overview: overview, TopicsForm: hiddenFields(q.Values()),
		Topics: topics, MinGroup: s.cfg.MinGroup,
		WavesURL:    q.Link("/ssp/waves", func(v url.Values) { v.Del("wave") }),
		CSVURL:      q.Link("/api/v1/export.csv", nil),
		CampaignURL: q.Link("/ssp/campaign", nil),
		XLSXURL:     q.Link("/api/v1/export.xlsx", nil),
		CodebookURL: q.Link("/api/v1/export-codebook.csv", nil),
		ReportURL:   q.Link("/api/v1/report.pdf", func(v url.Values) { v.Set("lang", l.Lang) }),
	}
	if q.SchoolID != "" {
		page.AllURL = q.Link("/ssp", func(v url.Values) { v.Del("school_id") })
	}
	data := fiber.Map{"Page": page, "BodyClass": "ssp-page"}
	for _, t := range topics {
		if t.Chart != "" {
			data["Scripts"] = chartScripts
			break
		}
	}
	return s.render(c, "ssp", l.T("ssp.title"), data)
}

// sspLead says how many pupils the figures come from — or, when the scope itself is hidden,
// that too few answered, without the count (a number below the minimum is itself a figure
// from too few).
func sspLead(l *i18n.Localizer, root *compare.Node, minGroup int) string {
	switch {
	case len(root.Children) == 0: // no closed survey in the scope
		return l.T("ssp.lead_none")
	case root.Group.Suppressed:
		return l.T("ssp.lead_hidden", "Min", minGroup)
	}
	return l.T("ssp.lead", "N", root.Group.N)
}

// hiddenFields are a query's values as hidden form fields, in a stable order.
func hiddenFields(v url.Values) []hiddenField {
	var out []hiddenField
	for _, name := range slices.Sorted(maps.Keys(v)) {
		for _, value := range v[name] {
			out = append(out, hiddenField{Name: name, Value: value})
		}
	}
	return out
}
