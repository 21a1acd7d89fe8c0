package web

import (
	"context"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// resultsHandlers answer a class's results: the page, its print view and CSV, the API, the
// "show the results now" button, the presenter, and the release of the results to the pupils.
type resultsHandlers struct {
	*Server
	app resultsUseCases
}

// resultsUseCases is what the results pages need of package app.
type resultsUseCases interface {
	ClassResults(ctx context.Context, sess *model.Session) (results.Group, *survey.Survey, error)
	ShowResultsNow(ctx context.Context, sess *model.Session) (int, error)
	ChoosePresenterTopics(ctx context.Context, sess *model.Session, topics []string) (*model.Session, error)
	ReleaseToPupils(ctx context.Context, sess *model.Session, released bool) (*model.Session, error)
}
