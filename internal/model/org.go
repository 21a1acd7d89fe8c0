package model

import (
	"slices"
	"strings"
)

// Region is a Danish region and its municipalities. Region Midtjylland also groups its
// municipalities in clusters (around the acute hospitals); the other regions have none, and
// their Clusters is empty rather than invented. It is reference data shipped with the binary.
type Region struct {
	// Key is the short name people and URLs use: "Midtjylland" (?region=Midtjylland).
	Key string
	// Name is the name as people say it: "Region Midtjylland".
	Name string
	// Municipalities lists every municipality of the region, sorted.
	Municipalities []string
	// Clusters groups the municipalities where the region does (Midtjylland only).
	Clusters []Cluster
}

// Cluster is a group of municipalities around one acute hospital.
type Cluster struct {
	Name           string
	Municipalities []string
}

// Denmark is the five regions and their 98 municipalities (short official names, as the
// municipalities call themselves: "Lyngby-Taarbæk", "Høje-Taastrup"), in the official order.
func Denmark() []Region {
	return []Region{
		newRegion("Hovedstaden", nil,
			"Albertslund", "Allerød", "Ballerup", "Bornholm", "Brøndby", "Dragør", "Egedal",
			"Fredensborg", "Frederiksberg", "Frederikssund", "Furesø", "Gentofte", "Gladsaxe",
			"Glostrup", "Gribskov", "Halsnæs", "Helsingør", "Herlev", "Hillerød", "Hvidovre",
			"Høje-Taastrup", "Hørsholm", "Ishøj", "København", "Lyngby-Taarbæk", "Rudersdal",
			"Rødovre", "Tårnby", "Vallensbæk"),
		newRegion("Sjælland", nil,
			"Faxe", "Greve", "Guldborgsund", "Holbæk", "Kalundborg", "Køge", "Lejre", "Lolland",
			"Næstved", "Odsherred", "Ringsted", "Roskilde", "Slagelse", "Solrød", "Sorø",
			"Stevns", "Vordingborg"),
		newRegion("Syddanmark", nil,
			"Aabenraa", "Assens", "Billund", "Esbjerg", "Faaborg-Midtfyn", "Fanø", "Fredericia",
			"Haderslev", "Kerteminde", "Kolding", "Langeland", "Middelfart", "Nordfyns", "Nyborg",
			"Odense", "Svendborg", "Sønderborg", "Tønder", "Varde", "Vejen", "Vejle", "Ærø"),
		MidtjyllandRegion(),
		newRegion("Nordjylland", nil,
			"Aalborg", "Brønderslev", "Frederikshavn", "Hjørring", "Jammerbugt", "Læsø",
			"Mariagerfjord", "Morsø", "Rebild", "Thisted", "Vesthimmerlands"),
	}
}

// MidtjyllandRegion is Region Midtjylland: five clusters, nineteen municipalities.
func MidtjyllandRegion() Region {
	clusters := []Cluster{
		{Name: "Aarhus", Municipalities: []string{"Aarhus", "Samsø"}},
		{Name: "Horsens", Municipalities: []string{"Hedensted", "Horsens", "Odder", "Skanderborg"}},
		{Name: "Midt", Municipalities: []string{"Silkeborg", "Skive", "Viborg"}},
		{Name: "Randers", Municipalities: []string{"Favrskov", "Norddjurs", "Randers", "Syddjurs"}},
		{Name: "Vest", Municipalities: []string{"Herning", "Holstebro", "Ikast-Brande", "Lemvig", "Ringkøbing-Skjern", "Struer"}},
	}
	var all []string
	for _, c := range clusters {
		all = append(all, c.Municipalities...)
	}
	return newRegion("Midtjylland", clusters, all...)
}

func newRegion(key string, clusters []Cluster, municipalities ...string) Region {
	slices.Sort(municipalities)
	return Region{Key: key, Name: "Region " + key, Municipalities: municipalities, Clusters: clusters}
}

// LookupRegion finds a region by its key or name in any letter case ("syddanmark",
// "Region Syddanmark").
func LookupRegion(name string) (Region, bool) {
	name = strings.TrimSpace(name)
	for _, r := range Denmark() {
		if strings.EqualFold(r.Key, name) || strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return Region{}, false
}

// LookupMunicipality returns the reference spelling of a Danish municipality typed in any
// letter case ("odense" → "Odense"), and whether there is one.
func LookupMunicipality(name string) (string, bool) {
	for _, r := range Denmark() {
		if m, ok := r.LookupMunicipality(name); ok {
			return m, true
		}
	}
	return "", false
}

// RegionOf is the region a municipality (as spelt in the reference data) belongs to.
func RegionOf(municipality string) (Region, bool) {
	for _, r := range Denmark() {
		if r.HasMunicipality(municipality) {
			return r, true
		}
	}
	return Region{}, false
}

// Municipalities lists all 98 municipalities of Denmark, sorted.
func Municipalities() []string {
	var out []string
	for _, r := range Denmark() {
		out = append(out, r.Municipalities...)
	}
	slices.Sort(out)
	return out
}

// LookupMunicipality returns the region's spelling of a municipality typed in any letter
// case ("aarhus" → "Aarhus"), and whether the region has it.
func (r Region) LookupMunicipality(name string) (string, bool) {
	name = strings.TrimSpace(name)
	for _, m := range r.Municipalities {
		if strings.EqualFold(m, name) {
			return m, true
		}
	}
	return "", false
}

// HasMunicipality reports whether name is one of the region's municipalities.
func (r Region) HasMunicipality(name string) bool {
	return slices.Contains(r.Municipalities, name)
}

// LookupCluster finds one of the region's clusters by name in any letter case.
func (r Region) LookupCluster(name string) (Cluster, bool) {
	name = strings.TrimSpace(name)
	for _, c := range r.Clusters {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return Cluster{}, false
}

// ClusterOf names the cluster a municipality belongs to ("" if none).
func (r Region) ClusterOf(municipality string) string {
	for _, c := range r.Clusters {
		if slices.Contains(c.Municipalities, municipality) {
			return c.Name
		}
	}
	return ""
}

// School is one school in a municipality; teachers belong to one.
type School struct {
	ID           string `bson:"_id" json:"id"`
	Municipality string `bson:"municipality" json:"municipality"`
	Name         string `bson:"name" json:"name"`
	CreatedDay   string `bson:"created_day" json:"created_day"`
}
