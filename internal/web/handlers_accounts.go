package web

import (
	"context"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/sso"
	"github.com/heltnormal/heltnormal/internal/store"
)

// accountHandlers answer login and logout, API tokens, and the SSP/admin page with its
// schools and accounts, and the same in the API.
type accountHandlers struct {
	*Server
	app accountUseCases
}

// accountUseCases is what the account pages need of package app.
type accountUseCases interface {
	Authenticate(ctx context.Context, email, password string) (*model.User, error)
	CreateSchool(ctx context.Context, actor *model.User, in app.NewSchool, l *i18n.Localizer) (*model.School, error)
	CreateUser(ctx context.Context, actor *model.User, in app.NewUser, l *i18n.Localizer) (*model.User, error)
	ListUsers(ctx context.Context, actor *model.User) ([]model.User, error)
	ManagedUser(ctx context.Context, actor *model.User, id string, l *i18n.Localizer) (*model.User, error)
	SetLocalHelp(ctx context.Context, actor *model.User, municipality string, in model.LocalHelp, l *i18n.Localizer) (*model.LocalHelp, error)
	UpdateUser(ctx context.Context, actor *model.User, id string, p app.UserPatch, l *i18n.Localizer) (*model.User, error)
	PasswordResetLink(ctx context.Context, actor *model.User, id string, l *i18n.Localizer) (string, error)
	ResetPassword(ctx context.Context, token, password string, l *i18n.Localizer) (*model.User, error)
	CheckResetLink(ctx context.Context, token string, l *i18n.Localizer) error
	ChangePassword(ctx context.Context, u *model.User, old, password string, l *i18n.Localizer) error
	AuditOf(ctx context.Context, actor *model.User, id string, l *i18n.Localizer) ([]store.AuditEntry, error)
	SignOn(ctx context.Context, id sso.Identity) (*model.User, error)
	LinkSignOn(ctx context.Context, u *model.User, id sso.Identity) (*model.User, error)
}
