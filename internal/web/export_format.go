package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// csvFormat is how every CSV the app serves is written for a language. A Danish Excel opens
// a double-clicked file with semicolons between cells and decimal commas; everyone else
// expects commas and decimal points. Both are UTF-8 with a byte-order mark, which Excel needs
// to read æ, ø and å.
type csvFormat struct {
	Comma   rune
	Decimal string
}

// csvFormatFor is Danish Excel's format for "da", the international one for the rest.
func csvFormatFor(lang string) csvFormat {
	if lang == "da" {
		return csvFormat{Comma: ';', Decimal: ","}
	}
	return csvFormat{Comma: ',', Decimal: "."}
}

// number writes x with the given decimals and the format's decimal mark, never "-0".
func (f csvFormat) number(x float64, digits int) string {
	if x == 0 {
		x = 0
	}
	return strings.Replace(strconv.FormatFloat(x, 'f', digits, 64), ".", f.Decimal, 1)
}

// percent writes a share in [0, 1] as a percentage with one decimal, rounded the way the
// results round gap_pp (results.roundTenth: to the nearest tenth, halves away from zero), so
// a share and its gap read the same in every export.
func (f csvFormat) percent(share float64) string {
	return f.number(percentTenth(share), 1)
}

// percentTenth is 100 × share rounded to one decimal, halves away from zero.
func percentTenth(share float64) float64 {
	x := 100 * share
	return math.Round(10*x+math.Copysign(1e-9, x)) / 10
}

// sendCSV writes records as a CSV download named filename (only a-z, 0-9, dots and dashes,
// so the header stays safe and Excel keeps the name).
func sendCSV(c *fiber.Ctx, f csvFormat, filename string, records [][]string) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = f.Comma
	w.UseCRLF = true // what Excel writes, and RFC 4180
	if err := w.WriteAll(records); err != nil {
		return fmt.Errorf("write %s: %w", filename, err)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	return c.Send(buf.Bytes())
}
