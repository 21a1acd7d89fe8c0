package web

import (
	"github.com/gofiber/fiber/v2"
)

// sessionRow is one line of the sessions list.
type sessionRow struct {
	ID, Code, ClassLabel, Survey, Wave, CreatedDay, Status string
	Grade, Responses, Expected                             int
	Open                                                   bool
}

// showSessions lists the sessions the user may manage, newest first.
func (s *sessionHandlers) showSessions(c *fiber.Ctx) error {
	sessions, err := s.visibleSessions(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	rows := make([]sessionRow, 0, len(sessions))
	for _, sess := range sessions {
		n, err := s.app.AnswerCount(c.UserContext(), &sess)
		if err != nil {
			return err
		}
		title := sess.SurveyID
		if sv, ok := s.surveys.Get(sess.SurveyID, sess.SurveyVersion); ok {
			title = sv.Title.In(l.Lang)
		}
		rows = append(rows, sessionRow{
			ID: sess.ID, Code: sess.Code, ClassLabel: sess.ClassLabel, Survey: title,
			Wave: l.T("wave." + string(sess.Wave)), CreatedDay: sess.CreatedDay, Status: l.T("status." + sess.Status),
			Grade: sess.Grade, Responses: n, Expected: sess.ExpectedPupils, Open: sess.IsOpen(),
		})
	}
	return s.render(c, "sessions", l.T("sessions.title"), fiber.Map{"Sessions": rows})
}
