package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// compareFilters reads a comparison's filters from the URL's query.
func compareFilters(c *fiber.Ctx) app.CompareFilters {
	return app.CompareFilters{
		Municipality: c.Query("municipality"), Cluster: c.Query("cluster"), Scope: c.Query("scope"),
		Region:   c.Query("region"),
		SurveyID: c.Query("survey_id"), SurveyVersion: c.Query("survey_version"),
		SchoolYear: c.Query("school_year"), Wave: c.Query("wave"), Grade: c.Query("grade"),
		SchoolID: c.Query("school_id"),
	}
}

// compareFromQuery checks the URL's comparison filters against the signed-in user and builds
// the protected comparison: what the compare API and the exports start from. A link without
// survey_id compares the scope's busiest survey (app.CheckCompareDefault).
func (s *sspHandlers) compareFromQuery(c *fiber.Ctx) (app.CompareQuery, *survey.Survey, *compare.Node, error) {
	q, sv, err := s.app.CheckCompareDefault(c.UserContext(), currentUser(c), compareFilters(c))
	if err != nil {
		return q, nil, nil, err
	}
	root, err := s.app.Comparison(c.UserContext(), q, sv)
	return q, sv, root, err
}
