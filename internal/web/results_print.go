package web

import (
	"github.com/gofiber/fiber/v2"
)

// showResultsPrint is the results on A4: no navigation, each topic's figures as tables, and
// the charts when the browser draws them. The same rules hide the same figures.
func (s *resultsHandlers) showResultsPrint(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	l := s.localizer(c)
	view, err := s.resultsView(c.UserContext(), l, sess, paperCharts)
	if err != nil {
		return err
	}
	data := fiber.Map{"Results": view, "Layout": "layouts/print", "BodyClass": "print-view"}
	if view.hasCharts() {
		data["Scripts"] = chartScripts
	}
	return s.render(c, "results_print", sess.ClassLabel+" · "+l.T("results.print_title"), data)
}
