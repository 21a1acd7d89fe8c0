package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// pupilResultsAPI releases a class's results to the pupils' phones, or withdraws them:
// {"released": true|false} → {"released", "url"}.
func (s *resultsHandlers) pupilResultsAPI(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	var in struct {
		Released *bool `json:"released"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Released == nil {
		return model.Invalid("say whether the pupils may see the results", map[string]string{"released": "required: true or false"})
	}
	if sess, err = s.app.ReleaseToPupils(c.UserContext(), sess, *in.Released); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"released": sess.PupilResults, "url": pupilResultsPath(sess.Code)})
}

// pupilResultsForm is the presenter's button without JavaScript: released=true or false, then
// back to the presenter's slide about the pupils' phones.
func (s *resultsHandlers) pupilResultsForm(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	released := c.FormValue("released")
	if released != "true" && released != "false" {
		return model.Invalid("say whether the pupils may see the results", map[string]string{"released": "true or false"})
	}
	if _, err := s.app.ReleaseToPupils(c.UserContext(), sess, released == "true"); err != nil {
		return err
	}
	return c.Redirect("/sessions/"+sess.ID+"/present#slide-pupils", fiber.StatusSeeOther)
}
