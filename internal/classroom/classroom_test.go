package classroom

import (
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/surveys"
)

func TestNewCodeIsReadableAndVaries(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		code, err := NewCode()
		if err != nil {
			t.Fatal(err)
		}
		if !IsCode(code) {
			t.Fatalf("NewCode made %q, which IsCode refuses", code)
		}
		if strings.ContainsAny(code, "0O1IL") {
			t.Fatalf("code %q has a look-alike character", code)
		}
		seen[code] = true
	}
	if len(seen) < 1995 {
		t.Errorf("only %d distinct codes in 2000", len(seen))
	}
}

func TestNormalizeCode(t *testing.T) {
	for in, want := range map[string]string{
		"abc234":        "ABC234",
		" ab-c 23 4 ":   "ABC234",
		"ab/../c":       "ABC",
		`{"$ne":1}`:     "NE1",
		"":              "",
		"ææ-abcdefghij": "ABCDEFGHIJ",
	} {
		if got := NormalizeCode(in); got != want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", in, got, want)
		}
	}
	if IsCode("ABC23") || IsCode("ABC2340") || IsCode("ABCO23") || !IsCode("ABC234") {
		t.Error("IsCode accepts a wrong length or a look-alike character")
	}
}

func TestCapacity(t *testing.T) {
	for expected, want := range map[int]int{1: 3, 5: 7, 10: 12, 11: 14, 24: 29, 25: 30, 30: 36} {
		if got := (&model.Session{ExpectedPupils: expected}).Capacity(); got != want {
			t.Errorf("capacity for %d expected = %d, want %d", expected, got, want)
		}
	}
}

func shortSurvey(t *testing.T) *survey.Survey {
	t.Helper()
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	c, err := survey.NewCatalog(all...)
	if err != nil {
		t.Fatal(err)
	}
	sv, ok := c.Latest("jeg-er-helt-normal-kort")
	if !ok {
		t.Fatal("short survey missing")
	}
	return sv
}

func TestCheck(t *testing.T) {
	sv := shortSurvey(t)
	topics := []string{"sleep", "drunk"}
	langs := []string{"da", "en"}
	sleep, _ := sv.Item("sleep")
	selfOK := sleep.Self.Options[0].ID
	scaleOK := sv.Scale(sleep)[3].ID
	const sid = "abcdefghijklmnop1234"

	tests := []struct {
		name       string
		sub        Submission
		wantFields []string
		wantKept   int
	}{
		{"valid", Submission{sid, "en", map[string]model.Answer{"sleep": {Self: selfOK, Perceived: scaleOK}}}, nil, 1},
		{"everything skipped", Submission{sid, "", map[string]model.Answer{"sleep": {}}}, nil, 0},
		{"no answers at all", Submission{sid, "da", nil}, nil, 0},
		{"missing submission id", Submission{"", "da", nil}, []string{"submission_id"}, 0},
		{"submission id with operators", Submission{`{"$ne":"x"}aaaaaaaaaaaa`, "da", nil}, []string{"submission_id"}, 0},
		{"unknown language", Submission{sid, "xx", nil}, []string{"lang"}, 0},
		{"unknown topic", Submission{sid, "da", map[string]model.Answer{"$where": {Self: "x"}}}, []string{"answers.$where"}, 0},
		{"topic not in this session", Submission{sid, "da", map[string]model.Answer{"phone-night": {}}}, []string{"answers.phone-night"}, 0},
		{"unknown self option", Submission{sid, "da", map[string]model.Answer{"sleep": {Self: "lots"}}}, []string{"answers.sleep.self"}, 0},
		{"perceived on the wrong scale", Submission{sid, "da", map[string]model.Answer{"sleep": {Perceived: selfOK}}}, []string{"answers.sleep.perceived"}, 0},
		{"self answer given as a scale step", Submission{sid, "da", map[string]model.Answer{"sleep": {Self: scaleOK}}}, []string{"answers.sleep.self"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, err := Check(tt.sub, sv, topics, langs)
			if len(tt.wantFields) == 0 {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if len(kept) != tt.wantKept {
					t.Errorf("kept %d answers, want %d", len(kept), tt.wantKept)
				}
				return
			}
			var me *model.Error
			if err == nil || !asModelError(err, &me) || me.Code != model.ECodeInvalid {
				t.Fatalf("err = %v, want an invalid error", err)
			}
			for _, f := range tt.wantFields {
				if me.Fields[f] == "" {
					t.Errorf("no message for field %q in %v", f, me.Fields)
				}
			}
			if kept != nil {
				t.Error("answers returned alongside an error")
			}
		})
	}
}

func asModelError(err error, target **model.Error) bool {
	e, ok := err.(*model.Error)
	*target = e
	return ok
}
