package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// campaignHandlers answer the campaigns: a class's workshop, posters and parents' text, and
// an SSP consultant's campaign for a school or municipality.
type campaignHandlers struct {
	*Server
	app campaignUseCases
}

// campaignUseCases is what the campaign pages need of package app.
type campaignUseCases interface {
	ClassCampaign(ctx context.Context, sess *model.Session, lang string) (*app.ClassCampaign, error)
	SaveCampaign(ctx context.Context, sess *model.Session, saved model.Campaign) error
	Comparison(ctx context.Context, q app.CompareQuery, sv *survey.Survey) (*compare.Node, error)
}

// campaignOf reads the session in the URL, if the user may manage it, and its campaign in
// the page's language. The session comes back with ErrResultsHidden, for pages that say so.
func (s *campaignHandlers) campaignOf(c *fiber.Ctx) (*model.Session, *app.ClassCampaign, error) {
	sess, err := s.sessionFor(c)
	if err != nil {
		return nil, nil, err
	}
	cc, err := s.app.ClassCampaign(c.UserContext(), sess, s.localizer(c).Lang)
	return sess, cc, err
}
