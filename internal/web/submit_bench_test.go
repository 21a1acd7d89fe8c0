package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

// BenchmarkSubmit is one pupil's answers to the short survey (6 topics) through the whole
// app in this process — handler, checks, the write and the embedded store — one after
// another. allocs/op and B/op count every allocation in the process, the store's included.
func BenchmarkSubmit(b *testing.B) {
	s := serverOn(b, storetest.New(b), nil)
	sv, _ := s.surveys.Latest("jeg-er-helt-normal-kort")
	answers := map[string]model.Answer{}
	var items []string
	for _, it := range sv.Items {
		items = append(items, it.ID)
		answers[it.ID] = model.Answer{Self: it.Self.Options[0].ID, Perceived: sv.Scale(&it)[3].ID}
	}
	ctx := context.Background()
	var code string
	newSession := func(i int) {
		sess := &model.Session{ID: store.NewID(), SurveyID: sv.ID, SurveyVersion: sv.Version, Items: items, Status: model.StatusOpen,
			ClassLabel: "8.B", Grade: 8, Wave: model.WaveBaseline, ExpectedPupils: 40, SchoolID: "school", Municipality: "Aarhus",
			CreatedDay: "2026-12-02", SchoolYear: "2026/27"}
		if err := s.st.CreateSession(ctx, sess, func() (string, error) { return benchCode(i), nil }); err != nil {
			b.Fatal(err)
		}
		code = sess.Code
	}
	handler := s.App().Handler()
	submit := func(i int) {
		body, _ := json.Marshal(map[string]any{"submission_id": fmt.Sprintf("bench-device-%08d", i), "lang": "da", "answers": answers})
		var rc fasthttp.RequestCtx
		rc.Request.Header.SetMethod(fasthttp.MethodPost)
		rc.Request.SetRequestURI("/api/v1/join/" + code + "/responses")
		rc.Request.Header.SetContentType("application/json")
		rc.Request.SetBody(body)
		handler(&rc)
		if rc.Response.StatusCode() != fasthttp.StatusCreated {
			b.Fatalf("submit %d: %d %s", i, rc.Response.StatusCode(), rc.Response.Body())
		}
	}
	newSession(0)
	submit(-1) // the session's first answer counts it and warms the caches
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i > 0 && i%40 == 0 {
			b.StopTimer()
			newSession(i / 40)
			submit(-1 - i)
			b.StartTimer()
		}
		submit(i)
	}
}

// benchCode is a join code of the readable alphabet, one per i.
func benchCode(i int) string {
	const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	code := []byte("BEN")
	for range 3 {
		code = append(code, alphabet[i%len(alphabet)])
		i /= len(alphabet)
	}
	return string(code)
}
