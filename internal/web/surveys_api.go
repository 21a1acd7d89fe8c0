package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// The JSON shape of a survey definition, as in the YAML files: self options carry norm,
// scale steps carry value, and nothing else is mixed in.
type (
	surveyJSON struct {
		ID        string                     `json:"id"`
		Version   int                        `json:"version"`
		Languages []string                   `json:"languages"`
		Title     survey.Text                `json:"title"`
		Intro     survey.Text                `json:"intro"`
		Grades    []int                      `json:"grades"`
		Minutes   int                        `json:"minutes,omitempty"`
		Scales    map[string][]scaleStepJSON `json:"scales"`
		Items     []surveyItemJSON           `json:"items"`
	}
	scaleStepJSON struct {
		ID    string      `json:"id"`
		Value float64     `json:"value"`
		Label survey.Text `json:"label"`
	}
	selfOptionJSON struct {
		ID    string      `json:"id"`
		Label survey.Text `json:"label"`
		Norm  bool        `json:"norm"`
		// NotApplicable: the question does not concern the pupil ("Jeg har ikke set det
		// ske"); such answers count on neither side of the share.
		NotApplicable bool `json:"not_applicable,omitempty"`
	}
	surveyItemJSON struct {
		ID        string      `json:"id"`
		Topic     survey.Text `json:"topic"`
		Healthy   bool        `json:"healthy"`
		Sensitive bool        `json:"sensitive"`
		Self      struct {
			Text    survey.Text      `json:"text"`
			Options []selfOptionJSON `json:"options"`
		} `json:"self"`
		Perceived struct {
			Text  survey.Text `json:"text"`
			Scale string      `json:"scale"`
		} `json:"perceived"`
		Discussion map[string][]string `json:"discussion,omitempty"`
	}
)

func toSurveyJSON(sv *survey.Survey) surveyJSON {
	out := surveyJSON{ID: sv.ID, Version: sv.Version, Languages: sv.Languages, Title: sv.Title, Intro: sv.Intro,
		Grades: sv.Grades, Minutes: sv.Minutes, Scales: map[string][]scaleStepJSON{}}
	for name, steps := range sv.Scales {
		for _, st := range steps {
			out.Scales[name] = append(out.Scales[name], scaleStepJSON{ID: st.ID, Value: st.Value, Label: st.Label})
		}
	}
	for _, it := range sv.Items {
		j := surveyItemJSON{ID: it.ID, Topic: it.Topic, Healthy: it.Healthy, Sensitive: it.Sensitive, Discussion: it.Discussion}
		j.Self.Text = it.Self.Text
		for _, o := range it.Self.Options {
			j.Self.Options = append(j.Self.Options, selfOptionJSON{ID: o.ID, Label: o.Label, Norm: o.Norm, NotApplicable: o.NotApplicable})
		}
		j.Perceived.Text, j.Perceived.Scale = it.Perceived.Text, it.Perceived.Scale
		out.Items = append(out.Items, j)
	}
	return out
}

// listSurveysAPI lists the installed surveys (latest version of each). Survey definitions
// are public: anyone may read what pupils are asked.
func (s *referenceHandlers) listSurveysAPI(c *fiber.Ctx) error {
	type entry struct {
		ID        string      `json:"id"`
		Version   int         `json:"version"`
		Title     survey.Text `json:"title"`
		Grades    []int       `json:"grades"`
		Minutes   int         `json:"minutes,omitempty"`
		Topics    int         `json:"topics"`
		Languages []string    `json:"languages"`
	}
	out := []entry{}
	for _, sv := range s.surveys.List() {
		out = append(out, entry{sv.ID, sv.Version, sv.Title, sv.Grades, sv.Minutes, len(sv.Items), sv.Languages})
	}
	return c.JSON(fiber.Map{"surveys": out})
}

// showSurveyAPI returns one survey's full definition: the latest version, or ?version=N.
func (s *referenceHandlers) showSurveyAPI(c *fiber.Ctx) error {
	id := c.Params("id")
	sv, ok := s.surveys.Latest(id)
	if v := c.Query("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return model.Invalid("version must be a number", map[string]string{"version": "not a number"})
		}
		sv, ok = s.surveys.Get(id, n)
	}
	if !ok {
		return model.Errorf(model.ECodeNotFound, "no survey %q", id)
	}
	return c.JSON(toSurveyJSON(sv))
}
