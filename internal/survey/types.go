// Package survey reads and validates survey definitions: the YAML files in surveys/ that
// say which topics a "Jeg er helt normal" survey asks about, in which words and languages,
// and which answers count as the norm. It depends on nothing but YAML, so the command line,
// the web app and the statistics can all share one checked model of a survey.
package survey

import "strconv"

// Text is one piece of text in several languages, keyed by language tag ("da", "en", "uk",
// "ar"); surveys are written once and shown to each pupil in the language they pick.
type Text map[string]string

// In returns the text in lang, falling back to Danish and then English, so a page never
// shows an empty label when a translation is optional (discussion, campaign).
func (t Text) In(lang string) string {
	for _, l := range []string{lang, "da", "en"} {
		if s := t[l]; s != "" {
			return s
		}
	}
	return ""
}

// Option is one answer a pupil can pick. Norm marks the self options whose answers are
// counted as doing the behaviour; Value is the share (0 to 1) a perceived-scale step stands
// for, so the perceived mean can be compared with the actual share. NotApplicable marks a
// self option that says the question does not apply to the pupil ("I haven't seen that
// happen", "I'm not on social media"): such an answer counts on neither side, so it is left
// out of the actual share's denominator instead of landing on the side that is not counted.
type Option struct {
	ID            string  `json:"id"`
	Label         Text    `json:"label"`
	Norm          bool    `json:"norm"`
	NotApplicable bool    `json:"not_applicable,omitempty"`
	Value         float64 `json:"value"`
}

// SelfQuestion asks pupils what they do or feel themselves.
type SelfQuestion struct {
	Text    Text     `json:"text"`
	Options []Option `json:"options"`
}

// PerceivedQuestion asks pupils how many of their classmates they think do it; its answers
// are the steps of a shared scale, named by Scale.
type PerceivedQuestion struct {
	Text  Text   `json:"text"`
	Scale string `json:"scale"`
}

// Campaign holds the words a positive-norms message is built from. Statement always
// describes the healthy side, so a message never headlines a harmful behaviour. Approval is
// read from older survey files but never shown: a message claims nothing about what peers
// think unless an approval pair measured it (Item.ApprovalOf).
type Campaign struct {
	Statement Text `json:"statement"`
	Approval  Text `json:"approval,omitempty"`
}

// Item is one topic of a survey: a self question, a perceived question about the same
// behaviour, and the teaching material that goes with its result.
type Item struct {
	ID string `json:"id"`
	// Topic is the short name shown above the questions and in results.
	Topic Text `json:"topic"`
	// Healthy says whether the counted (norm) behaviour is a healthy one, which decides
	// how a campaign message may phrase it.
	Healthy bool `json:"healthy"`
	// Sensitive items are never shown at class level, only in large aggregates.
	Sensitive bool              `json:"sensitive"`
	Self      SelfQuestion      `json:"self"`
	Perceived PerceivedQuestion `json:"perceived"`
	// Discussion maps a language to the questions a teacher may ask the class.
	Discussion map[string][]string `json:"discussion"`
	Campaign   Campaign            `json:"campaign"`
	// ApprovalOf names the item whose approval pair this topic is ("drunk" for "drunk-ok"):
	// whether pupils find the counted behaviour OK, and how many they think do.
	ApprovalOf string `json:"approval_of,omitempty"`
}

// ApprovalSuffix ends the id of an item's approval pair: "drunk-ok".
const ApprovalSuffix = "-ok"

// ApprovalItem returns the approval pair of the item id, if the survey asks one.
func (s *Survey) ApprovalItem(id string) (*Item, bool) {
	for i := range s.Items {
		if s.Items[i].ApprovalOf == id {
			return &s.Items[i], true
		}
	}
	return nil, false
}

// Survey is one version of a survey definition. A new wording gets a new version, so
// responses always refer to the exact questions that were asked.
type Survey struct {
	ID        string   `json:"id"`
	Version   int      `json:"version"`
	Languages []string `json:"languages"`
	Title     Text     `json:"title"`
	Intro     Text     `json:"intro"`
	Grades    []int    `json:"grades"`
	// Minutes is about how long the survey takes; 0 when the file does not say.
	Minutes int                 `json:"minutes,omitempty"`
	Scales  map[string][]Option `json:"scales"`
	Items   []Item              `json:"items"`
	// File is the file the survey was read from, so messages can point at it.
	File string `json:"-"`
}

// Item returns the item with the given id; answers name items by id.
func (s *Survey) Item(id string) (*Item, bool) {
	for i := range s.Items {
		if s.Items[i].ID == id {
			return &s.Items[i], true
		}
	}
	return nil, false
}

// Scale returns the steps of an item's perceived question.
func (s *Survey) Scale(item *Item) []Option {
	return s.Scales[item.Perceived.Scale]
}

// SelfOption returns the self option with the given id, so an answer can be checked and
// counted.
func (it *Item) SelfOption(id string) (*Option, bool) {
	return findOption(it.Self.Options, id)
}

// PerceivedOption returns the step of an item's perceived scale with the given id.
func (s *Survey) PerceivedOption(item *Item, id string) (*Option, bool) {
	return findOption(s.Scale(item), id)
}

// Key identifies a survey version as "id@version", the form used in logs and messages.
func (s *Survey) Key() string {
	return s.ID + "@" + strconv.Itoa(s.Version)
}

func findOption(options []Option, id string) (*Option, bool) {
	for i := range options {
		if options[i].ID == id {
			return &options[i], true
		}
	}
	return nil, false
}
