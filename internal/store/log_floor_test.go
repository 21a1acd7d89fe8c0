package store

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// countingHandler counts the attributes it is asked to format ahead of a record.
type countingHandler struct {
	slog.Handler
	withAttrs *int
}

func (h countingHandler) WithAttrs(a []slog.Attr) slog.Handler {
	*h.withAttrs++
	return countingHandler{h.Handler.WithAttrs(a), h.withAttrs}
}

func TestLevelFloorFormatsAttributesOnlyForLinesItLogs(t *testing.T) {
	var out bytes.Buffer
	formatted := 0
	log := slog.New(levelFloor{next: countingHandler{slog.NewTextHandler(&out, nil), &formatted}, min: slog.LevelError})
	for i := range 1000 { // a query's logger, as FerretDB makes one per query
		log.With("sql", "SELECT _ferretdb_sjson FROM sessions WHERE ...", "args", []any{i}).Debug("query")
	}
	if formatted != 0 || out.Len() != 0 {
		t.Errorf("1,000 dropped debug lines formatted attributes %d times and wrote %q", formatted, out.String())
	}
	log.WithGroup("sqlite").With("table", "sessions_1a2b3c4d").Error("disk I/O error")
	if got := out.String(); !strings.Contains(got, "sqlite.table=sessions_1a2b3c4d") || !strings.Contains(got, "disk I/O error") || formatted != 1 {
		t.Errorf("an error line lost its attributes: %q (formatted %d)", got, formatted)
	}
	if log.Enabled(context.Background(), slog.LevelWarn) {
		t.Error("warnings pass the floor")
	}
}

func (h countingHandler) WithGroup(name string) slog.Handler {
	return countingHandler{h.Handler.WithGroup(name), h.withAttrs}
}
