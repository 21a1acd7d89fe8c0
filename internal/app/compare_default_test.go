package app

import (
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

func TestBusiestSurveyPicksTheSurveyWithMostClosedSessionsInScope(t *testing.T) {
	catalog, err := survey.NewCatalog(
		&survey.Survey{ID: MainSurveyID, Version: 1}, &survey.Survey{ID: MainSurveyID, Version: 2},
		&survey.Survey{ID: "kort", Version: 1}, &survey.Survey{ID: "kort", Version: 2})
	if err != nil {
		t.Fatal(err)
	}
	q := CompareQuery{Municipality: "Herning", SchoolYear: "2026/27", Wave: "baseline"}
	herning := []string{"Herning"}
	closed := func(id string, version int, edit ...func(*model.Session)) model.Session {
		s := model.Session{SurveyID: id, SurveyVersion: version, Status: model.StatusClosed, Municipality: "Herning",
			SchoolYear: "2026/27", Wave: model.WaveBaseline, Grade: 8}
		for _, e := range edit {
			e(&s)
		}
		return s
	}
	open := func(s *model.Session) { s.Status = model.StatusOpen }
	elsewhere := func(s *model.Session) { s.Municipality = "Holstebro" }
	lastYear := func(s *model.Session) { s.SchoolYear = "2025/26" }
	followUp := func(s *model.Session) { s.Wave = model.WaveFollowUp }
	unknown := func(s *model.Session) { s.SurveyVersion = 9 }
	for _, tt := range []struct {
		name        string
		sessions    []model.Session
		q           CompareQuery
		wantID      string
		wantVersion int
	}{
		{"nothing closed", []model.Session{closed("kort", 1, open)}, q, "", 0},
		{"most sessions win", []model.Session{closed("kort", 1), closed("kort", 1), closed(MainSurveyID, 2)}, q, "kort", 1},
		{"the newest version with sessions", []model.Session{closed("kort", 1), closed("kort", 2), closed(MainSurveyID, 1)}, q, "kort", 2},
		{"a tie goes to the main survey", []model.Session{closed("kort", 2), closed(MainSurveyID, 1)}, q, MainSurveyID, 1},
		{"other municipalities, years and waves do not count",
			[]model.Session{closed(MainSurveyID, 2), closed("kort", 1, elsewhere), closed("kort", 1, lastYear), closed("kort", 1, followUp)}, q, MainSurveyID, 2},
		{"a grade filter counts that grade", []model.Session{closed(MainSurveyID, 2), closed("kort", 1, func(s *model.Session) { s.Grade = 9 })},
			CompareQuery{Municipality: "Herning", SchoolYear: "2026/27", Wave: "baseline", Grade: 9}, "kort", 1},
		{"versions no longer in the catalog are skipped", []model.Session{closed("kort", 1, unknown), closed("kort", 1, unknown), closed(MainSurveyID, 1)}, q, MainSurveyID, 1},
	} {
		id, version := busiestSurvey(tt.sessions, tt.q, herning, catalog)
		if id != tt.wantID || version != tt.wantVersion {
			t.Errorf("%s: %s v%d, want %s v%d", tt.name, id, version, tt.wantID, tt.wantVersion)
		}
	}
}
