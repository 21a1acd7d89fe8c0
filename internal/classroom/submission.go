package classroom

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Submission is what a pupil's device sends: its own random id for this submission, the
// language the pupil answered in, and an answer per topic (skipped topics may be missing).
type Submission struct {
	SubmissionID string                  `json:"submission_id"`
	Lang         string                  `json:"lang"`
	Answers      map[string]model.Answer `json:"answers"`
}

// submissionIDPattern accepts what devices make (UUIDs, base64url) and nothing that could
// carry markup or query operators.
var submissionIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// Check validates sub against the survey and the topics the session asks, and returns the
// answers to store: skipped questions dropped, topics answered with nothing removed. Errors
// are keyed by field ("answers.sleep.perceived") with a message a developer can act on.
func Check(sub Submission, sv *survey.Survey, topics []string, langs []string) (map[string]model.Answer, error) {
	fields := map[string]string{}
	if sub.SubmissionID == "" {
		fields["submission_id"] = "required: a random id made on the device for this submission"
	} else if !submissionIDPattern.MatchString(sub.SubmissionID) {
		fields["submission_id"] = "must be 16 to 64 characters of A-Z, a-z, 0-9, '-' and '_'"
	}
	if sub.Lang != "" && !slices.Contains(langs, sub.Lang) {
		fields["lang"] = fmt.Sprintf("unknown language %q; one of %v", sub.Lang, langs)
	}
	clean := map[string]model.Answer{}
	for topic, a := range sub.Answers {
		key := "answers." + topic
		item, ok := sv.Item(topic)
		if !ok || !slices.Contains(topics, topic) {
			fields[key] = fmt.Sprintf("unknown topic %q in this session", topic)
			continue
		}
		if a.Self != "" {
			if _, ok := item.SelfOption(a.Self); !ok {
				fields[key+".self"] = fmt.Sprintf("unknown option %q for topic %q", a.Self, topic)
			}
		}
		if a.Perceived != "" {
			if _, ok := sv.PerceivedOption(item, a.Perceived); !ok {
				fields[key+".perceived"] = fmt.Sprintf("%q is not a step of scale %q", a.Perceived, item.Perceived.Scale)
			}
		}
		if a.Self != "" || a.Perceived != "" {
			clean[topic] = a
		}
	}
	if len(fields) > 0 {
		return nil, model.Invalid("the answers are not valid; nothing was saved", fields)
	}
	return clean, nil
}
