package web

import (
	"cmp"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/model"
)

// passwordForm is the reset and change forms as posted, with what was wrong.
type passwordForm struct {
	Action, Error string
	Fields        map[string]string
	Done          bool
	MinPassword   int
}

// showReset is the page a reset link opens: choose a new password.
func (s *accountHandlers) showReset(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("Referrer-Policy", "no-referrer") // the token is in the URL
	l := s.localizer(c)
	if err := s.app.CheckResetLink(c.UserContext(), c.Params("token"), l); err != nil {
		if model.ErrorCode(err) == model.ECodeNotFound {
			return refusal(model.ECodeNotFound, l.T("accounts.reset_title"), l.T("accounts.reset_expired"))
		}
		return err
	}
	return s.renderPassword(c, "reset", passwordForm{Action: "/reset/" + url.PathEscape(c.Params("token"))})
}

// resetForm sets the new password; the link then stops working.
func (s *accountHandlers) resetForm(c *fiber.Ctx) error {
	c.Set("Referrer-Policy", "no-referrer")
	form := passwordForm{Action: "/reset/" + url.PathEscape(c.Params("token"))}
	_, err := s.app.ResetPassword(c.UserContext(), c.Params("token"), c.FormValue("password"), s.localizer(c))
	if err != nil {
		return s.passwordRefused(c, "reset", form, err)
	}
	form.Done = true
	return s.renderPassword(c, "reset", form)
}

// showAccount is the signed-in user's own page: change the password.
func (s *accountHandlers) showAccount(c *fiber.Ctx) error {
	return s.renderPassword(c, "account", passwordForm{Action: "/account/password", Done: c.Query("changed") != ""})
}

// changePasswordForm changes the signed-in user's password, given the old one.
func (s *accountHandlers) changePasswordForm(c *fiber.Ctx) error {
	form := passwordForm{Action: "/account/password"}
	err := s.app.ChangePassword(c.UserContext(), currentUser(c), c.FormValue("old_password"), c.FormValue("password"), s.localizer(c))
	if err != nil {
		return s.passwordRefused(c, "account", form, err)
	}
	return c.Redirect("/account?changed=1", fiber.StatusSeeOther)
}

func (s *accountHandlers) passwordRefused(c *fiber.Ctx, page string, form passwordForm, err error) error {
	me, refused := asRefusal(err)
	if !refused {
		return err
	}
	statusFor(c, err)
	form.Error, form.Fields = me.Message, me.Fields
	return s.renderPassword(c, page, form)
}

func (s *accountHandlers) renderPassword(c *fiber.Ctx, page string, form passwordForm) error {
	form.MinPassword = auth.MinPasswordLength
	l := s.localizer(c)
	data := fiber.Map{"Form": form}
	if u := currentUser(c); page == "account" && s.sso != nil && u != nil {
		name := cmp.Or(s.cfg.OIDC.Name, l.T("auth.oidc_default_name"))
		data["SSO"] = fiber.Map{"Linked": u.OIDCSubject != "", "JustLinked": c.Query("linked") != "",
			"Link": l.T("auth.oidc_link", "Name", name), "LinkedText": l.T("auth.oidc_linked", "Name", name)}
	}
	return s.render(c, page, l.T("accounts."+page+"_title"), data)
}
