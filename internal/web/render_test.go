package web_test

import (
	"net/http/httptest"
	"sync"
	"testing"
)

// TestFirstPagesRenderedTogether renders pages from a cold start, many at once, as a class
// opening the survey right after a restart does. Under -race it fails if Fiber builds
// anything lazily on its first render (it did: the mounted apps' keys, fiber v2.52).
func TestFirstPagesRenderedTogether(t *testing.T) {
	s := newServer(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			target := "/"
			if i%2 == 1 {
				target = "/login"
			}
			res, err := s.App().Test(httptest.NewRequest("GET", target, nil), -1)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Errorf("GET %s: %d", target, res.StatusCode)
			}
		}()
	}
	wg.Wait()
}
