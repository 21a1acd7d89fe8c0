package web

import (
	"context"
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// helpForm is the admin page's form for the municipality's own help line on the pupils'
// thank-you page, as stored or as typed, with what was wrong.
type helpForm struct {
	Municipality, Name, Phone, URL, Text string
	Error                                string
	Fields                               map[string]string
}

// currentHelpForm is the form filled with the municipality's stored help line.
func (s *accountHandlers) currentHelpForm(ctx context.Context, municipality string) (*helpForm, error) {
	f := &helpForm{Municipality: municipality}
	h, err := s.store.LocalHelp(ctx, municipality)
	switch {
	case errors.Is(err, model.ErrNotFound):
	case err != nil:
		return nil, err
	default:
		f.Name, f.Phone, f.URL, f.Text = h.Name, h.Phone, h.URL, h.Text
	}
	return f, nil
}

// saveLocalHelpForm sets, changes or removes the municipality's help line: an SSP consultant
// their own, an administrator the one chosen on the page.
func (s *accountHandlers) saveLocalHelpForm(c *fiber.Ctx) error {
	u := currentUser(c)
	form := helpForm{Municipality: c.FormValue("municipality"), Name: c.FormValue("name"), Phone: c.FormValue("phone"),
		URL: c.FormValue("url"), Text: c.FormValue("text")}
	if u.Role == model.RoleSSP {
		form.Municipality = u.Municipality
	}
	saved, err := s.app.SetLocalHelp(c.UserContext(), u, form.Municipality,
		model.LocalHelp{Name: form.Name, Phone: form.Phone, URL: form.URL, Text: form.Text}, s.localizer(c))
	if err != nil {
		return s.adminFormRefused(c, err, func(message string, fields map[string]string) adminPage {
			form.Error, form.Fields = message, fields
			return adminPage{Help: &form}
		})
	}
	q := url.Values{"changed": {"help"}}
	if saved == nil {
		q.Set("changed", "help_removed")
	}
	if u.Role == model.RoleAdmin {
		q.Set("municipality", form.Municipality)
	}
	return c.Redirect("/admin?"+q.Encode()+"#help-heading", fiber.StatusSeeOther)
}
