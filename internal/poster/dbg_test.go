package poster

import (
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	s := sleepSpec()
	s.Headline = `8 af 10 skriver </script> <script>alert(1) og %PDF-1.7 (ikke) \ endobj`
	s.Layout = LayoutQuote
	b, _ := PDF(s, SizeA4)
	os.WriteFile("/tmp/pv/hostile.pdf", b, 0o644)
}
