package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// createUserForm creates an account from the admin page: a teacher of a school, or (for
// administrators) an SSP consultant of a municipality, a coordinator of a region or
// cluster, or another administrator.
func (s *accountHandlers) createUserForm(c *fiber.Ctx) error {
	form := userForm{
		Email: c.FormValue("email"), Role: c.FormValue("role", string(model.RoleTeacher)),
		Municipality: c.FormValue("municipality"), SchoolID: c.FormValue("school_id"),
		Region: c.FormValue("region"), Cluster: c.FormValue("cluster"),
	}
	in := app.NewUser{Email: form.Email, Password: c.FormValue("password"), Role: model.Role(form.Role)}
	// The form shows every field; only the role's own count.
	switch in.Role {
	case model.RoleTeacher:
		in.SchoolID = form.SchoolID
	case model.RoleSSP:
		in.Municipality = form.Municipality
	case model.RoleCoordinator:
		in.Region, in.Cluster = form.Region, form.Cluster
	}
	u, err := s.app.CreateUser(c.UserContext(), currentUser(c), in, s.localizer(c))
	if err != nil {
		return s.adminFormRefused(c, err, func(message string, fields map[string]string) adminPage {
			form.Error, form.Fields = message, fields
			return adminPage{UserForm: form}
		})
	}
	q := url.Values{"created": {"user"}}
	if currentUser(c).Role == model.RoleAdmin && u.Municipality != "" {
		q.Set("municipality", u.Municipality)
	}
	return c.Redirect("/admin?"+q.Encode(), fiber.StatusSeeOther)
}
