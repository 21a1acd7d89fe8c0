package charts

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/heltnormal/heltnormal/internal/results"
)

// compareOption is the part of a comparison chart's option the tests look at.
type compareOption struct {
	Legend struct {
		Data []string `json:"data"`
	} `json:"legend"`
	YAxis []struct {
		Type    string   `json:"type"`
		Data    []string `json:"data"`
		Inverse bool     `json:"inverse"`
	} `json:"yAxis"`
	XAxis []struct {
		Type string `json:"type"`
	} `json:"xAxis"`
	Aria struct {
		Label struct {
			Description string `json:"description"`
		} `json:"label"`
	} `json:"aria"`
	Series []struct {
		Name string `json:"name"`
		Type string `json:"type"`
		Data []struct {
			Name  string   `json:"name"`
			Value *float64 `json:"value"`
		} `json:"data"`
		MarkLine *struct {
			Data []struct {
				XAxis float64 `json:"xAxis"`
				Label struct {
					Show      bool   `json:"show"`
					Formatter string `json:"formatter"`
				} `json:"label"`
			} `json:"data"`
		} `json:"markLine"`
	} `json:"series"`
}

func shown(actual, perceived float64) results.Item {
	return results.Item{ID: "sleep", NSelf: 20, NPerceived: 20, ActualShare: actual, PerceivedMean: perceived}
}

func TestCompare(t *testing.T) {
	hidden := results.Item{ID: "sleep", Suppressed: true}
	texts := CompareTexts{Actual: "Faktisk", Perceived: "Gæt", ReferenceActual: "Herning: 62 %",
		ReferencePerceived: "Herning gættede 40 %", Description: "Søvn på skolerne i Herning"}
	cases := []struct {
		name       string
		rows       []CompareRow
		reference  results.Item
		wantErr    error
		wantActual []*float64 // nil: no bar
		wantMarks  int
	}{
		{
			name:       "two schools and the municipality",
			rows:       []CompareRow{{"Skole A", shown(0.75, 0.5)}, {"Skole <B>", shown(0.5, 0.41)}},
			reference:  shown(0.625, 0.4),
			wantActual: []*float64{ptr(75), ptr(50)},
			wantMarks:  2,
		},
		{
			name:       "a hidden school keeps its row without a bar",
			rows:       []CompareRow{{"Skole A", shown(0.7, 0.5)}, {"Skole B", hidden}},
			reference:  hidden,
			wantActual: []*float64{ptr(70), nil},
		},
		{
			name:      "nothing visible: no chart",
			rows:      []CompareRow{{"Skole A", hidden}},
			reference: hidden,
			wantErr:   ErrSuppressed,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := Compare(c.rows, c.reference, texts)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err %v, want %v", err, c.wantErr)
			}
			if err != nil {
				return
			}
			if bytes.ContainsAny(data, "<>") {
				t.Errorf("unescaped markup in %s", data)
			}
			var o compareOption
			if err := json.Unmarshal(data, &o); err != nil {
				t.Fatal(err)
			}
			if len(o.YAxis) != 1 || o.YAxis[0].Type != "category" || !o.YAxis[0].Inverse || len(o.YAxis[0].Data) != len(c.rows) {
				t.Fatalf("y axis %+v", o.YAxis)
			}
			if o.XAxis[0].Type != "value" {
				t.Errorf("x axis %+v", o.XAxis)
			}
			if o.Aria.Label.Description != texts.Description {
				t.Errorf("description %q", o.Aria.Label.Description)
			}
			if len(o.Series) < 2 || o.Series[0].Name != "Faktisk" || o.Series[1].Name != "Gæt" {
				t.Fatalf("series %+v", o.Series)
			}
			for i, want := range c.wantActual {
				got := o.Series[0].Data[i].Value
				if (got == nil) != (want == nil) || (got != nil && *got != *want) {
					t.Errorf("row %d actual %v, want %v", i, got, want)
				}
			}
			// The reference lines are series of their own, named in the legend; no text is
			// drawn on the plot, where it could cover a tick, a bar or the other label.
			marks := 0
			for _, s := range o.Series[2:] {
				if s.Type != "line" || len(s.Data) != 0 || s.MarkLine == nil || len(s.MarkLine.Data) != 1 {
					t.Fatalf("reference series %+v", s)
				}
				marks++
				if m := s.MarkLine.Data[0]; m.Label.Show || m.Label.Formatter != "" {
					t.Errorf("the reference line %q carries a label on the plot", s.Name)
				}
			}
			if marks == 2 {
				if o.Series[2].Name != "Herning: 62 %" || o.Series[2].MarkLine.Data[0].XAxis != 62.5 || o.Series[3].MarkLine.Data[0].XAxis != 40 {
					t.Errorf("reference lines %+v %+v", o.Series[2], o.Series[3])
				}
				if legend := o.Legend.Data; len(legend) != 4 || legend[2] != texts.ReferenceActual || legend[3] != texts.ReferencePerceived {
					t.Errorf("legend %q lacks the reference lines", legend)
				}
			}
			if marks != c.wantMarks {
				t.Errorf("%d reference lines, want %d", marks, c.wantMarks)
			}
		})
	}
}

func ptr(f float64) *float64 { return &f }
