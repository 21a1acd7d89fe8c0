package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// codebookColumns are the codebook's header: a column or topic, a code, what it means.
var codebookColumns = []string{"export.codebook.field", "export.codebook.code", "export.codebook.meaning"}

// codebookRows explain the exports in l's language: each figure column with its unit and
// rounding, the codes of the level and status columns, and each topic of sv with its exact
// questions, which answers count and the value of each step of its guess. The CSV codebook
// and the workbook's codebook sheet are these rows.
func codebookRows(l *i18n.Localizer, sv *survey.Survey, minGroup, minSensitive int) [][]string {
	decimal := csvFormatFor(l.Lang)
	rows := [][]string{headers(l, codebookColumns)}
	for _, c := range []struct{ column, about string }{
		{"level", "level"}, {"n", "n"}, {"topic_id", "topic_id"}, {"n_self", "n_self"}, {"n_perceived", "n_perceived"},
		{"actual_share", "actual_share"}, {"ci_low", "ci"}, {"ci_high", "ci"}, {"perceived_mean", "perceived_mean"},
		{"gap_pp", "gap_pp"}, {"overestimated", "overestimated"}, {"underestimated", "underestimated"}, {"status", "status"},
	} {
		rows = append(rows, []string{l.T("export.col." + c.column), "", l.T("export.about." + c.about)})
	}
	for _, level := range []string{"class", "school", "municipality", "cluster", "region"} {
		rows = append(rows, []string{l.T("export.col.level"), l.T("export.level." + level), l.T("export.level." + level + ".about")})
	}
	for _, status := range []string{"shown", "hidden"} {
		rows = append(rows, []string{l.T("export.col.status"), l.T("export.status." + status),
			l.T("export.status."+status+".about", "Min", minGroup, "MinSensitive", minSensitive)})
	}
	for i := range sv.Items {
		it := &sv.Items[i]
		topic := cellText(it.Topic.In(l.Lang))
		kind := l.T("export.codebook.risky")
		if it.Healthy {
			kind = l.T("export.codebook.healthy")
		}
		if it.Sensitive {
			kind += " " + l.T("export.codebook.sensitive", "Min", minSensitive)
		}
		rows = append(rows, []string{topic, it.ID, kind},
			[]string{topic, it.ID, l.T("export.codebook.self_question") + ": " + it.Self.Text.In(l.Lang)})
		for _, o := range it.Self.Options {
			text := l.T("export.codebook.option") + ": " + o.Label.In(l.Lang)
			switch {
			case o.Norm:
				text += " (" + l.T("export.codebook.counts") + ")"
			case o.NotApplicable:
				text += " (" + l.T("export.codebook.not_applicable") + ")"
			}
			rows = append(rows, []string{topic, it.ID, text})
		}
		rows = append(rows, []string{topic, it.ID, l.T("export.codebook.perceived_question") + ": " + it.Perceived.Text.In(l.Lang)})
		for _, step := range sv.Scale(it) {
			rows = append(rows, []string{topic, it.ID, l.T("export.codebook.option") + ": " + l.T("export.codebook.scale_step",
				"Label", step.Label.In(l.Lang), "Percent", decimal.number(percentTenth(step.Value), -1))})
		}
	}
	return rows
}

// exportCodebookCSV is the codebook of a survey's exports as CSV, in the same format as the
// exports. Given the comparison's filters it explains the survey the export of the same link
// compares (a consultant's link may leave survey_id out); a teacher gets the survey named, or
// the main survey.
func (s *sspHandlers) exportCodebookCSV(c *fiber.Ctx) error {
	sv, err := s.codebookSurvey(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	name := "helt-normal-" + cleanFileWord(l.T("export.sheet.codebook")) + "-" + cleanFileWord(sv.ID) + "-v" + strconv.Itoa(sv.Version) + ".csv"
	return sendCSV(c, csvFormatFor(l.Lang), name, codebookRows(l, sv, s.cfg.MinGroup, s.cfg.MinSensitive))
}

// codebookSurvey is the survey a codebook link asks for.
func (s *sspHandlers) codebookSurvey(c *fiber.Ctx) (*survey.Survey, error) {
	id := c.Query("survey_id")
	if u := currentUser(c); id == "" && (u.Role == model.RoleSSP || u.Role == model.RoleAdmin) {
		_, sv, err := s.app.CheckCompareDefault(c.UserContext(), u, compareFilters(c))
		return sv, err
	}
	if id == "" {
		id = app.MainSurveyID
	}
	sv, ok := s.surveys.Latest(id)
	if v := c.Query("survey_version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, model.Invalid("the codebook's survey is not valid", map[string]string{"survey_version": "must be a version number"})
		}
		sv, ok = s.surveys.Get(id, n)
	}
	if !ok {
		return nil, model.Invalid("the codebook's survey is not valid", map[string]string{"survey_id": "unknown survey"})
	}
	return sv, nil
}
