package cache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestGetHonoursTheCallersAge(t *testing.T) {
	c := New[int](10)
	c.Put("a", 1)
	if v, ok := c.Get("a", time.Hour); !ok || v != 1 {
		t.Fatalf("Get = %v, %v; want 1, true", v, ok)
	}
	time.Sleep(5 * time.Millisecond)
	if _, ok := c.Get("a", time.Millisecond); ok {
		t.Fatal("a value older than the caller accepts was returned")
	}
	if _, ok := c.Get("a", 0); !ok {
		t.Fatal("maxAge 0 must accept any age")
	}
	c.Update("a", func(v int) int { return v + 2 })
	c.Update("missing", func(v int) int { return 7 })
	if v, _ := c.Get("a", 0); v != 3 {
		t.Fatalf("after Update a = %d, want 3", v)
	}
	if _, ok := c.Get("missing", 0); ok {
		t.Fatal("Update created a missing key")
	}
	c.Forget("a")
	if _, ok := c.Get("a", 0); ok {
		t.Fatal("Forget kept the key")
	}
}

func TestCacheStaysBounded(t *testing.T) {
	c := New[int](3)
	for i, k := range []string{"a", "b", "c", "d"} {
		c.Put(k, i)
	}
	if _, ok := c.Get("a", 0); ok {
		t.Fatal("a cache over its bound kept its old entries")
	}
	if v, ok := c.Get("d", 0); !ok || v != 3 {
		t.Fatal("the newest entry was lost")
	}
}

func TestCallersWhoMissTogetherShareOneRead(t *testing.T) {
	c := New[int](10)
	var reads atomic.Int32
	release := make(chan struct{})
	read := func(context.Context) (int, error) {
		reads.Add(1)
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := c.Load(context.Background(), "k", time.Second, read); err != nil || v != 42 {
				t.Errorf("Load = %v, %v", v, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := reads.Load(); n != 1 {
		t.Fatalf("%d reads for 8 callers at once, want 1", n)
	}
	if _, err := c.Load(context.Background(), "k", time.Second, read); err != nil || reads.Load() != 1 {
		t.Fatal("a fresh value was read again")
	}
	failing := func(context.Context) (int, error) { return 0, errors.New("down") }
	if _, err := c.Load(context.Background(), "x", time.Second, failing); err == nil {
		t.Fatal("a failed read was not reported")
	}
	if _, ok := c.Get("x", 0); ok {
		t.Fatal("a failed read was stored")
	}
}
