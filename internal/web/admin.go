package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// schoolForm and userForm are the admin page's two forms as typed, with what was wrong.
type schoolForm struct {
	Municipality, Name string
	Error              string
	Fields             map[string]string
}

type userForm struct {
	Email, Role, Municipality, SchoolID string
	Region, Cluster                     string // a coordinator's area
	Error                               string
	Fields                              map[string]string
}

// adminPage is what the SSP and administrator landing page shows.
type adminPage struct {
	IsAdmin        bool
	Municipality   string        // the one shown; empty: all (administrators only)
	Municipalities []regionGroup // the choices in the forms, by region
	Regions        []choice      // a coordinator's region (administrators only)
	Clusters       []choice      // a coordinator's cluster, if one (administrators only)
	Schools        []model.School
	Users          []adminUserRow
	Roles          []choice // the roles this user may create
	SchoolForm     schoolForm
	UserForm       userForm
	Help           *helpForm // the municipality's local help line; nil with no municipality chosen
	Notice         string
	MinPassword    int
}

type adminUserRow struct {
	ID, Email, Name, Role, Municipality, School string
	Active, Manageable                          bool
	Linked                                      bool // signs in through the municipality's login (OIDC)
}

// choice is one option of a select.
type choice struct {
	Value, Label string
}

// showAdmin lists the schools and users an SSP consultant (their municipality) or an
// administrator (everything, or one municipality) looks after, with forms to add more.
func (s *accountHandlers) showAdmin(c *fiber.Ctx) error {
	l := s.localizer(c)
	var notice string
	switch c.Query("created") {
	case "school":
		notice = l.T("auth.school_created")
	case "user":
		notice = l.T("auth.user_created")
	}
	switch c.Query("changed") {
	case "help":
		notice = l.T("help.saved")
	case "help_removed":
		notice = l.T("help.removed")
	case "deactivated":
		notice = l.T("accounts.deactivated")
	case "reactivated":
		notice = l.T("accounts.reactivated")
	}
	return s.renderAdmin(c, adminPage{Notice: notice, UserForm: userForm{Role: string(model.RoleTeacher)}})
}

// renderAdmin fills page with the lists and renders it; the status set on c is kept.
func (s *accountHandlers) renderAdmin(c *fiber.Ctx, page adminPage) error {
	u := currentUser(c)
	l := s.localizer(c)
	page.IsAdmin = u.Role == model.RoleAdmin
	page.MinPassword = auth.MinPasswordLength
	if page.IsAdmin {
		page.Municipality, _ = model.LookupMunicipality(c.Query("municipality"))
		page.Municipalities = denmarkGroups()
		page.Roles = roleChoices(l, model.RoleTeacher, model.RoleSSP, model.RoleCoordinator, model.RoleAdmin)
		for _, r := range model.Denmark() {
			page.Regions = append(page.Regions, choice{Value: r.Key, Label: r.Name})
			for _, cl := range r.Clusters {
				page.Clusters = append(page.Clusters, choice{Value: cl.Name, Label: cl.Name + " (" + r.Name + ")"})
			}
		}
	} else {
		if u.Municipality == "" { // an SSP account without a municipality sees nothing
			return model.Errorf(model.ECodeForbidden, "%s", l.T("auth.forbidden_municipality"))
		}
		page.Municipality = u.Municipality
		page.Municipalities = []regionGroup{{Municipalities: []string{u.Municipality}}}
		page.Roles = roleChoices(l, model.RoleTeacher)
	}
	if page.SchoolForm.Municipality == "" {
		page.SchoolForm.Municipality = page.Municipality
	}

	var err error
	if page.Help == nil && page.Municipality != "" {
		if page.Help, err = s.currentHelpForm(c.UserContext(), page.Municipality); err != nil {
			return err
		}
	}
	if page.Schools, err = s.store.ListSchools(c.UserContext(), page.Municipality); err != nil {
		return err
	}
	users, err := s.store.ListUsers(c.UserContext(), store.UserFilter{Municipality: page.Municipality})
	if err != nil {
		return err
	}
	schoolNames := map[string]string{}
	for _, sc := range page.Schools {
		schoolNames[sc.ID] = sc.Name
	}
	for _, x := range users {
		page.Users = append(page.Users, adminUserRow{
			ID: x.ID, Email: x.Email, Name: x.Name, Role: l.T("auth.role_" + string(x.Role)),
			Municipality: areaOf(&x), School: schoolNames[x.SchoolID],
			Active: !x.Disabled, Manageable: u.CanManageUser(&x), Linked: x.OIDCSubject != "",
		})
	}
	return s.render(c, "admin", l.T("auth.admin_title"), fiber.Map{"Page": page})
}

// areaOf is what an account looks after, for the list: a municipality, or a coordinator's
// region or cluster.
func areaOf(u *model.User) string {
	if u.Role != model.RoleCoordinator {
		return u.Municipality
	}
	r, _ := model.LookupRegion(u.Region)
	if u.Cluster != "" {
		return u.Cluster + " (" + r.Name + ")"
	}
	return r.Name
}

func roleChoices(l *i18n.Localizer, roles ...model.Role) []choice {
	out := make([]choice, len(roles))
	for i, r := range roles {
		out[i] = choice{Value: string(r), Label: l.T("auth.role_" + string(r))}
	}
	return out
}

// adminFormRefused shows the admin page again with a refused form's message and fields,
// which page puts in the form; other errors go to the error handler.
func (s *accountHandlers) adminFormRefused(c *fiber.Ctx, err error, page func(message string, fields map[string]string) adminPage) error {
	me, refused := asRefusal(err)
	if !refused {
		return err
	}
	statusFor(c, err)
	return s.renderAdmin(c, page(me.Message, me.Fields))
}

// asRefusal is err as a refusal of what the user typed (a 4xx with a message for the form);
// false for every other error, which goes to the error handler.
func asRefusal(err error) (*model.Error, bool) {
	var me *model.Error
	if !errors.As(err, &me) || statusOf(err) >= 500 {
		return nil, false
	}
	return me, true
}
