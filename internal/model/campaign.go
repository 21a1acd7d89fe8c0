package model

// Campaign is what a class chose in the campaign workshop: the messages it will use, in its
// own words, and the look of its posters. The figures are not stored: every message is made
// again from the class's results, and a text that no longer states the true figure is not
// used.
type Campaign struct {
	Layout   string            `bson:"layout" json:"layout"`
	Theme    string            `bson:"theme" json:"theme"`
	Lang     string            `bson:"lang,omitempty" json:"lang,omitempty"` // the language the texts are written in
	Messages []CampaignMessage `bson:"messages" json:"messages"`
}

// CampaignMessage is one chosen message: the topic and the class's wording of its headline.
type CampaignMessage struct {
	ItemID string `bson:"item_id" json:"item_id"`
	Text   string `bson:"text" json:"text"`
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
