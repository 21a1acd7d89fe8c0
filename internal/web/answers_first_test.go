package web

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Pages wait for a free place, but not past maxPageWait: when every place is held (by pages
// waiting for a slow store, say), a page goes ahead instead of queuing behind them.
func TestPagesWaitForAPlaceButNotForever(t *testing.T) {
	g := make(answersFirst, 1)
	app := fiber.New()
	release := make(chan struct{})
	app.Get("/slow", g.page, func(c *fiber.Ctx) error { <-release; return c.SendString("slow") })
	app.Get("/page", g.page, func(c *fiber.Ctx) error { return c.SendString("page") })

	go app.Test(httptest.NewRequest("GET", "/slow", nil), -1)
	for len(g) == 0 { // the slow page holds the only place
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	resp, err := app.Test(httptest.NewRequest("GET", "/page", nil), -1)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("page: %v %v", resp, err)
	}
	if waited := time.Since(start); waited < maxPageWait || waited > maxPageWait+time.Second {
		t.Errorf("the page waited %v with the place taken; want about %v", waited, maxPageWait)
	}

	close(release)
	for len(g) != 0 { // the slow page is done
		time.Sleep(time.Millisecond)
	}
	start = time.Now()
	if resp, err := app.Test(httptest.NewRequest("GET", "/page", nil), -1); err != nil || resp.StatusCode != 200 {
		t.Fatalf("page: %v %v", resp, err)
	}
	if waited := time.Since(start); waited > maxPageWait/2 {
		t.Errorf("with a free place the page waited %v", waited)
	}
}
