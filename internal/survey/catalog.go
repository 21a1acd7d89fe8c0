package survey

import (
	"fmt"
	"slices"
	"strings"
)

// Catalog holds every loaded survey version. Old versions stay loaded because sessions and
// responses refer to the exact version they were given with.
type Catalog struct {
	// versions maps a survey id to its versions, lowest first.
	versions map[string][]*Survey
}

// NewCatalog builds a catalog; two files with the same id and version are an error naming
// both, because a response could not tell which wording it answered.
func NewCatalog(surveys ...*Survey) (*Catalog, error) {
	c := &Catalog{versions: map[string][]*Survey{}}
	for _, s := range surveys {
		for _, other := range c.versions[s.ID] {
			if other.Version == s.Version {
				return nil, fmt.Errorf("survey %s is defined twice: in %s and in %s", s.Key(), other.File, s.File)
			}
		}
		c.versions[s.ID] = append(c.versions[s.ID], s)
	}
	for _, vs := range c.versions {
		slices.SortFunc(vs, func(a, b *Survey) int { return a.Version - b.Version })
	}
	return c, nil
}

// Latest returns the highest version of a survey, the one new sessions use.
func (c *Catalog) Latest(id string) (*Survey, bool) {
	vs := c.versions[id]
	if len(vs) == 0 {
		return nil, false
	}
	return vs[len(vs)-1], true
}

// Get returns one version of a survey, as recorded on a session.
func (c *Catalog) Get(id string, version int) (*Survey, bool) {
	for _, s := range c.versions[id] {
		if s.Version == version {
			return s, true
		}
	}
	return nil, false
}

// List returns the latest version of each survey, sorted by id, for choosing a survey.
func (c *Catalog) List() []*Survey {
	list := make([]*Survey, 0, len(c.versions))
	for id := range c.versions {
		s, _ := c.Latest(id)
		list = append(list, s)
	}
	slices.SortFunc(list, func(a, b *Survey) int { return strings.Compare(a.ID, b.ID) })
	return list
}
