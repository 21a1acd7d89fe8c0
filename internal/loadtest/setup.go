package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"
)

// SurveyShape is the part of GET /api/v1/surveys/{id} a client needs to answer like a pupil:
// each topic's self options and perceived scale. The fault test shares it.
type SurveyShape struct {
	Scales map[string][]struct {
		ID string `json:"id"`
	} `json:"scales"`
	Items []struct {
		ID   string `json:"id"`
		Self struct {
			Options []struct {
				ID string `json:"id"`
			} `json:"options"`
		} `json:"self"`
		Perceived struct {
			Scale string `json:"scale"`
		} `json:"perceived"`
	} `json:"items"`
}

// randomAnswers answers every topic, skipping a question now and then.
func (sv SurveyShape) randomAnswers(rng *rand.Rand) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, it := range sv.Items {
		a := map[string]string{}
		if rng.IntN(20) > 0 {
			a["self"] = it.Self.Options[rng.IntN(len(it.Self.Options))].ID
		}
		if steps := sv.Scales[it.Perceived.Scale]; rng.IntN(20) > 0 && len(steps) > 0 {
			a["perceived"] = steps[rng.IntN(len(steps))].ID
		}
		out[it.ID] = a
	}
	return out
}

// setUp logs in as the administrator, makes a school and a teacher, and opens one session
// per class, as a teacher would.
func (c *Client) setUp(ctx context.Context, o Options) ([]session, SurveyShape, error) {
	var sv SurveyShape
	var tok struct{ Token string }
	if err := c.do(ctx, "POST", "/api/v1/auth/token", jsonBody(map[string]string{"email": o.AdminEmail, "password": o.AdminPassword}), &tok); err != nil {
		return nil, sv, err
	}
	c.Token = tok.Token
	suffix := time.Now().Format("150405.000")
	var school struct{ ID string }
	if err := c.do(ctx, "POST", "/api/v1/schools", jsonBody(map[string]string{"municipality": "Aarhus", "name": "Benchmark-skolen " + suffix}), &school); err != nil {
		return nil, sv, err
	}
	teacher := fmt.Sprintf("bench-%s@heltnormal.invalid", suffix)
	if err := c.do(ctx, "POST", "/api/v1/users", jsonBody(map[string]string{"email": teacher, "password": "benchmark-password", "role": "teacher", "school_id": school.ID}), nil); err != nil {
		return nil, sv, err
	}
	if err := c.do(ctx, "POST", "/api/v1/auth/token", jsonBody(map[string]string{"email": teacher, "password": "benchmark-password"}), &tok); err != nil {
		return nil, sv, err
	}
	c.Token = tok.Token
	if err := c.do(ctx, "GET", "/api/v1/surveys/jeg-er-helt-normal-7-9", nil, &sv); err != nil {
		return nil, sv, err
	}
	sessions := make([]session, o.Classes)
	for i := range sessions {
		in := map[string]any{"survey_id": "jeg-er-helt-normal-7-9", "class_label": fmt.Sprintf("%d.%c", 7+i%3, 'A'+rune(i/3%26)),
			"grade": 7 + i%3, "wave": "baseline", "expected_pupils": o.Pupils}
		if err := c.do(ctx, "POST", "/api/v1/sessions", jsonBody(in), &sessions[i]); err != nil {
			return nil, sv, err
		}
	}
	return sessions, sv, nil
}

func jsonBody(v any) []byte {
	data, _ := json.Marshal(v)
	return data
}
