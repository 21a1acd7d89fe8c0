// Package charts turns a topic's results into ECharts options: the class's guesses next to
// the truth. It builds them with go-echarts and returns plain JSON, never a page or a script:
// the web layer puts the JSON into an escaped data- attribute and one static script draws
// it (go-echarts' own page template writes options unescaped into an inline script and
// loads ECharts from a CDN, which our Content-Security-Policy forbids). Words come in
// translated, so this package needs no i18n.
package charts

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// ErrSuppressed is returned for a topic the privacy rules hide: it gets no chart at all.
var ErrSuppressed = errors.New("charts: the topic is suppressed")

// Texts are the words of one chart in the page's language, numbers already written out.
type Texts struct {
	// Steps labels the perceived scale's steps, in scale order ("0", "1", ... or "0 af
	// 10", ...), and StepsAxis names that axis ("Gæt: hvor mange af 10"); it may be empty.
	Steps     []string
	StepsAxis string
	// Guesses names the bars, which count how many pupils gave each guess.
	Guesses string
	// Mean names the line at the class's average guess, and MeanLabel is written on it
	// ("I troede 6 af 10").
	Mean, MeanLabel string
	// Actual names the line at the true share, and ActualLabel is written on it
	// ("Det er 8 af 10").
	Actual, ActualLabel string
	// Description tells what the chart shows in a sentence or two, for screen readers
	// (ECharts puts it into the chart's aria-label).
	Description string
}

// Colours: the bars are light with a pattern, the truth is a thick solid dark line, the
// average guess a dashed line; colour is never the only difference.
const (
	colourGuesses   = "#8fb3df"
	colourGuessEdge = "#1d4e89"
	colourMean      = "#1d4e89"
	colourActual    = "#a4161a"
	colourInk       = "#1a1a1a"
	colourGridLine  = "#c9d1dc"
)

// Medium is where a chart is seen, which decides its type sizes.
type Medium int

// Media: a screen, which may be a projector read from the back of a classroom, and an A4
// page, where the chart is 180 mm wide.
const (
	Screen Medium = iota
	Paper
)

// sizes are a medium's type sizes in CSS pixels, and the room above the plot for the
// legend and the two line labels (each label lifted that far above the plot).
type sizes struct {
	axis, legend, mark, count int
	top                       int
	meanLift, actualLift      int
}

func (m Medium) sizes() sizes {
	if m == Paper {
		return sizes{axis: 13, legend: 13, mark: 15, count: 13, top: 84, meanLift: 32, actualLift: 6}
	}
	return sizes{axis: 20, legend: 22, mark: 24, count: 20, top: 130, meanLift: 50, actualLift: 10}
}

// Gap builds the chart of one topic: bars with how many pupils guessed each step of the
// perceived scale, a dashed line at the class's average guess and a solid line at the true
// share. scale is the topic's perceived scale (survey.Survey.Scale). The result is JSON with
// <, > and & escaped, ready for an HTML attribute.
func Gap(scale []survey.Option, it results.Item, t Texts, m Medium) ([]byte, error) {
	size := m.sizes()
	if it.Suppressed {
		return nil, ErrSuppressed
	}
	if len(scale) < 2 {
		return nil, fmt.Errorf("charts: topic %s: the perceived scale needs at least two steps", it.ID)
	}
	if len(t.Steps) != len(scale) {
		return nil, fmt.Errorf("charts: topic %s: %d step labels for %d steps", it.ID, len(t.Steps), len(scale))
	}

	bars := make([]opts.BarData, len(scale))
	var counts []opts.ScatterData
	most := 0
	for i, step := range scale {
		n := it.PerceivedCounts[step.ID]
		most = max(most, n)
		bars[i] = opts.BarData{Name: t.Steps[i], Value: n}
		if n == 0 { // neither a flat outline on the axis nor a "0" above it
			bars[i].ItemStyle = &opts.ItemStyle{BorderColor: "rgba(0,0,0,0)"}
		} else {
			counts = append(counts, opts.ScatterData{Value: []float64{float64(i), float64(n)}})
		}
	}
	bottom := "12"
	if t.StepsAxis != "" {
		bottom = strconv.Itoa(2*size.axis + 16)
	}

	chart := gocharts.NewBar()
	chart.SetGlobalOptions(
		// The renderer is not part of the option: static/js/charts.js asks for canvas.
		gocharts.WithInitializationOpts(opts.Initialization{Renderer: "canvas"}),
		gocharts.WithAnimation(false),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		gocharts.WithLegendOpts(opts.Legend{
			Show: opts.Bool(true), Top: "0", Left: "center",
			ItemWidth: 2 * size.legend, ItemHeight: size.legend,
			TextStyle: &opts.TextStyle{FontSize: size.legend, Color: colourInk},
			Data:      []string{t.Guesses, t.Mean, t.Actual},
		}),
		gocharts.WithGridOpts(opts.Grid{Left: "16", Right: "24", Top: strconv.Itoa(size.top), Bottom: bottom, ContainLabel: opts.Bool(true)}),
		gocharts.WithXAxisOpts(opts.XAxis{
			Type: "category", Name: t.StepsAxis, NameLocation: "middle", NameGap: 2*size.axis + 4,
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), FontSize: size.axis, Color: colourInk, Interval: "0"},
			AxisTick:  &opts.AxisTick{Show: opts.Bool(false)},
			AxisLine:  &opts.AxisLine{LineStyle: &opts.LineStyle{Color: colourInk, Width: 2}},
		}),
		gocharts.WithYAxisOpts(opts.YAxis{
			// Room above the tallest bar for its count.
			Type: "value", MinInterval: 1, Max: most + 1 + most/6,
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), FontSize: size.axis, Color: colourInk},
			// The grid lines are enough; an axis line would stand on the hidden value axis's
			// zero, through the first bar.
			AxisLine:  &opts.AxisLine{Show: opts.Bool(false), OnZero: opts.Bool(false)},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colourGridLine}},
		}),
		gocharts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: t.Description},
			Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
		}),
	)
	// A second, hidden x axis measures positions on the scale continuously, so the lines
	// can stand between two steps (an average guess of 5.5 of 10): step i of the category
	// axis is the middle of its band, which is i on this value axis from -0.5 to n-0.5.
	chart.ExtendXAxis(opts.XAxis{Type: "value", Show: opts.Bool(false), Min: -0.5, Max: float64(len(scale)) - 0.5})
	chart.SetXAxis(t.Steps)
	chart.AddSeries(t.Guesses, bars,
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourGuesses, BorderColor: colourGuessEdge, BorderWidth: 2}),
		gocharts.WithSeriesOpts(func(s *gocharts.SingleSeries) { s.BarMaxWidth = "72" }),
	)

	meanAt, actualAt := position(scale, it.PerceivedMean), position(scale, it.ActualShare)
	// The two labels sit at different heights above the plot, so they never overlap, and
	// lean away from each other when the lines are close.
	meanAlign, actualAlign := "center", "center"
	if d := actualAt - meanAt; d > -2 && d < 2 {
		meanAlign, actualAlign = "right", "left"
		if d < 0 {
			meanAlign, actualAlign = "left", "right"
		}
	}
	last := float64(len(scale) - 1)
	chart.Overlap(
		countLabels(counts),
		markLine(t.Mean, markAt{at: meanAt, label: t.MeanLabel, colour: colourMean, dash: "dashed", width: 4,
			align: edgeAlign(meanAt, last, meanAlign), lift: size.meanLift, font: size.mark}),
		markLine(t.Actual, markAt{at: actualAt, label: t.ActualLabel, colour: colourActual, dash: "solid", width: 6,
			align: edgeAlign(actualAt, last, actualAlign), lift: size.actualLift, font: size.mark}),
	)
	chart.Accept(extras{size: size})
	chart.Validate()
	return json.Marshal(chart.JSON())
}

// position is where a share falls on the scale: the index of the step with that value, or
// between two steps in proportion.
func position(scale []survey.Option, share float64) float64 {
	if share <= scale[0].Value {
		return 0
	}
	for i := 1; i < len(scale); i++ {
		lo, hi := scale[i-1].Value, scale[i].Value
		if share <= hi && hi > lo {
			return float64(i-1) + (share-lo)/(hi-lo)
		}
	}
	return float64(len(scale) - 1)
}

// edgeAlign keeps a label near either end of the axis inside the chart.
func edgeAlign(at, last float64, align string) string {
	switch {
	case at < 1.5:
		return "left"
	case at > last-1.5:
		return "right"
	}
	return align
}

// markAt is one labelled vertical line.
type markAt struct {
	at            float64
	label, colour string
	dash          string
	width         float32
	align         string
	lift          int // how far above the plot the label sits, in pixels
	font          int
}

// markLineItem is one entry of an ECharts markLine's data (go-echarts leaves its shape open).
type markLineItem struct {
	Name      string          `json:"name"`
	XAxis     float64         `json:"xAxis"`
	Label     markLineLabel   `json:"label"`
	LineStyle *opts.LineStyle `json:"lineStyle"`
}

type markLineLabel struct {
	Show            bool   `json:"show"`
	Position        string `json:"position,omitempty"`
	Formatter       string `json:"formatter,omitempty"`
	Distance        [2]int `json:"distance"`
	Align           string `json:"align"`
	FontSize        int    `json:"fontSize"`
	FontWeight      string `json:"fontWeight"`
	Color           string `json:"color"`
	BackgroundColor string `json:"backgroundColor"`
	Padding         [2]int `json:"padding"`
}

// markLine is an empty line series on the hidden value axis that carries one vertical mark
// line; as a series of its own it gets a legend entry drawn in its line style.
func markLine(name string, m markAt) *gocharts.Line {
	style := &opts.LineStyle{Color: m.colour, Width: m.width, Type: m.dash}
	line := gocharts.NewLine()
	line.AddSeries(name, []opts.LineData{},
		gocharts.WithLineStyleOpts(*style),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: m.colour}),
		gocharts.WithSeriesOpts(func(s *gocharts.SingleSeries) {
			s.XAxisIndex = 1
			s.Symbol = "none"
			s.MarkLines = &opts.MarkLines{
				MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}},
				Data: []any{markLineItem{
					Name: name, XAxis: m.at, LineStyle: style,
					Label: markLineLabel{
						Show: true, Position: "end", Formatter: escapeFormatter(m.label),
						Distance: [2]int{0, m.lift}, Align: m.align,
						FontSize: m.font, FontWeight: "bold", Color: m.colour,
						BackgroundColor: "#ffffff", Padding: [2]int{2, 4},
					},
				}},
			}
		}),
	)
	return line
}

// escapeFormatter keeps a label literal: ECharts reads {a}, {b}, ... in a formatter string as
// placeholders, so braces in a translated text are replaced by look-alike brackets.
func escapeFormatter(s string) string {
	out := []rune{}
	for _, r := range s {
		switch r {
		case '{':
			r = '('
		case '}':
			r = ')'
		}
		out = append(out, r)
	}
	return string(out)
}

// countsSeries is the id of the series that writes the count above each bar.
const countsSeries = "counts"

// countLabels writes how many pupils gave each guess above its bar. They are a series of
// their own, drawn above the lines (see extras), so a line never crosses out a number.
func countLabels(counts []opts.ScatterData) *gocharts.Scatter {
	sc := gocharts.NewScatter()
	sc.AddSeries("", counts,
		gocharts.WithSeriesId(countsSeries),
		gocharts.WithSeriesOpts(func(s *gocharts.SingleSeries) {
			s.XAxisIndex = 1
			s.SymbolSize = 1
		}),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: "rgba(0,0,0,0)", Opacity: opts.Float(1)}),
	)
	return sc
}

// countLabel is the label of a count above a bar (go-echarts' padding is a string, which
// ECharts does not read).
type countLabel struct {
	Show            bool   `json:"show"`
	Position        string `json:"position"`
	Formatter       string `json:"formatter"`
	FontSize        int    `json:"fontSize"`
	FontWeight      string `json:"fontWeight"`
	Color           string `json:"color"`
	BackgroundColor string `json:"backgroundColor"`
	Padding         [2]int `json:"padding"`
}

// extras adds, once go-echarts has built the option, what it has no typed field for: a
// legend that cannot be clicked (hiding a series only confuses a class), a large font for
// the axis name, and the count labels' place above the lines.
type extras struct {
	gocharts.BaseConfigurationVisitor
	size sizes
}

// Visit rewrites the finished option.
func (e extras) Visit(option map[string]any) {
	if l, ok := option["legend"].(opts.Legend); ok {
		option["legend"] = struct {
			opts.Legend
			SelectedMode bool `json:"selectedMode"`
		}{Legend: l}
	}
	if axes, ok := option["xAxis"].([]opts.XAxis); ok {
		out := make([]any, len(axes))
		for i, a := range axes {
			out[i] = struct {
				opts.XAxis
				NameTextStyle opts.TextStyle `json:"nameTextStyle"`
			}{a, opts.TextStyle{FontSize: e.size.axis, Color: colourInk}}
		}
		option["xAxis"] = out
	}
	if series, ok := option["series"].(gocharts.MultiSeries); ok {
		out := make([]any, len(series))
		for i, s := range series {
			out[i] = s
			if s.Id == countsSeries {
				out[i] = struct {
					gocharts.SingleSeries
					ZLevel int        `json:"zlevel"`
					Silent bool       `json:"silent"`
					Label  countLabel `json:"label"`
				}{s, 1, true, countLabel{ // a layer of its own, above the lines
					Show: true, Position: "top", Formatter: "{@[1]}", FontSize: e.size.count, FontWeight: "bold",
					Color: colourInk, BackgroundColor: "#ffffff", Padding: [2]int{2, 6},
				}}
			}
		}
		option["series"] = out
	}
}
