// Package locales holds the interface's message files, named AREA.LANG.yaml: pupil.*.yaml for
// what pupils see (more languages), staff.*.yaml for teacher, SSP and admin pages (da, en).
// Danish is the primary language; the binary embeds them all.
package locales

import "embed"

// FS holds every message file.
//
//go:embed *.yaml
var FS embed.FS
