package web

import (
	"net/url"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/campaign"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/poster"
	"github.com/heltnormal/heltnormal/internal/results"
)

// sspCampaignPage is a municipality's campaign and, with a school chosen in the filters,
// that school's: the messages the protected comparison tree allows, their posters, and
// whether the misperceptions shrank between the waves.
type sspCampaignPage struct {
	Filters          sspFilters
	Scope            string
	NeedMunicipality bool // a cluster or the region: choose one municipality first
	Groups           []sspCampaignGroup
	Layouts, Themes  []lookChoice
	Hidden           []choice // the filters (Label is the name), kept by the look form
	WavesURL         string
	DashboardURL     string
	MinGroup         int
}

// sspCampaignGroup is the campaign of one node of the tree.
type sspCampaignGroup struct {
	Name       string
	Level      string
	Suppressed bool
	Messages   []sspCampaignMessage
	Effects    effectTable
}

// sspCampaignMessage is one allowed message with its poster links.
type sspCampaignMessage struct {
	campaign.Message
	Figure, GuessTruth, Gap string
	PNG, PDFA4, PDFA3       string
}

// showSSPCampaign is the SSP consultant's campaign page.
func (s *campaignHandlers) showSSPCampaign(c *fiber.Ctx) error {
	q, sv, err := s.sspQuery(c, string(model.WaveBaseline))
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	l := s.localizer(c)
	filters, err := s.sspFilterChoices(ctx, l, currentUser(c), q, sv, true)
	if err != nil {
		return err
	}
	filters.Action = "/ssp/campaign"
	layout, theme := app.PosterLook(c.Query("layout"), c.Query("theme"))
	page := sspCampaignPage{Filters: filters, MinGroup: s.cfg.MinGroup,
		WavesURL:     q.Link("/ssp/waves", func(v url.Values) { v.Del("wave") }),
		DashboardURL: q.Link("/ssp", nil)}
	page.Layouts, page.Themes = lookChoices(l, layout, theme)
	for k, vs := range q.Values() {
		page.Hidden = append(page.Hidden, choice{Value: vs[0], Label: k})
	}
	sort.Slice(page.Hidden, func(i, j int) bool { return page.Hidden[i].Label < page.Hidden[j].Label })
	data := fiber.Map{"Page": &page, "BodyClass": "ssp-page campaign-page"}
	if q.Municipality == "" {
		page.NeedMunicipality = true
		return s.render(c, "ssp_campaign", l.T("campaign.ssp.title"), data)
	}
	root, err := s.app.Comparison(ctx, q, sv)
	if err != nil {
		return err
	}
	page.Scope = root.Label
	pairs, err := s.wavePairs(ctx, q, sv)
	if err != nil {
		return err
	}
	nodes := []*compare.Node{root}
	if q.SchoolID != "" {
		if school := schoolNode(root, q.SchoolID); school != nil {
			nodes = append(nodes, school)
		}
	}
	for _, n := range nodes {
		g := sspCampaignGroup{Name: n.Label, Level: levelName(n.Level), Suppressed: n.Group.Suppressed}
		param := groupParam(n)
		for _, m := range campaign.Messages(sv, n.Group, s.audience(l, n, q.Grade), l.Lang) {
			link := func(file string, size poster.Size) string {
				return q.Link("/ssp/"+file, func(v url.Values) {
					v.Set("item", m.ItemID)
					v.Set("group", param)
					v.Set("layout", string(layout))
					v.Set("theme", string(theme))
					v.Set("lang", l.Lang)
					if size != "" {
						v.Set("size", string(size))
					}
				})
			}
			g.Messages = append(g.Messages, sspCampaignMessage{Message: m,
				Figure:     l.T("campaign.figure", "X", m.OutOfTen, "Percent", percent(m.Share, l.Lang)),
				GuessTruth: guessAndTruth(l, sv, n.Group, m),
				Gap:        l.T("campaign.gap", "PP", points(m.GapPP, l.Lang)),
				PNG:        link("poster.png", ""), PDFA4: link("poster.pdf", poster.SizeA4), PDFA3: link("poster.pdf", poster.SizeA3)})
		}
		for _, p := range pairs {
			if p.Base.Level == n.Level && p.Base.Key == n.Key {
				g.Effects = effectTable{L: l, Rows: waveEffects(l, sv, p)}
			}
		}
		page.Groups = append(page.Groups, g)
	}
	return s.render(c, "ssp_campaign", l.T("campaign.ssp.title"), data)
}

// errNoMunicipality answers an SSP campaign asked for a cluster or the region.
var errNoMunicipality = model.Invalid("a campaign is made for one municipality or one of its schools", map[string]string{"municipality": "required"})

// showSSPPosterPDF and showSSPPosterPNG draw a municipality's or school's poster
// (?group=municipality|school:ID&item=ID with the SSP filters).
func (s *campaignHandlers) showSSPPosterPDF(c *fiber.Ctx) error { return s.sspPoster(c, "pdf") }
func (s *campaignHandlers) showSSPPosterPNG(c *fiber.Ctx) error { return s.sspPoster(c, "png") }

// sspPoster draws a poster of one message the protected comparison tree allows for a
// municipality or one of its schools; any other topic has no poster.
func (s *campaignHandlers) sspPoster(c *fiber.Ctx, format string) error {
	q, sv, err := s.sspQuery(c, string(model.WaveBaseline))
	if err != nil {
		return err
	}
	if q.Municipality == "" {
		return errNoMunicipality
	}
	root, err := s.app.Comparison(c.UserContext(), q, sv)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	n := root
	if group := c.Query("group", "municipality"); group != "municipality" {
		id, ok := strings.CutPrefix(group, "school:")
		if n = schoolNode(root, id); !ok || n == nil {
			return posterRefused(l, model.ECodeNotFound, l.T("campaign.no_group"))
		}
	}
	item := c.Query("item")
	for _, m := range campaign.Messages(sv, n.Group, s.audience(l, n, q.Grade), l.Lang) {
		if m.ItemID == item {
			layout, theme := app.PosterLook(c.Query("layout"), c.Query("theme"))
			return s.sendPoster(c, l, posterSpec(l, m, "", layout, theme), format, posterFileName(n.Label, m.ItemID, ""))
		}
	}
	return posterRefused(l, model.ECodeNotFound, l.T("campaign.no_poster", "Reason", noMessageReason(l, sv, n.Group, item)))
}

// audience is who a node's messages speak for: the school or municipality by name, or, in
// a view narrowed to one grade, that grade at the school or in the municipality.
func (s *campaignHandlers) audience(l *i18n.Localizer, n *compare.Node, grade int) campaign.Audience {
	name := n.Label
	if grade > 0 {
		name = l.T("campaign.grade_group", "Grade", grade, "Name", n.Label)
	}
	return campaign.Audience{Level: n.Level, Name: name}
}

// schoolNode finds a school in a comparison tree.
func schoolNode(root *compare.Node, schoolID string) *compare.Node {
	var found *compare.Node
	root.Walk(func(n *compare.Node) {
		if n.Level == results.LevelSchool && n.SchoolID == schoolID && found == nil {
			found = n
		}
	})
	return found
}

// groupParam names a node in poster links: "municipality" or "school:ID".
func groupParam(n *compare.Node) string {
	if n.Level == results.LevelSchool {
		return "school:" + n.SchoolID
	}
	return "municipality"
}
