package e2e

import (
	"fmt"

	"github.com/chromedp/chromedp"
)

// skip is the "Vil ikke svare" choice in choose; an empty string leaves a question untouched.
const skip = "skip"

// choose answers one topic's two questions on the survey page by clicking (or, on a touch
// screen, tapping) the answers' labels, as a pupil does, and checks that the choice took.
func (b *tab) choose(tap bool, item, self, perceived string) {
	b.t.Helper()
	for _, q := range []struct{ kind, value string }{{"self", self}, {"perceived", perceived}} {
		if q.value == "" {
			continue
		}
		if q.value == skip {
			q.value = ""
		}
		input := fmt.Sprintf(`input[name="a.%s.%s"][value="%s"]`, item, q.kind, q.value)
		label := chromedp.CSS("label:has(> " + input + ")")
		if tap {
			b.do(chromedp.Tap(label))
		} else {
			b.do(chromedp.Click(label))
		}
		if !eval[bool](b, fmt.Sprintf(`document.querySelector(%q).checked`, input)) {
			b.t.Fatalf("clicking %s did not choose it", input)
		}
	}
}

// currentTopic is the id of the topic on screen (the survey shows one at a time).
const currentTopic = `(() => { const t = [...document.querySelectorAll("fieldset.topic")].find(t => !t.hidden); return t ? t.id : ""; })()`

// next presses "Næste" and waits for the next topic.
func (b *tab) next() {
	b.t.Helper()
	before := eval[string](b, currentTopic)
	b.click("#step-next")
	b.waitFor("the topic after "+before, fmt.Sprintf(`%s !== %q`, currentTopic, before))
}
