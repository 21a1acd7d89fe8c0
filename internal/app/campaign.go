package app

import (
	"context"
	"slices"
	"strings"

	"github.com/heltnormal/heltnormal/internal/campaign"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/poster"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// ClassCampaign is a class's campaign: every message its results allow (package campaign
// decides which), each with its locked fact and the class's own slogan where it saved one,
// and the look it chose for its posters.
type ClassCampaign struct {
	Session  *model.Session
	Survey   *survey.Survey
	Group    results.Group
	Messages []CampaignMessage // most misjudged topic first
	Layout   poster.Layout
	Theme    poster.Theme
}

// CampaignMessage is one allowed message: its fact (Text, locked) and the slogan the class
// wrote beside it, if any.
type CampaignMessage struct {
	campaign.Message
	Slogan string `json:"slogan"`
	Chosen bool   `json:"chosen"`
}

// ErrResultsHidden answers campaign requests for a session whose results are not shown yet.
var ErrResultsHidden = model.Errorf(model.ECodeConflict,
	"the campaign is made from the results, which are shown once the session is closed (or the teacher chooses to show them)")

// ClassCampaign builds a session's campaign in lang. A session whose results are hidden has
// none (ErrResultsHidden); a class under the minimum group has no messages.
func (a *App) ClassCampaign(ctx context.Context, sess *model.Session, lang string) (*ClassCampaign, error) {
	if !sess.ResultsVisible() {
		return nil, ErrResultsHidden
	}
	group, sv, err := a.ClassResults(ctx, sess)
	if err != nil {
		return nil, err
	}
	cc := &ClassCampaign{Session: sess, Survey: sv, Group: group, Messages: []CampaignMessage{}}
	saved := sess.Campaign
	for _, m := range campaign.Messages(sv, group, campaign.Audience{Level: results.LevelClass, Name: sess.ClassLabel}, lang) {
		cm := CampaignMessage{Message: m}
		if chosen, ok := saved.Message(m.ItemID); ok {
			cm.Chosen = true
			// A slogan is used only in its own language, and only if it carries no figure
			// (a campaign saved before facts were locked may hold a rewritten headline).
			if (saved.Lang == "" || saved.Lang == lang) && campaign.CheckSlogan(lang, sess.ClassLabel, chosen.Slogan) == nil {
				cm.Slogan = strings.TrimSpace(chosen.Slogan)
			}
		}
		cc.Messages = append(cc.Messages, cm)
	}
	layout, theme := "", ""
	if saved != nil {
		layout, theme = saved.Layout, saved.Theme
	}
	cc.Layout, cc.Theme = PosterLook(layout, theme)
	return cc, nil
}

// SaveCampaign stores what a class chose in the campaign workshop. Its slogans must have
// passed campaign.CheckSlogan.
func (a *App) SaveCampaign(ctx context.Context, sess *model.Session, saved model.Campaign) error {
	_, err := a.store.SaveCampaign(ctx, sess.ID, saved)
	return err
}

// PosterLook turns a layout and theme into poster values, the first of each when a value is
// empty or unknown.
func PosterLook(layout, theme string) (poster.Layout, poster.Theme) {
	l, t := poster.Layouts()[0], poster.Themes()[0]
	if slices.Contains(poster.Layouts(), poster.Layout(layout)) {
		l = poster.Layout(layout)
	}
	if slices.Contains(poster.Themes(), poster.Theme(theme)) {
		t = poster.Theme(theme)
	}
	return l, t
}

// Message returns the allowed message for a topic.
func (cc *ClassCampaign) Message(itemID string) (CampaignMessage, bool) {
	for _, m := range cc.Messages {
		if m.ItemID == itemID {
			return m, true
		}
	}
	return CampaignMessage{}, false
}

// Chosen lists the messages the class chose, in the order of Messages.
func (cc *ClassCampaign) Chosen() []CampaignMessage {
	var out []CampaignMessage
	for _, m := range cc.Messages {
		if m.Chosen {
			out = append(out, m)
		}
	}
	return out
}
