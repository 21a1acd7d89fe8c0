package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
)

// schoolRequest is the body of POST /api/v1/schools.
type schoolRequest struct {
	Municipality string `json:"municipality"`
	Name         string `json:"name"`
}

// createSchoolAPI adds a school: administrators anywhere in the region, SSP consultants in
// their own municipality.
func (s *accountHandlers) createSchoolAPI(c *fiber.Ctx) error {
	var in schoolRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	sc, err := s.app.CreateSchool(c.UserContext(), currentUser(c), app.NewSchool(in), s.i18n.Localizer("en"))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"id": sc.ID})
}
