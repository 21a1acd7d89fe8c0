package web

import (
	"context"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
)

// parentsTopMessages is how many messages the parents' text tells when the class chose none.
const parentsTopMessages = 3

// parentsPage is the text for the parents' newsletter (Aula), ready to copy.
type parentsPage struct {
	Session     *model.Session
	Hidden      bool
	Text        string
	DownloadURL string
	BackURL     string
}

// showCampaignParents shows the parents' text in a read-only field to copy.
func (s *campaignHandlers) showCampaignParents(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	page := parentsPage{Session: sess, BackURL: "/sessions/" + sess.ID + "/campaign",
		DownloadURL: "/sessions/" + sess.ID + "/campaign/parents.txt?lang=" + l.Lang}
	page.Text, err = s.parentsText(c, l, sess)
	if errors.Is(err, app.ErrResultsHidden) {
		page.Hidden = true
	} else if err != nil {
		return err
	}
	return s.render(c, "campaign_parents", sess.ClassLabel+" · "+l.T("campaign.parents.title"), fiber.Map{"Page": page})
}

// downloadCampaignParents is the parents' text as a plain-text file.
func (s *campaignHandlers) downloadCampaignParents(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	text, err := s.parentsText(c, l, sess)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+posterFileName(sess.ClassLabel, l.T("campaign.parents.file"), ".txt")+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString(text)
}

// parentsText writes a short, warm text for the parents: what the class did, the messages
// it chose (or its top allowed ones), what it learned, an invitation to talk at home and how
// to reach the teacher. Its only figures are those of allowed messages.
func (s *campaignHandlers) parentsText(c *fiber.Ctx, l *i18n.Localizer, sess *model.Session) (string, error) {
	cc, err := s.app.ClassCampaign(c.UserContext(), sess, l.Lang)
	if err != nil {
		return "", err
	}
	messages := cc.Chosen()
	if len(messages) == 0 {
		messages = cc.Messages[:min(parentsTopMessages, len(cc.Messages))]
	}
	class := sess.ClassLabel
	var paragraphs []string
	add := func(p ...string) { paragraphs = append(paragraphs, strings.Join(p, "\n")) }
	add(l.T("campaign.parents.subject", "Class", class))
	add(l.T("campaign.parents.greeting", "Class", class))
	add(l.T("campaign.parents.did", "Class", class))
	// Every message corrects a guess that put fewer on the healthy side than there are
	// (campaign.Refusal), so with a message the class did learn that.
	learned := l.T("campaign.parents.learned")
	if len(messages) > 0 {
		learned = l.T("campaign.parents.learned_more")
	}
	add(learned)
	if len(messages) > 0 {
		lines := []string{l.T("campaign.parents.messages", "Class", class)}
		for _, m := range messages {
			line := "• " + sentence(m.Text)
			if m.Approval != "" {
				line += " " + sentence(m.Approval)
			}
			if m.Slogan != "" {
				line += " " + sentence(m.Slogan)
			}
			lines = append(lines, line)
		}
		add(lines...)
		add(l.T("campaign.parents.campaign"))
	}
	add(l.T("campaign.parents.talk"))
	if email := s.teacherEmail(c.UserContext(), sess, currentUser(c)); email != "" {
		add(l.T("campaign.parents.contact", "Email", email))
	} else {
		add(l.T("campaign.parents.contact_aula"))
	}
	add(l.T("campaign.parents.regards"), l.T("campaign.parents.signature", "Class", class))
	return strings.Join(paragraphs, "\n\n") + "\n", nil
}

// teacherEmail is how parents reach the class's teacher: the account that made the session,
// or the teacher looking at it.
func (s *campaignHandlers) teacherEmail(ctx context.Context, sess *model.Session, viewer *model.User) string {
	if u, err := s.store.UserByID(ctx, sess.TeacherID); err == nil && u.Role == model.RoleTeacher {
		return u.Email
	}
	if viewer != nil && viewer.Role == model.RoleTeacher {
		return viewer.Email
	}
	return ""
}
