package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/bson"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// Accounts over a school year: a teacher leaves (deactivated: their logins and tokens stop
// at once), an email was mistyped, a password is forgotten (a one-time link the
// administrator or SSP consultant hands over), and everyone changes their own password.
// Every change is recorded in the audit trail (store.AuditEntry).

// ResetLinkLifetime is how long a password reset link works, once.
const ResetLinkLifetime = 24 * time.Hour

// ListUsers returns the accounts actor may manage, and actor's own: every account for an
// administrator, the municipality's for an SSP consultant.
func (a *App) ListUsers(ctx context.Context, actor *model.User) ([]model.User, error) {
	switch actor.Role {
	case model.RoleAdmin:
		return a.store.ListUsers(ctx, store.UserFilter{})
	case model.RoleSSP:
		return a.store.ListUsers(ctx, store.UserFilter{Municipality: actor.Municipality})
	}
	return nil, model.Errorf(model.ECodeForbidden, "only SSP consultants and administrators manage accounts")
}

// UserPatch is a change to an account; nil fields stay as they are.
type UserPatch struct {
	Active   *bool
	Email    *string
	Name     *string
	SchoolID *string
}

// ManagedUser is the account id that actor may manage, or an error that reveals nothing of
// accounts outside actor's reach.
func (a *App) ManagedUser(ctx context.Context, actor *model.User, id string, l *i18n.Localizer) (*model.User, error) {
	target, err := a.store.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.CanManageUser(target) {
		if actor.Role == model.RoleSSP && target.Municipality != actor.Municipality {
			return nil, model.ErrNotFound
		}
		return nil, model.Errorf(model.ECodeForbidden, "%s", l.T("accounts.forbidden"))
	}
	return target, nil
}

// UpdateUser changes an account on behalf of actor and records what changed.
func (a *App) UpdateUser(ctx context.Context, actor *model.User, id string, p UserPatch, l *i18n.Localizer) (*model.User, error) {
	target, err := a.ManagedUser(ctx, actor, id, l)
	if err != nil {
		return nil, err
	}
	set, changes, fields := bson.M{}, map[string]string{}, map[string]string{}
	if p.Email != nil {
		email, ok := model.ParseEmail(*p.Email)
		switch {
		case !ok:
			fields["email"] = l.T("auth.email_invalid")
		case email != target.Email:
			set["email"], changes["email"] = email, target.Email+" → "+email
		}
	}
	if p.Name != nil {
		name := strings.Join(strings.Fields(*p.Name), " ")
		if len(name) > 100 {
			fields["name"] = l.T("accounts.name_too_long")
		} else if name != target.Name {
			set["name"], changes["name"] = name, target.Name+" → "+name
		}
	}
	if p.SchoolID != nil && *p.SchoolID != target.SchoolID {
		if target.Role != model.RoleTeacher {
			fields["school_id"] = l.T("auth.field_not_for_role")
		} else {
			sc, err := a.store.SchoolByID(ctx, *p.SchoolID)
			switch {
			case errors.Is(err, model.ErrNotFound) || (err == nil && !actor.CanSeeMunicipality(sc.Municipality)):
				fields["school_id"] = l.T("auth.school_unknown")
			case err != nil:
				return nil, err
			default:
				set["school_id"], set["municipality"] = sc.ID, sc.Municipality
				changes["school_id"] = target.SchoolID + " → " + sc.ID
			}
		}
	}
	action := "changed"
	if p.Active != nil && *p.Active == target.Disabled {
		set["disabled"] = !*p.Active
		action = map[bool]string{true: "reactivated", false: "deactivated"}[*p.Active]
	}
	if len(fields) > 0 {
		return nil, model.Invalid(l.T("auth.form_invalid"), fields)
	}
	if len(set) == 0 {
		return target, nil
	}
	changed, err := a.store.UpdateUser(ctx, id, set)
	if errors.Is(err, model.ErrConflict) {
		return nil, &model.Error{Code: model.ECodeConflict, Message: l.T("auth.email_exists"), Fields: map[string]string{"email": l.T("auth.email_exists")}}
	}
	if err != nil {
		return nil, err
	}
	if err := a.audit(ctx, actor, id, action, changes); err != nil {
		return nil, err
	}
	return changed, nil
}

// PasswordResetLink makes a one-time link for target's account to choose a new password,
// valid ResetLinkLifetime; actor hands it over. It returns the token for the link.
func (a *App) PasswordResetLink(ctx context.Context, actor *model.User, id string, l *i18n.Localizer) (string, error) {
	if _, err := a.ManagedUser(ctx, actor, id, l); err != nil {
		return "", err
	}
	token, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	if err := a.store.KV(store.KVPasswordResets).Set(token, []byte(id), ResetLinkLifetime); err != nil {
		return "", err
	}
	return token, a.audit(ctx, actor, id, "reset_link", nil)
}

// CheckResetLink says whether a reset link still works (the page asks before it shows the
// form): a used, expired or made-up one is "not found".
func (a *App) CheckResetLink(ctx context.Context, token string, l *i18n.Localizer) error {
	id, err := a.store.KV(store.KVPasswordResets).Get(token)
	if err != nil {
		return err
	}
	if len(id) == 0 {
		return model.Errorf(model.ECodeNotFound, "%s", l.T("accounts.reset_expired"))
	}
	return nil
}

// ResetPassword sets a new password through a reset link, which then stops working.
func (a *App) ResetPassword(ctx context.Context, token, password string, l *i18n.Localizer) (*model.User, error) {
	resets := a.store.KV(store.KVPasswordResets)
	id, err := resets.Get(token)
	if err != nil {
		return nil, err
	}
	if len(id) == 0 {
		return nil, model.Errorf(model.ECodeNotFound, "%s", l.T("accounts.reset_expired"))
	}
	if problem := passwordProblem(password, l); problem != "" {
		return nil, model.Invalid(l.T("auth.form_invalid"), map[string]string{"password": problem})
	}
	u, err := a.setPassword(ctx, string(id), password)
	if err != nil {
		return nil, err
	}
	if err := resets.Delete(token); err != nil {
		return nil, err
	}
	return u, a.audit(ctx, u, u.ID, "password_reset", nil)
}

// ChangePassword sets u's own password, given the one it has now.
func (a *App) ChangePassword(ctx context.Context, u *model.User, old, password string, l *i18n.Localizer) error {
	if _, err := a.Authenticate(ctx, u.Email, old); err != nil {
		if errors.Is(err, ErrBadLogin) {
			return model.Invalid(l.T("auth.form_invalid"), map[string]string{"old_password": l.T("accounts.old_password_wrong")})
		}
		return err
	}
	if problem := passwordProblem(password, l); problem != "" {
		return model.Invalid(l.T("auth.form_invalid"), map[string]string{"password": problem})
	}
	if _, err := a.setPassword(ctx, u.ID, password); err != nil {
		return err
	}
	return a.audit(ctx, u, u.ID, "password_changed", nil)
}

func (a *App) setPassword(ctx context.Context, id, password string) (*model.User, error) {
	var hash string
	err := a.hashing(ctx, func() (err error) {
		hash, err = a.hasher.Hash(password)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a.store.UpdateUser(ctx, id, bson.M{"password_hash": hash})
}

// AuditOf is the audit trail of an account actor may manage.
func (a *App) AuditOf(ctx context.Context, actor *model.User, id string, l *i18n.Localizer) ([]store.AuditEntry, error) {
	if _, err := a.ManagedUser(ctx, actor, id, l); err != nil {
		return nil, err
	}
	return a.store.AuditOf(ctx, id)
}

func (a *App) audit(ctx context.Context, actor *model.User, targetID, action string, changes map[string]string) error {
	who := cmp.Or(actor.Email, "heltnormal (command line or start-up)")
	if err := a.store.AddAudit(ctx, store.AuditEntry{Day: a.Today(), ActorID: actor.ID, Actor: who,
		TargetID: targetID, Action: action, Changes: changes}); err != nil {
		return fmt.Errorf("record the change: %w", err)
	}
	return nil
}
