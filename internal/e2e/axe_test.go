package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeDir holds axe-core (npm axe-core, MPL-2.0), vendored for the tests only; VERSION there
// says which release and how to update it.
var axeDir = filepath.Join("testdata", "axe-core")

// axeSource reads axe.min.js once and checks it against the SHA-256 in VERSION, so a
// changed or truncated copy fails loudly instead of testing nothing.
var axeSource = sync.OnceValues(func() (string, error) {
	src, err := os.ReadFile(filepath.Join(axeDir, "axe.min.js"))
	if err != nil {
		return "", err
	}
	version, err := os.ReadFile(filepath.Join(axeDir, "VERSION"))
	if err != nil {
		return "", err
	}
	want := regexp.MustCompile(`(?m)^sha256:\s+([0-9a-f]{64})`).FindSubmatch(version)
	sum := sha256.Sum256(src)
	if want == nil || string(want[1]) != hex.EncodeToString(sum[:]) {
		return "", fmt.Errorf("axe.min.js has SHA-256 %x, not the one in %s", sum, filepath.Join(axeDir, "VERSION"))
	}
	return string(src), nil
})

// axeViolation is one rule axe-core found broken, with the elements that break it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  json.RawMessage `json:"target"`
		HTML    string          `json:"html"`
		Summary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// checkAxe runs axe-core on the page as it is now and fails the test on every serious or
// critical violation; moderate and minor ones are logged. The script is evaluated through
// the DevTools protocol, which the page's Content-Security-Policy does not apply to.
func (b *tab) checkAxe(page string) {
	b.t.Helper()
	src, err := axeSource()
	if err != nil {
		b.t.Fatal(err)
	}
	if !eval[bool](b, `typeof window.axe === "object"`) {
		b.do(chromedp.Evaluate[chromedp.Void](src))
	}
	// The default rules: WCAG 2.0–2.2 A and AA plus axe's best practices. Results other
	// than violations are left out; they are large and not looked at.
	violations := eval[[]axeViolation](b, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`)
	var serious, minor []string
	for _, v := range violations {
		line := formatViolation(v)
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, line)
		} else {
			minor = append(minor, line)
		}
	}
	if len(minor) > 0 {
		b.t.Logf("axe on %s (%s): %d moderate or minor findings:\n%s", page, b.location(), len(minor), strings.Join(minor, "\n"))
	}
	if len(serious) > 0 {
		b.t.Errorf("axe on %s (%s): %d serious or critical violations:\n%s", page, b.location(), len(serious), strings.Join(serious, "\n"))
	}
}

func formatViolation(v axeViolation) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "  [%s] %s: %s (%s)", v.Impact, v.ID, v.Help, v.URL)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&sb, "\n      … and %d more", len(v.Nodes)-i)
			break
		}
		html := n.HTML
		if len(html) > 160 {
			html = html[:160] + "…"
		}
		fmt.Fprintf(&sb, "\n      %s %s", n.Target, html)
		if n.Summary != "" {
			fmt.Fprintf(&sb, "\n        %s", strings.ReplaceAll(n.Summary, "\n", "\n        "))
		}
	}
	return sb.String()
}

// TestAxeCopyIsIntact keeps the vendored axe-core honest even where no browser runs.
func TestAxeCopyIsIntact(t *testing.T) {
	if _, err := axeSource(); err != nil {
		t.Fatal(err)
	}
}
