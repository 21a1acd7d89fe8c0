package app

import (
	"context"
	"slices"
	"strconv"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// MainSurveyID is the catalog's main survey: the comparison's survey when a link names none
// and no class in the scope has closed a session yet.
const MainSurveyID = "jeg-er-helt-normal-7-9"

// CheckCompareDefault is CheckCompare for links that may leave the survey out (an export
// bookmarked without survey_id, say). Then it compares the survey with the most closed
// sessions in the scope asked for (its municipalities, school year, wave and grade: what the
// comparison would show), in the latest version of it that has closed sessions there; with
// none, the latest version of the main survey. The scope is checked against u before any
// session is counted.
func (a *App) CheckCompareDefault(ctx context.Context, u *model.User, in CompareFilters) (CompareQuery, *survey.Survey, error) {
	if in.SurveyID != "" {
		return a.CheckCompare(u, in)
	}
	if in.SurveyVersion != "" {
		return CompareQuery{}, nil, model.Invalid("the comparison filters are not valid",
			map[string]string{"survey_version": "give survey_id with it"})
	}
	in.SurveyID = MainSurveyID
	if _, ok := a.surveys.Latest(MainSurveyID); !ok {
		if list := a.surveys.List(); len(list) > 0 {
			in.SurveyID = list[0].ID
		}
	}
	q, sv, err := a.CheckCompare(u, in)
	if err != nil {
		return q, sv, err
	}
	munis := q.Municipalities()
	f := store.SessionFilter{Municipality: q.Municipality, Status: model.StatusClosed}
	sessions, err := a.store.ListSessions(ctx, f)
	if err != nil {
		return q, nil, err
	}
	id, version := busiestSurvey(sessions, q, munis, a.surveys)
	if id == "" || (id == q.SurveyID && q.Version == 0 && version == sv.Version) {
		return q, sv, nil
	}
	in.SurveyID = id
	if latest, _ := a.surveys.Latest(id); latest.Version != version {
		in.SurveyVersion = strconv.Itoa(version) // links then keep the version with data
	}
	return a.CheckCompare(u, in)
}

// busiestSurvey is the survey with the most closed sessions among sessions that fall in q's
// school year, wave, grade and municipalities, and the latest version of it that has any; ties
// go to the main survey, then to the first id. Surveys no longer in the catalog are skipped.
// It returns "" when no session counts.
func busiestSurvey(sessions []model.Session, q CompareQuery, munis []string, catalog *survey.Catalog) (string, int) {
	count := map[string]int{}
	newest := map[string]int{}
	for i := range sessions {
		s := &sessions[i]
		if s.Status != model.StatusClosed || s.SchoolYear != q.SchoolYear || string(s.Wave) != q.Wave ||
			(q.Grade > 0 && s.Grade != q.Grade) || !slices.Contains(munis, s.Municipality) {
			continue
		}
		if _, ok := catalog.Get(s.SurveyID, s.SurveyVersion); !ok {
			continue
		}
		count[s.SurveyID]++
		newest[s.SurveyID] = max(newest[s.SurveyID], s.SurveyVersion)
	}
	best := ""
	for id, n := range count {
		switch {
		case best == "", n > count[best]:
			best = id
		case n == count[best] && (id == MainSurveyID || (best != MainSurveyID && id < best)):
			best = id
		}
	}
	return best, newest[best]
}
