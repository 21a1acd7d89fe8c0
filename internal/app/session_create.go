package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/heltnormal/heltnormal/internal/classroom"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// NewSession is what a teacher fills in to start a survey for a class (form or JSON).
type NewSession struct {
	SurveyID       string   `json:"survey_id" form:"survey_id"`
	Items          []string `json:"items" form:"items"` // a subset of topics; empty asks them all
	ClassLabel     string   `json:"class_label" form:"class_label"`
	Grade          int      `json:"grade" form:"grade"`
	Wave           string   `json:"wave" form:"wave"`
	ExpectedPupils int      `json:"expected_pupils" form:"expected_pupils"`
	SchoolID       string   `json:"school_id" form:"school_id"` // SSP and admins only: teachers use their own school
}

// maxExpectedPupils allows the largest class (28, 30 with permission) and a merged group.
const maxExpectedPupils = 40

// CreateSession validates the input against the surveys and u's rights and stores a new open
// session with a fresh join code. Problems are told in l's language, field by field.
func (a *App) CreateSession(ctx context.Context, u *model.User, in NewSession, l *i18n.Localizer) (*model.Session, error) {
	fields := map[string]string{}
	sv, ok := a.surveys.Latest(in.SurveyID)
	if !ok {
		fields["survey_id"] = l.T("session.survey_unknown")
	}
	var items []string
	if sv != nil {
		for _, it := range sv.Items {
			// An approval pair is asked with its item, never alone.
			if len(in.Items) == 0 || slices.Contains(in.Items, it.ID) || (it.ApprovalOf != "" && slices.Contains(in.Items, it.ApprovalOf)) {
				items = append(items, it.ID)
			}
		}
		for _, id := range in.Items {
			if _, ok := sv.Item(id); !ok {
				fields["items"] = l.T("session.topic_unknown", "Topic", id)
			}
		}
		if !slices.Contains(sv.Grades, in.Grade) {
			fields["grade"] = l.T("session.grade_invalid", "Grades", gradeList(sv.Grades))
		}
	}
	label := strings.Join(strings.Fields(in.ClassLabel), " ") // "  8.B " is "8.B"; only spaces is nothing
	if key := checkClassLabel(label); key != "" {
		fields["class_label"] = l.T(key)
	}
	if !model.Wave(in.Wave).Valid() {
		fields["wave"] = l.T("session.wave_invalid")
	}
	if in.ExpectedPupils < 1 || in.ExpectedPupils > maxExpectedPupils {
		fields["expected_pupils"] = l.T("session.pupils_invalid", "Max", maxExpectedPupils)
	}

	school, err := a.sessionSchool(ctx, u, in.SchoolID)
	if model.ErrorCode(err) == model.ECodeInvalid {
		fields["school_id"] = err.Error()
	} else if err != nil {
		return nil, err
	}
	if len(fields) > 0 {
		return nil, model.Invalid(l.T("session.form_invalid"), fields)
	}

	now := a.Now()
	sess := &model.Session{
		ID: store.NewID(), SurveyID: sv.ID, SurveyVersion: sv.Version, Items: items,
		ClassLabel: label, Grade: in.Grade, Wave: model.Wave(in.Wave), ExpectedPupils: in.ExpectedPupils,
		SchoolID: school.ID, Municipality: school.Municipality, TeacherID: u.ID,
		Status: model.StatusOpen, CreatedDay: now.Format(time.DateOnly), SchoolYear: model.SchoolYear(now),
		CloseBy: a.closeBy(now),
	}
	if err := a.store.CreateSession(ctx, sess, classroom.NewCode); err != nil {
		return nil, err
	}
	return sess, nil
}

// sessionSchool is the school a new session belongs to: a teacher's own; for SSP and admins
// the one they name, within their municipality.
func (a *App) sessionSchool(ctx context.Context, u *model.User, schoolID string) (*model.School, error) {
	switch u.Role {
	case model.RoleTeacher:
		schoolID = u.SchoolID
	case model.RoleSSP, model.RoleAdmin:
	default: // a coordinator reads comparisons and creates nothing
		return nil, model.Errorf(model.ECodeForbidden, "your account (%s) may not create class sessions", u.Role)
	}
	if schoolID == "" {
		return nil, model.Invalid("required: the school the class belongs to", nil)
	}
	school, err := a.store.SchoolByID(ctx, schoolID)
	if errors.Is(err, model.ErrNotFound) || (err == nil && u.Role != model.RoleTeacher && !u.CanSeeMunicipality(school.Municipality)) {
		return nil, model.Invalid("unknown school", nil)
	}
	return school, err
}

// checkClassLabel accepts labels such as "8.B", "9 X" or "7.ø": short, letters, digits,
// spaces, dots and dashes — nothing that could carry markup or a pupil's name at length. It
// returns the message key of what is wrong, or "".
func checkClassLabel(label string) string {
	if label == "" {
		return "session.label_required"
	}
	if len([]rune(label)) > 16 {
		return "session.label_too_long"
	}
	for _, r := range label {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .-/", r) {
			return "session.label_characters"
		}
	}
	return ""
}

// gradeList is "7, 8 og 9"-free: the grades as digits with commas, for any language.
func gradeList(grades []int) string {
	parts := make([]string, len(grades))
	for i, g := range grades {
		parts[i] = strconv.Itoa(g)
	}
	return strings.Join(parts, ", ")
}
