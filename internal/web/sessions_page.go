package web

import (
	"cmp"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// sessionsPerPage is how many sessions the list shows at a time: a region's school year is
// 2,000, which no one reads on one page (and which took 300 ms to render).
const sessionsPerPage = 50

// sessionsPage is one page of the list: its number, how many there are, and the
// neighbours' numbers (0: none).
type sessionsPage struct {
	Number, Count, Prev, Next int
}

// sessionRow is one line of the sessions list.
type sessionRow struct {
	ID, Code, ClassLabel, Survey, Wave, CreatedDay, Status string
	Grade, Responses, Expected                             int
	Open                                                   bool
}

// showSessions lists the sessions the user may manage: open ones first, then newest first,
// a page at a time (?page=2).
func (s *sessionHandlers) showSessions(c *fiber.Ctx) error {
	all, err := s.visibleSessions(c)
	if err != nil {
		return err
	}
	slices.SortStableFunc(all, func(a, b model.Session) int { // ListSessions gives newest first
		return cmp.Compare(boolRank(!a.IsOpen()), boolRank(!b.IsOpen()))
	})
	page := pageOf(c.QueryInt("page", 1), len(all))
	sessions := all[(page.Number-1)*sessionsPerPage : min(page.Number*sessionsPerPage, len(all))]
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
	return s.render(c, "sessions", l.T("sessions.title"), fiber.Map{"Sessions": rows, "Page": page, "Total": len(all)})
}

// pageOf is page number n of a list of total sessions, within the pages there are.
func pageOf(n, total int) sessionsPage {
	count := max(1, (total+sessionsPerPage-1)/sessionsPerPage)
	p := sessionsPage{Number: min(max(n, 1), count), Count: count}
	if p.Number > 1 {
		p.Prev = p.Number - 1
	}
	if p.Number < count {
		p.Next = p.Number + 1
	}
	return p
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
