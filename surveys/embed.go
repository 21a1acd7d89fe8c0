// Package surveys holds the survey definitions shipped with Helt Normal; the binary embeds them.
package surveys

import "embed"

// FS holds every shipped survey file (one YAML file per survey version).
//
//go:embed *.yaml
var FS embed.FS
