package web

import (
	"context"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// pupilHandlers answer the pupils: the start page, the survey (join_show.go), its form post
// (join_submit.go) and JSON submit (join_api.go), the thank-you page (join_thanks.go) and the
// class's results once the teacher released them to the pupils (join_results.go).
// No login.
type pupilHandlers struct {
	*Server
	app pupilUseCases
}

// pupilUseCases is what the pupils' pages need of package app.
type pupilUseCases interface {
	Join(ctx context.Context, code string) (*model.Session, *survey.Survey, error)
	CanAnswer(ctx context.Context, sess *model.Session) error
	Submit(ctx context.Context, code string, sub classroom.Submission) (app.Submitted, error)
	PupilLanguages() []string
	LocalHelpFor(ctx context.Context, municipality string) (*model.LocalHelp, error)
	ClassResults(ctx context.Context, sess *model.Session) (results.Group, *survey.Survey, error)
}
