package survey

import (
	"strings"
	"testing"
)

// withApproval is the minimal survey with an approval pair on its item.
const withApproval = minimal + `    approval:
      topic: {da: "Søvn – er det i orden?", en: "Sleep – is it OK?"}
      self:
        text: {da: "Er det i orden at gå tidligt i seng?", en: "Is it OK to go to bed early?"}
        options:
          - {id: "no", label: {da: Nej, en: "No"}}
          - {id: "yes", label: {da: Ja, en: "Yes"}, norm: true}
      perceived:
        text: {da: "Hvor mange synes, det er i orden?", en: "How many think it is OK?"}
        scale: yes-no
      statement: {da: "synes, det er i orden at gå tidligt i seng", en: think it is OK to go to bed early}
`

func TestApprovalPairBecomesATopicAfterItsItem(t *testing.T) {
	s, err := Parse("approval.yaml", []byte(withApproval))
	if err != nil {
		t.Fatalf("invalid:\n%v", err)
	}
	if len(s.Items) != 2 || s.Items[0].ID != "sleep" || s.Items[1].ID != "sleep-ok" {
		t.Fatalf("items %+v", s.Items)
	}
	ap, ok := s.ApprovalItem("sleep")
	if !ok || ap.ApprovalOf != "sleep" || !ap.Healthy || ap.Topic.In("en") != "Sleep – is it OK?" ||
		len(ap.Self.Options) != 2 || ap.Perceived.Scale != "yes-no" || ap.Campaign.Statement.In("da") != "synes, det er i orden at gå tidligt i seng" {
		t.Errorf("approval item %+v", ap)
	}
	if _, ok := s.ApprovalItem("nothing"); ok {
		t.Error("an approval pair for an item without one")
	}
}

func TestApprovalPairProblems(t *testing.T) {
	for name, c := range map[string]struct{ yaml, want string }{
		"missing statement": {withApproval[:strings.LastIndex(withApproval, "      statement:")],
			`item "sleep": approval: missing key "statement"`},
		"unknown scale": {strings.Replace(withApproval, "        scale: yes-no\n      statement", "        scale: nope\n      statement", 1),
			`unknown scale`},
		"a topic without its English": {strings.Replace(withApproval, `{da: "Søvn – er det i orden?", en: "Sleep – is it OK?"}`, `{da: "Søvn – er det i orden?"}`, 1),
			`approval.topic`},
	} {
		_, err := Parse("approval.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a problem with %q", name, err, c.want)
		}
	}
}
