package poster

import (
	"regexp"
	"strings"
)

// glue keeps "8 af 10" on one line: its spaces are no-break spaces while the text is
// wrapped, and ordinary spaces again in the lines.
const glue = "\u00a0"

var figurePhrase = regexp.MustCompile(`(?i)\b(\d+) (ud af|af|out of) (\d+)\b`)

// wrap breaks text into lines no wider than maxWidth, between words; a word wider than a
// whole line is broken where it must, and broken says so.
func (tf *typeface) wrap(text string, bold bool, size, maxWidth float64) (lines []string, broken bool) {
	text = figurePhrase.ReplaceAllStringFunc(text, func(s string) string { return strings.ReplaceAll(s, " ", glue) })
	line := ""
	flush := func() {
		if line != "" {
			lines = append(lines, strings.ReplaceAll(line, glue, " "))
			line = ""
		}
	}
	for _, word := range strings.Split(text, " ") {
		if word == "" {
			continue
		}
		if line != "" && tf.width(line+" "+word, bold, size) <= maxWidth {
			line += " " + word
			continue
		}
		flush()
		for tf.width(word, bold, size) > maxWidth {
			broken = true
			head := tf.fitting(word, bold, size, maxWidth)
			lines = append(lines, strings.ReplaceAll(head, glue, " "))
			word = strings.TrimPrefix(word[len(head):], glue)
		}
		line = word
	}
	flush()
	return lines, broken
}

// fitting is the longest start of word (at least one character) no wider than maxWidth,
// cut after a hyphen or slash when it has one: "Ringkøbing-" / "Skjern".
func (tf *typeface) fitting(word string, bold bool, size, maxWidth float64) string {
	w, end, soft := 0.0, 0, 0
	for i, r := range word {
		a, _ := tf.advance(r, bold)
		if end > 0 && w+a*size > maxWidth {
			break
		}
		w += a * size
		end = i + len(string(r))
		if r == '-' || r == '/' {
			soft = end
		}
	}
	if soft > 0 {
		return word[:soft]
	}
	return word[:end]
}
