package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
)

// campaignResponse is the campaign API's answer: the class's allowed messages (its own
// wording where it saved one) and the look of its posters.
type campaignResponse struct {
	Messages []app.CampaignMessage `json:"messages"`
	Layout   string                `json:"layout"`
	Theme    string                `json:"theme"`
}

// showCampaignAPI lists the positive-norm messages a class's results allow. A session whose
// results are still hidden is a conflict; a class under the minimum group has none.
func (s *campaignHandlers) showCampaignAPI(c *fiber.Ctx) error {
	_, cc, err := s.campaignOf(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(campaignResponse{Messages: cc.Messages, Layout: string(cc.Layout), Theme: string(cc.Theme)})
}
