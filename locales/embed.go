// Package locales holds the interface's message files, one per language (da.yaml is the
// primary); the binary embeds them.
package locales

import "embed"

// FS holds every message file.
//
//go:embed *.yaml
var FS embed.FS
