package web

import (
	"bytes"
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
)

// postResponseAPI takes a pupil's answers as JSON (the survey page's script sends them):
// 201 when stored, 200 when this submission_id was stored before (counted once). A valid
// submission is decoded once; a faulty one once more, topic by topic, so that the error
// names its topic ("answers.sleep.self"), which the standard decoder can't.
func (s *pupilHandlers) postResponseAPI(c *fiber.Ctx) error {
	if s.signedInStaff(c) {
		return s.refuseStaffAnswer(c)
	}
	var sub classroom.Submission
	if err := decodeJSON(c, &sub); err != nil {
		return explainSubmission(c, err)
	}
	if sub.Answers == nil {
		sub.Answers = map[string]model.Answer{}
	}
	done, err := s.app.Submit(c.UserContext(), c.Params("code"), sub)
	if err != nil {
		return err
	}
	switch done {
	case app.Stored:
		return c.Status(fiber.StatusCreated).JSON(fiber.Map{"status": "saved", "submission_id": sub.SubmissionID})
	case app.NothingToStore:
		return c.JSON(fiber.Map{"status": "empty", "submission_id": sub.SubmissionID})
	}
	return c.JSON(fiber.Map{"status": "saved", "submission_id": sub.SubmissionID})
}

// explainSubmission finds the topic a submission that failed to decode went wrong in, and
// returns err named after it; a fault outside the answers is err itself.
func explainSubmission(c *fiber.Ctx, err error) error {
	var body struct {
		SubmissionID string                     `json:"submission_id"`
		Lang         string                     `json:"lang"`
		Answers      map[string]json.RawMessage `json:"answers"`
	}
	if decodeJSON(c, &body) != nil {
		return err
	}
	for topic, raw := range body.Answers {
		var a model.Answer
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return prefixFields(jsonError(err), "answers."+topic)
		}
	}
	return err
}
