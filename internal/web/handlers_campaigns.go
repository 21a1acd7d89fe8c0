package web

import (
	"context"

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
