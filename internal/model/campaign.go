package model

// Campaign is what a class chose in the campaign workshop: the messages it will use, its own
// slogan beside each, and the look of its posters. The facts are not stored: every message's
// fact sentence is made again from the class's results and cannot be edited.
type Campaign struct {
	Layout   string            `bson:"layout" json:"layout"`
	Theme    string            `bson:"theme" json:"theme"`
	Lang     string            `bson:"lang,omitempty" json:"lang,omitempty"` // the language the texts are written in
	Messages []CampaignMessage `bson:"messages" json:"messages"`
}

// CampaignMessage is one chosen message: the topic and the class's slogan beside its fact,
// which carries no figure (campaign.CheckSlogan). Campaigns saved before facts were locked
// hold a rewritten headline here; it is used only if it passes as a slogan.
type CampaignMessage struct {
	ItemID string `bson:"item_id" json:"item_id"`
	Slogan string `bson:"text" json:"slogan"`
}

// Message returns the chosen message for a topic, if the class chose it.
func (c *Campaign) Message(itemID string) (CampaignMessage, bool) {
	if c == nil {
		return CampaignMessage{}, false
	}
	for _, m := range c.Messages {
		if m.ItemID == itemID {
			return m, true
		}
	}
	return CampaignMessage{}, false
}
