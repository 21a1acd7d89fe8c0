package app

import (
	"context"
	"errors"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/sso"
)

// Why a person the provider vouches for gets no account here. The web package tells them in
// their language; these messages are for the API and the log.
var (
	// ErrSignOnUnknown: no account is linked, none has their verified email, and no rule
	// gives them a role and a municipality.
	ErrSignOnUnknown = model.Errorf(model.ECodeForbidden, "you have no account in Helt Normal; ask your SSP consultant or administrator")
	// ErrSignOnUnverified: an account has their email, or one would be made with it, but the
	// provider has not confirmed that the email is theirs.
	ErrSignOnUnverified = model.Errorf(model.ECodeForbidden, "the provider has not verified your email, so it cannot be linked to an account")
	// ErrSignOnLinkedElsewhere: the account with their email is linked to another person.
	ErrSignOnLinkedElsewhere = model.Errorf(model.ECodeConflict, "the account with your email is linked to another login")
	// ErrSignOnNoSchool: a rule makes them a teacher, but the provider names no school, or
	// one Helt Normal does not know in their municipality.
	ErrSignOnNoSchool = model.Errorf(model.ECodeForbidden, "a teacher's account needs a school; ask your SSP consultant to create your account")
)

// ErrSignOnTaken refuses to link an account that is linked already, or a person who is
// linked to another account.
var ErrSignOnTaken = model.Errorf(model.ECodeConflict, "your account, or this login, is linked already")

// LinkSignOn links u's account, signed in here, to the person the provider has signed in:
// for providers that send no verified email (UNI-Login's broker sends none), the way an
// existing account gets its first link. It is recorded in the audit trail.
func (a *App) LinkSignOn(ctx context.Context, u *model.User, id sso.Identity) (*model.User, error) {
	if u.OIDCIssuer == id.Issuer && u.OIDCSubject == id.Subject {
		return u, nil
	}
	if id.Issuer == "" || id.Subject == "" {
		return nil, ErrSignOnUnknown
	}
	linked, err := a.store.LinkUser(ctx, u.ID, id.Issuer, id.Subject)
	if errors.Is(err, model.ErrConflict) {
		return nil, ErrSignOnTaken
	}
	if err != nil {
		return nil, err
	}
	return linked, a.audit(ctx, linked, linked.ID, "sso_linked", map[string]string{"issuer": id.Issuer, "subject": id.Subject, "by": "account page"})
}

// SignOn finds or makes the account of a person the provider has signed in:
//  1. the account linked to their issuer and subject;
//  2. else the account with their email, when the provider says the email is verified: it is
//     linked to them from now on;
//  3. else a new account, when the deployment's rules give them a role and a municipality
//     (and a teacher a known school of that municipality).
//
// Anyone else is refused, and so is a deactivated account. Every link and every new account
// is recorded in the audit trail, with the person as the actor.
func (a *App) SignOn(ctx context.Context, id sso.Identity) (*model.User, error) {
	if id.Issuer == "" || id.Subject == "" {
		return nil, ErrSignOnUnknown
	}
	u, err := a.store.UserBySubject(ctx, id.Issuer, id.Subject)
	if err == nil {
		return usable(u)
	}
	if !errors.Is(err, model.ErrNotFound) {
		return nil, err
	}
	email, emailOK := model.ParseEmail(id.Email)
	if emailOK {
		u, err := a.store.UserByEmail(ctx, email)
		if err == nil {
			return a.linkAccount(ctx, u, id)
		}
		if !errors.Is(err, model.ErrNotFound) {
			return nil, err
		}
	}
	return a.createSignOnAccount(ctx, id, email, emailOK)
}

// usable refuses a deactivated account.
func usable(u *model.User) (*model.User, error) {
	if u.Disabled {
		return nil, ErrDisabled
	}
	return u, nil
}

// linkAccount links the account with the person's email to them, if the email is verified.
func (a *App) linkAccount(ctx context.Context, u *model.User, id sso.Identity) (*model.User, error) {
	switch {
	case !id.EmailVerified:
		return nil, ErrSignOnUnverified
	case u.Disabled:
		return nil, ErrDisabled
	case u.OIDCSubject != "":
		return nil, ErrSignOnLinkedElsewhere
	}
	linked, err := a.store.LinkUser(ctx, u.ID, id.Issuer, id.Subject)
	if errors.Is(err, model.ErrConflict) {
		return a.signedOnMeanwhile(ctx, id, ErrSignOnLinkedElsewhere)
	}
	if err != nil {
		return nil, err
	}
	return linked, a.audit(ctx, linked, linked.ID, "sso_linked", map[string]string{"issuer": id.Issuer, "subject": id.Subject})
}

// createSignOnAccount makes an account by the deployment's rules.
func (a *App) createSignOnAccount(ctx context.Context, id sso.Identity, email string, emailOK bool) (*model.User, error) {
	if id.Role != model.RoleTeacher && id.Role != model.RoleSSP || id.Municipality == "" || !emailOK {
		return nil, ErrSignOnUnknown
	}
	if !id.EmailVerified {
		return nil, ErrSignOnUnverified
	}
	u := &model.User{Email: email, Role: id.Role, Municipality: id.Municipality, Name: id.Name,
		CreatedDay: a.Today(), OIDCIssuer: id.Issuer, OIDCSubject: id.Subject}
	changes := map[string]string{"email": email, "role": string(id.Role), "municipality": id.Municipality,
		"issuer": id.Issuer, "subject": id.Subject}
	if id.Role == model.RoleTeacher {
		if id.School == "" {
			return nil, ErrSignOnNoSchool
		}
		sc, err := a.store.SchoolByName(ctx, id.Municipality, id.School)
		if errors.Is(err, model.ErrNotFound) {
			return nil, ErrSignOnNoSchool
		}
		if err != nil {
			return nil, err
		}
		u.SchoolID, changes["school_id"] = sc.ID, sc.ID
	}
	if len(u.Name) > 100 {
		u.Name = ""
	}
	if err := a.store.CreateUser(ctx, u); errors.Is(err, model.ErrConflict) {
		return a.signedOnMeanwhile(ctx, id, ErrSignOnLinkedElsewhere)
	} else if err != nil {
		return nil, err
	}
	return u, a.audit(ctx, u, u.ID, "sso_created", changes)
}

// signedOnMeanwhile is the account a second sign-in of the same person, at the same moment,
// linked or made; else refused.
func (a *App) signedOnMeanwhile(ctx context.Context, id sso.Identity, refused error) (*model.User, error) {
	u, err := a.store.UserBySubject(ctx, id.Issuer, id.Subject)
	if errors.Is(err, model.ErrNotFound) {
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	return usable(u)
}
