package model_test

import (
	"slices"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

func TestDenmarkHas98MunicipalitiesInFiveRegions(t *testing.T) {
	want := map[string]int{"Hovedstaden": 29, "Sjælland": 17, "Syddanmark": 22, "Midtjylland": 19, "Nordjylland": 11}
	seen := map[string]string{}
	for _, r := range model.Denmark() {
		if len(r.Municipalities) != want[r.Key] {
			t.Errorf("%s: %d municipalities, want %d", r.Name, len(r.Municipalities), want[r.Key])
		}
		if r.Name != "Region "+r.Key {
			t.Errorf("region %q is called %q", r.Key, r.Name)
		}
		if !slices.IsSorted(r.Municipalities) {
			t.Errorf("%s: not sorted", r.Name)
		}
		for _, m := range r.Municipalities {
			if other, dup := seen[m]; dup {
				t.Errorf("%s is in %s and %s", m, other, r.Key)
			}
			seen[m] = r.Key
		}
		// Clusters, where a region has them, cover its municipalities exactly once.
		var clustered []string
		for _, c := range r.Clusters {
			if c.Name == "" || len(c.Municipalities) == 0 {
				t.Errorf("%s: an empty cluster %+v", r.Name, c)
			}
			clustered = append(clustered, c.Municipalities...)
		}
		if len(r.Clusters) > 0 {
			slices.Sort(clustered)
			if !slices.Equal(clustered, r.Municipalities) {
				t.Errorf("%s: clusters hold %v", r.Name, clustered)
			}
		}
	}
	if len(seen) != 98 || len(model.Municipalities()) != 98 || len(model.Denmark()) != 5 {
		t.Errorf("%d municipalities, %d listed, %d regions", len(seen), len(model.Municipalities()), len(model.Denmark()))
	}
	if r, _ := model.LookupRegion("Midtjylland"); len(r.Clusters) != 5 || r.ClusterOf("Samsø") != "Aarhus" || r.ClusterOf("Struer") != "Vest" {
		t.Errorf("Midtjylland's clusters: %+v", r.Clusters)
	}
	for _, key := range []string{"Hovedstaden", "Sjælland", "Syddanmark", "Nordjylland"} {
		if r, _ := model.LookupRegion(key); len(r.Clusters) != 0 {
			t.Errorf("%s has clusters %v", key, r.Clusters)
		}
	}
}

func TestLookupMunicipality(t *testing.T) {
	tests := []struct {
		in, want, region string
		ok               bool
	}{
		{"Aarhus", "Aarhus", "Midtjylland", true},
		{" aarhus ", "Aarhus", "Midtjylland", true},
		{"RINGKØBING-SKJERN", "Ringkøbing-Skjern", "Midtjylland", true},
		{"Samsø", "Samsø", "Midtjylland", true},
		{"odense", "Odense", "Syddanmark", true},
		{"København", "København", "Hovedstaden", true},
		{"lyngby-taarbæk", "Lyngby-Taarbæk", "Hovedstaden", true},
		{"Høje-Taastrup", "Høje-Taastrup", "Hovedstaden", true},
		{"ÆRØ", "Ærø", "Syddanmark", true},
		{"Læsø", "Læsø", "Nordjylland", true},
		{"Bornholm", "Bornholm", "Hovedstaden", true},
		{"Køge", "Køge", "Sjælland", true},
		{"Atlantis", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		got, ok := model.LookupMunicipality(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("LookupMunicipality(%q) = %q, %v", tt.in, got, ok)
		}
		if r, ok := model.RegionOf(got); r.Key != tt.region || ok != tt.ok {
			t.Errorf("RegionOf(%q) = %q, %v", got, r.Key, ok)
		}
	}
	midt := model.MidtjyllandRegion()
	if _, ok := midt.LookupMunicipality("Odense"); ok {
		t.Error("Region Midtjylland has Odense")
	}
	for _, in := range []string{"syddanmark", "Region Syddanmark", " SYDDANMARK "} {
		if r, ok := model.LookupRegion(in); !ok || r.Key != "Syddanmark" {
			t.Errorf("LookupRegion(%q) = %q, %v", in, r.Key, ok)
		}
	}
	if _, ok := model.LookupRegion("Skåne"); ok {
		t.Error("Skåne is a Danish region")
	}
	if c, ok := midt.LookupCluster("horsens"); !ok || c.Name != "Horsens" || len(c.Municipalities) != 4 {
		t.Errorf("cluster horsens: %+v %v", c, ok)
	}
}

func TestWhatACoordinatorSees(t *testing.T) {
	region := &model.User{Role: model.RoleCoordinator, Region: "Midtjylland"}
	cluster := &model.User{Role: model.RoleCoordinator, Region: "Midtjylland", Cluster: "Aarhus"}
	syd := &model.User{Role: model.RoleCoordinator, Region: "Syddanmark"}
	unknown := &model.User{Role: model.RoleCoordinator, Region: "Atlantis"}
	ssp := &model.User{Role: model.RoleSSP, Municipality: "Odense"}
	admin := &model.User{Role: model.RoleAdmin}
	municipalities := []struct {
		u            *model.User
		municipality string
		want         bool
	}{
		{region, "Aarhus", true}, {region, "Struer", true}, {region, "Odense", false},
		{cluster, "Aarhus", true}, {cluster, "Samsø", true}, {cluster, "Horsens", false},
		{syd, "Odense", true}, {syd, "Aarhus", false},
		{unknown, "Aarhus", false}, {unknown, "", false},
		{ssp, "Odense", true}, {ssp, "Aarhus", false},
		{admin, "Læsø", true},
	}
	for _, tt := range municipalities {
		if got := tt.u.CanSeeMunicipality(tt.municipality); got != tt.want {
			t.Errorf("%s %s/%s sees %q: %v", tt.u.Role, tt.u.Region, tt.u.Cluster, tt.municipality, got)
		}
	}
	if !region.CanSeeRegion("Midtjylland") || region.CanSeeRegion("Syddanmark") || cluster.CanSeeRegion("Midtjylland") ||
		ssp.CanSeeRegion("Syddanmark") || !admin.CanSeeRegion("Nordjylland") {
		t.Error("CanSeeRegion")
	}
	if !region.CanSeeCluster("Midtjylland", "Horsens") || !cluster.CanSeeCluster("Midtjylland", "Aarhus") ||
		cluster.CanSeeCluster("Midtjylland", "Horsens") || syd.CanSeeCluster("Midtjylland", "Aarhus") ||
		ssp.CanSeeCluster("Midtjylland", "Aarhus") || !admin.CanSeeCluster("Midtjylland", "Vest") {
		t.Error("CanSeeCluster")
	}
	// Read-only: a coordinator manages no session, account or school.
	sess := &model.Session{Municipality: "Aarhus", SchoolID: "s1"}
	teacher := &model.User{ID: "t", Role: model.RoleTeacher, Municipality: "Aarhus", SchoolID: "s1"}
	if region.CanManageSession(sess) || region.CanManageUser(teacher) || region.CanCreateSchool("Aarhus") ||
		region.CanCreateUser(model.RoleTeacher, "Aarhus") {
		t.Error("a coordinator may change something")
	}
	if !model.RoleCoordinator.Valid() || model.Role("boss").Valid() {
		t.Error("Role.Valid")
	}
}
