package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/heltnormal/heltnormal/internal/classroom"
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
// session with a fresh join code.
func (a *App) CreateSession(ctx context.Context, u *model.User, in NewSession) (*model.Session, error) {
	fields := map[string]string{}
	sv, ok := a.surveys.Latest(in.SurveyID)
	if !ok {
		fields["survey_id"] = fmt.Sprintf("unknown survey %q", in.SurveyID)
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
				fields["items"] = fmt.Sprintf("unknown topic %q in survey %s", id, sv.ID)
			}
		}
		if !slices.Contains(sv.Grades, in.Grade) {
			fields["grade"] = fmt.Sprintf("this survey is for grades %v", sv.Grades)
		}
	}
	label := strings.TrimSpace(in.ClassLabel)
	if msg := checkClassLabel(label); msg != "" {
		fields["class_label"] = msg
	}
	if !model.Wave(in.Wave).Valid() {
		fields["wave"] = `must be "baseline" or "follow-up"`
	}
	if in.ExpectedPupils < 1 || in.ExpectedPupils > maxExpectedPupils {
		fields["expected_pupils"] = fmt.Sprintf("must be between 1 and %d", maxExpectedPupils)
	}

	school, err := a.sessionSchool(ctx, u, in.SchoolID)
	if model.ErrorCode(err) == model.ECodeInvalid {
		fields["school_id"] = err.Error()
	} else if err != nil {
		return nil, err
	}
	if len(fields) > 0 {
		return nil, model.Invalid("the session could not be created", fields)
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
	if u.Role == model.RoleTeacher {
		schoolID = u.SchoolID
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
// spaces, dots and dashes — nothing that could carry markup or a pupil's name at length.
func checkClassLabel(label string) string {
	if label == "" {
		return "required, for example 8.B"
	}
	if len([]rune(label)) > 16 {
		return "at most 16 characters"
	}
	for _, r := range label {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .-/", r) {
			return "use letters, digits, spaces, dots and dashes only"
		}
	}
	return ""
}
