package charts

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// ofTen is the usual perceived scale: "0 of 10" (0.0) ... "10 of 10" (1.0).
func ofTen() ([]survey.Option, []string) {
	var scale []survey.Option
	var labels []string
	for i := 0; i <= 10; i++ {
		id := strconv.Itoa(i)
		scale = append(scale, survey.Option{ID: id, Value: float64(i) / 10})
		labels = append(labels, id+" af 10")
	}
	return scale, labels
}

// option is the part of the ECharts option the tests look at.
type option struct {
	Legend struct {
		Data         []string `json:"data"`
		SelectedMode *bool    `json:"selectedMode"`
	} `json:"legend"`
	Aria struct {
		Enabled bool `json:"enabled"`
		Label   struct {
			Description string `json:"description"`
		} `json:"label"`
		Decal struct {
			Show bool `json:"show"`
		} `json:"decal"`
	} `json:"aria"`
	XAxis []struct {
		Type string   `json:"type"`
		Data []string `json:"data"`
		Show *bool    `json:"show"`
		Min  float64  `json:"min"`
		Max  float64  `json:"max"`
	} `json:"xAxis"`
	Series []struct {
		Name       string `json:"name"`
		ID         string `json:"id"`
		Type       string `json:"type"`
		XAxisIndex int    `json:"xAxisIndex"`
		ZLevel     int    `json:"zlevel"`
		Data       []struct {
			Name  string          `json:"name"`
			Value json.RawMessage `json:"value"`
		} `json:"data"`
		MarkLine struct {
			Data []struct {
				Name  string  `json:"name"`
				XAxis float64 `json:"xAxis"`
				Label struct {
					Formatter string `json:"formatter"`
				} `json:"label"`
				LineStyle struct {
					Type string `json:"type"`
				} `json:"lineStyle"`
			} `json:"data"`
		} `json:"markLine"`
	} `json:"series"`
}

func texts(labels []string) Texts {
	return Texts{Steps: labels, Guesses: "Klassens gæt", Mean: "Jeres gæt", MeanLabel: "I troede 6 af 10",
		Actual: "Sandheden", ActualLabel: "Det er 8 af 10", Description: "Søvn: klassen gættede 5,5 af 10; sandheden er 7,5 af 10."}
}

func decode(t *testing.T, data []byte) option {
	t.Helper()
	var o option
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return o
}

func TestGapChartData(t *testing.T) {
	scale, labels := ofTen()
	tests := []struct {
		name             string
		item             results.Item
		meanAt, actualAt float64
	}{
		{
			name: "class of 12 guessing low",
			item: results.Item{ID: "sleep", NSelf: 12, NPerceived: 12, ActualShare: 0.75, PerceivedMean: 0.55,
				PerceivedCounts: map[string]int{"2": 1, "3": 1, "4": 1, "5": 3, "6": 3, "7": 1, "8": 1, "9": 1}},
			meanAt: 5.5, actualAt: 7.5,
		},
		{
			name: "nobody does it, everybody guessed high",
			item: results.Item{ID: "drunk", NSelf: 6, NPerceived: 6, ActualShare: 0, PerceivedMean: 1,
				PerceivedCounts: map[string]int{"10": 6}},
			meanAt: 10, actualAt: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := Gap(scale, tt.item, texts(labels), Screen)
			if err != nil {
				t.Fatal(err)
			}
			o := decode(t, data)
			if len(o.Series) != 4 {
				t.Fatalf("series = %+v", o.Series)
			}
			bars := o.Series[0]
			if bars.Type != "bar" || bars.Name != "Klassens gæt" || len(bars.Data) != 11 {
				t.Fatalf("bars = %+v", bars)
			}
			total := 0
			for i, d := range bars.Data {
				if want := tt.item.PerceivedCounts[strconv.Itoa(i)]; string(d.Value) != strconv.Itoa(want) || d.Name != labels[i] {
					t.Errorf("step %d = %s %s, want %d", i, d.Name, d.Value, want)
				}
				n, _ := strconv.Atoi(string(d.Value))
				total += n
			}
			if total != tt.item.NPerceived {
				t.Errorf("bars add up to %d, want %d", total, tt.item.NPerceived)
			}
			// The counts written above the bars: [step, count] for every step someone
			// guessed, drawn above the lines.
			counts := o.Series[1]
			if counts.ID != "counts" || counts.XAxisIndex != 1 || counts.ZLevel < 1 || len(counts.Data) != len(tt.item.PerceivedCounts) {
				t.Errorf("count labels = %+v", counts)
			}
			for _, d := range counts.Data {
				var at [2]int
				if err := json.Unmarshal(d.Value, &at); err != nil || tt.item.PerceivedCounts[strconv.Itoa(at[0])] != at[1] {
					t.Errorf("count label %s (%v)", d.Value, err)
				}
			}
			for i, want := range []struct {
				name, label, dash string
				at                float64
			}{
				{"Jeres gæt", "I troede 6 af 10", "dashed", tt.meanAt},
				{"Sandheden", "Det er 8 af 10", "solid", tt.actualAt},
			} {
				s := o.Series[i+2]
				if s.Name != want.name || s.XAxisIndex != 1 || len(s.MarkLine.Data) != 1 {
					t.Fatalf("series %d = %+v", i+2, s)
				}
				m := s.MarkLine.Data[0]
				if math.Abs(m.XAxis-want.at) > 1e-9 || m.Label.Formatter != want.label || m.LineStyle.Type != want.dash {
					t.Errorf("%s line = %+v, want at %v", want.name, m, want.at)
				}
			}
			if len(o.XAxis) != 2 || o.XAxis[0].Type != "category" || len(o.XAxis[0].Data) != 11 ||
				o.XAxis[1].Type != "value" || o.XAxis[1].Show == nil || *o.XAxis[1].Show || o.XAxis[1].Min != -0.5 || o.XAxis[1].Max != 10.5 {
				t.Errorf("x axes = %+v", o.XAxis)
			}
			if !o.Aria.Enabled || !o.Aria.Decal.Show || o.Aria.Label.Description != texts(labels).Description {
				t.Errorf("aria = %+v", o.Aria)
			}
			if o.Legend.SelectedMode == nil || *o.Legend.SelectedMode || len(o.Legend.Data) != 3 {
				t.Errorf("legend = %+v", o.Legend)
			}
		})
	}
}

func TestGapChartOfASuppressedTopic(t *testing.T) {
	scale, labels := ofTen()
	data, err := Gap(scale, results.Item{ID: "drunk", Suppressed: true}, texts(labels), Screen)
	if !errors.Is(err, ErrSuppressed) || data != nil {
		t.Errorf("got %s, %v", data, err)
	}
}

func TestGapChartRefusesMismatchedLabels(t *testing.T) {
	scale, labels := ofTen()
	if _, err := Gap(scale, results.Item{ID: "sleep", NSelf: 5, NPerceived: 5}, texts(labels[:3]), Screen); err == nil {
		t.Error("3 labels for 11 steps accepted")
	}
}

func TestLabelsStayData(t *testing.T) {
	const evil = `</script><script>alert(1)</script>`
	scale, labels := ofTen()
	labels[3] = evil
	tx := texts(labels)
	tx.Guesses, tx.MeanLabel, tx.Description = evil, evil+" {a}", evil
	data, err := Gap(scale, results.Item{ID: "sleep", NSelf: 5, NPerceived: 5, PerceivedCounts: map[string]int{"3": 5}}, tx, Screen)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"<", ">", "</script>"} {
		if bytes.Contains(data, []byte(raw)) {
			t.Errorf("option JSON contains a raw %q:\n%s", raw, data)
		}
	}
	o := decode(t, data)
	if o.XAxis[0].Data[3] != evil || o.Series[0].Name != evil || o.Aria.Label.Description != evil {
		t.Errorf("the label did not come back as the same text: %+v", o)
	}
	// A formatter string is a template to ECharts: braces would be read as placeholders.
	if got := o.Series[2].MarkLine.Data[0].Label.Formatter; got != evil+" (a)" {
		t.Errorf("formatter = %q", got)
	}
}

func TestPositionOnTheScale(t *testing.T) {
	scale, _ := ofTen()
	uneven := []survey.Option{{ID: "none", Value: 0}, {ID: "few", Value: 0.25}, {ID: "half", Value: 0.5}, {ID: "all", Value: 1}}
	for _, tt := range []struct {
		scale []survey.Option
		share float64
		want  float64
	}{
		{scale, 0, 0}, {scale, 0.55, 5.5}, {scale, 0.75, 7.5}, {scale, 1, 10},
		{uneven, 0.125, 0.5}, {uneven, 0.75, 2.5}, {uneven, 1, 3}, {uneven, 0.5, 2},
	} {
		if got := position(tt.scale, tt.share); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("position(%v) = %v, want %v", tt.share, got, tt.want)
		}
	}
}

func TestPaperChartsUseSmallerType(t *testing.T) {
	scale, labels := ofTen()
	it := results.Item{ID: "sleep", NSelf: 5, NPerceived: 5, PerceivedCounts: map[string]int{"3": 5}}
	size := func(m Medium) float64 {
		data, err := Gap(scale, it, texts(labels), m)
		if err != nil {
			t.Fatal(err)
		}
		var o struct {
			Legend struct {
				TextStyle struct {
					FontSize float64 `json:"fontSize"`
				} `json:"textStyle"`
			} `json:"legend"`
		}
		if err := json.Unmarshal(data, &o); err != nil {
			t.Fatal(err)
		}
		return o.Legend.TextStyle.FontSize
	}
	if screen, paper := size(Screen), size(Paper); screen < 20 || paper >= screen {
		t.Errorf("legend type: screen %v, paper %v", screen, paper)
	}
}
