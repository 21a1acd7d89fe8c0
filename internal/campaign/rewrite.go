package campaign

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxTextLength keeps a headline short enough for a poster.
const MaxTextLength = 140

// figurePattern finds figures a text states: "8 af 10", "8 ud af 10", "8 out of 10",
// "8/10", "80 %", "80%", "80 procent", "80 percent".
var figurePattern = regexp.MustCompile(`(?i)(\d+)\s*(?:(?:ud\s+)?af|out\s+of|/)\s*(\d+)|(\d+)\s*(?:%|procent|percent|pct\.?)`)

// CheckRewrite says whether a class's own wording of m may be used: the words are theirs,
// the figure is not. The text must state m's figure (as "X af 10" or as a percentage) and no
// other figure, so a rewrite can neither change the number nor turn the message around to the
// share doing something harmful. The error says what to fix, in the message's language.
func CheckRewrite(m Message, text string) error {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return rewriteError(m.Lang, "Skriv et budskab.", "Write a message.")
	case utf8.RuneCountInString(text) > MaxTextLength:
		return rewriteError(m.Lang,
			fmt.Sprintf("Budskabet må højst være %d tegn.", MaxTextLength),
			fmt.Sprintf("The message can be at most %d characters.", MaxTextLength))
	}
	stated := false
	for _, f := range figurePattern.FindAllStringSubmatch(text, -1) {
		if ok := figureMatches(m, f); !ok {
			return rewriteError(m.Lang,
				fmt.Sprintf("Tallet %q passer ikke. Det rigtige tal er %d af 10 (%d %%). I må gerne ændre ordene, men ikke tallet.", strings.TrimSpace(f[0]), m.OutOfTen, m.Percent),
				fmt.Sprintf("The figure %q is not right. The true figure is %d out of 10 (%d%%). You may change the words, but not the figure.", strings.TrimSpace(f[0]), m.OutOfTen, m.Percent))
		}
		stated = true
	}
	if !stated {
		return rewriteError(m.Lang,
			fmt.Sprintf("Budskabet skal sige tallet: %d af 10 (eller %d %%).", m.OutOfTen, m.Percent),
			fmt.Sprintf("The message must state the figure: %d out of 10 (or %d%%).", m.OutOfTen, m.Percent))
	}
	return nil
}

// figureMatches reports whether one figure found in a text is m's figure.
func figureMatches(m Message, f []string) bool {
	if f[3] != "" { // a percentage
		p, err := strconv.Atoi(f[3])
		return err == nil && p == m.Percent
	}
	x, err1 := strconv.Atoi(f[1])
	of, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil || of == 0 {
		return false
	}
	// "8 af 10", also "4 af 5" or "16 af 20": the same share as X af 10, to the tenth.
	return of <= 100 && x*10 == m.OutOfTen*of
}

// RewriteError explains why a rewrite was refused; its message is for the class to read.
type RewriteError struct{ Message string }

func (e *RewriteError) Error() string { return e.Message }

func rewriteError(lang, da, en string) error {
	if lang == "en" {
		return &RewriteError{en}
	}
	return &RewriteError{da}
}
