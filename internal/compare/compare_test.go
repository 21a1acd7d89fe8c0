package compare

import (
	"os"
	"strconv"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

var rules = results.Rules{MinGroup: 5, MinSensitive: 20}

func testSurvey(t *testing.T) *survey.Survey {
	t.Helper()
	data, err := os.ReadFile("testdata/test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sv, err := survey.Parse("testdata/test.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}

// classOf makes a closed class of n pupils in a school where yes of them answer "yes" to
// every topic and everybody guesses 5 of 10.
func classOf(sv *survey.Survey, id, school, municipality string, n, yes int) Summary {
	var answers []map[string]model.Answer
	for i := 0; i < n; i++ {
		self := "no"
		if i < yes {
			self = "yes"
		}
		a := map[string]model.Answer{}
		for _, it := range sv.Items {
			a[it.ID] = model.Answer{Self: self, Perceived: strconv.Itoa(5)}
		}
		answers = append(answers, a)
	}
	topics := []string{"sleep", "drunk", "lonely"}
	return Summary{SessionID: id, SurveyID: sv.ID, SurveyVersion: 1, SchoolID: school, Municipality: municipality,
		ClassLabel: id, Grade: 8, Wave: model.WaveBaseline, SchoolYear: "2026/27", N: n,
		Tallies: results.Tallies(sv, topics, answers)}
}

func find(root *Node, key string) *Node {
	var found *Node
	root.Walk(func(n *Node) {
		if n.Key == key {
			found = n
		}
	})
	return found
}

func shown(n *Node, topic string) bool { return !n.hidden(topic) }

func TestComplementarySuppressionWithinASchool(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{
		classOf(sv, "8.A", "s1", "Aarhus", 20, 15),
		classOf(sv, "8.B", "s1", "Aarhus", 18, 9),
		classOf(sv, "8.C", "s1", "Aarhus", 4, 1), // below the minimum group
		classOf(sv, "9.A", "s2", "Aarhus", 22, 11),
		classOf(sv, "9.B", "s2", "Aarhus", 21, 7),
	}, Shape{Top: results.LevelMunicipality, Root: "Aarhus", Schools: map[string]string{"s1": "Skole 1", "s2": "Skole 2"}}, rules)

	school := find(root, "s1")
	if !shown(school, "sleep") || school.Group.N != 42 {
		t.Fatalf("school total not shown: %+v", school.Group)
	}
	if !find(root, "8.C").Group.Suppressed {
		t.Fatal("the class of 4 is shown")
	}
	// Without complementary suppression, 8.C = school − 8.A − 8.B. The smallest visible
	// class, 8.B, must be hidden too, for every topic shown at class level.
	for _, topic := range []string{"sleep", "drunk"} {
		if shown(find(root, "8.B"), topic) {
			t.Errorf("%s: 8.B shown, so 8.C can be computed from the school total", topic)
		}
		if !shown(find(root, "8.A"), topic) {
			t.Errorf("%s: 8.A hidden without need", topic)
		}
	}
	// School 2 has no hidden class: nothing extra hidden there.
	if !shown(find(root, "9.A"), "sleep") || !shown(find(root, "9.B"), "sleep") {
		t.Error("a class of school 2 hidden without need")
	}
	// Check the arithmetic really is blocked: among the hidden classes at least two remain.
	for _, topic := range []string{"sleep", "drunk"} {
		hidden := 0
		for _, c := range school.Children {
			if c.hidden(topic) {
				hidden++
			}
		}
		if hidden == 1 {
			t.Errorf("%s: exactly one hidden class under a visible school total", topic)
		}
	}
}

func TestSensitiveTopicsOnlyInLargeSchoolOrWiderGroups(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{
		classOf(sv, "A1", "s1", "Viborg", 25, 5), // one-class school: the school is the class
		classOf(sv, "B1", "s2", "Viborg", 12, 2),
		classOf(sv, "B2", "s2", "Viborg", 11, 3),
		classOf(sv, "C1", "s3", "Viborg", 9, 1),
		classOf(sv, "C2", "s3", "Viborg", 8, 1),
	}, Shape{Top: results.LevelMunicipality, Root: "Viborg"}, rules)

	root.Walk(func(n *Node) {
		if n.Level == results.LevelClass {
			if _, listed := n.Group.Item("lonely"); listed {
				t.Errorf("class %s lists the sensitive topic", n.Key)
			}
		}
	})
	if shown(find(root, "s1"), "lonely") {
		t.Error("a one-class school shows a sensitive topic: that is the class")
	}
	if shown(find(root, "s3"), "lonely") {
		t.Error("a school of 17 shows a sensitive topic (needs 20)")
	}
	// s2 (23 answers) would be shown, but s1 and s3 are hidden and the municipality is shown:
	// with two hidden schools, nothing can be subtracted, so s2 stays visible.
	if !shown(root, "lonely") || !shown(find(root, "s2"), "lonely") {
		t.Errorf("municipality %v, s2 %v", shown(root, "lonely"), shown(find(root, "s2"), "lonely"))
	}
}

func TestASingleHiddenSchoolHidesItsSmallestSibling(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{
		classOf(sv, "A1", "s1", "Odder", 3, 1), // a school of 3: hidden
		classOf(sv, "B1", "s2", "Odder", 20, 10),
		classOf(sv, "C1", "s3", "Odder", 25, 20),
		classOf(sv, "C2", "s3", "Odder", 22, 20),
	}, Shape{Top: results.LevelMunicipality, Root: "Odder"}, rules)
	if shown(find(root, "s2"), "sleep") {
		t.Error("s2 shown: s1 = municipality − s2 − s3")
	}
	// s2 is now hidden but its only class B1 would show the same figure: hidden too.
	if shown(find(root, "B1"), "sleep") {
		t.Error("B1 shown: it equals the hidden school s2")
	}
	if !shown(find(root, "s3"), "sleep") || !shown(find(root, "C1"), "sleep") {
		t.Error("s3 or its classes hidden without need")
	}
}

func TestRegionTree(t *testing.T) {
	sv := testSurvey(t)
	region := model.MidtjyllandRegion()
	clusters := map[string]string{}
	for _, c := range region.Clusters {
		for _, m := range c.Municipalities {
			clusters[m] = c.Name
		}
	}
	root := Build(sv, []Summary{
		classOf(sv, "a", "s1", "Aarhus", 20, 10),
		classOf(sv, "b", "s2", "Herning", 20, 10),
		classOf(sv, "c", "s3", "Struer", 20, 10),
	}, Shape{Top: results.LevelRegion, Root: region.Name, Clusters: clusters}, rules)
	if root.Group.N != 60 || len(root.Children) != 2 {
		t.Fatalf("region: n %d, %d clusters", root.Group.N, len(root.Children))
	}
	vest := find(root, "Vest")
	if vest == nil || vest.Level != results.LevelCluster || len(vest.Children) != 2 || vest.Group.N != 40 {
		t.Fatalf("cluster Vest: %+v", vest)
	}
	if m := find(root, "Herning"); m.Level != results.LevelMunicipality || m.Group.N != 20 {
		t.Errorf("Herning: %+v", m)
	}
}
