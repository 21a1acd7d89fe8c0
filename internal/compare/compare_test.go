package compare

import (
	"strconv"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/internal/survey/surveytest"
)

var rules = results.Rules{MinGroup: 5, MinSensitive: 20}

func testSurvey(t testing.TB) *survey.Survey {
	t.Helper()
	return surveytest.Survey(t)
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

func TestAClassBelowTheMinimumIsInNoTotal(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{
		classOf(sv, "8.A", "s1", "Aarhus", 20, 15),
		classOf(sv, "8.B", "s1", "Aarhus", 18, 9),
		classOf(sv, "8.C", "s1", "Aarhus", 4, 1), // below the minimum group
		classOf(sv, "9.A", "s2", "Aarhus", 22, 11),
	}, Shape{Top: results.LevelMunicipality, Root: "Aarhus", Schools: map[string]string{"s1": "Skole 1", "s2": "Skole 2"}}, rules)

	if !find(root, "8.C").Group.Suppressed {
		t.Fatal("the class of 4 is shown")
	}
	// School 1's figures are 8.A's and 8.B's alone: school − 8.A − 8.B reveals nothing,
	// so both classes stay visible and no figure is hidden only to protect 8.C.
	school := find(root, "s1")
	sleep, _ := school.Group.Item("sleep")
	if school.Group.N != 38 || sleep.NSelf != 38 || sleep.SelfCounts["yes"] != 24 {
		t.Errorf("school 1 = n %d, sleep %+v; want 8.A and 8.B only (38, 24 yes)", school.Group.N, sleep)
	}
	for _, c := range []string{"8.A", "8.B", "9.A"} {
		if !shown(find(root, c), "sleep") {
			t.Errorf("%s hidden without need", c)
		}
	}
	if root.Group.N != 60 {
		t.Errorf("municipality n = %d, want 60 (without the class of 4)", root.Group.N)
	}
}

func TestAClassTopicTooSmallToShowIsInNoTotal(t *testing.T) {
	sv := testSurvey(t)
	big := classOf(sv, "8.A", "s1", "Aarhus", 20, 10)
	small := classOf(sv, "8.B", "s1", "Aarhus", 12, 6)
	// In 8.B only 3 pupils answered "drunk": hidden for the class, so in no total either.
	for i, tl := range small.Tallies {
		if tl.ID == "drunk" {
			small.Tallies[i] = results.Tally{ID: "drunk", SelfCounts: map[string]int{"yes": 1, "no": 2}, PerceivedCounts: map[string]int{"5": 3}}
		}
	}
	root := Build(sv, []Summary{big, small}, Shape{Top: results.LevelMunicipality, Root: "Aarhus"}, rules)
	if shown(find(root, "8.B"), "drunk") {
		t.Fatal("3 answers shown")
	}
	drunk, _ := find(root, "s1").Group.Item("drunk")
	if drunk.NSelf != 20 {
		t.Errorf("school drunk n = %d, want 20 (8.A only)", drunk.NSelf)
	}
	if !shown(find(root, "8.A"), "drunk") || !shown(find(root, "8.B"), "sleep") {
		t.Error("figures hidden without need")
	}
}

func TestComplementarySuppressionOfSensitiveTopics(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{
		classOf(sv, "A1", "a", "Favrskov", 12, 3), classOf(sv, "A2", "a", "Favrskov", 12, 3), // 24: shown
		classOf(sv, "B1", "b", "Favrskov", 9, 2), classOf(sv, "B2", "b", "Favrskov", 9, 2), // 18: hidden
		classOf(sv, "C1", "c", "Favrskov", 15, 3), classOf(sv, "C2", "c", "Favrskov", 15, 3), // 30: shown
	}, Shape{Top: results.LevelMunicipality, Root: "Favrskov"}, rules)
	if !shown(root, "lonely") || shown(find(root, "b"), "lonely") {
		t.Fatalf("municipality %v, school b %v", shown(root, "lonely"), shown(find(root, "b"), "lonely"))
	}
	// b = municipality − a − c would reveal school b: the smaller of a and c is hidden too.
	if shown(find(root, "a"), "lonely") {
		t.Error("school a shown: school b's sensitive figure can be computed")
	}
	if !shown(find(root, "c"), "lonely") {
		t.Error("school c hidden without need")
	}
	// Non-sensitive topics are unaffected.
	if !shown(find(root, "a"), "sleep") || !shown(find(root, "b"), "sleep") {
		t.Error("a non-sensitive figure hidden")
	}
}

func TestGradeFilteredViewsHideSensitiveTopics(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{classOf(sv, "A1", "a", "Skive", 25, 3), classOf(sv, "A2", "a", "Skive", 25, 3)},
		Shape{Top: results.LevelMunicipality, Root: "Skive", HideSensitive: true}, rules)
	root.Walk(func(n *Node) {
		if _, listed := n.Group.Item("lonely"); listed {
			t.Errorf("%s lists a sensitive topic in a grade-filtered view", n.Key)
		}
	})
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

func TestHiddenFiguresSayWhy(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{
		classOf(sv, "A1", "a", "Favrskov", 12, 3), classOf(sv, "A2", "a", "Favrskov", 12, 3),
		classOf(sv, "B1", "b", "Favrskov", 9, 2), classOf(sv, "B2", "b", "Favrskov", 9, 2),
		classOf(sv, "C1", "c", "Favrskov", 15, 3), classOf(sv, "C2", "c", "Favrskov", 15, 3),
	}, Shape{Top: results.LevelMunicipality, Root: "Favrskov"}, rules)
	b, _ := find(root, "b").Group.Item("lonely")
	a, _ := find(root, "a").Group.Item("lonely")
	if b.Reason != results.ReasonTooFew || a.Reason != results.ReasonProtects {
		t.Errorf("school b hidden for %q, school a for %q", b.Reason, a.Reason)
	}
}

// A region without clusters has its municipalities right under it, and complementary
// suppression works across them as it does across clusters.
func TestRegionTreeWithoutClusters(t *testing.T) {
	sv := testSurvey(t)
	root := Build(sv, []Summary{
		classOf(sv, "a", "s1", "Odense", 20, 10),
		classOf(sv, "b", "s2", "Odense", 20, 10),
		classOf(sv, "c", "s3", "Vejle", 20, 10),
		classOf(sv, "d", "s4", "Ærø", 4, 2),
	}, Shape{Top: results.LevelRegion, Root: "Region Syddanmark", Clusters: map[string]string{}}, rules)
	if root.Group.N != 60 || len(root.Children) != 3 {
		t.Fatalf("region: n %d, %d children", root.Group.N, len(root.Children))
	}
	for _, c := range root.Children {
		if c.Level != results.LevelMunicipality || c.Key == "" {
			t.Errorf("under the region: %v %q", c.Level, c.Key)
		}
	}
	if m := find(root, "Odense"); m.Group.N != 40 || len(m.Children) != 2 {
		t.Errorf("Odense: %+v", m)
	}
	// Ærø's one class of 4 is hidden and in no total: nothing to recover from the region.
	if m := find(root, "Ærø"); !m.Group.Suppressed {
		t.Errorf("Ærø shows figures from 4 answers: %+v", m.Group)
	}
}
