package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

// seedRole creates an account with a role and returns its API token.
func seedRole(t testing.TB, s *testServer, role model.Role, municipality, email string) string {
	t.Helper()
	hash, err := webtest.FastHasher.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	u := &model.User{ID: store.NewID(), Email: email, PasswordHash: hash, Role: role, Municipality: municipality, CreatedDay: "2026-09-01"}
	if err := s.st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return apiToken(t, s, email, "correct horse battery")
}

// closedClass runs a whole class through the API: n pupils, yes of them sleep 8 hours or
// more, then the teacher closes the session.
func closedClass(t *testing.T, s *testServer, token, label string, n, yes int) createdSession {
	t.Helper()
	in := map[string]any{"survey_id": "jeg-er-helt-normal-kort", "class_label": label, "grade": 8, "wave": "baseline", "expected_pupils": n}
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions", token, in)
	if status != http.StatusCreated {
		t.Fatalf("create %s: %d %s", label, status, body)
	}
	var sess createdSession
	if err := json.Unmarshal([]byte(body), &sess); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		self := "lt7"
		if i < yes {
			self = "8plus"
		}
		if st, body := answer(t, s, sess.Code, fmt.Sprintf("%s-pupil-%02d-abcdefgh", strings.ReplaceAll(label, ".", ""), i), map[string]model.Answer{
			"sleep": {Self: self, Perceived: "5"}, "drunk": {Self: "no", Perceived: "3"},
		}); st != http.StatusCreated {
			t.Fatalf("answer: %d %s", st, body)
		}
	}
	if st, body := callAPI(t, s, http.MethodPost, "/api/v1/sessions/"+sess.ID+"/close", token, nil); st != 200 {
		t.Fatalf("close: %d %s", st, body)
	}
	return sess
}

type compareResponse struct {
	MinGroup int `json:"min_group"`
	Rows     []struct {
		Level      string `json:"level"`
		School     string `json:"school"`
		ClassLabel string `json:"class_label"`
		SessionID  string `json:"session_id"`
		N          int    `json:"n"`
		Suppressed bool   `json:"suppressed"`
		Items      []struct {
			ID          string   `json:"id"`
			Suppressed  bool     `json:"suppressed"`
			NSelf       int      `json:"n_self"`
			ActualShare *float64 `json:"actual_share"`
		} `json:"items"`
	} `json:"rows"`
}

func compareAs(t *testing.T, s *testServer, token, query string) (int, compareResponse, string) {
	t.Helper()
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/compare?"+query, token, nil)
	var out compareResponse
	if status == http.StatusOK {
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
	}
	return status, out, body
}

func TestCompareScopingAndComplementarySuppression(t *testing.T) {
	s := newServer(t)
	teacher, _ := seedTeacher(t, s, "Herning", "Brændgårdskolen", "t@herning.dk")
	other, _ := seedTeacher(t, s, "Holstebro", "Sønderlandsskolen", "t@holstebro.dk")
	closedClass(t, s, teacher, "8.A", 20, 15)
	closedClass(t, s, teacher, "8.B", 18, 9)
	small := closedClass(t, s, teacher, "8.C", 4, 1)
	closedClass(t, s, other, "8.X", 20, 10)

	ssp := seedRole(t, s, model.RoleSSP, "Herning", "ssp@herning.dk")
	sspOther := seedRole(t, s, model.RoleSSP, "Holstebro", "ssp@holstebro.dk")
	admin := seedRole(t, s, model.RoleAdmin, "", "admin@rm.dk")
	q := "municipality=Herning&survey_id=jeg-er-helt-normal-kort"

	// Scoping: the municipality's SSP and admins see it; nobody else.
	for _, c := range []struct {
		who   string
		token string
		want  int
	}{{"ssp of Herning", ssp, 200}, {"admin", admin, 200}, {"ssp of Holstebro", sspOther, 403}, {"teacher", teacher, 403}, {"nobody", "", 401}} {
		if st, _, body := compareAs(t, s, c.token, q); st != c.want {
			t.Errorf("%s: %d, want %d (%s)", c.who, st, c.want, body)
		}
	}
	// An SSP consultant without a municipality parameter gets their own; never another's.
	_, own, _ := compareAs(t, s, sspOther, "survey_id=jeg-er-helt-normal-kort")
	for _, r := range own.Rows {
		if r.School != "Sønderlandsskolen" {
			t.Errorf("Holstebro's SSP sees %q", r.School)
		}
	}
	if st, _, _ := compareAs(t, s, sspOther, "scope=region&survey_id=jeg-er-helt-normal-kort"); st != 403 {
		t.Errorf("an SSP consultant compared the region: %d", st)
	}

	_, got, body := compareAs(t, s, ssp, q)
	// The class of 4 is listed (suppressed) but counted in no total: the school is 8.A + 8.B.
	if len(got.Rows) != 4 || got.Rows[0].Level != "school" || got.Rows[0].N != 38 {
		t.Fatalf("rows: %s", body)
	}
	byClass := map[string]int{}
	for i, r := range got.Rows {
		byClass[r.ClassLabel] = i
	}
	c := got.Rows[byClass["8.C"]]
	if !c.Suppressed || len(c.Items) != 0 || c.SessionID != small.ID {
		t.Errorf("the class of 4: %+v", c)
	}
	// School − 8.A − 8.B is nothing: 8.C's answers are in no total, so no class needs to be
	// hidden to protect it.
	school := got.Rows[0]
	var sum int
	for _, label := range []string{"8.A", "8.B"} {
		for _, it := range got.Rows[byClass[label]].Items {
			if it.ID == "sleep" {
				if it.Suppressed {
					t.Errorf("%s sleep hidden without need", label)
				}
				sum += it.NSelf
			}
		}
	}
	for _, it := range school.Items {
		if it.ID == "sleep" && (it.Suppressed || it.NSelf != sum || it.ActualShare == nil || *it.ActualShare != 24.0/38) {
			t.Errorf("school sleep = %+v, want 24/38 from 8.A and 8.B only", it)
		}
	}

	// Bad filters are 400 with the field named.
	if st, _, body := compareAs(t, s, ssp, q+"&wave=sometimes"); st != 400 || !contains(body, `"wave"`) {
		t.Errorf("bad wave: %d %s", st, body)
	}
	if st, _, body := compareAs(t, s, ssp, "municipality=Herning&survey_id=nope"); st != 400 || !contains(body, `"survey_id"`) {
		t.Errorf("unknown survey: %d %s", st, body)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
