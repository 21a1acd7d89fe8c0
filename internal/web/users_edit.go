package web

import (
	"cmp"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// userEditPage is one account's page on /admin/users/{id}: its email, name and school to
// correct, and its history.
type userEditPage struct {
	ID, Email, Name, SchoolID, Role string
	Active, IsTeacher               bool
	Schools                         []model.School
	ShowMunicipality                bool // administrators choose among every municipality's schools
	History                         []auditRow
	Saved                           bool
	Error                           string
	Fields                          map[string]string
}

// auditRow is one line of an account's history, in the page's language.
type auditRow struct{ Day, Actor, Action, Changes string }

// showUserEdit is an account's page for the SSP consultant or administrator who manages it.
func (s *accountHandlers) showUserEdit(c *fiber.Ctx) error {
	u, err := s.app.ManagedUser(c.UserContext(), currentUser(c), c.Params("id"), s.localizer(c))
	if err != nil {
		return err
	}
	return s.renderUserEdit(c, userEditPage{Email: u.Email, Name: u.Name, SchoolID: u.SchoolID, Saved: c.Query("saved") == "1"}, u)
}

// saveUserForm saves the corrected email, name and school; a refusal shows the form again
// as typed, with the page's language's messages beside the fields.
func (s *accountHandlers) saveUserForm(c *fiber.Ctx) error {
	id := c.Params("id")
	email, name, school := c.FormValue("email"), c.FormValue("name"), c.FormValue("school_id")
	patch := app.UserPatch{Email: &email, Name: &name}
	if c.Request().PostArgs().Has("school_id") {
		patch.SchoolID = &school
	}
	_, err := s.app.UpdateUser(c.UserContext(), currentUser(c), id, patch, s.localizer(c))
	if err == nil {
		return c.Redirect("/admin/users/"+id+"?saved=1", fiber.StatusSeeOther)
	}
	me, refused := asRefusal(err)
	if !refused {
		return err
	}
	target, terr := s.app.ManagedUser(c.UserContext(), currentUser(c), id, s.localizer(c))
	if terr != nil {
		return terr
	}
	statusFor(c, err)
	return s.renderUserEdit(c, userEditPage{Email: email, Name: name, SchoolID: school, Error: me.Message, Fields: me.Fields}, target)
}

func (s *accountHandlers) renderUserEdit(c *fiber.Ctx, page userEditPage, u *model.User) error {
	actor, l := currentUser(c), s.localizer(c)
	page.ID, page.Active, page.IsTeacher = u.ID, !u.Disabled, u.Role == model.RoleTeacher
	page.Role = l.T("auth.role_" + string(u.Role))
	if page.SchoolID == "" {
		page.SchoolID = u.SchoolID
	}
	municipality := u.Municipality
	if actor.Role == model.RoleAdmin {
		municipality, page.ShowMunicipality = "", true
	}
	var err error
	if page.IsTeacher {
		if page.Schools, err = s.store.ListSchools(c.UserContext(), municipality); err != nil {
			return err
		}
	}
	entries, err := s.app.AuditOf(c.UserContext(), actor, u.ID, l)
	if err != nil {
		return err
	}
	schoolNames := map[string]string{}
	for _, sc := range page.Schools {
		schoolNames[sc.ID] = sc.Name
	}
	for i := len(entries) - 1; i >= 0; i-- { // newest first
		e := entries[i]
		var changes []string
		for _, field := range []string{"email", "name", "school_id", "role"} {
			v, ok := e.Changes[field]
			if !ok {
				continue
			}
			if old, new, ok := strings.Cut(v, " → "); ok {
				if field == "school_id" {
					old, new = schoolNames[old], schoolNames[new]
				}
				v = cmp.Or(old, "–") + " → " + cmp.Or(new, "–")
			}
			changes = append(changes, l.T("accounts.field_"+field)+": "+v)
		}
		page.History = append(page.History, auditRow{Day: e.Day, Actor: e.Actor,
			Action: l.T("accounts.action_" + e.Action), Changes: strings.Join(changes, "; ")})
	}
	return s.render(c, "user_edit", l.T("accounts.edit_title"), fiber.Map{"Page": page})
}
