// Package campaign turns results into positive-norm messages — "8 af 10 i 8.B sover mindst
// 8 timer, når der er skole dagen efter" — under the rules of the social-norms approach:
//   - a message corrects a misperception in the healthy direction: the group guessed fewer on
//     the healthy side than there are (it overestimated the risky behaviour or underestimated
//     the healthy one) by at least MinCorrection; where it guessed right, or guessed better
//     than the truth, a message would reinforce the wrong idea, so there is none;
//   - it speaks only of a strict majority on the healthy side, stated as at least 6 af 10;
//   - a harmful behaviour is told by its complement ("9 af 10 har ikke været fulde …"), never
//     by the share doing it (the boomerang effect, Schultz et al. 2007);
//   - its fact sentence is made from the data and locked; a class adds its own slogan, which
//     carries no figure (slogan.go);
//   - nothing comes from hidden or sensitive figures.
//
// Pure Go.
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
	ItemID string `json:"item_id"`
	Lang   string `json:"lang"`
	Text   string `json:"text"` // the locked fact: "8 af 10 i 8.B sover …"
	// Approval is the measured approval line, when the survey asked the topic's approval
	// pair and a strict majority of the group is on its healthy side: "9 af 10 i 8.B synes
	// ikke, det er i orden at drikke sig fuld". Locked like the fact; empty otherwise.
	Approval string  `json:"approval,omitempty"`
	Share    float64 `json:"share"` // the healthy share the text states
	OutOfTen int     `json:"out_of_ten"`
	Percent  int     `json:"percent"`
	Group    string  `json:"group"`
	N        int     `json:"n"`      // answers behind the figure
	GapPP    float64 `json:"gap_pp"` // how wrong the group's guess was (of the counted behaviour)
	// CorrectionPP is how many percentage points more are on the healthy side than the group
	// guessed: what the message corrects. Messages are ranked by it.
	CorrectionPP float64 `json:"correction_pp"`
	Topic        string  `json:"topic"`
}

// A message needs a strict majority on the healthy side (results.HealthyMajority: more
// than MajorityShare, stated as at least MinOutOfTen af 10) and a misperception of at least
// MinCorrection in the healthy direction. The margin is one step of the scale pupils guess on ("X af 10"): a smaller gap
// is within the rounding of the figures the message states, so the class "guessed right" in
// its own terms, and a message would correct nothing they can see. It is also the design's
// line between a guess that was right and one that over- or underestimated (results).
const (
	MajorityShare = results.MajorityShare
	MinOutOfTen   = results.MajorityOutOfTen
	MinCorrection = 0.10
)

// Messages lists the messages a group's results allow (Refusal says why a topic has none),
// the largest correction first. g must come from results (suppression applied).
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
			Percent: results.Percent(share), Group: who.Name, N: it.NSelf, GapPP: it.GapPP,
			CorrectionPP: math.Round(1000*(share-results.HealthyGuess(def, it))) / 10,
			Topic:        def.Topic.In(lang),
		}
		m.Text = headline(lang, m.OutOfTen, who.Name, def.Campaign.Statement.In(lang))
		m.Approval = approvalLine(sv, g, def, who, lang)
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CorrectionPP > out[j].CorrectionPP })
	return out
}

// Reason says why a topic has a message in a group or not; its value names the message
// that explains it (locales: campaign.no_poster.REASON).
type Reason string

// The reasons a topic has no message, checked in this order.
const (
	Allowed        Reason = ""
	Unknown        Reason = "unknown"         // not in the survey, or not asked
	TooFewGroup    Reason = "too_few_group"   // the whole group is under the minimum
	Sensitive      Reason = "sensitive"       // never on a message, at any level
	Hidden         Reason = "hidden"          // the topic's own figures are suppressed
	ApprovalPair   Reason = "approval_pair"   // an approval pair: its item's message's approval line
	NoMajority     Reason = "no_majority"     // no strict majority on the healthy side, or under 6 af 10
	GuessedRight   Reason = "guessed_right"   // the guess was within MinCorrection of the truth
	WrongDirection Reason = "wrong_direction" // the group thought it healthier than it is
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
	case def.ApprovalOf != "":
		return ApprovalPair
	case !listed:
		return Unknown
	case it.Suppressed:
		return Hidden
	}
	share := results.HealthyShare(def, it)
	if !results.HealthyMajority(share) {
		return NoMajority
	}
	switch correction := share - results.HealthyGuess(def, it); {
	case correction >= MinCorrection-1e-9:
		return Allowed
	case correction <= -MinCorrection+1e-9:
		return WrongDirection
	}
	return GuessedRight
}

// approvalLine is the measured approval line of item def's message: the group's approval
// pair stated on its healthy side when a strict majority (at least 6 af 10) is there, and
// "" when the survey did not ask it, its figures are hidden, or there is no such majority.
func approvalLine(sv *survey.Survey, g results.Group, def *survey.Item, who Audience, lang string) string {
	ap, ok := sv.ApprovalItem(def.ID)
	if !ok {
		return ""
	}
	it, listed := g.Item(ap.ID)
	if !listed || it.Suppressed {
		return ""
	}
	share := results.HealthyShare(ap, it)
	if !results.HealthyMajority(share) {
		return ""
	}
	return headline(lang, results.OutOfTen(share), who.Name, ap.Campaign.Statement.In(lang))
}

// headline words a message: "8 af 10 i 8.B sover …", "8 out of 10 in 8.B sleep …".
func headline(lang string, outOfTen int, group, statement string) string {
	if lang == "en" {
		return fmt.Sprintf("%d out of 10 in %s %s", outOfTen, group, statement)
	}
	return fmt.Sprintf("%d af 10 i %s %s", outOfTen, group, statement)
}
