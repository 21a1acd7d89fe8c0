package web

import (
	"context"
	"time"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
)

// sessionHandlers answer a teacher's class sessions: the list, a new session, the projector
// with its QR code and live counter, close, re-open and delete, and the same in the API.
type sessionHandlers struct {
	*Server
	app sessionUseCases
}

// sessionUseCases is what the session pages need of package app.
type sessionUseCases interface {
	CreateSession(ctx context.Context, u *model.User, in app.NewSession, l *i18n.Localizer) (*model.Session, error)
	VisibleSessions(ctx context.Context, u *model.User) ([]model.Session, error)
	LiveSession(ctx context.Context, id string) (*model.Session, error)
	LiveCount(ctx context.Context, sessionID string) (int, error)
	AnswerCount(ctx context.Context, sess *model.Session) (int, error)
	Close(ctx context.Context, sess *model.Session) (*model.Session, error)
	Reopen(ctx context.Context, sess *model.Session) (*model.Session, error)
	SetClassSize(ctx context.Context, sess *model.Session, n int) (*model.Session, error)
	Deadline(sess *model.Session) time.Time
	SessionDirectory(ctx context.Context, u *model.User) (schools, teachers map[string]string, err error)
	Delete(ctx context.Context, sess *model.Session) error
}
