package web

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/heltnormal/heltnormal/internal/model"
)

// routes is the one table of every URL the server answers.
func (s *Server) routes() {
	app := s.fiber
	app.Use(recover.New())
	app.Use(s.securityHeaders)
	app.Use(s.logRequests)
	app.Use(s.chooseLanguage(nil))
	// Pages and JSON are compressed (brotli or gzip, as the browser accepts): a cheap phone on
	// school Wi-Fi loads the survey in a few kilobytes. Not the live counter's stream, which
	// compression would hold back, nor static files, which have their own below. Pages are
	// made for each request, so they are compressed at the fastest level: the survey page
	// comes out about 10 % larger for a third less CPU (0.44 instead of 0.63 ms), which a
	// municipality answering at once needs more.
	app.Use(compress.New(compress.Config{Level: compress.LevelBestSpeed, Next: func(c *fiber.Ctx) bool {
		return strings.HasSuffix(c.Path(), "/events") || strings.HasPrefix(c.Path(), "/static/")
	}}))

	// Static files are compressed (brotli or gzip, as the browser accepts). Vendored
	// libraries are linked with their version in the query, so browsers may keep them a year.
	static, _ := fs.Sub(assets, "static")
	app.Use("/static", compress.New())
	app.Use("/static/vendor", filesystem.New(filesystem.Config{
		Root:       http.FS(static),
		PathPrefix: "vendor",
		MaxAge:     365 * 24 * 3600,
	}))
	app.Use("/static", filesystem.New(filesystem.Config{
		Root:   http.FS(static),
		MaxAge: 3600,
	}))

	app.Get("/healthz", s.healthz)

	// Teaching material: public, in Danish and English.
	materialLang := s.chooseLanguage([]string{"da", "en"})
	app.Get("/materials", materialLang, s.showMaterials)
	app.Get("/materials/topics/:topic", materialLang, s.materialTopic)
	app.Get("/materials/:slug", materialLang, s.showMaterial)
	app.Get("/api/v1/surveys", s.listSurveysAPI)
	app.Get("/api/v1/surveys/:id", s.showSurveyAPI)

	// Every form post below carries a CSRF token (the JSON API under /api/ is skipped).
	app.Use(s.csrf)

	app.Get("/", s.showHome)
	app.Get("/j", s.findCode)
	// Pupils: no login. Guessing join codes is rate-limited per network address, counting
	// only unknown codes. The JSON endpoint is what the survey page's script posts to.
	join := s.joinLimit.handler
	app.Get("/j/:code", join, s.pagesWait.page, s.showSurvey)
	app.Post("/j/:code", join, s.postSurveyForm)
	app.Get("/j/:code/tak", join, s.showThanks)
	app.Post("/api/v1/join/:code/responses", join, s.postResponseAPI)

	// Accounts: login, logout, the SSP/admin page, tokens, schools and users. Staff pages
	// are in Danish and English only.
	staffLang := s.chooseLanguage(s.i18n.AreaLanguages("auth"))
	manager := s.requireUser(model.RoleSSP, model.RoleAdmin)
	app.Get("/login", staffLang, s.showLogin)
	app.Post("/login", staffLang, s.accounts.loginLimit, s.login)
	app.Post("/logout", staffLang, s.logout)
	app.Get("/admin", staffLang, manager, s.showAdmin)
	app.Post("/admin/schools", staffLang, manager, s.createSchoolForm)
	app.Post("/admin/users", staffLang, manager, s.createUserForm)
	app.Post("/api/v1/auth/token", s.accounts.loginLimit, s.settleErrors, s.createTokenAPI)
	app.Post("/api/v1/schools", manager, s.createSchoolAPI)
	app.Post("/api/v1/users", manager, s.createUserAPI)

	// Class sessions: teachers (their school), SSP (their municipality), admins.
	staff := s.requireUser(model.RoleTeacher, model.RoleSSP, model.RoleAdmin)
	app.Get("/sessions", staffLang, staff, s.showSessions)
	app.Get("/sessions/new", staffLang, staff, s.showNewSession)
	app.Post("/sessions", staffLang, staff, s.createSessionForm)
	app.Get("/sessions/:id", staffLang, staff, s.showProjector)
	app.Get("/sessions/:id/qr.png", staffLang, staff, s.showSessionQR)
	app.Get("/sessions/:id/events", staffLang, staff, s.sessionEvents)
	app.Post("/sessions/:id/close", staffLang, staff, s.closeSessionForm)
	app.Post("/sessions/:id/reopen", staffLang, staff, s.reopenSessionForm)
	app.Post("/sessions/:id/delete", staffLang, staff, s.deleteSessionForm)
	app.Get("/api/v1/sessions", staffLang, staff, s.listSessionsAPI)
	app.Post("/api/v1/sessions", staffLang, staff, s.createSessionAPI)
	app.Get("/api/v1/sessions/:id", staffLang, staff, s.showSessionAPI)
	app.Post("/api/v1/sessions/:id/close", staffLang, staff, s.closeSessionAPI)
	app.Post("/api/v1/sessions/:id/reopen", staffLang, staff, s.reopenSessionAPI)
	app.Delete("/api/v1/sessions/:id", staffLang, staff, s.deleteSessionAPI)

	// Results: the class's actual norms next to the assumed ones, suppressed in package results.
	app.Get("/api/v1/sessions/:id/results", staffLang, staff, s.showResultsAPI)
	app.Get("/sessions/:id/results", staffLang, staff, s.showResults)
	app.Get("/sessions/:id/results/print", staffLang, staff, s.showResultsPrint)
	app.Get("/sessions/:id/results.csv", staffLang, staff, s.exportResultsCSV)
	app.Post("/sessions/:id/show-results", staffLang, staff, s.showResultsForm)
	// The presenter: the results on the projector, guess first, then the truth.
	app.Get("/sessions/:id/present", staffLang, staff, s.showPresenter)
	// The campaign (lesson 3): positive-norm messages from the results, posters, a text for
	// the parents. Only figures package campaign allows reach them.
	app.Get("/api/v1/sessions/:id/campaign", staffLang, staff, s.showCampaignAPI)
	app.Get("/sessions/:id/campaign", staffLang, staff, s.showCampaign)
	app.Post("/sessions/:id/campaign", staffLang, staff, s.saveCampaignForm)
	app.Get("/sessions/:id/campaign/parents", staffLang, staff, s.showCampaignParents)
	app.Get("/sessions/:id/campaign/parents.txt", staffLang, staff, s.downloadCampaignParents)
	app.Get("/sessions/:id/poster.pdf", staffLang, staff, s.showPosterPDF)
	app.Get("/sessions/:id/poster.png", staffLang, staff, s.showPosterPNG)

	// Comparisons across schools: SSP consultants (their municipality) and administrators.
	app.Get("/api/v1/compare", staffLang, manager, s.compareAPI)
	app.Get("/api/v1/export.csv", staffLang, manager, s.exportCompareCSV)
	app.Get("/api/v1/export.xlsx", staffLang, manager, s.exportCompareXLSX)
	app.Get("/ssp", staffLang, manager, s.showSSP)
	app.Get("/ssp/waves", staffLang, manager, s.showSSPWaves)
	app.Get("/ssp/campaign", staffLang, manager, s.showSSPCampaign)
	app.Get("/ssp/poster.pdf", staffLang, manager, s.showSSPPosterPDF)
	app.Get("/ssp/poster.png", staffLang, manager, s.showSSPPosterPNG)

	app.Use(s.notFound)
}
