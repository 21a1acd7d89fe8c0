package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/material"
	"github.com/heltnormal/heltnormal/internal/model"
)

// showMaterials lists the teaching material in the page's language. It is public: teachers,
// SSP consultants and parents read it without an account.
func (s *referenceHandlers) showMaterials(c *fiber.Ctx) error {
	l := s.localizer(c)
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return s.render(c, "materials", l.T("materials.title"), fiber.Map{"Documents": s.material.In(l.Lang)})
}

// showMaterial is one lesson or guide, styled for reading on screen and for print.
func (s *referenceHandlers) showMaterial(c *fiber.Ctx) error {
	doc, ok := s.material.Get(c.Params("slug"))
	if !ok {
		return model.Errorf(model.ECodeNotFound, "no such material")
	}
	l := s.localizer(c)
	// A document in the other language than the page links to its counterpart.
	var other []material.Document
	if doc.Lang != "" && doc.Lang != l.Lang {
		other = s.material.In(l.Lang)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return s.render(c, "material", doc.Title, fiber.Map{"Doc": doc, "Other": other, "BodyClass": "reading"})
}

// materialTopic sends a link from a results page or a presenter slide to the topic's
// section in lesson 2, in the page's language. (A link can't name the section itself: the
// fragment never reaches the server, and the lesson's name differs by language.)
func (s *referenceHandlers) materialTopic(c *fiber.Ctx) error {
	topic, err := url.PathUnescape(c.Params("topic"))
	if err != nil || !validTopicID(topic) {
		return model.Errorf(model.ECodeNotFound, "no such topic")
	}
	return c.Redirect(material.TopicURL(s.localizer(c).Lang, topic), fiber.StatusSeeOther)
}

// validTopicID accepts survey item ids (lower-case letters, digits, dashes) only.
func validTopicID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
