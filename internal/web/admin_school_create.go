package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// createSchoolForm adds a school from the admin page. SSP consultants' forms have no
// municipality choice: it is their own.
func (s *accountHandlers) createSchoolForm(c *fiber.Ctx) error {
	u := currentUser(c)
	form := schoolForm{Municipality: c.FormValue("municipality"), Name: c.FormValue("name")}
	if form.Municipality == "" {
		form.Municipality = u.Municipality
	}
	sc, err := s.app.CreateSchool(c.UserContext(), u, app.NewSchool{Municipality: form.Municipality, Name: form.Name}, s.localizer(c))
	if err != nil {
		return s.adminFormRefused(c, err, func(message string, fields map[string]string) adminPage {
			form.Error, form.Fields = message, fields
			return adminPage{SchoolForm: form, UserForm: userForm{Role: string(model.RoleTeacher)}}
		})
	}
	q := url.Values{"created": {"school"}}
	if u.Role == model.RoleAdmin {
		q.Set("municipality", sc.Municipality)
	}
	return c.Redirect("/admin?"+q.Encode(), fiber.StatusSeeOther)
}
