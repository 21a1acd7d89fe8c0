package model

import "slices"

// Region is a Danish region: its clusters (around the acute hospitals) and their
// municipalities. It is reference data shipped with the binary.
type Region struct {
	Name     string
	Clusters []Cluster
}

// Cluster is a group of municipalities around one acute hospital.
type Cluster struct {
	Name           string
	Municipalities []string
}

// MidtjyllandRegion is Region Midtjylland: five clusters, nineteen municipalities.
func MidtjyllandRegion() Region {
	return Region{Name: "Region Midtjylland", Clusters: []Cluster{
		{Name: "Aarhus", Municipalities: []string{"Aarhus", "Samsø"}},
		{Name: "Horsens", Municipalities: []string{"Hedensted", "Horsens", "Odder", "Skanderborg"}},
		{Name: "Midt", Municipalities: []string{"Silkeborg", "Skive", "Viborg"}},
		{Name: "Randers", Municipalities: []string{"Favrskov", "Norddjurs", "Randers", "Syddjurs"}},
		{Name: "Vest", Municipalities: []string{"Herning", "Holstebro", "Ikast-Brande", "Lemvig", "Ringkøbing-Skjern", "Struer"}},
	}}
}

// Municipalities lists every municipality of the region, sorted.
func (r Region) Municipalities() []string {
	var out []string
	for _, c := range r.Clusters {
		out = append(out, c.Municipalities...)
	}
	slices.Sort(out)
	return out
}

// HasMunicipality reports whether name is one of the region's municipalities.
func (r Region) HasMunicipality(name string) bool {
	return slices.Contains(r.Municipalities(), name)
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
