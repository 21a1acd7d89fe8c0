package web

import (
	"io/fs"
	"net/http"

	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

// routes is the one table of every URL the server answers.
func (s *Server) routes() {
	app := s.app
	app.Use(recover.New())
	app.Use(s.securityHeaders)
	app.Use(s.logRequests)
	app.Use(s.chooseLanguage(nil))

	static, _ := fs.Sub(assets, "static")
	app.Use("/static", filesystem.New(filesystem.Config{
		Root:   http.FS(static),
		MaxAge: 3600,
	}))

	app.Get("/healthz", s.healthz)

	app.Get("/", s.showHome)
	app.Get("/j", s.findCode)
	app.Get("/j/:code", s.showSurvey)

	app.Use(s.notFound)
}
