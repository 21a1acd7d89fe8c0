package survey

import (
	"strings"
	"testing"
)

// withNotApplicable is the minimal survey whose sleep question also has a "does not apply"
// answer.
var withNotApplicable = strings.Replace(minimal,
	`        - {id: "yes", label: {da: Ja, en: "Yes"}, norm: true}`,
	`        - {id: "yes", label: {da: Ja, en: "Yes"}, norm: true}
        - {id: n-a, label: {da: "Det passer ikke på mig", en: "Doesn't apply to me"}, not_applicable: true}`, 1)

func TestNotApplicableOptionIsRead(t *testing.T) {
	s, err := Parse("na.yaml", []byte(withNotApplicable))
	if err != nil {
		t.Fatalf("invalid:\n%v", err)
	}
	it, _ := s.Item("sleep")
	na, ok := it.SelfOption("n-a")
	if !ok || !na.NotApplicable || na.Norm {
		t.Errorf("n-a = %+v, %v; want a not-applicable option that is not the norm", na, ok)
	}
	for _, id := range []string{"no", "yes"} {
		if o, _ := it.SelfOption(id); o.NotApplicable {
			t.Errorf("%s is not applicable; only n-a should be", id)
		}
	}
}

func TestNotApplicableProblems(t *testing.T) {
	tests := []struct {
		name    string
		replace []string // old, new pairs applied to withNotApplicable
		want    string
	}{
		{
			name:    "norm and not applicable at once",
			replace: []string{`not_applicable: true}`, `not_applicable: true, norm: true}`},
			want:    `na.yaml:20: item "sleep": self option "n-a": not_applicable: an option cannot be both norm: true and not_applicable: true`,
		},
		{
			name:    "only the norm and not-applicable options: the share would always be 100 %",
			replace: []string{`- {id: "no", label: {da: Nej, en: "No"}}`, `- {id: "no", label: {da: Nej, en: "No"}, not_applicable: true}`},
			want:    `na.yaml:17: item "sleep": self question needs an option without norm: true that is not not_applicable`,
		},
		{
			name:    "not a boolean",
			replace: []string{`not_applicable: true}`, `not_applicable: sometimes}`},
			want:    `na.yaml:20: item "sleep": self option "n-a": not_applicable: want true or false, got "sometimes"`,
		},
		{
			name:    "misspelt key",
			replace: []string{`not_applicable: true}`, `not_aplicable: true}`},
			want:    `na.yaml:20: item "sleep": self option "n-a": unknown key "not_aplicable" (did you mean "not_applicable"?)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := withNotApplicable
			for i := 0; i+1 < len(tt.replace); i += 2 {
				if !strings.Contains(data, tt.replace[i]) {
					t.Fatalf("test data lacks %q", tt.replace[i])
				}
				data = strings.Replace(data, tt.replace[i], tt.replace[i+1], 1)
			}
			_, err := Parse("na.yaml", []byte(data))
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got\n%v\nwant a line\n%s", err, tt.want)
			}
		})
	}
}
