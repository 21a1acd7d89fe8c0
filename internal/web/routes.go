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
	"github.com/heltnormal/heltnormal/internal/sso"
)

// routes is the one table of every URL the server answers.
func (s *Server) routes() {
	app := s.fiber
	reference := &referenceHandlers{Server: s}
	pupils := &pupilHandlers{Server: s, app: s.app}
	sessions := &sessionHandlers{Server: s, app: s.app}
	results := &resultsHandlers{Server: s, app: s.app}
	campaigns := &campaignHandlers{Server: s, app: s.app}
	ssp := &sspHandlers{Server: s, app: s.app}
	accountPages := &accountHandlers{Server: s, app: s.app}
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
	app.Get("/materials", materialLang, reference.showMaterials)
	app.Get("/materials/topics/:topic", materialLang, reference.materialTopic)
	app.Get("/materials/:slug", materialLang, reference.showMaterial)
	app.Get("/api/v1/surveys", reference.listSurveysAPI)
	app.Get("/api/v1/surveys/:id", reference.showSurveyAPI)

	// Every form post below carries a CSRF token (the JSON API under /api/ is skipped).
	app.Use(s.csrf)

	app.Get("/", pupils.showHome)
	app.Get("/j", pupils.findCode)
	// Pupils: no login. Guessing join codes is rate-limited per network address, counting
	// only unknown codes. The JSON endpoint is what the survey page's script posts to.
	join := s.joinLimit.handler
	app.Get("/j/:code", join, s.pagesWait.page, pupils.showSurvey)
	app.Post("/j/:code", join, pupils.postSurveyForm)
	app.Get("/j/:code/tak", join, pupils.showThanks)
	app.Get("/j/:code/resultater", join, pupils.showPupilResults)
	app.Post("/api/v1/join/:code/responses", join, pupils.postResponseAPI)

	// Accounts: login, logout, the SSP/admin page, tokens, schools and users. Staff pages
	// are in Danish and English only.
	staffLang := s.chooseLanguage(s.i18n.AreaLanguages("auth"))
	manager := s.requireUser(model.RoleSSP, model.RoleAdmin)
	app.Get("/login", staffLang, accountPages.showLogin)
	app.Post("/login", staffLang, s.limitLogins, accountPages.login)
	app.Post("/logout", staffLang, accountPages.logout)
	if s.sso != nil { // single sign-on (login_oidc.go)
		app.Get(sso.StartPath, staffLang, accountPages.startOIDC)
		app.Get(sso.RedirectPath, staffLang, accountPages.finishOIDC)
		app.Get(sso.LoggedOutPath, accountPages.oidcLoggedOut)
	}
	app.Get("/admin", staffLang, manager, accountPages.showAdmin)
	app.Post("/admin/schools", staffLang, manager, accountPages.createSchoolForm)
	app.Post("/admin/users", staffLang, manager, accountPages.createUserForm)
	app.Post("/api/v1/auth/token", s.limitLogins, s.settleErrors, accountPages.createTokenAPI)
	app.Post("/api/v1/schools", manager, accountPages.createSchoolAPI)
	app.Post("/api/v1/users", manager, accountPages.createUserAPI)
	app.Get("/api/v1/users", manager, accountPages.listUsersAPI)
	app.Patch("/api/v1/users/:id", manager, accountPages.changeUserAPI)
	app.Post("/api/v1/users/:id/password-reset", manager, accountPages.passwordResetAPI)
	app.Get("/api/v1/users/:id/audit", manager, accountPages.userAuditAPI)
	app.Post("/admin/help", staffLang, manager, accountPages.saveLocalHelpForm)
	app.Get("/admin/users/:id", staffLang, manager, accountPages.showUserEdit)
	app.Post("/admin/users/:id", staffLang, manager, accountPages.saveUserForm)
	app.Post("/admin/users/:id/active", staffLang, manager, accountPages.userActiveForm)
	app.Post("/admin/users/:id/reset", staffLang, manager, accountPages.userResetForm)
	// A reset link needs no login; the signed-in change their own password.
	app.Get("/reset/:token", staffLang, accountPages.showReset)
	app.Post("/reset/:token", staffLang, accountPages.resetForm)
	app.Get("/account", staffLang, s.requireUser(), accountPages.showAccount)
	app.Post("/account/password", staffLang, s.requireUser(), accountPages.changePasswordForm)

	// Class sessions: teachers (their school), SSP (their municipality), admins. Every URL
	// under /sessions and /api/v1/sessions needs one of them, in Danish or English.
	staff := s.requireUser(model.RoleTeacher, model.RoleSSP, model.RoleAdmin)
	classPages := app.Group("/sessions", staffLang, staff)
	classAPI := app.Group("/api/v1/sessions", staffLang, staff)
	classPages.Get("", sessions.showSessions)
	classPages.Get("/new", sessions.showNewSession)
	classPages.Post("", sessions.createSessionForm)
	classPages.Get("/:id", sessions.showProjector)
	classPages.Get("/:id/qr.png", sessions.showSessionQR)
	classPages.Get("/:id/events", sessions.sessionEvents)
	classPages.Post("/:id/close", sessions.closeSessionForm)
	classPages.Post("/:id/reopen", sessions.reopenSessionForm)
	classPages.Post("/:id/delete", sessions.deleteSessionForm)
	classPages.Post("/:id/size", sessions.classSizeForm)
	classAPI.Get("", sessions.listSessionsAPI)
	classAPI.Post("", sessions.createSessionAPI)
	classAPI.Get("/:id", sessions.showSessionAPI)
	classAPI.Patch("/:id", sessions.changeSessionAPI)
	classAPI.Post("/:id/close", sessions.closeSessionAPI)
	classAPI.Post("/:id/reopen", sessions.reopenSessionAPI)
	classAPI.Delete("/:id", sessions.deleteSessionAPI)

	// Results: the class's actual norms next to the assumed ones, suppressed in package results.
	classAPI.Get("/:id/results", results.showResultsAPI)
	classPages.Get("/:id/results", results.showResults)
	classPages.Get("/:id/results/print", results.showResultsPrint)
	classPages.Get("/:id/results.csv", results.exportResultsCSV)
	classPages.Post("/:id/show-results", results.showResultsForm)
	classPages.Post("/:id/presenter-topics", results.presenterTopicsForm)
	// The presenter: the results on the projector, guess first, then the truth.
	classPages.Get("/:id/present", results.showPresenter)
	// Lesson 2 ends with the class's results on the pupils' own phones, beside the guesses
	// each phone kept (if its pupil asked it to); the teacher releases and withdraws them.
	classAPI.Post("/:id/pupil-results", results.pupilResultsAPI)
	classPages.Post("/:id/pupil-results", results.pupilResultsForm)
	// The campaign (lesson 3): positive-norm messages from the results, posters, a text for
	// the parents. Only figures package campaign allows reach them.
	classAPI.Get("/:id/campaign", campaigns.showCampaignAPI)
	classPages.Get("/:id/campaign", campaigns.showCampaign)
	classPages.Post("/:id/campaign", campaigns.saveCampaignForm)
	classPages.Get("/:id/campaign/parents", campaigns.showCampaignParents)
	classPages.Get("/:id/campaign/parents.txt", campaigns.downloadCampaignParents)
	classPages.Get("/:id/poster.pdf", campaigns.showPosterPDF)
	classPages.Get("/:id/poster.png", campaigns.showPosterPNG)

	// Comparisons across schools: SSP consultants (their municipality), coordinators (their
	// region or cluster; they only read) and administrators. The codebook holds only survey
	// text, for everyone signed in.
	reader := s.requireUser(model.RoleSSP, model.RoleCoordinator, model.RoleAdmin)
	app.Get("/api/v1/compare", staffLang, reader, ssp.compareAPI)
	app.Get("/api/v1/export.csv", staffLang, reader, ssp.exportCompareCSV)
	app.Get("/api/v1/export.xlsx", staffLang, reader, ssp.exportCompareXLSX)
	app.Get("/api/v1/report.pdf", staffLang, reader, ssp.reportPDF)
	app.Get("/api/v1/export-codebook.csv", staffLang, s.requireUser(model.RoleTeacher, model.RoleSSP, model.RoleCoordinator, model.RoleAdmin), ssp.exportCodebookCSV)
	sspPages := app.Group("/ssp", staffLang, reader)
	sspPages.Get("", ssp.showSSP)
	sspPages.Get("/waves", ssp.showSSPWaves)
	sspPages.Get("/campaign", campaigns.showSSPCampaign)
	sspPages.Get("/poster.pdf", campaigns.showSSPPosterPDF)
	sspPages.Get("/poster.png", campaigns.showSSPPosterPNG)

	app.Use(s.notFound)
}
