package web_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestMaterialsArePublicInDanishAndEnglish(t *testing.T) {
	s := newServer(t)
	resp, body := get(t, s, "/materials")
	if resp.StatusCode != 200 || !strings.Contains(body, "Undervisningsmateriale") || !strings.Contains(body, `href="/materials/lektion-1"`) {
		t.Fatalf("index: %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, `href="/materials/lesson-1"`) {
		t.Error("the Danish index lists English documents")
	}
	_, body = get(t, s, "/materials?lang=en")
	if !strings.Contains(body, `href="/materials/lesson-1"`) || !strings.Contains(body, "Teaching material") {
		t.Errorf("English index:\n%s", body)
	}
	for _, slug := range []string{"lektion-1", "lektion-2", "lektion-3", "laerervejledning", "ssp-vejledning", "foraeldrebrev",
		"formidlingsstrategi", "lesson-1", "lesson-2", "lesson-3", "teacher-guide", "ssp-guide", "letter-to-parents",
		"dissemination-strategy", "regional-udrulning", "regional-rollout", "references"} {
		resp, body := get(t, s, "/materials/"+slug)
		if resp.StatusCode != 200 || !strings.Contains(body, `<article class="card material"`) || !strings.Contains(body, "<h1") || len(body) < 4000 {
			t.Errorf("%s: %d", slug, resp.StatusCode)
		}
		for _, tag := range inlineScript.FindAllString(body, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s has an inline script", slug)
			}
		}
	}
}

func TestTopicLinksLeadToTheTopicsSectionInLessonTwo(t *testing.T) {
	s := newServer(t)
	for lang, want := range map[string]string{"da": "/materials/lektion-2#sleep", "en": "/materials/lesson-2#sleep"} {
		resp, _ := get(t, s, "/materials/topics/sleep?lang="+lang)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d → %q, want %q", lang, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	_, body := get(t, s, "/materials/lektion-2")
	if !strings.Contains(body, `id="sleep"`) || !strings.Contains(body, `id="lonely-often"`) {
		t.Error("lesson 2 lacks topic anchors")
	}
}

func TestMaterialsRefuseUnknownAndTraversingPaths(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/materials/nope", "/materials/..%2F..%2Fgo.mod", "/materials/%2e%2e/%2e%2e/etc/passwd",
		"/materials/topics/..%2Fadmin", "/materials/topics/%3Cscript%3E", "/static/..%2F..%2Fgo.mod", "/static/../templates/home.html"} {
		resp, body := get(t, s, path)
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
		if strings.Contains(body, "module github.com") || strings.Contains(body, "root:") || strings.Contains(body, "{{") {
			t.Errorf("%s leaked a file", path)
		}
	}
}

// The regional rollout plan is listed at /materials in each language and links to its guides.
func TestMaterialsListTheRegionalRolloutPlan(t *testing.T) {
	s := newServer(t)
	for lang, want := range map[string]struct{ slug, title, guide string }{
		"da": {"regional-udrulning", "Plan for regional udrulning", "/materials/ssp-vejledning"},
		"en": {"regional-rollout", "Regional rollout plan", "/materials/ssp-guide"},
	} {
		_, index := get(t, s, "/materials?lang="+lang)
		if !strings.Contains(index, `href="/materials/`+want.slug+`"`) || !strings.Contains(index, want.title) {
			t.Errorf("%s index lacks the rollout plan", lang)
		}
		_, guide := get(t, s, want.guide+"?lang="+lang)
		if !strings.Contains(guide, `href="/materials/`+want.slug+`"`) {
			t.Errorf("%s does not link to the rollout plan", want.guide)
		}
		resp, plan := get(t, s, "/materials/"+want.slug+"?lang="+lang)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", want.slug, resp.StatusCode)
		}
		for _, must := range []string{"Ikast-Brande", "Samsø", "20", "databehandleraftale", "/materials/references"} {
			if !strings.Contains(plan, must) {
				t.Errorf("%s lacks %q", want.slug, must)
			}
		}
	}
}
