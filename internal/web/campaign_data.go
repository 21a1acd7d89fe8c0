package web

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/heltnormal/heltnormal/internal/campaign"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/poster"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// classCampaign is a class's campaign: every message its results allow (package campaign
// decides which), in the class's own words where it saved a rewrite that still states the
// true figure, and the look it chose for its posters.
type classCampaign struct {
	Session  *model.Session
	Survey   *survey.Survey
	Group    results.Group
	Messages []campaignMessage // most misjudged topic first
	Layout   poster.Layout
	Theme    poster.Theme
}

// campaignMessage is one allowed message; Text is the class's wording when it saved one.
type campaignMessage struct {
	campaign.Message
	DefaultText string `json:"default_text"`
	Chosen      bool   `json:"chosen"`
}

// errResultsHidden answers campaign requests for a session whose results are not shown yet.
var errResultsHidden = model.Errorf(model.ECodeConflict,
	"the campaign is made from the results, which are shown once the session is closed (or the teacher chooses to show them)")

// classCampaign builds a session's campaign in lang. A session whose results are hidden has
// none (errResultsHidden); a class under the minimum group has no messages.
func (s *Server) classCampaign(ctx context.Context, sess *model.Session, lang string) (*classCampaign, error) {
	if !resultsVisible(sess) {
		return nil, errResultsHidden
	}
	group, sv, err := s.classResults(ctx, sess)
	if err != nil {
		return nil, err
	}
	cc := &classCampaign{Session: sess, Survey: sv, Group: group, Messages: []campaignMessage{}}
	saved := sess.Campaign
	for _, m := range campaign.Messages(sv, group, campaign.Audience{Level: results.LevelClass, Name: sess.ClassLabel}, lang) {
		cm := campaignMessage{Message: m, DefaultText: m.Text}
		if chosen, ok := saved.Message(m.ItemID); ok {
			cm.Chosen = true
			// A rewrite is used only in its own language, and only while it still states the
			// class's figure (a re-opened session may have changed it).
			if chosen.Text != "" && (saved.Lang == "" || saved.Lang == lang) && campaign.CheckRewrite(m, chosen.Text) == nil {
				cm.Text = strings.TrimSpace(chosen.Text)
			}
		}
		cc.Messages = append(cc.Messages, cm)
	}
	cc.Layout, cc.Theme = posterLook(savedLook(saved))
	return cc, nil
}

// savedLook is a saved campaign's layout and theme, empty when there is none.
func savedLook(c *model.Campaign) (string, string) {
	if c == nil {
		return "", ""
	}
	return c.Layout, c.Theme
}

// posterLook turns a layout and theme into poster values, the first of each when a value is
// empty or unknown.
func posterLook(layout, theme string) (poster.Layout, poster.Theme) {
	l, t := poster.Layouts()[0], poster.Themes()[0]
	if slices.Contains(poster.Layouts(), poster.Layout(layout)) {
		l = poster.Layout(layout)
	}
	if slices.Contains(poster.Themes(), poster.Theme(theme)) {
		t = poster.Theme(theme)
	}
	return l, t
}

// message returns the allowed message for a topic.
func (cc *classCampaign) message(itemID string) (campaignMessage, bool) {
	for _, m := range cc.Messages {
		if m.ItemID == itemID {
			return m, true
		}
	}
	return campaignMessage{}, false
}

// chosen lists the messages the class chose, in the order of Messages.
func (cc *classCampaign) chosen() []campaignMessage {
	var out []campaignMessage
	for _, m := range cc.Messages {
		if m.Chosen {
			out = append(out, m)
		}
	}
	return out
}

// posterSpec is what a poster of m shows. Every figure on it is m's own.
func posterSpec(l *i18n.Localizer, m campaign.Message, layout poster.Layout, theme poster.Theme) poster.Spec {
	return poster.Spec{
		Headline: m.Text, Approval: m.Approval, OutOfTen: m.OutOfTen, Group: m.Group,
		Footer: l.T("campaign.poster.footer", "Group", m.Group, "N", m.N),
		Layout: layout, Theme: theme, Lang: m.Lang,
	}
}

// noMessageReason says, in l's language, why a topic has no message in a group: unknown or
// not asked, too few answers, a sensitive topic, a hidden figure, or no healthy majority.
func noMessageReason(l *i18n.Localizer, sv *survey.Survey, g results.Group, itemID string) string {
	def, known := sv.Item(itemID)
	it, listed := g.Item(itemID)
	switch {
	case !known:
		return l.T("campaign.no_poster.unknown")
	case g.Suppressed:
		return l.T("campaign.no_poster.too_few_group", "Min", g.MinGroup)
	case def.Sensitive:
		return l.T("campaign.no_poster.sensitive")
	case !listed:
		return l.T("campaign.no_poster.unknown")
	case it.Suppressed:
		return l.T("campaign.no_poster.hidden")
	}
	return l.T("campaign.no_poster.no_majority")
}

// guessAndTruth words what a group guessed about the healthy side of a message's topic next
// to the truth: "I gættede 4 af 10 — det er 7 af 10". Both figures come from the group's
// visible figures for the topic (the message exists, so the topic is shown).
func guessAndTruth(l *i18n.Localizer, sv *survey.Survey, g results.Group, m campaign.Message) string {
	it, ok := g.Item(m.ItemID)
	def, known := sv.Item(m.ItemID)
	if !ok || !known || it.Suppressed {
		return ""
	}
	guess := it.PerceivedMean
	if !def.Healthy {
		guess = 1 - guess
	}
	return l.T("campaign.guess_truth", "Guess", results.OutOfTen(guess), "Truth", m.OutOfTen)
}

// healthyUnderestimated reports whether a group guessed fewer on the healthy side of a
// message's topic than there are.
func healthyUnderestimated(sv *survey.Survey, g results.Group, m campaign.Message) bool {
	it, ok := g.Item(m.ItemID)
	def, known := sv.Item(m.ItemID)
	if !ok || !known || it.Suppressed {
		return false
	}
	guess := it.PerceivedMean
	if !def.Healthy {
		guess = 1 - guess
	}
	return guess < m.Share
}

// fileSafe keeps letters, digits and hyphens of a name for a file name (Danish letters
// written out, spaces as hyphens), so it is also safe in a header.
func fileSafe(name string) string {
	var b strings.Builder
	for _, r := range name {
		if b.Len() >= 40 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r == ' ' || r == '_':
			b.WriteRune('-')
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ø':
			b.WriteString("oe")
		case r == 'å':
			b.WriteString("aa")
		case r == 'Æ':
			b.WriteString("Ae")
		case r == 'Ø':
			b.WriteString("Oe")
		case r == 'Å':
			b.WriteString("Aa")
		}
	}
	name = strings.Trim(b.String(), "-")
	for strings.Contains(name, "--") {
		name = strings.ReplaceAll(name, "--", "-")
	}
	return name
}

// posterFileName names a poster: helt-normal-8B-sleep-a4.pdf, helt-normal-8B-sleep.png.
func posterFileName(group, itemID, suffix string) string {
	name := fileSafe(group)
	if name == "" {
		name = "kampagne"
	}
	return fmt.Sprintf("helt-normal-%s-%s%s", name, fileSafe(itemID), suffix)
}

// sentence ends a headline with a full stop unless it already ends a sentence.
func sentence(text string) string {
	text = strings.TrimSpace(text)
	if text == "" || strings.ContainsRune(".!?", rune(text[len(text)-1])) {
		return text
	}
	return text + "."
}

// points writes the size of a gap in percentage points, without its sign: "40,0".
func points(pp float64, lang string) string {
	return strings.TrimPrefix(signed(math.Abs(pp), lang), "+")
}
