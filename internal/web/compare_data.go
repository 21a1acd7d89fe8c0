package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// compareQuery is what a consultant asks to compare. Scope is a municipality, a cluster
// (admins) or the whole region (admins).
type compareQuery struct {
	Municipality string // one municipality; empty with Cluster or Region
	Cluster      string
	Region       bool
	SurveyID     string
	Version      int // 0: the latest version
	SchoolYear   string
	Wave         string
	Grade        int
	SchoolID     string // narrows the rows shown, not the totals they are protected against
}

// parseCompareQuery reads the filters shared by the compare API, the exports and the
// dashboard, and checks that u may see the scope asked for.
func (s *Server) parseCompareQuery(c *fiber.Ctx, u *model.User) (compareQuery, *survey.Survey, error) {
	q := compareQuery{
		Municipality: strings.TrimSpace(c.Query("municipality")), Cluster: strings.TrimSpace(c.Query("cluster")),
		Region: c.Query("scope") == "region", SurveyID: c.Query("survey_id"), SchoolYear: c.Query("school_year"),
		Wave: c.Query("wave"), SchoolID: c.Query("school_id"),
	}
	fields := map[string]string{}
	if v := c.Query("survey_version"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 {
			fields["survey_version"] = "must be a version number"
		} else {
			q.Version = n
		}
	}
	if v := c.Query("grade"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 0 || n > 10 {
			fields["grade"] = "must be a grade from 0 to 10"
		} else {
			q.Grade = n
		}
	}
	// Comparisons are per wave: a total over both waves minus one wave would isolate the
	// other, so there is none. Baseline unless asked.
	if q.Wave == "" {
		q.Wave = string(model.WaveBaseline)
	} else if !model.Wave(q.Wave).Valid() {
		fields["wave"] = `must be "baseline" or "follow-up"`
	}
	if q.SchoolYear == "" {
		q.SchoolYear = model.SchoolYear(time.Now().In(s.tz))
	} else if !isSchoolYear(q.SchoolYear) {
		fields["school_year"] = `must look like "2026/27"`
	}
	// An SSP consultant always sees their own municipality.
	if u.Role == model.RoleSSP && q.Municipality == "" && q.Cluster == "" && !q.Region {
		q.Municipality = u.Municipality
	}
	region := model.MidtjyllandRegion()
	switch {
	case q.Region || q.Cluster != "":
		if u.Role != model.RoleAdmin {
			return q, nil, model.Errorf(model.ECodeForbidden, "only administrators compare clusters or the region")
		}
		if q.Cluster != "" && !hasCluster(region, q.Cluster) {
			fields["cluster"] = fmt.Sprintf("unknown cluster %q", q.Cluster)
		}
	case q.Municipality == "":
		fields["municipality"] = "required"
	case !u.CanSeeMunicipality(q.Municipality):
		return q, nil, model.Errorf(model.ECodeForbidden, "you may only compare schools in %s", u.Municipality)
	}
	var sv *survey.Survey
	var ok bool
	if q.Version > 0 {
		sv, ok = s.surveys.Get(q.SurveyID, q.Version)
	} else {
		sv, ok = s.surveys.Latest(q.SurveyID)
	}
	if !ok {
		fields["survey_id"] = fmt.Sprintf("unknown survey %q", q.SurveyID)
	}
	if len(fields) > 0 {
		return q, nil, model.Invalid("the comparison filters are not valid", fields)
	}
	return q, sv, nil
}

// comparison builds the protected comparison tree for q: every figure from stored summaries,
// every privacy rule applied (package compare). The school filter is applied to the rows
// afterwards, never to the totals, so complementary suppression still sees every school.
func (s *Server) comparison(ctx context.Context, q compareQuery, sv *survey.Survey) (*compare.Node, error) {
	region := model.MidtjyllandRegion()
	f := store.SummaryFilter{Survey: sv, SchoolYear: q.SchoolYear, Wave: q.Wave, Grade: q.Grade}
	// A view narrowed by grade hides sensitive topics: it could be subtracted from the
	// unnarrowed view to isolate one class's answers.
	shape := compare.Shape{Top: results.LevelMunicipality, Root: q.Municipality, Schools: map[string]string{}, HideSensitive: q.Grade > 0}
	switch {
	case q.Region:
		shape.Top, shape.Root = results.LevelRegion, region.Name
		f.Municipalities = region.Municipalities()
	case q.Cluster != "":
		shape.Top, shape.Root = results.LevelCluster, q.Cluster
		for _, c := range region.Clusters {
			if c.Name == q.Cluster {
				f.Municipalities = c.Municipalities
			}
		}
	default:
		f.Municipalities = []string{q.Municipality}
	}
	if shape.Top != results.LevelMunicipality {
		shape.Clusters = map[string]string{}
		for _, c := range region.Clusters {
			for _, m := range c.Municipalities {
				shape.Clusters[m] = c.Name
			}
		}
	}
	summaries, err := s.store.Summaries(ctx, f)
	if err != nil {
		return nil, err
	}
	municipality := ""
	if len(f.Municipalities) == 1 {
		municipality = f.Municipalities[0]
	}
	schools, err := s.store.ListSchools(ctx, municipality)
	if err != nil {
		return nil, err
	}
	for _, sc := range schools {
		shape.Schools[sc.ID] = sc.Name
	}
	return compare.Build(sv, summaries, shape, s.rules()), nil
}

func isSchoolYear(y string) bool {
	if len(y) != 7 || y[4] != '/' {
		return false
	}
	a, err1 := strconv.Atoi(y[:4])
	b, err2 := strconv.Atoi(y[5:])
	return err1 == nil && err2 == nil && (a+1)%100 == b
}

func hasCluster(r model.Region, name string) bool {
	for _, c := range r.Clusters {
		if c.Name == name {
			return true
		}
	}
	return false
}
