// Package surveytest holds the small survey the statistics, comparison and campaign tests
// share: three topics whose answers tests write by hand.
package surveytest

import (
	_ "embed"
	"testing"

	"github.com/heltnormal/heltnormal/internal/survey"
)

//go:embed test.yaml
var testYAML []byte

// Survey parses the shared test survey, failing t if it no longer parses.
func Survey(t testing.TB) *survey.Survey {
	t.Helper()
	sv, err := survey.Parse("surveytest/test.yaml", testYAML)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}
