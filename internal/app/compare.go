package app

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// CompareFilters are a comparison's filters as a consultant typed or linked them (a URL's
// query), not yet checked.
type CompareFilters struct {
	Municipality, Cluster, Scope, Region, SurveyID, SurveyVersion, SchoolYear, Wave, Grade, SchoolID string
}

// CompareQuery is what a consultant asks to compare, checked. Scope is a municipality, a
// cluster of Region Midtjylland, or a whole region (Region without Cluster).
type CompareQuery struct {
	Municipality string // one municipality; empty with Cluster or Region
	Cluster      string // a cluster of Region
	Region       string // the key of the region compared, or of the cluster's region
	SurveyID     string
	Version      int // 0: the latest version
	SchoolYear   string
	Wave         string
	Grade        int
	SchoolID     string // narrows the rows shown, not the totals they are protected against
	// FrameRegion and FrameCluster are the widest scope the viewer compares (a coordinator's
	// region or cluster). A narrower view is cut from the frame's protected tree, so that
	// none of the viewer's views shows a figure another of them hides to protect a neighbour
	// (cluster minus municipality); an administrator's frame is the scope's region. Empty:
	// the scope stands alone (an SSP consultant's municipality).
	FrameRegion, FrameCluster string
}

// IsRegion reports whether q compares a whole region.
func (q CompareQuery) IsRegion() bool {
	return q.Region != "" && q.Cluster == "" && q.Municipality == ""
}

// Municipalities are the municipalities q's scope covers.
func (q CompareQuery) Municipalities() []string {
	region, _ := model.LookupRegion(q.Region)
	switch {
	case q.IsRegion():
		return region.Municipalities
	case q.Cluster != "":
		cluster, _ := region.LookupCluster(q.Cluster)
		return cluster.Municipalities
	}
	return []string{q.Municipality}
}

// CheckCompare checks the filters shared by the compare API, the exports and the dashboard,
// fills in their defaults, and checks that u may see the scope asked for.
func (a *App) CheckCompare(u *model.User, in CompareFilters) (CompareQuery, *survey.Survey, error) {
	q := CompareQuery{
		Municipality: strings.TrimSpace(in.Municipality), Cluster: strings.TrimSpace(in.Cluster),
		SurveyID: in.SurveyID, SchoolYear: in.SchoolYear, Wave: in.Wave, SchoolID: in.SchoolID,
	}
	wholeRegion := in.Scope == "region"
	fields := map[string]string{}
	if v := in.SurveyVersion; v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 {
			fields["survey_version"] = "must be a version number"
		} else {
			q.Version = n
		}
	}
	if v := in.Grade; v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 0 || n > 10 {
			fields["grade"] = "must be a grade from 0 to 10"
		} else {
			q.Grade = n
		}
	}
	// Comparisons are per wave: a total over both waves minus one wave would isolate the
	// other, so there is none. Baseline unless asked.
	if q.Wave == "" {
		q.Wave = string(model.WaveBaseline)
	} else if !model.Wave(q.Wave).Valid() {
		fields["wave"] = `must be "baseline" or "follow-up"`
	}
	if q.SchoolYear == "" {
		q.SchoolYear = model.SchoolYear(a.Now())
	} else if !isSchoolYear(q.SchoolYear) {
		fields["school_year"] = `must look like "2026/27"`
	}
	// Without a scope, an SSP consultant sees their municipality and a coordinator their
	// cluster or region.
	if q.Municipality == "" && q.Cluster == "" && !wholeRegion {
		switch {
		case u.Role == model.RoleSSP:
			q.Municipality = u.Municipality
		case u.Role == model.RoleCoordinator && u.Cluster != "":
			q.Cluster = u.Cluster
		case u.Role == model.RoleCoordinator:
			wholeRegion = true
		}
	}
	if err := checkScope(u, &q, wholeRegion, strings.TrimSpace(in.Region), fields); err != nil {
		return q, nil, err
	}
	var sv *survey.Survey
	var ok bool
	if q.Version > 0 {
		sv, ok = a.surveys.Get(q.SurveyID, q.Version)
	} else {
		sv, ok = a.surveys.Latest(q.SurveyID)
	}
	if !ok {
		fields["survey_id"] = fmt.Sprintf("unknown survey %q", q.SurveyID)
	}
	if len(fields) > 0 {
		return q, nil, model.Invalid("the comparison filters are not valid", fields)
	}
	return q, sv, nil
}

// Comparison builds the protected comparison tree for q: every figure from stored summaries,
// every privacy rule applied (package compare). The school filter is applied to the rows
// afterwards, never to the totals, so complementary suppression still sees every school.
// Within a frame (a coordinator's area) the view is the scope's subtree of the frame's tree.
func (a *App) Comparison(ctx context.Context, q CompareQuery, sv *survey.Survey) (*compare.Node, error) {
	frame := q
	frame.Municipality, frame.Cluster, frame.Region = "", q.FrameCluster, q.FrameRegion
	frame.FrameRegion, frame.FrameCluster = "", ""
	if q.FrameRegion == "" || (frame.Cluster == q.Cluster && frame.Region == q.Region && q.Municipality == "") {
		return a.comparisonOf(ctx, q, sv)
	}
	root, err := a.comparisonOf(ctx, frame, sv)
	if err != nil {
		return nil, err
	}
	level, key := results.LevelMunicipality, q.Municipality
	if q.Municipality == "" {
		level, key = results.LevelCluster, q.Cluster
	}
	var cut *compare.Node
	root.Walk(func(n *compare.Node) {
		if cut == nil && n.Level == level && n.Key == key {
			cut = n
		}
	})
	if cut == nil { // nothing compared there: the scope alone has nothing either
		return a.comparisonOf(ctx, q, sv)
	}
	return cut, nil
}

// comparisonOf builds the protected tree of q's scope on its own.
func (a *App) comparisonOf(ctx context.Context, q CompareQuery, sv *survey.Survey) (*compare.Node, error) {
	f := store.SummaryFilter{Survey: sv, SchoolYear: q.SchoolYear, Wave: q.Wave, Grade: q.Grade}
	// A view narrowed by grade hides sensitive topics: it could be subtracted from the
	// unnarrowed view to isolate one class's answers.
	shape := compare.Shape{Top: results.LevelMunicipality, Root: q.Municipality, Schools: map[string]string{}, HideSensitive: q.Grade > 0}
	region, _ := model.LookupRegion(q.Region)
	f.Municipalities = q.Municipalities()
	switch {
	case q.IsRegion():
		shape.Top, shape.Root = results.LevelRegion, region.Name
	case q.Cluster != "":
		cluster, _ := region.LookupCluster(q.Cluster)
		shape.Top, shape.Root = results.LevelCluster, cluster.Name
	}
	if shape.Top != results.LevelMunicipality {
		// A region without clusters has its municipalities right under it.
		shape.Clusters = map[string]string{}
		for _, c := range region.Clusters {
			for _, m := range c.Municipalities {
				shape.Clusters[m] = c.Name
			}
		}
	}
	summaries, released, err := a.store.Shelves(ctx, f)
	if err != nil {
		return nil, err
	}
	municipality := ""
	if len(f.Municipalities) == 1 {
		municipality = f.Municipalities[0]
	}
	schools, err := a.store.ListSchools(ctx, municipality)
	if err != nil {
		return nil, err
	}
	// Only the scope's schools: a school outside it has no classes here, and bringing its
	// sensitive snapshot up to date against none would empty it.
	schools = slices.DeleteFunc(schools, func(sc model.School) bool { return !slices.Contains(f.Municipalities, sc.Municipality) })
	for _, sc := range schools {
		shape.Schools[sc.ID] = sc.Name
	}
	if !shape.HideSensitive {
		if shape.Sensitive, err = a.releaseSensitive(ctx, sv, q, summaries, released, schools); err != nil {
			return nil, err
		}
	}
	return compare.Build(sv, summaries, shape, a.rules), nil
}

// releaseSensitive brings each school's sensitive snapshot for the wave up to date where
// enough has changed (compare.ReleaseSensitive), stores the new ones, and returns them all.
// Every look at a comparison runs it, so a release happens at the first look after enough
// classes have closed; between releases every look shows the same sensitive figures.
func (a *App) releaseSensitive(ctx context.Context, sv *survey.Survey, q CompareQuery, summaries []compare.Summary,
	released map[string]compare.Snapshot, schools []model.School) (map[string]compare.Snapshot, error) {
	live := map[string][]compare.Summary{}
	for _, s := range summaries {
		live[s.SchoolID] = append(live[s.SchoolID], s)
	}
	out := make(map[string]compare.Snapshot, len(schools))
	for _, sc := range schools {
		prev := released[sc.ID]
		next, changed := compare.ReleaseSensitive(sv, prev, live[sc.ID], a.rules)
		if changed {
			if err := a.store.SaveRelease(ctx, sv, sc.Municipality, q.SchoolYear, q.Wave, sc.ID, next); err != nil {
				return nil, err
			}
		}
		out[sc.ID] = next
	}
	return out, nil
}

func isSchoolYear(y string) bool {
	if len(y) != 7 || y[4] != '/' {
		return false
	}
	a, err1 := strconv.Atoi(y[:4])
	b, err2 := strconv.Atoi(y[5:])
	return err1 == nil && err2 == nil && (a+1)%100 == b
}

// checkScope checks q's scope — a municipality, a cluster, or with wholeRegion the region
// named by region (default: a coordinator's own, else Region Midtjylland; region counts only
// here) — spells it as the reference data does, and checks that u may see it.
func checkScope(u *model.User, q *CompareQuery, wholeRegion bool, region string, fields map[string]string) error {
	if (wholeRegion || q.Cluster != "") && u.Role != model.RoleAdmin && u.Role != model.RoleCoordinator {
		return model.Errorf(model.ECodeForbidden, "only administrators and coordinators compare clusters or regions")
	}
	switch {
	case wholeRegion:
		q.Municipality, q.Cluster = "", ""
		if region == "" {
			region = model.MidtjyllandRegion().Key
			if u.Role == model.RoleCoordinator {
				region = u.Region
			}
		}
		r, ok := model.LookupRegion(region)
		if !ok {
			fields["region"] = fmt.Sprintf("unknown region %q", region)
			return nil
		}
		q.Region = r.Key
		if !u.CanSeeRegion(r.Key) {
			return model.Errorf(model.ECodeForbidden, "you may only compare schools in %s", areaName(u))
		}
	case q.Cluster != "":
		q.Municipality = ""
		r, c, ok := lookupCluster(q.Cluster)
		if !ok {
			fields["cluster"] = fmt.Sprintf("unknown cluster %q", q.Cluster)
			return nil
		}
		q.Region, q.Cluster = r.Key, c.Name
		if !u.CanSeeCluster(r.Key, c.Name) {
			return model.Errorf(model.ECodeForbidden, "you may only compare schools in %s", areaName(u))
		}
	case q.Municipality == "":
		fields["municipality"] = "required"
		return nil
	default:
		if m, ok := model.LookupMunicipality(q.Municipality); ok {
			q.Municipality = m
		}
		if !u.CanSeeMunicipality(q.Municipality) {
			return model.Errorf(model.ECodeForbidden, "you may only compare schools in %s", areaName(u))
		}
	}
	switch u.Role {
	case model.RoleCoordinator:
		q.FrameRegion, q.FrameCluster = u.Region, u.Cluster
	case model.RoleAdmin:
		// An administrator sees every scope of the region, so each is cut from the region's
		// tree: a cluster or municipality on its own could show a figure the region's tree
		// hides to protect a neighbour.
		q.FrameRegion = q.Region
		if r, ok := model.RegionOf(q.Municipality); ok && q.FrameRegion == "" {
			q.FrameRegion = r.Key
		}
	}
	return nil
}

// lookupCluster finds a cluster by name in any letter case, and its region (only Region
// Midtjylland has clusters, so a name is enough).
func lookupCluster(name string) (model.Region, model.Cluster, bool) {
	for _, r := range model.Denmark() {
		if c, ok := r.LookupCluster(name); ok {
			return r, c, true
		}
	}
	return model.Region{}, model.Cluster{}, false
}

// areaName says what u may compare, for a refusal.
func areaName(u *model.User) string {
	switch {
	case u.Role == model.RoleCoordinator && u.Cluster != "":
		return "cluster " + u.Cluster
	case u.Role == model.RoleCoordinator:
		return "Region " + u.Region
	}
	return u.Municipality
}

// Values is q as a URL query, for links that keep the filters (a school's classes, the
// waves view, the exports); CheckCompare reads it back to the same query.
func (q CompareQuery) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("municipality", q.Municipality)
	set("cluster", q.Cluster)
	if q.IsRegion() {
		v.Set("scope", "region")
		v.Set("region", q.Region)
	}
	set("survey_id", q.SurveyID)
	if q.Version > 0 {
		v.Set("survey_version", strconv.Itoa(q.Version))
	}
	set("school_year", q.SchoolYear)
	set("wave", q.Wave)
	if q.Grade > 0 {
		v.Set("grade", strconv.Itoa(q.Grade))
	}
	set("school_id", q.SchoolID)
	return v
}

// Link is path with q's filters, changed by edit.
func (q CompareQuery) Link(path string, edit func(url.Values)) string {
	v := q.Values()
	if edit != nil {
		edit(v)
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}
