package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// surveyChoice is a survey offered in the new-session form, with its topics.
type surveyChoice struct {
	ID, Title string
	Minutes   int
	Grades    []int
	Topics    []topicChoice
}

type topicChoice struct {
	ID, Name  string
	Sensitive bool
}

// showNewSession is the form a teacher fills in to start a survey for a class.
func (s *sessionHandlers) showNewSession(c *fiber.Ctx) error {
	return s.renderNewSession(c, app.NewSession{Wave: string(model.WaveBaseline), Grade: 8, ExpectedPupils: 22}, nil)
}

// createSessionForm starts the session and opens its projector page.
func (s *sessionHandlers) createSessionForm(c *fiber.Ctx) error {
	var in app.NewSession
	if err := c.BodyParser(&in); err != nil {
		unread := model.Invalid(s.localizer(c).T("session.form_unreadable"), nil)
		statusFor(c, unread)
		return s.renderNewSession(c, in, unread)
	}
	sess, err := s.app.CreateSession(c.UserContext(), currentUser(c), in, s.localizer(c))
	if model.ErrorCode(err) == model.ECodeInvalid {
		statusFor(c, err)
		return s.renderNewSession(c, in, err)
	}
	if err != nil {
		return err
	}
	return c.Redirect("/sessions/"+sess.ID, fiber.StatusSeeOther)
}

func (s *sessionHandlers) renderNewSession(c *fiber.Ctx, in app.NewSession, formErr error) error {
	l := s.localizer(c)
	var choices []surveyChoice
	for _, sv := range s.surveys.List() {
		ch := surveyChoice{ID: sv.ID, Title: sv.Title.In(l.Lang), Minutes: sv.Minutes, Grades: sv.Grades}
		for _, it := range sv.Items {
			if it.ApprovalOf != "" {
				continue // asked with its item
			}
			ch.Topics = append(ch.Topics, topicChoice{ID: it.ID, Name: it.Topic.In(l.Lang), Sensitive: it.Sensitive})
		}
		choices = append(choices, ch)
	}
	if in.SurveyID == "" && len(choices) > 0 {
		in.SurveyID = choices[0].ID
	}
	data := fiber.Map{"Surveys": choices, "Input": in, "Grades": []int{7, 8, 9}}
	if formErr != nil {
		var fields map[string]string
		if me, ok := formErr.(*model.Error); ok {
			fields = me.Fields
		}
		data["Error"], data["Fields"] = formErr.Error(), fields
	}
	if u := currentUser(c); u != nil && u.Role != model.RoleTeacher {
		schools, err := s.store.ListSchools(c.UserContext(), u.Municipality)
		if err != nil {
			return err
		}
		data["Schools"] = schools
	}
	return s.render(c, "session_new", l.T("session_new.title"), data)
}
