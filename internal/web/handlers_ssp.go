package web

import (
	"context"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// sspHandlers answer the comparisons across schools: the SSP dashboard, baseline → follow-up,
// the compare API and its CSV and XLSX exports.
type sspHandlers struct {
	*Server
	app compareUseCases
}

// compareUseCases is what the comparison pages need of package app.
type compareUseCases interface {
	CheckCompare(u *model.User, in app.CompareFilters) (app.CompareQuery, *survey.Survey, error)
	CheckCompareDefault(ctx context.Context, u *model.User, in app.CompareFilters) (app.CompareQuery, *survey.Survey, error)
	Comparison(ctx context.Context, q app.CompareQuery, sv *survey.Survey) (*compare.Node, error)
}
