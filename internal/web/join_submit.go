package web

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/model"
)

// postSurveyForm takes the survey form as posted without JavaScript. A language button
// re-renders the form in that language with the choices kept and stores nothing; otherwise
// the answers are stored once per submission_id and the pupil is sent on to the thank-you
// page, or gets the form back with the choices kept and the problems listed at the top.
func (s *pupilHandlers) postSurveyForm(c *fiber.Ctx) error {
	if s.signedInStaff(c) {
		return s.refuseStaffAnswer(c)
	}
	ctx := c.UserContext()
	posted := readSurveyForm(c)

	// A post from another site, or a page kept open past its cookie, has no valid token: the
	// pupil gets the form back with every choice kept and a fresh token, to send again.
	if !s.validCSRF(c) {
		sess, sv, err := s.app.Join(ctx, c.Params("code"))
		if err != nil {
			return s.renderJoinProblem(c, err)
		}
		posted.General = true
		if posted.SubmissionID == "" {
			posted.SubmissionID = newSubmissionID()
		}
		statusFor(c, errFormExpired)
		return s.renderSurveyForm(c, sess, sv, posted)
	}

	if lang := c.FormValue("switch_lang"); lang != "" {
		// The button's formaction adds ?lang=, which the language middleware honours and
		// remembers; this covers a browser that ignores formaction.
		if slices.Contains(s.app.PupilLanguages(), lang) {
			c.Locals(localsLocalizer, s.i18n.Localizer(lang))
		}
		sess, sv, err := s.app.Join(ctx, c.Params("code"))
		if err != nil {
			return s.renderJoinProblem(c, err)
		}
		if err := s.app.CanAnswer(ctx, sess); err != nil {
			return s.renderJoinProblem(c, err)
		}
		if posted.SubmissionID == "" {
			posted.SubmissionID = newSubmissionID()
		}
		return s.renderSurveyForm(c, sess, sv, posted)
	}

	_, err := s.app.Submit(ctx, c.Params("code"), classroom.Submission{
		SubmissionID: posted.SubmissionID, Lang: c.FormValue("lang"), Answers: posted.answers(),
	})
	var invalid *model.Error
	if errors.As(err, &invalid) && invalid.Code == model.ECodeInvalid {
		sess, sv, joinErr := s.app.Join(ctx, c.Params("code"))
		if joinErr != nil {
			return s.renderJoinProblem(c, joinErr)
		}
		posted.Problems = map[string]bool{}
		for field := range invalid.Fields {
			if name, ok := strings.CutPrefix(field, "answers."); ok && strings.Count(name, ".") == 1 {
				posted.Problems["a."+name] = true
			} else {
				posted.General = true
			}
		}
		if _, bad := invalid.Fields["submission_id"]; bad {
			posted.SubmissionID = newSubmissionID()
		}
		statusFor(c, invalid)
		return s.renderSurveyForm(c, sess, sv, posted)
	}
	if err != nil {
		return s.renderJoinProblem(c, err)
	}
	code := classroom.NormalizeCode(c.Params("code"))
	return c.Redirect("/j/"+url.PathEscape(code)+"/tak", fiber.StatusSeeOther)
}

// readSurveyForm collects the posted answers: every field named a.ITEM.self or
// a.ITEM.perceived, an empty value being "Vil ikke svare". Which items and options are
// valid is for classroom.Check to say.
func readSurveyForm(c *fiber.Ctx) surveyFormState {
	st := surveyFormState{SubmissionID: c.FormValue("submission_id"), Chosen: map[string]string{}}
	take := func(name, value string) {
		rest, ok := strings.CutPrefix(name, "a.")
		if !ok {
			return
		}
		item, part, ok := strings.Cut(rest, ".")
		if !ok || item == "" || !slices.Contains(answerParts, part) {
			return
		}
		if _, seen := st.Chosen[name]; !seen { // a radio group sends one value; keep the first
			st.Chosen[name] = value
		}
	}
	if form, err := c.MultipartForm(); err == nil {
		for name, values := range form.Value {
			if len(values) > 0 {
				take(name, values[0])
			}
		}
		return st
	}
	c.Request().PostArgs().VisitAll(func(key, value []byte) { take(string(key), string(value)) })
	return st
}

// answers turns the posted choices into a submission's answers, one per topic.
func (st surveyFormState) answers() map[string]model.Answer {
	out := map[string]model.Answer{}
	for name, value := range st.Chosen {
		item, part, _ := strings.Cut(strings.TrimPrefix(name, "a."), ".")
		a := out[item]
		if part == "self" {
			a.Self = value
		} else {
			a.Perceived = value
		}
		out[item] = a
	}
	return out
}
