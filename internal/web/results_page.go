package web

import (
	"github.com/gofiber/fiber/v2"
)

// chartScripts draw the results' charts: ECharts itself, served from the binary (the
// version in the query lets browsers keep it for a year), and the one script that
// initialises every [data-chart] element.
var chartScripts = []string{echartsScript, "/static/js/charts.js"}

// echartsScript is the vendored ECharts build; static/vendor/echarts/VERSION says which.
const echartsScript = "/static/vendor/echarts/echarts.min.js?v=5.6.0"

// EChartsScript is the address pages load ECharts from, for tests.
func EChartsScript() string { return echartsScript }

// showResults is the teacher's results page: per topic, what the class assumed next to what
// is true, as a sentence, a chart (with a table for screen readers and browsers without
// JavaScript), the figures and the discussion questions.
func (s *resultsHandlers) showResults(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	view, err := s.resultsView(c.UserContext(), l, sess, screenCharts)
	if err != nil {
		return err
	}
	data := fiber.Map{"Results": view, "BodyClass": "results-page"}
	if view.hasCharts() {
		data["Scripts"] = chartScripts
	}
	return s.render(c, "results", sess.ClassLabel+" · "+l.T("results.title"), data)
}

// hasCharts reports whether any topic has a chart to draw.
func (v *resultsView) hasCharts() bool {
	for _, t := range v.Topics {
		if t.Chart != "" {
			return true
		}
	}
	return false
}
