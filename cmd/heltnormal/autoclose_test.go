package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/loadtest"
	"github.com/heltnormal/heltnormal/internal/model"
)

// A session its teacher forgets to close closes itself after HELTNORMAL_MAX_OPEN, with its
// summary, and reaches the SSP consultants' comparisons.
func TestASessionLeftOpenClosesItselfAndReachesTheComparisons(t *testing.T) {
	base, _, stop := startServe(t, map[string]string{"HELTNORMAL_DATA_DIR": t.TempDir(), "HELTNORMAL_ADDR": "127.0.0.1:0",
		"HELTNORMAL_MAX_OPEN": "3s", "HELTNORMAL_ADMIN_EMAIL": "admin@region.invalid", "HELTNORMAL_ADMIN_PASSWORD": "a long admin password"})
	defer stop()
	ctx := context.Background()
	c := &loadtest.Client{Base: base, HTTP: &http.Client{Timeout: 10 * time.Second}}
	var tok struct{ Token string }
	must := func(_ int, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.Call(ctx, "POST", "/api/v1/auth/token", map[string]string{"email": "admin@region.invalid", "password": "a long admin password"}, &tok))
	admin := tok.Token
	c.Token = admin
	var school struct{ ID string }
	must(c.Call(ctx, "POST", "/api/v1/schools", map[string]string{"municipality": "Skive", "name": "Glattrup Skole"}, &school))
	must(c.Call(ctx, "POST", "/api/v1/users", map[string]string{"email": "laerer@skive.invalid", "password": "en lang adgangskode til skolen", "role": "teacher", "school_id": school.ID}, nil))
	must(c.Call(ctx, "POST", "/api/v1/auth/token", map[string]string{"email": "laerer@skive.invalid", "password": "en lang adgangskode til skolen"}, &tok))
	c.Token = tok.Token
	var sess struct{ ID, Code, Status string }
	must(c.Call(ctx, "POST", "/api/v1/sessions", map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": "8.A", "grade": 8,
		"wave": "baseline", "expected_pupils": 20, "items": []string{"sleep"}}, &sess))
	pupil := &loadtest.Client{Base: base, HTTP: c.HTTP}
	for i := range 6 {
		must(pupil.Call(ctx, "POST", "/api/v1/join/"+sess.Code+"/responses", map[string]any{"submission_id": fmt.Sprintf("device-%02d-abcdefghijkl", i),
			"answers": map[string]model.Answer{"sleep": {Self: "8plus", Perceived: "6"}}}, nil))
	}
	deadline := time.Now().Add(15 * time.Second)
	for sess.Status != model.StatusClosed {
		if time.Now().After(deadline) {
			t.Fatalf("the session is still %q 15 s after opening with HELTNORMAL_MAX_OPEN=3s", sess.Status)
		}
		time.Sleep(250 * time.Millisecond)
		must(c.Call(ctx, "GET", "/api/v1/sessions/"+sess.ID, nil, &sess))
	}
	if _, err := pupil.Call(ctx, "POST", "/api/v1/join/"+sess.Code+"/responses", map[string]any{"submission_id": "device-late-abcdefghijkl",
		"answers": map[string]model.Answer{"sleep": {Self: "8plus"}}}, nil); err == nil || !strings.Contains(err.Error(), "410") {
		t.Errorf("an answer after the session closed itself: %v", err)
	}
	c.Token = admin
	var cmp map[string]any
	must(c.Call(ctx, "GET", "/api/v1/compare?municipality=Skive&survey_id=jeg-er-helt-normal-kort&school_year="+model.SchoolYear(time.Now()), nil, &cmp))
	if body := fmt.Sprint(cmp); !strings.Contains(body, "Glattrup Skole") || !strings.Contains(body, "8.A") {
		t.Errorf("the class closed by the server is not in the comparison: %.600s", body)
	}
}
