package model

import "strings"

// LocalHelp is a municipality's own help line on the pupils' thank-you page, set by its SSP
// consultant: a name, and a phone number, a web address or both, with a short text. The
// national lines (BørneTelefonen, Livslinien, headspace) are always there.
type LocalHelp struct {
	Municipality string `bson:"_id"`
	Name         string `bson:"name"`
	Phone        string `bson:"phone,omitempty"` // as people read it: "87 13 45 00"
	URL          string `bson:"url,omitempty"`   // https only
	Text         string `bson:"text,omitempty"`
	UpdatedDay   string `bson:"updated_day"`
}

// PhoneLink is the tel: address of the help line's phone number: its digits, and a leading
// + kept.
func (h LocalHelp) PhoneLink() string {
	out := []rune{}
	for i, r := range h.Phone {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			out = append(out, r)
		}
	}
	return "tel:" + string(out)
}

// URLText is the help line's web address as people read it: without https:// and "www.",
// and without a trailing slash.
func (h LocalHelp) URLText() string {
	t := strings.TrimPrefix(h.URL, "https://")
	t = strings.TrimPrefix(t, "www.")
	return strings.TrimSuffix(t, "/")
}
