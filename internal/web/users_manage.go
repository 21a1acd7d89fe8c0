package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// userJSON is an account as the API shows it (never its password hash).
type userJSON struct {
	ID           string `json:"id"`
	Email        string `json:"email"`
	Name         string `json:"name,omitempty"`
	Role         string `json:"role"`
	Municipality string `json:"municipality,omitempty"`
	SchoolID     string `json:"school_id,omitempty"`
	Region       string `json:"region,omitempty"`
	Cluster      string `json:"cluster,omitempty"`
	Active       bool   `json:"active"`
	CreatedDay   string `json:"created_day"`
}

func toUserJSON(u *model.User) userJSON {
	return userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), Municipality: u.Municipality,
		SchoolID: u.SchoolID, Region: u.Region, Cluster: u.Cluster, Active: !u.Disabled, CreatedDay: u.CreatedDay}
}

// listUsersAPI lists the accounts the caller manages: all for an administrator, the
// municipality's for an SSP consultant.
func (s *accountHandlers) listUsersAPI(c *fiber.Ctx) error {
	users, err := s.app.ListUsers(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	out := make([]userJSON, len(users))
	for i := range users {
		out[i] = toUserJSON(&users[i])
	}
	return c.JSON(out)
}

// changeUserAPI changes an account: {"active": false} deactivates it (its logins and tokens
// stop at once), and email, name and school_id can be corrected.
func (s *accountHandlers) changeUserAPI(c *fiber.Ctx) error {
	var in struct {
		Active   *bool   `json:"active"`
		Email    *string `json:"email"`
		Name     *string `json:"name"`
		SchoolID *string `json:"school_id"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := s.app.UpdateUser(c.UserContext(), currentUser(c), c.Params("id"),
		app.UserPatch{Active: in.Active, Email: in.Email, Name: in.Name, SchoolID: in.SchoolID}, s.localizer(c))
	if err != nil {
		return err
	}
	return c.JSON(toUserJSON(u))
}

// passwordResetAPI makes a one-time link for the account's owner to choose a new password.
func (s *accountHandlers) passwordResetAPI(c *fiber.Ctx) error {
	token, err := s.app.PasswordResetLink(c.UserContext(), currentUser(c), c.Params("id"), s.localizer(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"reset_url": s.resetURL(c, token),
		"expires_in_hours": int(app.ResetLinkLifetime.Hours())})
}

// userAuditAPI is an account's audit trail.
func (s *accountHandlers) userAuditAPI(c *fiber.Ctx) error {
	entries, err := s.app.AuditOf(c.UserContext(), currentUser(c), c.Params("id"), s.localizer(c))
	if err != nil {
		return err
	}
	return c.JSON(entries)
}

func (s *accountHandlers) resetURL(c *fiber.Ctx, token string) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = c.BaseURL()
	}
	return base + "/reset/" + token
}

// userActiveForm is the admin page's deactivate / reactivate button.
func (s *accountHandlers) userActiveForm(c *fiber.Ctx) error {
	active := c.FormValue("active") == "true"
	if _, err := s.app.UpdateUser(c.UserContext(), currentUser(c), c.Params("id"), app.UserPatch{Active: &active}, s.localizer(c)); err != nil {
		return err
	}
	changed := "deactivated"
	if active {
		changed = "reactivated"
	}
	return c.Redirect("/admin?changed="+changed, fiber.StatusSeeOther)
}

// userResetForm shows a new reset link once, to hand over.
func (s *accountHandlers) userResetForm(c *fiber.Ctx) error {
	token, err := s.app.PasswordResetLink(c.UserContext(), currentUser(c), c.Params("id"), s.localizer(c))
	if err != nil {
		return err
	}
	l := s.localizer(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return s.render(c, "reset_link", l.T("accounts.reset_link_title"), fiber.Map{"URL": s.resetURL(c, token),
		"Hours": int(app.ResetLinkLifetime.Hours())})
}
