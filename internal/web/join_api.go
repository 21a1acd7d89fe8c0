package web

import (
	"bytes"
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
)

// submissionBody is the JSON a pupil's device sends. Answers are decoded one topic at a time
// so that an error names its topic ("answers.sleep.self"), which the standard decoder can't.
type submissionBody struct {
	SubmissionID string                     `json:"submission_id"`
	Lang         string                     `json:"lang"`
	Answers      map[string]json.RawMessage `json:"answers"`
}

// postResponseAPI takes a pupil's answers as JSON (the survey page's script sends them):
// 201 when stored, 200 when this submission_id was stored before (counted once).
func (s *pupilHandlers) postResponseAPI(c *fiber.Ctx) error {
	if s.signedInStaff(c) {
		return s.refuseStaffAnswer(c)
	}
	var body submissionBody
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	sub := classroom.Submission{SubmissionID: body.SubmissionID, Lang: body.Lang, Answers: map[string]model.Answer{}}
	for topic, raw := range body.Answers {
		var a model.Answer
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return prefixFields(jsonError(err), "answers."+topic)
		}
		sub.Answers[topic] = a
	}
	created, err := s.app.Submit(c.UserContext(), c.Params("code"), sub)
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if created {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(fiber.Map{"status": "saved", "submission_id": sub.SubmissionID})
}
