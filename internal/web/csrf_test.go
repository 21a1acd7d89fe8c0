package web

import "testing"

func TestMaskedTokensNeverRepeatAndUnmask(t *testing.T) {
	token := "c2lnbmVkLXRva2VuLXZhbHVlLWZvci10ZXN0"
	a, b := maskToken(token), maskToken(token)
	if a == b {
		t.Error("two pages carry the same masked token")
	}
	for _, m := range []string{a, b} {
		if got, ok := unmaskToken(m); !ok || got != token {
			t.Errorf("unmask(%q) = %q, %v", m, got, ok)
		}
	}
	for _, bad := range []string{"", "not base64!", "YWJj"} {
		if _, ok := unmaskToken(bad); ok {
			t.Errorf("unmask accepted %q", bad)
		}
	}
}
