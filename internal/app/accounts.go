package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
)

// The rules for creating schools and accounts, shared by the admin page, the JSON API and
// the command line. Messages come from locales/auth.*.yaml in the caller's language (English
// for the API and the command line).

// maxSchoolName bounds a school's name.
const maxSchoolName = 100

// ErrBadLogin is the one answer to a wrong email or a wrong password: which of the two was
// wrong is nobody's business.
var ErrBadLogin = model.Errorf(model.ECodeUnauthorized, "wrong email or password")

// ErrDisabled refuses the right password of a deactivated account.
var ErrDisabled = model.Errorf(model.ECodeForbidden, "this account has been deactivated; ask your SSP consultant or administrator")

// Authenticate returns the user with this email and password, or ErrBadLogin. An unknown
// email costs the same password check as a known one, so timing does not tell them apart.
func (a *App) Authenticate(ctx context.Context, email, password string) (*model.User, error) {
	u, err := a.store.UserByEmail(ctx, email)
	hash := a.dummyHash
	switch {
	case err == nil && u.PasswordHash != "":
		hash = u.PasswordHash
	case err == nil: // an account that signs in only through the provider has no password
		u = nil
	case !errors.Is(err, model.ErrNotFound):
		return nil, err
	}
	var ok bool
	err = a.hashing(ctx, func() (err error) {
		ok, err = auth.VerifyPassword(hash, password)
		return err
	})
	if errors.Is(err, ErrBusy) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("check password of %s: %w", email, err)
	}
	if !ok || u == nil {
		return nil, ErrBadLogin
	}
	if u.Disabled {
		return nil, ErrDisabled
	}
	return u, nil
}

// NewSchool is a request to create a school.
type NewSchool struct {
	Municipality string
	Name         string
}

// CreateSchool adds a school to a Danish municipality on behalf of actor.
func (a *App) CreateSchool(ctx context.Context, actor *model.User, in NewSchool, l *i18n.Localizer) (*model.School, error) {
	fields := map[string]string{}
	name := strings.Join(strings.Fields(in.Name), " ")
	switch {
	case name == "":
		fields["name"] = l.T("auth.field_required")
	case utf8.RuneCountInString(name) > maxSchoolName:
		fields["name"] = l.T("auth.school_name_too_long", "Max", maxSchoolName)
	}
	municipality := checkMunicipality(in.Municipality, fields, l)
	if len(fields) > 0 {
		return nil, model.Invalid(l.T("auth.form_invalid"), fields)
	}
	if !actor.CanCreateSchool(municipality) {
		return nil, model.Errorf(model.ECodeForbidden, "%s", l.T("auth.forbidden_municipality"))
	}
	sc := &model.School{Municipality: municipality, Name: name, CreatedDay: a.Today()}
	if err := a.store.CreateSchool(ctx, sc); err != nil {
		if errors.Is(err, model.ErrConflict) {
			return nil, &model.Error{Code: model.ECodeConflict, Message: l.T("auth.school_exists"),
				Fields: map[string]string{"name": l.T("auth.school_exists")}}
		}
		return nil, err
	}
	return sc, nil
}

// checkMunicipality returns the reference spelling of a required municipality, or notes
// the problem in fields.
func checkMunicipality(name string, fields map[string]string, l *i18n.Localizer) string {
	if strings.TrimSpace(name) == "" {
		fields["municipality"] = l.T("auth.field_required")
		return ""
	}
	m, ok := model.LookupMunicipality(name)
	if !ok {
		fields["municipality"] = l.T("auth.municipality_unknown", "Name", name)
	}
	return m
}

// checkArea returns the reference spelling of a coordinator's region and optional cluster,
// or notes the problem in fields.
func checkArea(region, cluster string, fields map[string]string, l *i18n.Localizer) (string, string) {
	region, cluster = strings.TrimSpace(region), strings.TrimSpace(cluster)
	if region == "" {
		fields["region"] = l.T("auth.field_required")
		return "", ""
	}
	r, ok := model.LookupRegion(region)
	if !ok {
		fields["region"] = l.T("auth.region_unknown", "Name", region)
		return "", ""
	}
	if cluster == "" {
		return r.Key, ""
	}
	c, ok := r.LookupCluster(cluster)
	if !ok {
		if len(r.Clusters) == 0 {
			fields["cluster"] = l.T("auth.region_has_no_clusters", "Region", r.Name)
		} else {
			fields["cluster"] = l.T("auth.cluster_unknown", "Name", cluster, "Region", r.Name)
		}
		return r.Key, ""
	}
	return r.Key, c.Name
}

// NewUser is a request to create an account.
type NewUser struct {
	Email        string
	Password     string
	Role         model.Role
	Municipality string // ssp; for a teacher it comes from the school
	SchoolID     string // teacher
	Region       string // coordinator: a region's key or name
	Cluster      string // coordinator of one of the region's clusters (optional)
}

// CreateUser creates an account on behalf of actor: administrators create anyone (a
// coordinator only they), SSP consultants teachers at the schools of their own municipality.
func (a *App) CreateUser(ctx context.Context, actor *model.User, in NewUser, l *i18n.Localizer) (*model.User, error) {
	if in.Role.Valid() && !actor.CanCreateUser(in.Role, actor.Municipality) {
		return nil, model.Errorf(model.ECodeForbidden, "%s", l.T("auth.forbidden_role"))
	}
	fields := map[string]string{}
	email, ok := model.ParseEmail(in.Email)
	switch {
	case email == "":
		fields["email"] = l.T("auth.field_required")
	case !ok:
		fields["email"] = l.T("auth.email_invalid")
	}
	if err := passwordProblem(in.Password, l); err != "" {
		fields["password"] = err
	}
	u := &model.User{Email: email, Role: in.Role}
	if in.Role != model.RoleCoordinator {
		if strings.TrimSpace(in.Region) != "" {
			fields["region"] = l.T("auth.field_not_for_role")
		}
		if strings.TrimSpace(in.Cluster) != "" {
			fields["cluster"] = l.T("auth.field_not_for_role")
		}
	}
	switch in.Role {
	case model.RoleTeacher:
		sc, err := a.checkSchool(ctx, in, fields, l)
		if err != nil {
			return nil, err
		}
		if sc != nil {
			u.SchoolID, u.Municipality = sc.ID, sc.Municipality
		}
	case model.RoleSSP:
		u.Municipality = checkMunicipality(in.Municipality, fields, l)
		if in.SchoolID != "" {
			fields["school_id"] = l.T("auth.field_not_for_role")
		}
	case model.RoleCoordinator:
		u.Region, u.Cluster = checkArea(in.Region, in.Cluster, fields, l)
		if strings.TrimSpace(in.Municipality) != "" {
			fields["municipality"] = l.T("auth.field_not_for_role")
		}
		if in.SchoolID != "" {
			fields["school_id"] = l.T("auth.field_not_for_role")
		}
	case model.RoleAdmin:
		if strings.TrimSpace(in.Municipality) != "" {
			fields["municipality"] = l.T("auth.field_not_for_role")
		}
		if in.SchoolID != "" {
			fields["school_id"] = l.T("auth.field_not_for_role")
		}
	default:
		fields["role"] = l.T("auth.role_invalid")
	}
	if len(fields) > 0 {
		return nil, model.Invalid(l.T("auth.form_invalid"), fields)
	}
	if !actor.CanCreateUser(u.Role, u.Municipality) {
		return nil, model.Errorf(model.ECodeForbidden, "%s", l.T("auth.forbidden_municipality"))
	}

	var hash string
	err := a.hashing(ctx, func() (err error) {
		hash, err = a.hasher.Hash(in.Password)
		return err
	})
	if err != nil {
		return nil, err
	}
	u.PasswordHash = hash
	u.CreatedDay = a.Today()
	if err := a.store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, model.ErrConflict) {
			return nil, &model.Error{Code: model.ECodeConflict, Message: l.T("auth.email_exists"),
				Fields: map[string]string{"email": l.T("auth.email_exists")}}
		}
		return nil, err
	}
	return u, a.audit(ctx, actor, u.ID, "created", map[string]string{"email": u.Email, "role": string(u.Role)})
}

// checkSchool finds a teacher's school, or notes in fields why there is none.
func (a *App) checkSchool(ctx context.Context, in NewUser, fields map[string]string, l *i18n.Localizer) (*model.School, error) {
	if in.SchoolID == "" {
		fields["school_id"] = l.T("auth.field_required")
		return nil, nil
	}
	sc, err := a.store.SchoolByID(ctx, in.SchoolID)
	if errors.Is(err, model.ErrNotFound) {
		fields["school_id"] = l.T("auth.school_unknown")
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Municipality) != "" {
		if m, _ := model.LookupMunicipality(in.Municipality); m != sc.Municipality {
			fields["municipality"] = l.T("auth.school_elsewhere", "School", sc.Name, "Municipality", sc.Municipality)
		}
	}
	return sc, nil
}

// System is the actor of accounts made from the command line and the environment: whoever
// runs the server's commands may create anyone, as an administrator may.
var System = &model.User{Role: model.RoleAdmin}

// AddAccount creates an account from the command line or the environment, as System: a
// teacher's school is named rather than chosen, and created in its municipality when it has
// none of that name. Otherwise CreateUser's rules apply, with its messages in l's language.
func (a *App) AddAccount(ctx context.Context, in NewUser, schoolName string, l *i18n.Localizer) (*model.User, error) {
	if in.Role == model.RoleTeacher {
		sc, err := a.schoolNamed(ctx, in.Municipality, schoolName, l)
		if err != nil {
			return nil, err
		}
		in.SchoolID = sc.ID
	}
	return a.CreateUser(ctx, System, in, l)
}

// schoolNamed finds a municipality's school by name, creating it when there is none.
func (a *App) schoolNamed(ctx context.Context, municipality, name string, l *i18n.Localizer) (*model.School, error) {
	sc, err := a.store.SchoolByName(ctx, municipality, name)
	if errors.Is(err, model.ErrNotFound) {
		sc, err = a.CreateSchool(ctx, System, NewSchool{Municipality: municipality, Name: name}, l)
		if model.ErrorCode(err) == model.ECodeConflict { // created meanwhile by someone else
			sc, err = a.store.SchoolByName(ctx, municipality, name)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("find or create school %q: %w", name, err)
	}
	return sc, nil
}

// passwordProblem is the policy's complaint about a new password in l's language, or "".
func passwordProblem(pw string, l *i18n.Localizer) string {
	switch err := auth.CheckPassword(pw); {
	case err == nil:
		return ""
	case errors.Is(err, auth.ErrPasswordTooLong):
		return l.T("auth.password_too_long", "Max", auth.MaxPasswordLength)
	case errors.Is(err, auth.ErrPasswordGuessable):
		return l.T("auth.password_guessable")
	default:
		return l.T("auth.password_too_short", "Min", auth.MinPasswordLength)
	}
}
