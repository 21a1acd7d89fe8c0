package web

import (
	"fmt"
	"math"
	"strings"

	"github.com/heltnormal/heltnormal/internal/campaign"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/poster"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// posterSpec is what a poster of m shows: its locked fact, its measured approval line and the
// group's slogan (no figure) beside it, and m's own figure. Every poster and tile carries the
// fact.
func posterSpec(l *i18n.Localizer, m campaign.Message, slogan string, layout poster.Layout, theme poster.Theme) poster.Spec {
	beside := strings.TrimSpace(slogan)
	if m.Approval != "" {
		beside = strings.TrimSpace(sentence(m.Approval) + " " + beside)
	}
	return poster.Spec{
		Headline: m.Text, Slogan: beside, OutOfTen: m.OutOfTen, Group: m.Group,
		Footer: l.T("campaign.poster.footer", "Group", m.Group, "N", m.N),
		Layout: layout, Theme: theme, Lang: m.Lang,
	}
}

// noMessageReason says, in l's language, why a topic has no message in a group
// (campaign.Refusal): not asked, too few answers, a sensitive topic, a hidden figure, no
// strict healthy majority, a guess that was right, or a misjudgement in the healthy
// direction.
func noMessageReason(l *i18n.Localizer, sv *survey.Survey, g results.Group, itemID string) string {
	reason := campaign.Refusal(sv, g, itemID)
	if reason == campaign.Allowed { // allowed in the group, but not in this language's list
		reason = campaign.NoMajority
	}
	return l.T("campaign.no_poster."+string(reason), "Min", g.MinGroup)
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
	guess := results.HealthyGuess(def, it)
	return l.T("campaign.guess_truth", "Guess", results.OutOfTen(guess), "Truth", m.OutOfTen)
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
