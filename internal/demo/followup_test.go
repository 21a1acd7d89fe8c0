package demo

import (
	"fmt"
	"strings"
	"testing"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/locales"
	"github.com/heltnormal/heltnormal/surveys"
)

// TestFollowUpsOfEveryKind makes a small demo region and checks that a share of its classes
// answered again, later in the same school year, and that the waves compared show
// misperceptions that clearly shrank, clearly grew and stayed within noise.
func TestFollowUpsOfEveryKind(t *testing.T) {
	all, err := survey.ParseFS(surveys.FS)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := survey.NewCatalog(all...)
	if err != nil {
		t.Fatal(err)
	}
	sv, _ := cat.Latest("jeg-er-helt-normal-7-9")
	var schools []model.School
	names := map[string]string{}
	for i, m := range model.MidtjyllandRegion().Municipalities[:6] {
		sc := model.School{ID: fmt.Sprintf("school-%d", i), Municipality: m, Name: m + " Skole"}
		schools, names[sc.ID] = append(schools, sc), sc.Name
	}
	o := Options{Sessions: 60, PupilsPerSession: 22, SchoolYear: "2026/27", Day: "2026-09-23", Seed: 7, FollowUpShare: 0.4}
	sessions := map[string]model.Session{}
	var base, follow []compare.Summary
	kinds := map[string]Kind{}
	emit := func(ss []model.Session, answers [][]map[string]model.Answer) (int, error) {
		n := 0
		for i := range ss {
			sessions[ss[i].ID] = ss[i]
			s := compare.SummarizeAnswers(sv, &ss[i], answers[i])
			if ss[i].Wave == model.WaveFollowUp {
				var school int
				fmt.Sscanf(ss[i].SchoolID, "school-%d", &school)
				kinds[ss[i].ID] = KindOf(school)
				follow = append(follow, s)
			} else {
				base = append(base, s)
			}
			n += len(answers[i])
		}
		return n, nil
	}
	c, err := generate(sv, o, schools, emit)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sessions != 60 || c.FollowUps < 15 || c.FollowUps > 35 || c.FollowUpResponses != 22*c.FollowUps {
		t.Fatalf("counts %+v", c)
	}
	// The same seed without follow-ups makes the same baseline.
	var again []compare.Summary
	o2 := o
	o2.FollowUpShare = 0
	if _, err := generate(sv, o2, schools, func(ss []model.Session, answers [][]map[string]model.Answer) (int, error) {
		for i := range ss {
			again = append(again, compare.SummarizeAnswers(sv, &ss[i], answers[i]))
		}
		return 0, nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if fmt.Sprint(again[i].Tallies) != fmt.Sprint(base[i].Tallies) {
			t.Fatalf("class %d differs with follow-ups on", i)
		}
	}

	for _, f := range follow {
		if f.SchoolYear != "2026/27" || f.ClosedDay <= o.Day || f.Wave != model.WaveFollowUp {
			t.Errorf("follow-up %+v", f)
		}
	}
	rules := results.Rules{MinGroup: 5, MinSensitive: 20}
	shape := compare.Shape{Top: results.LevelMunicipality, Root: "x", Schools: names}
	for i := range base {
		base[i].Municipality = "x"
	}
	for i := range follow {
		follow[i].Municipality = "x"
	}
	loc, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	l := loc.Localizer("da")
	// Per kind of class: how often a topic's misperception got clearly smaller, larger, or
	// changed within noise.
	seen := map[Kind]map[compare.Direction]int{Better: {}, Worse: {}, Same: {}}
	pairs := compare.LinkWaves(sv, compare.Build(sv, base, shape, rules), compare.Build(sv, follow, shape, rules))
	classes := 0
	for _, p := range pairs {
		if p.Base.Level != results.LevelClass {
			continue
		}
		classes++
		k := kinds[p.Follow.Key]
		for _, ch := range p.Changes {
			def, _ := sv.Item(ch.ID)
			bi, _ := p.Base.Group.Item(ch.ID)
			fi, _ := p.Follow.Group.Item(ch.ID)
			w := compare.ChangeInWords(l, def, bi, fi, ch)
			if strings.Contains(w.Gap+w.Actual, "report.") {
				t.Fatalf("missing message: %+v", w)
			}
			seen[k][w.GapDirection]++
		}
	}
	t.Logf("%d linked classes; per kind (uncertain, smaller, larger): %v", classes, seen)
	if classes != c.FollowUps {
		t.Errorf("%d follow-ups, %d linked to their baseline", c.FollowUps, classes)
	}
	if seen[Better][compare.Smaller] == 0 || seen[Worse][compare.Larger] == 0 || seen[Same][compare.Uncertain] == 0 {
		t.Errorf("not every kind is in the data: %v", seen)
	}
	if seen[Better][compare.Smaller] <= seen[Better][compare.Larger] || seen[Worse][compare.Larger] <= seen[Worse][compare.Smaller] {
		t.Errorf("the kinds do not show: %v", seen)
	}
}
