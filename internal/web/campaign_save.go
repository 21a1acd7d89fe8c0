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

// errSloganRefused refuses a campaign form with a slogan that states a figure.
var errSloganRefused = model.Invalid("a slogan may carry no figure: the figure is in the locked fact", nil)

// saveCampaignForm stores the messages the class chose, in its own words, and the posters'
// look. The facts are locked; every slogan is checked by campaign.CheckSlogan: when one is
// refused the workshop is shown again with the class's words kept and the reason next to the
// field, and nothing is saved.
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

	form := campaignForm{Chosen: map[string]bool{}, Slogans: map[string]string{}, Errors: map[string]string{},
		Layout: poster.Layout(c.FormValue("layout")), Theme: poster.Theme(c.FormValue("theme"))}
	if !slices.Contains(poster.Layouts(), form.Layout) || !slices.Contains(poster.Themes(), form.Theme) {
		return model.Invalid("choose a layout and a colour theme", map[string]string{"layout": "unknown", "theme": "unknown"})
	}
	for _, id := range c.Request().PostArgs().PeekMulti("item") {
		form.Chosen[string(id)] = true
	}
	saved := model.Campaign{Layout: string(form.Layout), Theme: string(form.Theme), Lang: l.Lang, Messages: []model.CampaignMessage{}}
	for _, m := range cc.Messages {
		slogan := strings.TrimSpace(c.FormValue("slogan-" + m.ItemID))
		form.Slogans[m.ItemID] = slogan
		if !form.Chosen[m.ItemID] {
			continue
		}
		if err := campaign.CheckSlogan(l.Lang, sess.ClassLabel, slogan); err != nil {
			var refused *campaign.SloganError
			if !errors.As(err, &refused) {
				return err
			}
			form.Errors[m.ItemID] = refused.Message
			continue
		}
		saved.Messages = append(saved.Messages, model.CampaignMessage{ItemID: m.ItemID, Slogan: slogan})
	}
	if len(form.Errors) > 0 {
		statusFor(c, errSloganRefused)
		return s.renderCampaign(c, sess, &form)
	}
	if err := s.app.SaveCampaign(c.UserContext(), sess, saved); err != nil {
		return err
	}
	return c.Redirect("/sessions/"+sess.ID+"/campaign?saved=1#posters", fiber.StatusSeeOther)
}
