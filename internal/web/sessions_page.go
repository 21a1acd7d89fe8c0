package web

import (
	"cmp"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/i18n"
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

// sessionRow is one line of the sessions list. School and Teacher are shown to SSP
// consultants and administrators; ClosesAt is when an open session closes itself.
type sessionRow struct {
	ID, Code, ClassLabel, Survey, Wave, CreatedDay, Status string
	School, Teacher, ClosesAt                              string
	Grade, Responses, Expected                             int
	Open                                                   bool
}

// showSessions lists the sessions the user may manage: open ones first, then newest first,
// a page at a time (?page=2); ?status=open or closed shows only those. Open sessions say
// when they close themselves, and the page reminds the teacher to close them when the class
// is done. SSP consultants and administrators see each session's school and teacher.
func (s *sessionHandlers) showSessions(c *fiber.Ctx) error {
	all, err := s.visibleSessions(c)
	if err != nil {
		return err
	}
	openCount := 0
	for _, sess := range all {
		if sess.IsOpen() {
			openCount++
		}
	}
	status := c.Query("status")
	if status == model.StatusOpen || status == model.StatusClosed {
		all = slices.DeleteFunc(all, func(sess model.Session) bool { return sess.Status != status })
	} else {
		status = ""
	}
	u := currentUser(c)
	var schools, teachers map[string]string
	if u.Role != model.RoleTeacher {
		if schools, teachers, err = s.app.SessionDirectory(c.UserContext(), u); err != nil {
			return err
		}
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
			School: schools[sess.SchoolID], Teacher: teachers[sess.TeacherID],
		})
		if sess.IsOpen() {
			rows[len(rows)-1].ClosesAt = s.closesAt(l, s.app.Deadline(&sess))
		}
	}
	return s.render(c, "sessions", l.T("sessions.title"), fiber.Map{"Sessions": rows, "Page": page, "Total": len(all),
		"Open": openCount, "Staff": u.Role != model.RoleTeacher, "Status": status})
}

// closesAt says when an open session closes itself: "kl. 16:00", or with its day when that
// is not today.
func (s *sessionHandlers) closesAt(l *i18n.Localizer, deadline time.Time) string {
	local, now := deadline.In(s.tz), time.Now().In(s.tz)
	clock := local.Format("15:04")
	if local.Format(time.DateOnly) == now.Format(time.DateOnly) {
		return l.T("sessions.closes_today", "Time", clock)
	}
	return l.T("sessions.closes_on", "Day", local.Format("2.1."), "Time", clock)
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
