package survey

import (
	"strings"
	"testing"
)

func TestCatalog(t *testing.T) {
	v1 := &Survey{ID: "jeg-er-helt-normal", Version: 1, File: "a-v1.yaml"}
	v3 := &Survey{ID: "jeg-er-helt-normal", Version: 3, File: "a-v3.yaml"}
	v2 := &Survey{ID: "jeg-er-helt-normal", Version: 2, File: "a-v2.yaml"}
	other := &Survey{ID: "alkohol", Version: 1, File: "b.yaml"}
	c, err := NewCatalog(v1, v3, other, v2)
	if err != nil {
		t.Fatal(err)
	}

	if s, ok := c.Latest("jeg-er-helt-normal"); !ok || s != v3 {
		t.Errorf("Latest = %v, %v; want version 3", s, ok)
	}
	if _, ok := c.Latest("nope"); ok {
		t.Error(`Latest("nope") found a survey`)
	}
	if s, ok := c.Get("jeg-er-helt-normal", 2); !ok || s != v2 {
		t.Errorf("Get(2) = %v, %v; want version 2", s, ok)
	}
	if _, ok := c.Get("jeg-er-helt-normal", 4); ok {
		t.Error("Get(4) found a version that does not exist")
	}
	list := c.List()
	if len(list) != 2 || list[0] != other || list[1] != v3 {
		t.Errorf("List = %v; want alkohol@1, jeg-er-helt-normal@3", keysOf(list))
	}
}

func TestCatalogDuplicate(t *testing.T) {
	a := &Survey{ID: "x", Version: 1, File: "surveys/x.yaml"}
	b := &Survey{ID: "x", Version: 1, File: "surveys/x-copy.yaml"}
	_, err := NewCatalog(a, &Survey{ID: "x", Version: 2, File: "surveys/x2.yaml"}, b)
	if err == nil {
		t.Fatal("NewCatalog accepted two files with the same id and version")
	}
	for _, want := range []string{"x@1", "surveys/x.yaml", "surveys/x-copy.yaml"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestCatalogFromFiles(t *testing.T) {
	surveys, err := ParseDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCatalog(surveys...)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := c.Get("test-survey", 2); !ok || len(s.Items) != 2 {
		t.Errorf("Get(test-survey, 2) = %v, %v", s, ok)
	}
}

func keysOf(surveys []*Survey) []string {
	var keys []string
	for _, s := range surveys {
		keys = append(keys, s.Key())
	}
	return keys
}
