// Package e2e holds the browser tests: a real headless Chromium, driven over the DevTools
// protocol with chromedp, against a real server on a fresh database. They check what only a
// browser shows — the classroom flow from the teacher's login to the SSP dashboard, pupils
// without JavaScript, on a phone and offline, the keyboard, accessibility with axe-core, and
// the weight of the pupil's page. The package has no code of its own; everything is in the
// tests. Outside CI a missing browser skips them; with CI=true it fails them.
package e2e
