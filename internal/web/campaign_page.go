package web

import (
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/poster"
)

// campaignPage is the class's campaign workshop (lesson 3): the messages its results allow,
// with their locked facts, a form to choose them, write a slogan beside each and pick the
// posters' look, the posters, and the topics without a message and why.
type campaignPage struct {
	Session    *model.Session
	Hidden     bool // the results are not shown yet
	Suppressed bool // too few answers for any message
	N          int
	MinGroup   int
	Messages   []campaignRow
	Layouts    []lookChoice
	Themes     []lookChoice
	Saved      bool // the campaign was just saved
	Refused    bool // a slogan was refused, nothing was saved
	Posters    []campaignRow
	NoMessage  []noMessageRow
	ParentsURL string
	Effects    effectTable
	WavesURL   string
}

// campaignRow is one message of the workshop: its locked fact and figures, the field with
// the class's slogan and, once chosen, its posters.
type campaignRow struct {
	ID, Topic  string
	Fact       string // the locked fact sentence every poster carries
	Approval   string // the measured approval line, locked too, when the survey asked it
	Slogan     string // the field's value: the class's own words, no figure
	Figure     string // "8 af 10 (80 %)"
	N          int
	GuessTruth string
	Gap        string
	Chosen     bool
	Error      string // why the class's slogan was refused
	PNG        string
	PDFA4      string
	PDFA3      string
}

// lookChoice is one radio button of the layout or theme.
type lookChoice struct {
	Value, Label string
	Checked      bool
}

// noMessageRow is a shown topic without a message, and why ("I gættede rigtigt").
type noMessageRow struct{ Topic, Reason string }

// campaignForm is what the workshop's form posted, kept when a slogan is refused.
type campaignForm struct {
	Chosen  map[string]bool
	Slogans map[string]string
	Errors  map[string]string
	Layout  poster.Layout
	Theme   poster.Theme
}

// showCampaign is the campaign workshop.
func (s *campaignHandlers) showCampaign(c *fiber.Ctx) error {
	sess, err := s.sessionFor(c)
	if err != nil {
		return err
	}
	return s.renderCampaign(c, sess, nil)
}

// renderCampaign renders the workshop of sess, with a refused form's values when form is
// not nil.
func (s *campaignHandlers) renderCampaign(c *fiber.Ctx, sess *model.Session, form *campaignForm) error {
	l := s.localizer(c)
	title := sess.ClassLabel + " · " + l.T("campaign.title")
	page := campaignPage{Session: sess, MinGroup: s.cfg.MinGroup, Saved: c.Query("saved") == "1" && form == nil,
		ParentsURL: "/sessions/" + sess.ID + "/campaign/parents?lang=" + l.Lang}
	cc, err := s.app.ClassCampaign(c.UserContext(), sess, l.Lang)
	if errors.Is(err, app.ErrResultsHidden) {
		page.Hidden = true
		return s.render(c, "campaign", title, fiber.Map{"Page": page, "BodyClass": "campaign-page"})
	}
	if err != nil {
		return err
	}
	page.N, page.Suppressed = cc.Group.N, cc.Group.Suppressed
	layout, theme := cc.Layout, cc.Theme
	if form != nil {
		page.Refused = true
		layout, theme = form.Layout, form.Theme
	}
	page.Layouts, page.Themes = lookChoices(l, layout, theme)
	for _, m := range cc.Messages {
		r := campaignRow{ID: m.ItemID, Topic: m.Topic, Fact: m.Text, Approval: m.Approval, Slogan: m.Slogan, N: m.N, Chosen: m.Chosen,
			Figure:     l.T("campaign.figure", "X", m.OutOfTen, "Percent", percent(m.Share, l.Lang)),
			GuessTruth: guessAndTruth(l, cc.Survey, cc.Group, m.Message),
			Gap:        l.T("campaign.gap", "PP", points(m.GapPP, l.Lang))}
		if m.Chosen { // the saved campaign's posters, also while a new wording is refused
			r.PNG = posterURL(sess.ID, "poster.png", m.ItemID, "", l.Lang)
			r.PDFA4 = posterURL(sess.ID, "poster.pdf", m.ItemID, poster.SizeA4, l.Lang)
			r.PDFA3 = posterURL(sess.ID, "poster.pdf", m.ItemID, poster.SizeA3, l.Lang)
			page.Posters = append(page.Posters, r)
		}
		if form != nil {
			r.Slogan, r.Chosen, r.Error = form.Slogans[m.ItemID], form.Chosen[m.ItemID], form.Errors[m.ItemID]
		}
		page.Messages = append(page.Messages, r)
	}
	page.NoMessage = noMessageRows(l, cc)
	page.Effects.L = l
	if page.Effects.Rows, err = s.classEffects(c.UserContext(), l, sess, cc.Survey); err != nil {
		return err
	}
	if u := currentUser(c); len(page.Effects.Rows) > 0 && u != nil && u.CanSeeMunicipality(sess.Municipality) {
		q := app.CompareQuery{Municipality: sess.Municipality, SurveyID: sess.SurveyID, Version: sess.SurveyVersion,
			SchoolYear: sess.SchoolYear, SchoolID: sess.SchoolID}
		page.WavesURL = q.Link("/ssp/waves", nil)
	}
	return s.render(c, "campaign", title, fiber.Map{"Page": page, "BodyClass": "campaign-page"})
}

// posterURL links a class poster.
func posterURL(sessionID, file, itemID string, size poster.Size, lang string) string {
	v := url.Values{"item": {itemID}, "lang": {lang}}
	if size != "" {
		v.Set("size", string(size))
	}
	return "/sessions/" + sessionID + "/" + file + "?" + v.Encode()
}

// lookChoices are the layout and theme radio buttons, the given ones checked.
func lookChoices(l *i18n.Localizer, layout poster.Layout, theme poster.Theme) (layouts, themes []lookChoice) {
	for _, v := range poster.Layouts() {
		layouts = append(layouts, lookChoice{Value: string(v), Label: l.T("campaign.layout." + string(v)), Checked: v == layout})
	}
	for _, v := range poster.Themes() {
		themes = append(themes, lookChoice{Value: string(v), Label: l.T("campaign.theme." + string(v)), Checked: v == theme})
	}
	return layouts, themes
}

// noMessageRows lists the class's shown topics that have no message, with the reason in
// words: the class can talk about them, but not put them on a poster.
func noMessageRows(l *i18n.Localizer, cc *app.ClassCampaign) []noMessageRow {
	var rows []noMessageRow
	for _, it := range cc.Group.Items {
		def, ok := cc.Survey.Item(it.ID)
		if _, allowed := cc.Message(it.ID); !ok || allowed || def.Sensitive || def.ApprovalOf != "" {
			continue
		}
		rows = append(rows, noMessageRow{Topic: def.Topic.In(l.Lang), Reason: noMessageReason(l, cc.Survey, cc.Group, it.ID)})
	}
	return rows
}
