package poster

import (
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	dir := os.Getenv("SCRATCH")
	if dir == "" {
		t.Skip()
	}
	h := sleepSpec()
	h.Headline = `8 af 10 skriver </script> <script>alert(1) og %PDF-1.7 (ikke) \ endobj`
	u := sleepSpec()
	u.Headline = "8 af 10 " + "søvnforskningsresultater søvnforskningsresultaterne"
	for name, s := range map[string]Spec{"a": sleepSpec(), "b": drinkSpec(), "long": longSpec(), "hostile": h, "unb": u} {
		for _, th := range Themes() {
			for _, l := range Layouts() {
				s.Theme, s.Layout = th, l
				p, err := PNG(s)
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(dir+"/"+name+"-"+string(l)+"-"+string(th)+".png", p, 0o644)
				d, err := PDF(s, SizeA4)
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(dir+"/"+name+"-"+string(l)+"-"+string(th)+".pdf", d, 0o644)
			}
		}
	}
}
