package survey

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that it always returns either a
// survey or Problems: survey files come from municipalities, not only from us.
func FuzzParse(f *testing.F) {
	valid, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte(minimal))
	f.Add([]byte("id: [\n"))
	f.Add([]byte("a: &x {b: *x}\nitems: [*x, *x]\n"))
	// Inputs that were slow before the limits, made small: the fuzzer mutates seeds, and
	// shrinks each input that reaches new code (for up to -fuzzminimizetime, a minute by
	// default) in time that grows with the square of its size. The large versions, and
	// aliasedLongText, are in TestParseLimits.
	f.Add([]byte(aliasAmplifier(60)))
	f.Add([]byte(deepFlow(21, 20)))
	f.Add([]byte("id: x\nitems:\n" + strings.Repeat("- ", 20) + "x\n"))
	f.Add([]byte(manyLanguages(20)))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err == nil {
			if s == nil {
				t.Fatal("Parse returned neither a survey nor an error")
			}
			return
		}
		var problems Problems
		if !errors.As(err, &problems) || len(problems) == 0 {
			t.Fatalf("Parse error is %T %v, want Problems", err, err)
		}
		if s != nil {
			t.Fatal("Parse returned a survey along with problems")
		}
		for i, p := range problems {
			if p.File != "fuzz.yaml" || p.Message == "" {
				t.Fatalf("malformed problem %+v", p)
			}
			if i > 0 && p.Line < problems[i-1].Line {
				t.Fatalf("problems not sorted by line: %v", problems)
			}
		}
	})
}

func TestParseAliasBomb(t *testing.T) {
	data := "id: x\n" +
		"a: &a [{id: s, topic: {da: x, en: x}}, {id: s, topic: {da: x, en: x}}, {id: s}, {id: s}, {id: s}, {id: s}, {id: s}, {id: s}, {id: s}, {id: s}]\n" +
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n" +
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
		"items: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	_, err := Parse("bomb.yaml", []byte(data))
	if err == nil || !strings.Contains(err.Error(), "bomb.yaml:1: aliases expand to more than") {
		t.Fatalf("Parse = %v, want a problem about aliases", err)
	}
}
