package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/results"
)

// sspPage is what the SSP dashboard shows: the filters, the scope's name, and per topic every
// school and class (or municipality and school) side by side.
type sspPage struct {
	Filters     sspFilters
	Scope       string // the municipality's, cluster's or region's name
	N           int
	Wide        bool
	Topics      []sspTopic
	MinGroup    int
	WavesURL    string
	CSVURL      string
	CampaignURL string
	XLSXURL     string
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
	topics, err := sspTopics(l, sv, root, q)
	if err != nil {
		return err
	}
	page := sspPage{
		Filters: filters, Scope: root.Label, N: root.Group.N, Wide: root.Level > results.LevelMunicipality,
		Topics: topics, MinGroup: s.cfg.MinGroup,
		WavesURL:    q.Link("/ssp/waves", func(v url.Values) { v.Del("wave") }),
		CSVURL:      q.Link("/api/v1/export.csv", nil),
		CampaignURL: q.Link("/ssp/campaign", nil),
		XLSXURL:     q.Link("/api/v1/export.xlsx", nil),
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
