package charts

import (
	"encoding/json"
	"math"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/heltnormal/heltnormal/internal/results"
)

// CompareRow is one bar pair of a comparison chart: a school (or a municipality) and its
// figures for one topic, already protected by package compare. A suppressed item keeps its
// place on the axis but gets no bar.
type CompareRow struct {
	Label string
	Item  results.Item
}

// CompareTexts are the words of a comparison chart in the page's language.
type CompareTexts struct {
	// Actual and Perceived name the two bars of each row.
	Actual, Perceived string
	// ReferenceActual and ReferencePerceived name the reference lines at the wider group's
	// figures in the legend ("Herning: 62 %").
	ReferenceActual, ReferencePerceived string
	// Description says what the chart shows, for screen readers.
	Description string
}

// Compare builds the chart of one topic across groups: per row a bar with the actual share
// and one with the perceived mean, in per cent, and the wider group's (the municipality's
// or the region's) two figures as vertical reference lines. A hidden reference figure gets
// no line. When no row and no reference has a figure there is nothing to draw and
// ErrSuppressed is returned. The result is JSON with <, > and & escaped.
func Compare(rows []CompareRow, reference results.Item, t CompareTexts) ([]byte, error) {
	visible := !reference.Suppressed
	labels := make([]string, len(rows))
	actual := make([]opts.BarData, len(rows))
	perceived := make([]opts.BarData, len(rows))
	for i, r := range rows {
		labels[i] = r.Label
		if r.Item.Suppressed {
			// null: the category stays, without a bar (a zero would read as a figure).
			actual[i], perceived[i] = opts.BarData{Name: r.Label}, opts.BarData{Name: r.Label}
			continue
		}
		visible = true
		actual[i] = opts.BarData{Name: r.Label, Value: percentValue(r.Item.ActualShare)}
		perceived[i] = opts.BarData{Name: r.Label, Value: percentValue(r.Item.PerceivedMean)}
	}
	if !visible {
		return nil, ErrSuppressed
	}

	chart := gocharts.NewBar()
	chart.SetGlobalOptions(
		gocharts.WithInitializationOpts(opts.Initialization{Renderer: "canvas"}),
		gocharts.WithAnimation(false),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gocharts.WithGridOpts(opts.Grid{Left: "8", Right: "32", Top: "72", Bottom: "8", ContainLabel: opts.Bool(true)}),
		gocharts.WithXAxisOpts(opts.XAxis{
			Type: "value", Min: 0, Max: 100,
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), FontSize: 13, Color: colourInk, Formatter: "{value} %"},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colourGridLine}},
		}),
		gocharts.WithYAxisOpts(opts.YAxis{
			Type: "category", Inverse: opts.Bool(true), // the first row on top, as in the table
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), FontSize: 13, Color: colourInk, Interval: "0"},
		}),
		gocharts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: t.Description},
			Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
		}),
	)
	chart.SetXAxis(labels)
	chart.XYReversal()
	chart.AddSeries(t.Actual, actual,
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourActual}),
		gocharts.WithSeriesOpts(func(s *gocharts.SingleSeries) { s.BarMaxWidth = "18" }),
	)
	chart.AddSeries(t.Perceived, perceived,
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourGuesses, BorderColor: colourGuessEdge, BorderWidth: 1}),
		gocharts.WithSeriesOpts(func(s *gocharts.SingleSeries) { s.BarMaxWidth = "18" }),
	)
	// The wider group's figures are vertical lines named in the legend, never labels on the
	// plot: a label at a line's end lands on the axis's ticks, the legend or the other
	// line's label when the two figures are close, and the legend lays its entries out
	// without overlap.
	legend := []string{t.Actual, t.Perceived}
	if !reference.Suppressed {
		for _, ref := range []struct {
			name, colour, dash string
			share              float64
		}{
			{t.ReferenceActual, colourActual, "solid", reference.ActualShare},
			{t.ReferencePerceived, colourMean, "dashed", reference.PerceivedMean},
		} {
			chart.AddSeries(ref.name, nil, gocharts.WithSeriesOpts(func(s *gocharts.SingleSeries) {
				s.Type = "line" // no bar of its own: the categories keep their two bars
				s.Symbol = "none"
				s.ItemStyle = &opts.ItemStyle{Color: ref.colour}
				s.LineStyle = &opts.LineStyle{Color: ref.colour, Width: 3, Type: ref.dash}
				s.MarkLines = referenceLine(ref.share, ref.name, ref.colour, ref.dash)
			}))
			legend = append(legend, ref.name)
		}
	}
	chart.SetGlobalOptions(gocharts.WithLegendOpts(opts.Legend{
		Show: opts.Bool(true), Top: "0", Left: "center",
		TextStyle: &opts.TextStyle{FontSize: 14, Color: colourInk},
		Data:      legend,
	}))
	chart.Validate()
	return json.Marshal(chart.JSON())
}

// referenceLine is a vertical line at a wider group's figure, without a label of its own
// (its series' name in the legend says what it is).
func referenceLine(share float64, name, colour, dash string) *opts.MarkLines {
	style := &opts.LineStyle{Color: colour, Width: 3, Type: dash}
	return &opts.MarkLines{
		MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}},
		Data:          []any{markLineItem{Name: name, XAxis: percentValue(share), LineStyle: style, Label: markLineLabel{Show: false}}},
	}
}

// percentValue is a share in per cent with one decimal, as the bars show it.
func percentValue(share float64) float64 {
	return math.Round(share*1000) / 10
}
