package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/i18n"
)

// csrfContextKey is where the CSRF middleware leaves the request's token; render hands it
// to every template as .CSRF for the forms' hidden _csrf field.
const csrfContextKey = "csrf"

// languageChoice is one entry of a page's language switch.
type languageChoice struct {
	Code, Name, URL string
	Current         bool
}

// render fills the layout's common fields (translator, title, language switch) and renders
// the named template. The status set on c before the call is kept.
func (s *Server) render(c *fiber.Ctx, name, title string, data fiber.Map) error {
	l := s.localizer(c)
	if data == nil {
		data = fiber.Map{}
	}
	data["L"] = l
	data["Title"] = title
	data["Languages"] = s.languageChoices(c, l)
	data["CSRF"], _ = c.Locals(csrfContextKey).(string)
	if _, set := data["User"]; !set {
		if u := currentUser(c); u != nil {
			data["User"] = u
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	// A page may ask for another layout (the print view has no navigation).
	if layout, ok := data["Layout"].(string); ok {
		return c.Render(name, data, layout)
	}
	return c.Render(name, data)
}

// languageChoices links the current page in every available language, keeping the rest of
// the query (a login's ?next=, say).
func (s *Server) languageChoices(c *fiber.Ctx, l *i18n.Localizer) []languageChoice {
	query := url.Values{}
	c.Request().URI().QueryArgs().VisitAll(func(k, v []byte) {
		if string(k) != "lang" {
			query.Add(string(k), string(v))
		}
	})
	langs, _ := c.Locals(localsLanguages).([]string)
	if langs == nil {
		langs = s.i18n.Languages()
	}
	var out []languageChoice
	for _, lang := range langs {
		query.Set("lang", lang)
		out = append(out, languageChoice{
			Code: lang, Name: s.i18n.Name(lang), Current: lang == l.Lang,
			URL: c.Path() + "?" + query.Encode(),
		})
	}
	return out
}
