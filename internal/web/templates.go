package web

import (
	"io/fs"
	"strings"
)

// TemplateFiles returns every embedded template by name, so tests can check the messages
// they use.
func TemplateFiles() (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(assets, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := fs.ReadFile(assets, path)
		out[path] = string(b)
		return err
	})
	return out, err
}
