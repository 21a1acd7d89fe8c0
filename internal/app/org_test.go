package app_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
	"github.com/heltnormal/heltnormal/internal/webtest"
)

func newApp(t *testing.T) *app.App {
	t.Helper()
	return webtest.App(t, webtest.Config(t, nil), storetest.New(t), webtest.Catalog(t), webtest.Locales(t), slog.New(slog.DiscardHandler))
}

// Every region can be compared, by whom may see it; coordinators default to their area.
func TestCompareScopesForEveryRegion(t *testing.T) {
	a := newApp(t)
	admin := &model.User{Role: model.RoleAdmin}
	ssp := &model.User{Role: model.RoleSSP, Municipality: "Odense"}
	region := &model.User{Role: model.RoleCoordinator, Region: "Midtjylland"}
	cluster := &model.User{Role: model.RoleCoordinator, Region: "Midtjylland", Cluster: "Aarhus"}
	syd := &model.User{Role: model.RoleCoordinator, Region: "Syddanmark"}
	kort := "jeg-er-helt-normal-kort"
	for _, tt := range []struct {
		name                         string
		u                            *model.User
		in                           app.CompareFilters
		municipality, cluster, scope string // the checked scope; scope: the region's key when whole
		code                         string // the error's code, if any
	}{
		{"admin, region without a name: Midtjylland", admin, app.CompareFilters{Scope: "region"}, "", "", "Midtjylland", ""},
		{"admin, Region Syddanmark", admin, app.CompareFilters{Scope: "region", Region: "syddanmark"}, "", "", "Syddanmark", ""},
		{"admin, a cluster in any case", admin, app.CompareFilters{Cluster: "horsens"}, "", "Horsens", "", ""},
		{"admin, Odense", admin, app.CompareFilters{Municipality: "odense"}, "Odense", "", "", ""},
		{"admin, an unknown region", admin, app.CompareFilters{Scope: "region", Region: "Skåne"}, "", "", "", model.ECodeInvalid},
		{"admin, an unknown cluster", admin, app.CompareFilters{Cluster: "Fyn"}, "", "", "", model.ECodeInvalid},
		{"SSP of Odense, no scope: Odense", ssp, app.CompareFilters{}, "Odense", "", "", ""},
		{"SSP of Odense, Aarhus", ssp, app.CompareFilters{Municipality: "Aarhus"}, "", "", "", model.ECodeForbidden},
		{"SSP of Odense, the region", ssp, app.CompareFilters{Scope: "region", Region: "Syddanmark"}, "", "", "", model.ECodeForbidden},
		{"region coordinator, no scope: the region", region, app.CompareFilters{}, "", "", "Midtjylland", ""},
		{"region coordinator, scope=region: theirs", region, app.CompareFilters{Scope: "region"}, "", "", "Midtjylland", ""},
		{"region coordinator, a cluster", region, app.CompareFilters{Cluster: "Aarhus"}, "", "Aarhus", "", ""},
		{"region coordinator, a municipality", region, app.CompareFilters{Municipality: "Struer"}, "Struer", "", "", ""},
		{"region coordinator, another region", region, app.CompareFilters{Scope: "region", Region: "Syddanmark"}, "", "", "", model.ECodeForbidden},
		{"region coordinator, a municipality elsewhere", region, app.CompareFilters{Municipality: "Odense"}, "", "", "", model.ECodeForbidden},
		{"cluster coordinator, no scope: the cluster", cluster, app.CompareFilters{}, "", "Aarhus", "", ""},
		{"cluster coordinator, Samsø", cluster, app.CompareFilters{Municipality: "Samsø"}, "Samsø", "", "", ""},
		{"cluster coordinator, cluster Horsens", cluster, app.CompareFilters{Cluster: "Horsens"}, "", "", "", model.ECodeForbidden},
		{"cluster coordinator, Horsens", cluster, app.CompareFilters{Municipality: "Horsens"}, "", "", "", model.ECodeForbidden},
		{"cluster coordinator, the region", cluster, app.CompareFilters{Scope: "region"}, "", "", "", model.ECodeForbidden},
		{"Syddanmark's coordinator, no scope", syd, app.CompareFilters{}, "", "", "Syddanmark", ""},
		{"Syddanmark's coordinator, Ærø", syd, app.CompareFilters{Municipality: "ærø"}, "Ærø", "", "", ""},
		{"Syddanmark's coordinator, a cluster of Midtjylland", syd, app.CompareFilters{Cluster: "Aarhus"}, "", "", "", model.ECodeForbidden},
	} {
		tt.in.SurveyID = kort
		q, _, err := a.CheckCompare(tt.u, tt.in)
		if model.ErrorCode(err) != tt.code && !(tt.code == "" && err == nil) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.code)
			continue
		}
		if err != nil {
			continue
		}
		scope := ""
		if q.IsRegion() {
			scope = q.Region
		}
		if q.Municipality != tt.municipality || q.Cluster != tt.cluster || scope != tt.scope {
			t.Errorf("%s: municipality %q, cluster %q, region %q", tt.name, q.Municipality, q.Cluster, scope)
		}
		// The query's link reads back to the same query.
		v := q.Values()
		back, _, err := a.CheckCompare(tt.u, app.CompareFilters{Municipality: v.Get("municipality"), Cluster: v.Get("cluster"),
			Scope: v.Get("scope"), Region: v.Get("region"), SurveyID: kort})
		if err != nil || back.Municipality != q.Municipality || back.Cluster != q.Cluster || back.Region != q.Region {
			t.Errorf("%s: %v reads back as %+v, %v", tt.name, v, back, err)
		}
	}
}

// Schools anywhere in Denmark; coordinators only by administrators, with a region that exists
// and a cluster that region has.
func TestSchoolsAnywhereAndCoordinatorsOnlyByAdministrators(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	l := webtest.Locales(t).Localizer("da")
	admin := &model.User{ID: "admin", Role: model.RoleAdmin}
	sc, err := a.CreateSchool(ctx, admin, app.NewSchool{Municipality: "odense", Name: "Højby Skole"}, l)
	if err != nil || sc.Municipality != "Odense" {
		t.Fatalf("a school in Odense: %+v, %v", sc, err)
	}
	ssp, err := a.CreateUser(ctx, admin, app.NewUser{Email: "ssp@odense.dk", Password: "en lang adgangskode", Role: model.RoleSSP, Municipality: "Odense"}, l)
	if err != nil || ssp.Municipality != "Odense" {
		t.Fatalf("an SSP consultant of Odense: %+v, %v", ssp, err)
	}
	u, err := a.CreateUser(ctx, admin, app.NewUser{Email: "k@rm.dk", Password: "en lang adgangskode", Role: model.RoleCoordinator, Region: "region midtjylland", Cluster: "vest"}, l)
	if err != nil || u.Region != "Midtjylland" || u.Cluster != "Vest" || u.Municipality != "" {
		t.Fatalf("a coordinator of cluster Vest: %+v, %v", u, err)
	}
	for _, tt := range []struct {
		name   string
		actor  *model.User
		in     app.NewUser
		code   string
		fields map[string]string
	}{
		{"no region", admin, app.NewUser{Role: model.RoleCoordinator}, model.ECodeInvalid, map[string]string{"region": "Udfyld feltet."}},
		{"an unknown region", admin, app.NewUser{Role: model.RoleCoordinator, Region: "Skåne"}, model.ECodeInvalid,
			map[string]string{"region": "Vi kender ikke regionen »Skåne«. Vælg Hovedstaden, Sjælland, Syddanmark, Midtjylland eller Nordjylland."}},
		{"a cluster of a region without", admin, app.NewUser{Role: model.RoleCoordinator, Region: "Syddanmark", Cluster: "Fyn"}, model.ECodeInvalid,
			map[string]string{"cluster": "Region Syddanmark er ikke delt i klynger. Lad feltet være tomt."}},
		{"an unknown cluster", admin, app.NewUser{Role: model.RoleCoordinator, Region: "Midtjylland", Cluster: "Fyn"}, model.ECodeInvalid,
			map[string]string{"cluster": "Region Midtjylland har ingen klynge, der hedder »Fyn«."}},
		{"a municipality for a coordinator", admin, app.NewUser{Role: model.RoleCoordinator, Region: "Midtjylland", Municipality: "Aarhus"}, model.ECodeInvalid,
			map[string]string{"municipality": "Feltet bruges ikke til denne rolle. Lad det være tomt."}},
		{"a region for an SSP consultant", admin, app.NewUser{Role: model.RoleSSP, Municipality: "Aarhus", Region: "Midtjylland"}, model.ECodeInvalid,
			map[string]string{"region": "Feltet bruges ikke til denne rolle. Lad det være tomt."}},
		{"by an SSP consultant", ssp, app.NewUser{Role: model.RoleCoordinator, Region: "Syddanmark"}, model.ECodeForbidden, nil},
		{"by a coordinator", u, app.NewUser{Role: model.RoleCoordinator, Region: "Midtjylland"}, model.ECodeForbidden, nil},
		{"a teacher by a coordinator", u, app.NewUser{Role: model.RoleTeacher, SchoolID: sc.ID}, model.ECodeForbidden, nil},
	} {
		tt.in.Email, tt.in.Password = "ny@rm.dk", "en lang adgangskode"
		_, err := a.CreateUser(ctx, tt.actor, tt.in, l)
		if model.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			continue
		}
		var me *model.Error
		if tt.fields != nil {
			me, _ = err.(*model.Error)
			for k, want := range tt.fields {
				if me == nil || me.Fields[k] != want {
					t.Errorf("%s: fields %v, want %s: %q", tt.name, me, k, want)
				}
			}
		}
	}
	if _, err := a.CreateSchool(ctx, u, app.NewSchool{Municipality: "Herning", Name: "Snydeskolen"}, l); model.ErrorCode(err) != model.ECodeForbidden {
		t.Errorf("a coordinator created a school: %v", err)
	}
	if _, err := a.VisibleSessions(ctx, u); model.ErrorCode(err) != model.ECodeForbidden {
		t.Errorf("a coordinator lists sessions: %v", err)
	}
	if _, err := a.ListUsers(ctx, u); model.ErrorCode(err) != model.ECodeForbidden {
		t.Errorf("a coordinator lists accounts: %v", err)
	}
}
