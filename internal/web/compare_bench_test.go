package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/demo"
	"github.com/heltnormal/heltnormal/internal/model"
)

// BenchmarkComparison measures the SSP dashboard's data and the region comparison over a
// region's school year: 2,000 closed class sessions with 25 answers each (50,000 responses)
// in the embedded store (or MONGODB_URI). Target: ≤ 300 ms each. "-cold" drops the cache of
// summaries before every request: the first request after a start. `make bench` runs it.
func BenchmarkComparison(b *testing.B) {
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
	} {
		b.Run(c.name, func(b *testing.B) {
			var worst time.Duration
			for b.Loop() {
				if c.cold {
					s.st.DropSummaryCache()
				}
				t0 := time.Now()
				path := "/api/v1/compare?" + c.query
				if c.query == "" {
					path = "/ssp?survey_id=jeg-er-helt-normal-7-9&school_year=2026/27"
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
}
