package web_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestSurveysAPIContract(t *testing.T) {
	s := newServer(t)
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/surveys", "", nil)
	if status != 200 || !contains(body, `"id":"jeg-er-helt-normal-7-9"`) || !contains(body, `"id":"jeg-er-helt-normal-kort"`) {
		t.Fatalf("list: %d %s", status, body)
	}
	status, body = callAPI(t, s, http.MethodGet, "/api/v1/surveys/jeg-er-helt-normal-kort", "", nil)
	if status != 200 {
		t.Fatalf("show: %d %s", status, body)
	}
	var sv struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
		Title   map[string]string
		Scales  map[string][]map[string]any `json:"scales"`
		Items   []struct {
			ID        string            `json:"id"`
			Topic     map[string]string `json:"topic"`
			Healthy   *bool             `json:"healthy"`
			Sensitive *bool             `json:"sensitive"`
			Self      struct {
				Text    map[string]string `json:"text"`
				Options []map[string]any  `json:"options"`
			} `json:"self"`
			Perceived struct {
				Text  map[string]string `json:"text"`
				Scale string            `json:"scale"`
			} `json:"perceived"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &sv); err != nil {
		t.Fatal(err)
	}
	if sv.ID != "jeg-er-helt-normal-kort" || sv.Version != 2 || sv.Title["da"] == "" || len(sv.Items) != 6 {
		t.Fatalf("survey %+v", sv)
	}
	steps := sv.Scales["of-ten"]
	if len(steps) != 11 || steps[10]["value"] != 1.0 || steps[0]["id"] != "0" || steps[0]["label"] == nil {
		t.Errorf("scale of-ten: %v", steps)
	}
	if _, hasNorm := steps[0]["norm"]; hasNorm {
		t.Error("scale steps carry norm")
	}
	sleep := sv.Items[0]
	if sleep.ID != "sleep" || sleep.Healthy == nil || sleep.Sensitive == nil || sleep.Perceived.Scale != "of-ten" || sleep.Self.Text["en"] == "" {
		t.Errorf("item %+v", sleep)
	}
	norms := 0
	for _, o := range sleep.Self.Options {
		if _, hasValue := o["value"]; hasValue {
			t.Errorf("self option carries value: %v", o)
		}
		if o["norm"] == true {
			norms++
		}
	}
	if norms == 0 {
		t.Error("no norm option")
	}
	if status, _ := callAPI(t, s, http.MethodGet, "/api/v1/surveys/nope", "", nil); status != 404 {
		t.Errorf("unknown survey: %d", status)
	}
}
