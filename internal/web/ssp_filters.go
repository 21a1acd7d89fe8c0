package web

import (
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// sspFilters is the SSP dashboard's filter form: the query it was filled from and the
// choices of each field. It is a plain GET form, so it works without JavaScript.
type sspFilters struct {
	Query          app.CompareQuery
	IsAdmin        bool
	Widen          bool   // administrators and coordinators choose a municipality, cluster or region
	WithWave       bool   // the waves view compares both waves and has no wave field
	Action         string // where the form goes when not /ssp or /ssp/waves (the campaign page)
	Surveys        []choice
	Versions       []choice
	SchoolYears    []string
	Waves          []choice
	Grades         []int
	Schools        []choice
	Municipalities []regionGroup // per region, for the select's option groups
	Clusters       []string
	Regions        []choice // the regions the whole-region box may compare
}

// regionGroup is a region's municipalities in a select: an <optgroup> per region.
type regionGroup struct {
	Name           string
	Municipalities []string
}

// denmarkGroups is every municipality, grouped by region in the official order.
func denmarkGroups() []regionGroup {
	var out []regionGroup
	for _, r := range model.Denmark() {
		out = append(out, regionGroup{Name: r.Name, Municipalities: r.Municipalities})
	}
	return out
}

// sspQuery reads the dashboard's filters through app.CheckCompareDefault, which checks the
// scope and picks the scope's busiest survey when none is named; a first visit also gets the
// baseline wave when wave is set and, for an administrator who named no scope, the whole
// region (Midtjylland unless region= names another). A coordinator's default scope is their
// area (CheckCompare).
func (s *Server) sspQuery(c *fiber.Ctx, wave string) (app.CompareQuery, *survey.Survey, error) {
	args := c.Request().URI().QueryArgs()
	if wave != "" && len(args.Peek("wave")) == 0 {
		args.Set("wave", wave)
	}
	u := currentUser(c)
	if u.Role == model.RoleAdmin && len(args.Peek("municipality")) == 0 && len(args.Peek("cluster")) == 0 &&
		len(args.Peek("scope")) == 0 {
		args.Set("scope", "region")
	}
	return s.app.CheckCompareDefault(c.UserContext(), u, compareFilters(c))
}

// sspFilterChoices fills the choices of the filter form for q.
func (s *Server) sspFilterChoices(ctx context.Context, l *i18n.Localizer, u *model.User, q app.CompareQuery, sv *survey.Survey, withWave bool) (sspFilters, error) {
	f := sspFilters{Query: q, IsAdmin: u.Role == model.RoleAdmin, WithWave: withWave, Grades: sv.Grades,
		Widen: u.Role == model.RoleAdmin || u.Role == model.RoleCoordinator}
	for _, other := range s.surveys.List() {
		f.Surveys = append(f.Surveys, choice{Value: other.ID, Label: other.Title.In(l.Lang)})
	}
	latest, _ := s.surveys.Latest(sv.ID)
	for v := latest.Version; v >= 1; v-- {
		if _, ok := s.surveys.Get(sv.ID, v); ok {
			f.Versions = append(f.Versions, choice{Value: strconv.Itoa(v), Label: strconv.Itoa(v)})
		}
	}
	this := model.SchoolYear(time.Now().In(s.tz))
	start, _ := strconv.Atoi(this[:4])
	for y := start; y > start-5; y-- {
		f.SchoolYears = append(f.SchoolYears, model.SchoolYear(time.Date(y, time.September, 1, 0, 0, 0, 0, time.UTC)))
	}
	for _, w := range []model.Wave{model.WaveBaseline, model.WaveFollowUp} {
		f.Waves = append(f.Waves, choice{Value: string(w), Label: l.T("wave." + string(w))})
	}
	switch u.Role {
	case model.RoleAdmin:
		f.Municipalities = denmarkGroups()
		for _, r := range model.Denmark() {
			f.Regions = append(f.Regions, choice{Value: r.Key, Label: r.Name})
			for _, c := range r.Clusters {
				f.Clusters = append(f.Clusters, c.Name)
			}
		}
	case model.RoleCoordinator:
		// Only their area: the municipalities, the clusters and the region they may see.
		r, _ := model.LookupRegion(u.Region)
		f.Municipalities = []regionGroup{{Name: r.Name, Municipalities: u.Area()}}
		for _, c := range r.Clusters {
			if u.CanSeeCluster(r.Key, c.Name) {
				f.Clusters = append(f.Clusters, c.Name)
			}
		}
		if u.CanSeeRegion(r.Key) {
			f.Regions = []choice{{Value: r.Key, Label: r.Name}}
		}
	}
	if q.Municipality != "" {
		schools, err := s.store.ListSchools(ctx, q.Municipality)
		if err != nil {
			return f, err
		}
		for _, sc := range schools {
			f.Schools = append(f.Schools, choice{Value: sc.ID, Label: sc.Name})
		}
	}
	return f, nil
}
