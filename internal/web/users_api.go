package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
)

// userRequest is the body of POST /api/v1/users.
type userRequest struct {
	Email        string `json:"email"`
	Password     string `json:"password"`
	Role         string `json:"role"`
	Municipality string `json:"municipality"`
	SchoolID     string `json:"school_id"`
	Region       string `json:"region"`
	Cluster      string `json:"cluster"`
}

// createUserAPI creates an account: administrators anyone (a coordinator of a region or
// cluster too), SSP consultants teachers of their own municipality's schools.
func (s *accountHandlers) createUserAPI(c *fiber.Ctx) error {
	var in userRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := s.app.CreateUser(c.UserContext(), currentUser(c), app.NewUser{
		Email: in.Email, Password: in.Password, Role: model.Role(in.Role),
		Municipality: in.Municipality, SchoolID: in.SchoolID, Region: in.Region, Cluster: in.Cluster,
	}, s.i18n.Localizer("en"))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"id": u.ID})
}
