package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// sessionJSON is a session as the API shows it.
type sessionJSON struct {
	ID             string   `json:"id"`
	Code           string   `json:"code"`
	JoinURL        string   `json:"join_url"`
	Status         string   `json:"status"`
	SurveyID       string   `json:"survey_id"`
	SurveyVersion  int      `json:"survey_version"`
	Items          []string `json:"items"`
	ClassLabel     string   `json:"class_label"`
	Grade          int      `json:"grade"`
	Wave           string   `json:"wave"`
	ExpectedPupils int      `json:"expected_pupils"`
	Capacity       int      `json:"capacity"`
	Responses      *int     `json:"responses,omitempty"`
	CreatedDay     string   `json:"created_day"`
	SchoolYear     string   `json:"school_year"`
}

func (s *sessionHandlers) sessionJSON(c *fiber.Ctx, sess *model.Session) sessionJSON {
	return sessionJSON{
		ID: sess.ID, Code: sess.Code, JoinURL: s.joinURL(c, sess), Status: sess.Status,
		SurveyID: sess.SurveyID, SurveyVersion: sess.SurveyVersion, Items: sess.Items,
		ClassLabel: sess.ClassLabel, Grade: sess.Grade, Wave: string(sess.Wave),
		ExpectedPupils: sess.ExpectedPupils, Capacity: sess.Capacity(),
		CreatedDay: sess.CreatedDay, SchoolYear: sess.SchoolYear,
	}
}

// createSessionAPI starts a session: 201 with its id, code and join URL.
func (s *sessionHandlers) createSessionAPI(c *fiber.Ctx) error {
	var in app.NewSession
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	sess, err := s.app.CreateSession(c.UserContext(), currentUser(c), in, s.i18n.Localizer("en"))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(s.sessionJSON(c, sess))
}

// showSessionAPI returns a session with its current number of answers.
func (s *sessionHandlers) showSessionAPI(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	return s.showSession(c, sess)
}

func (s *sessionHandlers) showSession(c *fiber.Ctx, sess *model.Session) error {
	n, err := s.app.AnswerCount(c.UserContext(), sess)
	if err != nil {
		return err
	}
	out := s.sessionJSON(c, sess)
	out.Responses = &n
	return c.JSON(out)
}

// changeSessionAPI changes an open session: {"expected_pupils": N}.
func (s *sessionHandlers) changeSessionAPI(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	var in struct {
		ExpectedPupils *int `json:"expected_pupils"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.ExpectedPupils == nil {
		return model.Invalid("nothing to change", map[string]string{"expected_pupils": "required: the number of pupils in the class"})
	}
	changed, err := s.app.SetClassSize(c.UserContext(), sess, *in.ExpectedPupils)
	if err != nil {
		return err
	}
	return s.showSession(c, changed)
}

// listSessionsAPI lists the sessions the user may manage, newest first.
func (s *sessionHandlers) listSessionsAPI(c *fiber.Ctx) error {
	sessions, err := s.visibleSessions(c)
	if err != nil {
		return err
	}
	out := make([]sessionJSON, 0, len(sessions))
	for i := range sessions {
		out = append(out, s.sessionJSON(c, &sessions[i]))
	}
	return c.JSON(fiber.Map{"sessions": out})
}

// closeSessionAPI stops a session taking answers.
func (s *sessionHandlers) closeSessionAPI(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	if sess, err = s.app.Close(c.UserContext(), sess); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"status": sess.Status})
}

// reopenSessionAPI lets a session take answers again, the day it was closed.
func (s *sessionHandlers) reopenSessionAPI(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	if sess, err = s.app.Reopen(c.UserContext(), sess); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"status": sess.Status})
}

// deleteSessionAPI deletes a session and every answer to it.
func (s *sessionHandlers) deleteSessionAPI(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	if err := s.app.Delete(c.UserContext(), sess); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
