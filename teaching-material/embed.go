// Package teachingmaterial holds the teaching material — lessons, guides, the letter to
// parents, the rollout plan — as Markdown in Danish (da/) and English (en/); the binary
// embeds it and serves it at /materials.
package teachingmaterial

import "embed"

// FS holds every Markdown file of the material.
//
//go:embed da/*.md en/*.md references.md
var FS embed.FS
