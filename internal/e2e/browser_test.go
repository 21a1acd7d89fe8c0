package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium is the one headless browser the package's tests share. Each device in a test is a
// browser context of its own in it (own cookies, storage and cache), as separate phones are.
var chromium struct {
	ctx     context.Context // holds the started browser; nil when there is none
	missing string          // why there is no browser
}

// stepTimeout bounds one browser step (a navigation, a click, a wait); a test that hangs
// fails with what it was waiting for instead of running into go test's timeout.
const stepTimeout = 20 * time.Second

func TestMain(m *testing.M) { os.Exit(runWithBrowser(m)) }

// runWithBrowser starts Chromium once for all tests and stops it after them. A browser that
// is missing or does not start is not an error here: requireBrowser decides per test.
func runWithBrowser(m *testing.M) int {
	path := findChromium()
	if path == "" {
		chromium.missing = "no Chromium found on PATH (chromium, chromium-browser, google-chrome)"
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "hn-e2e-chromium-")
	if err != nil {
		chromium.missing = err.Error()
		return m.Run()
	}
	defer removeProfile(dir)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir), // a fresh profile: no cache, cookies or settings from before
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		// A Danish device: pages pick the language from Accept-Language.
		chromedp.Flag("lang", "da-DK"),
		chromedp.Flag("accept-lang", "da-DK,da"),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium's sandbox refuses to run as root
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		chromium.missing = fmt.Sprintf("Chromium at %s did not start: %v", path, err)
		return m.Run()
	}
	chromium.ctx = ctx
	return m.Run()
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// removeProfile deletes the browser profile; Chromium's helpers may still write to it for a
// moment after the browser stops.
func removeProfile(dir string) {
	for range 50 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// requireBrowser skips the test when there is no browser, or fails it in CI (CI=true),
// where .ci/run installs Chromium and a skip would hide that the tests did not run.
func requireBrowser(t testing.TB) {
	t.Helper()
	if chromium.ctx != nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("browser tests need Chromium in CI: %s", chromium.missing)
	}
	t.Skipf("skipping browser test: %s. Install it (apt-get install chromium) to run it; with CI=true this is a failure.", chromium.missing)
}

// tab is one device: a page in a browser context of its own, so its cookies, storage and
// cache are its own. Its helpers fail the test on error.
type tab struct {
	t    testing.TB
	ctx  context.Context
	base string // the test server's URL
	// touch makes the helpers tap instead of click (a phone's touch screen).
	touch bool
}

// newTab opens a device on the test server at base; setup runs before anything loads (a
// viewport, JavaScript switched off).
func newTab(t testing.TB, base string, setup ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	requireBrowser(t)
	ctx, cancel := chromedp.NewContext(chromium.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, setup...); err != nil {
		t.Fatalf("open a browser tab: %v", err)
	}
	return &tab{t: t, ctx: ctx, base: base}
}

// phone is a touch screen of width×height CSS pixels (360×640: a cheap Android phone).
func phone(width, height int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulateTouch)
}

// withoutJavaScript switches off scripts in the tab, as a browser with JavaScript disabled.
func withoutJavaScript() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
}

// do runs steps, failing the test with the page's address when one fails.
func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("browser step failed at %s: %v", b.location(), err)
	}
}

// value runs one action that returns something.
func value[T any](b *tab, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("browser step failed at %s: %v", b.location(), err)
	}
	return v
}

// eval evaluates JavaScript in the page (awaiting a promise it returns).
func eval[T any](b *tab, js string) T {
	b.t.Helper()
	return value(b, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// location is the page's address, for messages; it never fails.
func (b *tab) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "(unknown page)"
	}
	return strings.TrimPrefix(loc, b.base)
}

// open loads a path of the test server and waits for the page to load.
func (b *tab) open(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + path))
}

// waitFor polls a JavaScript condition until it holds; it survives navigations, so it is
// also how a test waits for the page a click or a form leads to.
func (b *tab) waitFor(what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	var lastErr error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("waited %v for %s at %s (last error: %v); the page says:\n%s", stepTimeout, what, b.location(), lastErr, b.pageText())
}

// waitForPage waits until the page at path has loaded.
func (b *tab) waitForPage(path string) {
	b.t.Helper()
	b.waitFor("page "+path, fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, path))
}

// pageText is the visible text of the page, shortened, for failure messages.
func (b *tab) pageText() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		return "(no text: " + err.Error() + ")"
	}
	if len(text) > 1500 {
		text = text[:1500] + " …"
	}
	return text
}

// text is the visible text of the first element sel matches, with spaces collapsed.
func (b *tab) text(sel string) string {
	b.t.Helper()
	// Read in one step in the page rather than through DevTools node ids: a page that updates
	// itself (the projector's live counter) can invalidate a node id between the query and
	// the read ("No node with given id found", seen once in CI).
	b.waitFor(sel, fmt.Sprintf(`document.querySelector(%q) !== null`, sel))
	return strings.Join(strings.Fields(eval[string](b, fmt.Sprintf(`document.querySelector(%q).textContent`, sel))), " ")
}

// visible tells whether sel matches an element that takes up space on the page now.
func (b *tab) visible(sel string) bool {
	b.t.Helper()
	return eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; })()`, sel))
}

// screenshot refreshes docs/screenshots/name from the page in its current viewport when
// HN_SCREENSHOTS=1; normal test runs leave the files alone.
func (b *tab) screenshot(name string) {
	b.t.Helper()
	if os.Getenv("HN_SCREENSHOTS") != "1" {
		return
	}
	png := value(b, chromedp.CaptureScreenshot())
	path := filepath.Join("..", "..", "docs", "screenshots", name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("wrote %s (%d bytes)", path, len(png))
}
