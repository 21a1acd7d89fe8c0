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
	WithWave       bool   // the waves view compares both waves and has no wave field
	Action         string // where the form goes when not /ssp or /ssp/waves (the campaign page)
	Surveys        []choice
	Versions       []choice
	SchoolYears    []string
	Waves          []choice
	Grades         []int
	Schools        []choice
	Municipalities []string
	Clusters       []string
}

// sspQuery reads the dashboard's filters through app.CheckCompare (which checks the scope)
// after filling in the defaults a first visit has: the first survey, the baseline wave when
// wave is set, and for an administrator who named no scope, the whole region.
func (s *Server) sspQuery(c *fiber.Ctx, wave string) (app.CompareQuery, *survey.Survey, error) {
	args := c.Request().URI().QueryArgs()
	if len(args.Peek("survey_id")) == 0 {
		if list := s.surveys.List(); len(list) > 0 {
			args.Set("survey_id", list[0].ID)
		}
	}
	if wave != "" && len(args.Peek("wave")) == 0 {
		args.Set("wave", wave)
	}
	u := currentUser(c)
	if u.Role == model.RoleAdmin && len(args.Peek("municipality")) == 0 && len(args.Peek("cluster")) == 0 &&
		len(args.Peek("scope")) == 0 {
		args.Set("scope", "region")
	}
	return s.app.CheckCompare(u, compareFilters(c))
}

// sspFilterChoices fills the choices of the filter form for q.
func (s *Server) sspFilterChoices(ctx context.Context, l *i18n.Localizer, u *model.User, q app.CompareQuery, sv *survey.Survey, withWave bool) (sspFilters, error) {
	f := sspFilters{Query: q, IsAdmin: u.Role == model.RoleAdmin, WithWave: withWave, Grades: sv.Grades}
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
	region := model.MidtjyllandRegion()
	if f.IsAdmin {
		f.Municipalities = region.Municipalities()
		for _, c := range region.Clusters {
			f.Clusters = append(f.Clusters, c.Name)
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
