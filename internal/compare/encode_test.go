package compare

import (
	"reflect"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	sv := testSurvey(t)
	sum := classOf(sv, "8.Æ", "school-1", "Aarhus", 23, 9)
	sum.SessionID, sum.Wave, sum.ClosedDay = "sess-1", model.WaveFollowUp, "2026-11-20"
	data, err := Encode(sv, sum)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(sv, data, Summary{Municipality: "Aarhus", SurveyID: sv.ID, SurveyVersion: 1, SchoolYear: "2026/27"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, sum) {
		t.Errorf("round trip\n got %+v\nwant %+v", got, sum)
	}
	if len(data) > 400 {
		t.Errorf("encoded summary is %d bytes; the compact form should stay small: %s", len(data), data)
	}
}

func BenchmarkDecode(b *testing.B) {
	sv := testSurvey(b)
	data, _ := Encode(sv, classOf(sv, "8.A", "school-1", "Aarhus", 25, 12))
	for b.Loop() {
		if _, err := Decode(sv, data, Summary{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDecodeRefusesDamagedSummaries(t *testing.T) {
	sv := testSurvey(t)
	good, _ := Encode(sv, classOf(sv, "8.A", "s", "Aarhus", 10, 5))
	for name, data := range map[string]string{
		"empty":          "",
		"json":           `{"s":"x"}`,
		"short header":   "v1\tsess\tschool",
		"bad n":          "v1\ts\tsc\t8\tbaseline\t2026-10-01\tten\t8.A",
		"too few counts": "v1\ts\tsc\t8\tbaseline\t2026-10-01\t10\t8.A\nsleep\t1\t0,0",
		"negative count": strings.Replace(good, "\t5,5", "\t-5,5", 1),
	} {
		if _, err := Decode(sv, data, Summary{}); err == nil {
			t.Errorf("%s: accepted %q", name, data)
		}
	}
}
