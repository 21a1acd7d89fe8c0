// Package pdftest reads the text of PDFs the tests make (posters, reports) with pdftotext
// from poppler-utils.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Text runs pdftotext on b with args. Without pdftotext the test is skipped, except in CI
// (CI=true), which installs it: there a missing tool is a failure.
func Text(t testing.TB, b []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing; CI must install poppler-utils (see .ci/run)")
		}
		t.Skip("pdftotext not found: install poppler-utils (apt-get install -y poppler-utils) to check the PDFs' text")
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(args, file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
