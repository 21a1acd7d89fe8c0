package web

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// surveyScript enhances the survey form (one topic per screen, answers kept on the device
// until the server has them) and clears the device's copy on the pages that end the survey;
// on sending, it leaves the pupil's guesses (never their own answers) for the thank-you page
// to keep, if the pupil asks, or delete (guessesScript).
const surveyScript = "/static/js/survey.js"

// showSurvey is the survey behind a join code (also the QR code's target): the form while the
// session is open, a page saying why not when it is closed or full, and the start page again
// when no session has the code.
func (s *pupilHandlers) showSurvey(c *fiber.Ctx) error {
	sess, sv, err := s.app.Join(c.UserContext(), c.Params("code"))
	if err != nil {
		return s.renderJoinProblem(c, err)
	}
	if err := s.app.CanAnswer(c.UserContext(), sess); err != nil {
		return s.renderJoinProblem(c, err)
	}
	return s.renderSurveyForm(c, sess, sv, surveyFormState{SubmissionID: newSubmissionID()})
}

// surveyFormState is what a pupil has done on the form so far: the device's submission id,
// the posted choices by field name (a present empty value is an explicit "Vil ikke svare")
// and the problems found in them, by field name ("" for the form as a whole).
type surveyFormState struct {
	SubmissionID string
	Chosen       map[string]string
	Problems     map[string]bool
	General      bool
}

// surveyForm is the survey page's view: the form is one plain HTML form, so it works without
// JavaScript; the script turns it into one topic per screen.
type surveyForm struct {
	Code, Action, API, Thanks string
	Title, Intro              string
	SubmissionID, Lang        string
	TopicsHTML                template.HTML // the topics, rendered by surveyTopics
	TopicCount                int
	Problems                  []formProblem
	OtherLanguages            []languageChoice
	StaffNotice               string // set when a staff login opens the form: its answers don't count
}

type formTopic struct {
	ID, Name      string
	Number, Total int
	Questions     []formQuestion
}

type formQuestion struct {
	ID, Name   string // the fieldset's id, the radios' name
	Kind, Text string
	Scale      bool // the perceived scale's steps are laid out as a grid
	Error      bool
	Options    []formOption
}

type formOption struct {
	Value, Label string
	Skip         bool
	Checked      bool
}

// formProblem is one line of the error summary; Field is the fieldset it links to.
type formProblem struct {
	Field, Message string
}

// answerParts are the two questions of every topic, in the order they are asked.
var answerParts = []string{"self", "perceived"}

// answerField names a radio group: "a.sleep.self". Item and option ids hold only
// [a-z0-9_-], so the dots separate unambiguously.
func answerField(item, part string) string { return "a." + item + "." + part }

// questionID is the id of a question's fieldset, the target of error links.
func questionID(item, part string) string { return "q-" + item + "-" + part }

// renderSurveyForm renders the session's topics, in order, with the pupil's choices so far.
func (s *pupilHandlers) renderSurveyForm(c *fiber.Ctx, sess *model.Session, sv *survey.Survey, st surveyFormState) error {
	l := s.localizer(c)
	lang := l.Lang
	if !slices.Contains(s.app.PupilLanguages(), lang) {
		lang = ""
	}
	path := "/j/" + url.PathEscape(sess.Code)
	form := surveyForm{
		Code: sess.Code, Action: path, Thanks: path + "/tak",
		API:   "/api/v1/join/" + url.PathEscape(sess.Code) + "/responses",
		Title: sv.Title.In(l.Lang), Intro: sv.Intro.In(l.Lang),
		SubmissionID: st.SubmissionID, Lang: lang,
	}
	if s.signedInStaff(c) {
		form.StaffNotice = l.T("pupil.staff_text")
	}
	var err error
	if form.TopicsHTML, form.TopicCount, form.Problems, err = s.surveyTopics(l, sess, sv, st); err != nil {
		return err
	}
	if st.General || (len(st.Problems) > 0 && len(form.Problems) == 0) {
		form.Problems = append(form.Problems, formProblem{Message: l.T("pupil.error_general")})
	}
	for _, choice := range s.languageChoices(c, l) {
		if !choice.Current && slices.Contains(s.app.PupilLanguages(), choice.Code) {
			choice.URL = path + "?lang=" + url.QueryEscape(choice.Code)
			form.OtherLanguages = append(form.OtherLanguages, choice)
		}
	}
	return s.render(c, "survey", form.Title, fiber.Map{"Form": form, "Scripts": []string{surveyScript, guessesScript}})
}

// surveyTopics renders the session's topics with the pupil's choices so far, and the problems
// found in them. A fresh form is the same for every pupil who answers the same topics in the
// same language, so it is rendered once and kept: a class opening the survey at once costs one
// rendering, not thirty.
func (s *pupilHandlers) surveyTopics(l *i18n.Localizer, sess *model.Session, sv *survey.Survey, st surveyFormState) (template.HTML, int, []formProblem, error) {
	fresh := len(st.Chosen) == 0 && len(st.Problems) == 0
	var key string
	if fresh {
		key = l.Lang + "\x00" + sv.ID + "@" + strconv.Itoa(sv.Version) + "\x00" + strings.Join(sess.Items, ",")
		if t, ok := s.topics.Get(key, 0); ok {
			return t.html, t.count, nil, nil
		}
	}
	topics, problems := formTopics(l, sess, sv, st)
	var buf bytes.Buffer
	if err := s.topicsTemplate.Execute(&buf, struct {
		L      *i18n.Localizer
		Topics []formTopic
	}{l, topics}); err != nil {
		return "", 0, nil, fmt.Errorf("render survey topics: %w", err)
	}
	html := template.HTML(buf.String()) // html/template escaped it
	if fresh {
		s.topics.Put(key, renderedTopics{html, len(topics)})
	}
	return html, len(topics), problems, nil
}

// formTopics builds the view of the session's topics, in order, with the pupil's choices.
func formTopics(l *i18n.Localizer, sess *model.Session, sv *survey.Survey, st surveyFormState) ([]formTopic, []formProblem) {
	var topics []formTopic
	var problems []formProblem
	skip := l.T("pupil.skip")
	for n, itemID := range sess.Items {
		item, ok := sv.Item(itemID)
		if !ok {
			continue
		}
		topic := formTopic{ID: item.ID, Name: item.Topic.In(l.Lang), Number: n + 1, Total: len(sess.Items)}
		for _, part := range answerParts {
			q := formQuestion{ID: questionID(item.ID, part), Name: answerField(item.ID, part)}
			var options []survey.Option
			if part == "self" {
				q.Kind, q.Text, options = l.T("pupil.about_you"), item.Self.Text.In(l.Lang), item.Self.Options
			} else {
				q.Kind, q.Text, options = l.T("pupil.about_class"), item.Perceived.Text.In(l.Lang), sv.Scale(item)
				q.Scale = true
			}
			chosen, given := st.Chosen[q.Name]
			for _, o := range options {
				q.Options = append(q.Options, formOption{Value: o.ID, Label: o.Label.In(l.Lang), Checked: given && chosen == o.ID})
			}
			q.Options = append(q.Options, formOption{Label: skip, Skip: true, Checked: given && chosen == ""})
			if st.Problems[q.Name] {
				q.Error = true
				problems = append(problems, formProblem{Field: q.ID, Message: l.T("pupil.error_option_in", "Topic", topic.Name)})
			}
			topic.Questions = append(topic.Questions, q)
		}
		topics = append(topics, topic)
	}
	return topics, problems
}

// renderedTopics is a fresh form's topics, rendered, kept by language, survey version and
// topic list (Server.topics).
type renderedTopics struct {
	html  template.HTML
	count int
}

// renderJoinProblem answers a join code that cannot take answers with a page for pupils: the
// start page to type the code again (404), "your teacher has closed the survey" (410) or
// "the survey has all its answers" (409). Other errors go to the error handler.
func (s *pupilHandlers) renderJoinProblem(c *fiber.Ctx, err error) error {
	l := s.localizer(c)
	code := classroom.NormalizeCode(c.Params("code"))
	switch model.ErrorCode(err) {
	case model.ECodeNotFound:
		statusFor(c, err)
		return s.render(c, "home", l.T("home.title"), fiber.Map{
			"Error": l.T("error.code_unknown", "Code", code),
			"Code":  code, "Scripts": []string{guessesScript},
		})
	case model.ECodeClosed:
		statusFor(c, err)
		return s.render(c, "closed", l.T("pupil.closed_title"), fiber.Map{
			"Message": l.T("pupil.closed_text"), "Code": code, "Scripts": []string{surveyScript, guessesScript},
			"ResultsURL": pupilResultsPath(code),
		})
	case model.ECodeConflict:
		statusFor(c, err)
		return s.render(c, "closed", l.T("pupil.full_title"), fiber.Map{
			"Message": l.T("pupil.full_text"), "Code": code, "Scripts": []string{surveyScript, guessesScript},
		})
	}
	return err
}

// newSubmissionID makes the random id of one pupil's submission for the form without
// JavaScript (the script makes its own on the device): 128 bits, base64url, 22 characters.
func newSubmissionID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (it crashes the program instead)
	return base64.RawURLEncoding.EncodeToString(b)
}
