package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/web"
	"github.com/heltnormal/heltnormal/locales"
)

// serveWith starts a server with extra settings on the given test server's store.
func serveWith(t *testing.T, base *testServer, vars map[string]string) string {
	t.Helper()
	cfg, err := config.Load(nil, func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := i18n.Load(locales.FS)
	s, err := web.New(cfg, base.st, base.surveys, loc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Shutdown(2 * time.Second) })
	return "http://" + ln.Addr().String()
}

func getFrom(t *testing.T, url, forwardedFor string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Behind a trusted reverse proxy the join limit counts each client, not the proxy: someone
// guessing codes is stopped, the pupils behind the same proxy are not.
func TestJoinLimitBehindATrustedProxy(t *testing.T) {
	base := newServer(t)
	token, _ := seedTeacher(t, base, "Horsens", "Horsens Skole", "t@horsens.dk")
	sess := createClassSession(t, base, token, 25)
	url := serveWith(t, base, map[string]string{"HELTNORMAL_TRUSTED_PROXIES": "127.0.0.1"})

	for i := 0; i < 60; i++ {
		if st := getFrom(t, url+fmt.Sprintf("/j/QQQ%03d", i), "198.51.100.7"); st != http.StatusNotFound {
			t.Fatalf("guess %d: %d", i, st)
		}
	}
	if st := getFrom(t, url+"/j/"+sess.Code, "198.51.100.7"); st != http.StatusTooManyRequests {
		t.Errorf("the guesser behind the proxy: %d, want 429", st)
	}
	if st := getFrom(t, url+"/j/"+sess.Code, "203.0.113.40"); st != http.StatusOK {
		t.Errorf("a pupil behind the same proxy: %d, want 200", st)
	}
}

// Without trusted proxies, X-Forwarded-For is ignored: a guesser cannot escape the limit by
// making up addresses.
func TestForwardedForIsIgnoredWithoutTrustedProxies(t *testing.T) {
	base := newServer(t)
	url := serveWith(t, base, nil)
	for i := 0; i < 60; i++ {
		getFrom(t, url+fmt.Sprintf("/j/QQQ%03d", i), fmt.Sprintf("198.51.100.%d", i))
	}
	if st := getFrom(t, url+"/j/QQQ999", "192.0.2.1"); st != http.StatusTooManyRequests {
		t.Errorf("a made-up X-Forwarded-For escaped the limit: %d", st)
	}
}
