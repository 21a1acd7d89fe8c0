package web

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/campaign"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/poster"
)

// errRewriteRefused refuses a campaign form whose rewrites do not state the true figures.
var errRewriteRefused = model.Invalid("a rewrite must keep the message's figure and claim", nil)

// saveCampaignForm stores the messages the class chose, in its own words, and the posters'
// look. Every chosen wording is checked by campaign.CheckRewrite: when one is refused the
// workshop is shown again with the class's words kept and the reason next to the field,
// and nothing is saved.
func (s *campaignHandlers) saveCampaignForm(c *fiber.Ctx) error {
	sess, cc, err := s.campaignOf(c)
	l := s.localizer(c)
	if errors.Is(err, app.ErrResultsHidden) {
		statusFor(c, err)
		return s.renderCampaign(c, sess, nil)
	}
	if err != nil {
		return err
	}

	form := campaignForm{Chosen: map[string]bool{}, Texts: map[string]string{}, Errors: map[string]string{},
		Layout: poster.Layout(c.FormValue("layout")), Theme: poster.Theme(c.FormValue("theme"))}
	if !slices.Contains(poster.Layouts(), form.Layout) || !slices.Contains(poster.Themes(), form.Theme) {
		return model.Invalid("choose a layout and a colour theme", map[string]string{"layout": "unknown", "theme": "unknown"})
	}
	for _, id := range c.Request().PostArgs().PeekMulti("item") {
		form.Chosen[string(id)] = true
	}
	saved := model.Campaign{Layout: string(form.Layout), Theme: string(form.Theme), Lang: l.Lang, Messages: []model.CampaignMessage{}}
	for _, m := range cc.Messages {
		text := strings.TrimSpace(c.FormValue("text-" + m.ItemID))
		form.Texts[m.ItemID] = text
		if !form.Chosen[m.ItemID] {
			continue
		}
		if err := campaign.CheckRewrite(m.Message, text); err != nil {
			var refused *campaign.RewriteError
			if !errors.As(err, &refused) {
				return err
			}
			form.Errors[m.ItemID] = refused.Message
			continue
		}
		if text == m.DefaultText {
			text = "" // the message's own words, which follow the survey's wording
		}
		saved.Messages = append(saved.Messages, model.CampaignMessage{ItemID: m.ItemID, Text: text})
	}
	if len(form.Errors) > 0 {
		statusFor(c, errRewriteRefused)
		return s.renderCampaign(c, sess, &form)
	}
	if err := s.app.SaveCampaign(c.UserContext(), sess, saved); err != nil {
		return err
	}
	return c.Redirect("/sessions/"+sess.ID+"/campaign?saved=1#posters", fiber.StatusSeeOther)
}
