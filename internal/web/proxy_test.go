package web_test

import (
	"fmt"
	"net/http"
	"testing"
)

// serveWith starts a server with extra settings on the given test server's store.
func serveWith(t *testing.T, base *testServer, vars map[string]string) string {
	t.Helper()
	return serverOn(t, base.st, vars).listen(t)
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

// Behind a trusted proxy the client is the right-most address the proxy added, not the
// left-most one, which the client writes itself: a guesser cannot escape the limit by sending
// a made-up X-Forwarded-For of its own in front.
func TestRightMostUntrustedAddressIsTheClient(t *testing.T) {
	base := newServer(t)
	token, _ := seedTeacher(t, base, "Horsens", "Horsens Skole", "t@horsens.dk")
	sess := createClassSession(t, base, token, 25)
	url := serveWith(t, base, map[string]string{"HELTNORMAL_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"})
	for i := 0; i < 60; i++ {
		// Each guess claims another client on the left; the proxies (10.1.2.3, then the
		// loopback peer) saw the same one.
		forged := fmt.Sprintf("192.0.2.%d, 198.51.100.7, 10.1.2.3", i)
		if st := getFrom(t, url+fmt.Sprintf("/j/QQQ%03d", i), forged); st != http.StatusNotFound {
			t.Fatalf("guess %d: %d", i, st)
		}
	}
	if st := getFrom(t, url+"/j/"+sess.Code, "192.0.2.250, 198.51.100.7, 10.1.2.3"); st != http.StatusTooManyRequests {
		t.Errorf("the guesser with a made-up left-most address: %d, want 429", st)
	}
	if st := getFrom(t, url+"/j/"+sess.Code, "203.0.113.40, 10.1.2.3"); st != http.StatusOK {
		t.Errorf("another client behind the same proxies: %d, want 200", st)
	}
}
