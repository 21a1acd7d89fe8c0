package campaign

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSloganLength keeps a class's slogan short enough to sit beside the fact on a poster.
const MaxSloganLength = 80

// A message's fact sentence is made from the data and locked: no class can change what it
// says ("7 af 10 i 8.B sover under 7 timer" about a class where 5 of 25 do, or "9 af 10 har
// været fulde" about the complement). Beside it a class writes its own slogan, in its own
// words — and with no figure at all, so it can state nothing about how many: no digits in
// any script, no number words in the pupils' languages, no percentages.

// numberWords are the number words of the pupils' languages, lower-case. Danish "en" and
// "et" are left out: they are also the articles ("en klasse"), as English "one" is a pronoun.
var numberWords = wordSet(
	// Danish
	"nul én ét to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten sytten atten nitten "+
		"tyve tredive tredve fyrre fyrretyve halvtreds tres halvfjerds firs halvfems hundrede hundred tusind tusinde "+
		"million halv halvt halvdelen halvdel kvart procent promille dusin",
	// English
	"zero none two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "+
		"seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "+
		"half quarter percent dozen",
	// Ukrainian
	"нуль один одна одне одну два дві три чотири п'ять пʼять шість сім вісім дев'ять девʼять десять двадцять "+
		"тридцять сорок п'ятдесят сто тисяча тисячі половина половину чверть відсоток відсотки відсотків",
	// Arabic
	"صفر واحد واحدة اثنان اثنين اثنتان ثلاثة ثلاث أربعة أربع خمسة خمس ستة ست سبعة سبع ثمانية ثمان تسعة تسع "+
		"عشرة عشر عشرون عشرين مئة مائة ألف نصف ربع بالمئة بالمائة المئة المائة",
)

func wordSet(lists ...string) map[string]bool {
	set := map[string]bool{}
	for _, list := range lists {
		for _, w := range strings.Fields(list) {
			set[w] = true
		}
	}
	return set
}

// CheckSlogan says whether a group's slogan may stand beside a locked fact. An empty slogan
// is allowed (the poster carries the fact alone). The group's own name ("8.B") is not a
// figure and may appear. The error says what to fix, in lang.
func CheckSlogan(lang, group, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	if utf8.RuneCountInString(text) > MaxSloganLength {
		return sloganError(lang,
			fmt.Sprintf("Jeres egne ord må højst være %d tegn.", MaxSloganLength),
			fmt.Sprintf("Your own words can be at most %d characters.", MaxSloganLength))
	}
	scanned := text
	if group != "" {
		scanned = strings.ReplaceAll(text, group, " ")
	}
	for _, r := range scanned {
		if unicode.IsNumber(r) || r == '%' || r == '‰' || r == '٪' {
			return sloganError(lang,
				fmt.Sprintf("%q er et tal. Tallet står i fakta-sætningen; jeres egne ord må ikke have tal.", string(r)),
				fmt.Sprintf("%q is a figure. The figure is in the fact sentence; your own words may have none.", string(r)))
		}
	}
	for _, w := range words(scanned) {
		if numberWords[w] {
			return sloganError(lang,
				fmt.Sprintf("%q er et tal. Tallet står i fakta-sætningen; jeres egne ord må ikke have tal.", w),
				fmt.Sprintf("%q is a figure. The figure is in the fact sentence; your own words may have none.", w))
		}
	}
	return nil
}

// words splits text into lower-case words (letters and the apostrophes inside Ukrainian
// words).
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != 'ʼ' && r != '’'
	})
}

// SloganError explains why a slogan was refused; its message is for the class to read.
type SloganError struct{ Message string }

func (e *SloganError) Error() string { return e.Message }

func sloganError(lang, da, en string) error {
	if lang == "en" {
		return &SloganError{en}
	}
	return &SloganError{da}
}
