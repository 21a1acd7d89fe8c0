// Package campaign turns results into positive-norm messages — "8 af 10 i 8.B sover mindst
// 8 timer, når der er skole dagen efter" — under the rules of the social-norms approach:
// a message speaks only of a true majority on the healthy side; a harmful behaviour is told
// by its complement ("9 af 10 har ikke været fulde …"), never by the share doing it (the
// boomerang effect, Schultz et al. 2007); every message is paired with an approval
// statement; nothing comes from hidden or sensitive figures. Pure Go.
package campaign

import (
	"fmt"
	"math"
	"sort"

	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Audience is the group a message speaks for and to.
type Audience struct {
	Level results.Level
	Name  string // "8.B", "Skovvangskolen", "Aarhus"
}

// Message is one positive-norm message with the figure it states and the group it speaks for.
type Message struct {
	ItemID   string  `json:"item_id"`
	Lang     string  `json:"lang"`
	Text     string  `json:"text"`     // the headline: "8 af 10 i 8.B sover …"
	Approval string  `json:"approval"` // the paired approval statement
	Share    float64 `json:"share"`    // the healthy share the text states
	OutOfTen int     `json:"out_of_ten"`
	Percent  int     `json:"percent"`
	Group    string  `json:"group"`
	N        int     `json:"n"`      // answers behind the figure
	GapPP    float64 `json:"gap_pp"` // how wrong the group's guess was (of the counted behaviour)
	Topic    string  `json:"topic"`
}

// MinShare is the smallest healthy share a message may state: a true majority.
const MinShare = 0.5

// Messages lists the messages a group's results allow, the topics the group misjudged most
// first. g must come from results (suppression applied); sensitive topics are left out at
// every level, and a topic is used only when at least half the group is on its healthy side.
func Messages(sv *survey.Survey, g results.Group, who Audience, lang string) []Message {
	if g.Suppressed {
		return nil
	}
	var out []Message
	for _, it := range g.Items {
		if Refusal(sv, g, it.ID) != Allowed {
			continue
		}
		def, _ := sv.Item(it.ID)
		share := results.HealthyShare(def, it)
		m := Message{
			ItemID: it.ID, Lang: lang, Share: share, OutOfTen: results.OutOfTen(share),
			Percent: int(math.Round(100 * share)), Group: who.Name, N: it.NSelf, GapPP: it.GapPP,
			Topic: def.Topic.In(lang), Approval: def.Campaign.Approval.In(lang),
		}
		m.Text = headline(lang, m.OutOfTen, who.Name, def.Campaign.Statement.In(lang))
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].GapPP) > math.Abs(out[j].GapPP) })
	return out
}

// Reason says why a topic has a message in a group or not; its value names the message
// that explains it (locales: campaign.no_poster.REASON).
type Reason string

// The reasons a topic has no message, checked in this order.
const (
	Allowed     Reason = ""
	Unknown     Reason = "unknown"       // not in the survey, or not asked
	TooFewGroup Reason = "too_few_group" // the whole group is under the minimum
	Sensitive   Reason = "sensitive"     // never on a message, at any level
	Hidden      Reason = "hidden"        // the topic's own figures are suppressed
	NoMajority  Reason = "no_majority"   // fewer than half on the healthy side
)

// Refusal is why a topic has no message in g, or Allowed. Messages uses it to choose, and
// pages to explain a missing poster, so both always agree.
func Refusal(sv *survey.Survey, g results.Group, itemID string) Reason {
	def, known := sv.Item(itemID)
	it, listed := g.Item(itemID)
	switch {
	case !known:
		return Unknown
	case g.Suppressed:
		return TooFewGroup
	case def.Sensitive:
		return Sensitive
	case !listed:
		return Unknown
	case it.Suppressed:
		return Hidden
	case results.HealthyShare(def, it) < MinShare:
		return NoMajority
	}
	return Allowed
}

// headline words a message: "8 af 10 i 8.B sover …", "8 out of 10 in 8.B sleep …".
func headline(lang string, outOfTen int, group, statement string) string {
	if lang == "en" {
		return fmt.Sprintf("%d out of 10 in %s %s", outOfTen, group, statement)
	}
	return fmt.Sprintf("%d af 10 i %s %s", outOfTen, group, statement)
}
