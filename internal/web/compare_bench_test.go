package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/demo"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// BenchmarkSchoolYear measures a store holding a region's school year: 2,000 closed class
// sessions with 25 answers each (50,000 responses), in the embedded store (or MONGODB_URI).
// The SSP dashboard's data and the region comparison (target ≤ 300 ms each, also for an
// administrator's and a coordinator's municipality, cut from the region; "-cold" drops
// the cache of summaries before every request: the first request after a start), one session
// read by id in the store itself (≤ 2 ms; the app reads it from memory), the municipality's
// report as a PDF (≤ 2 s), and the session
// lists of an SSP consultant and an administrator (≤ 50 ms). `make bench` runs it.
func BenchmarkSchoolYear(b *testing.B) {
	s := newServer(b)
	sv, ok := s.surveys.Latest("jeg-er-helt-normal-7-9")
	if !ok {
		b.Fatal("survey missing")
	}
	start := time.Now()
	counts, err := demo.Region(context.Background(), s.st, sv, demo.Options{
		Sessions: 2000, PupilsPerSession: 25, SchoolsPerMunicipality: 6, SchoolYear: "2026/27", Day: "2026-10-01", Seed: 1,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d schools, %d sessions, %d responses in %s", counts.Schools, counts.Sessions, counts.Responses, time.Since(start).Round(time.Millisecond))
	ssp := seedRole(b, s, model.RoleSSP, "Aarhus", "ssp@aarhus.dk")
	admin := seedRole(b, s, model.RoleAdmin, "", "admin@rm.dk")
	coordinator := seedCoordinator(b, s, "region@rm.dk", "Midtjylland", "")

	municipality := "municipality=Aarhus&survey_id=jeg-er-helt-normal-7-9&school_year=2026/27"
	region := "scope=region&survey_id=jeg-er-helt-normal-7-9&school_year=2026/27"
	for _, c := range []struct {
		name, token, query string
		cold               bool // every request reads the summaries from the store
	}{
		{"dashboard-page", ssp, "", false},
		{"dashboard-page-cold", ssp, "", true},
		{"municipality", ssp, municipality, false},
		{"municipality-cold", ssp, municipality, true},
		{"region", admin, region, false},
		{"region-cold", admin, region, true},
		// An administrator's and a coordinator's municipality is cut from the region's tree.
		{"municipality-admin", admin, municipality, false},
		{"municipality-coordinator", coordinator, municipality, false},
		{"report-pdf", ssp, "report:" + municipality, false},
	} {
		b.Run(c.name, func(b *testing.B) {
			var worst time.Duration
			for b.Loop() {
				if c.cold {
					s.st.DropSummaryCache()
				}
				t0 := time.Now()
				path := "/api/v1/compare?" + c.query
				switch report, ok := strings.CutPrefix(c.query, "report:"); {
				case c.query == "":
					path = "/ssp?survey_id=jeg-er-helt-normal-7-9&school_year=2026/27"
				case ok:
					path = "/api/v1/report.pdf?" + report
				}
				if status, body := callAPI(b, s, http.MethodGet, path, c.token, nil); status != 200 {
					b.Fatalf("%d %s", status, body[:min(len(body), 300)])
				}
				worst = max(worst, time.Since(t0))
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(worst.Microseconds())/1000, "worst_ms")
		})
	}

	sessions, err := s.st.ListSessions(context.Background(), store.SessionFilter{})
	if err != nil || len(sessions) != 2000 {
		b.Fatalf("%d sessions, %v", len(sessions), err)
	}
	if s.st.DataDir() != "" {
		// Straight to the store, past the sessions the server keeps in memory.
		direct, err := store.ConnectEmbedded(context.Background(), s.st.DataDir(), s.st.DatabaseName(), 5*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		defer direct.Close(context.Background())
		b.Run("session-by-id-in-the-store", func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := direct.SessionByID(context.Background(), sessions[(i*37)%len(sessions)].ID); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
	for _, c := range []struct{ name, token, path string }{
		{"sessions-page-ssp", ssp, "/sessions"},
		{"sessions-page-admin", admin, "/sessions"},
		{"sessions-api-admin", admin, "/api/v1/sessions"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if status, body := callAPI(b, s, http.MethodGet, c.path, c.token, nil); status != 200 {
					b.Fatalf("%d %s", status, body[:min(len(body), 300)])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}
