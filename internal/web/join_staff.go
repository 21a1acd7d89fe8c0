package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// errStaffAnswer refuses answers sent with a staff login (a session cookie or a token): a
// teacher trying the survey must not count in the class, and answers whose values the
// teacher knows could be subtracted from the class's figures later (docs/privacy.md).
var errStaffAnswer = model.Errorf(model.ECodeForbidden,
	"you are signed in as staff: answers from a staff login are not counted; pupils answer on their own phones without signing in")

// signedInStaff reports whether the request carries a staff login. A pupil's phone has none,
// so this costs pupils nothing.
func (s *pupilHandlers) signedInStaff(c *fiber.Ctx) bool {
	u, err := s.userFromRequest(c)
	return err == nil && u != nil
}

// refuseStaffAnswer is the answer to a staff login sending answers: JSON for the API, a page
// in the pupil's language otherwise.
func (s *pupilHandlers) refuseStaffAnswer(c *fiber.Ctx) error {
	if isAPI(c) {
		return errStaffAnswer
	}
	l := s.localizer(c)
	return refusal(model.ECodeForbidden, l.T("pupil.staff_title"), l.T("pupil.staff_text"))
}
