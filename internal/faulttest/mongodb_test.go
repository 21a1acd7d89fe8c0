package faulttest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.mongodb.org/mongo-driver/x/mongo/driver/connstring"

	"github.com/heltnormal/heltnormal/internal/store"
)

// outage is how long the server loses its database in TestMongoDBConnectionLoss.
const outage = 5 * time.Second

// TestMongoDBConnectionLoss runs the server against MONGODB_URI through a TCP proxy and
// takes the database away for five seconds while a year group submits: once by closing
// every connection (cut), once by letting nothing through (stall). Pupils whose answers
// fail in the meantime get a 5xx or no answer, the survey page says "prøver igen …" and
// retries; in the end every acknowledged answer is stored and every class has exactly
// one response per pupil. Without MONGODB_URI there is no separate database to lose, and
// the test is skipped (the embedded store runs inside the server: see the kill test).
func TestMongoDBConnectionLoss(t *testing.T) {
	uri := os.Getenv("MONGODB_URI")
	if uri == "" {
		t.Skip("MONGODB_URI is not set: the connection-loss test needs a MongoDB to lose")
	}
	for _, mode := range []string{"cut", "stall"} {
		t.Run(mode, func(t *testing.T) { connectionLoss(t, uri, mode) })
	}
}

func connectionLoss(t *testing.T, uri, mode string) {
	const classes, perClass, spread = 4, 25, 10 * time.Second
	ctx := waitCtx(t, 5*time.Minute)
	upstream := primaryAddress(t, uri)
	p := startProxy(t, upstream)
	proxied, err := throughProxy(uri, p.addr())
	if err != nil {
		t.Skip(err)
	}
	database := "hn_fault_" + randomHex(6)
	direct, err := store.Open(ctx, store.Options{URI: uri, Database: database})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = direct.Drop(context.Background())
		_ = direct.Close(context.Background())
	})

	srv := newServer(t, "MONGODB_URI="+proxied, "HELTNORMAL_DB="+database)
	srv.start()
	teacher, sessions, sv := setUpClasses(t, srv.url(), classes, perClass)
	if page := fetch(t, srv.url()+"/j/"+sessions[0].Code); !strings.Contains(page, "prøver igen") {
		t.Errorf("the survey page lacks the retry message (\"prøver igen …\")")
	}
	pupils := newPupils(sessions, perClass, sv)

	var prog progress
	done := make(chan struct{})
	go func() {
		defer close(done)
		run(ctx, srv.url(), pupils, spread, &prog)
	}()
	for prog.acked.Load() < int64(len(pupils)/4) {
		select {
		case <-done:
			t.Fatal("every pupil finished before the connection loss")
		case <-time.After(5 * time.Millisecond):
		}
	}
	ackedBefore := prog.acked.Load()
	lostAt := time.Now()
	if mode == "cut" {
		p.cutLink()
	} else {
		p.stallLink()
	}
	// Half-way through, the health check must say the store is unreachable.
	time.Sleep(outage / 2)
	health := healthStatus(srv.url())
	time.Sleep(outage - time.Since(lostAt))
	p.restore()
	ackedDuring := prog.acked.Load() - ackedBefore
	<-done

	if health != http.StatusServiceUnavailable {
		t.Errorf("/healthz during the outage: %d, want 503", health)
	}
	var stored int
	for _, pu := range pupils {
		if !pu.acked {
			continue
		}
		if _, err := direct.ResponseBySubmission(ctx, pu.session.ID, pu.submissionID); err != nil {
			t.Errorf("acknowledged answer %s is not stored: %v", pu.submissionID, err)
			continue
		}
		stored++
	}
	checkEveryPupilCounted(t, teacher, sessions, perClass, pupils)

	// A pupil whose answer was sent during the outage either got an error and retried, or
	// waited: the driver waits for the database up to its 5 s timeout, so a loss this short
	// often passes as a slow answer.
	f := sum(pupils)
	var failed, waited int
	var slowest time.Duration
	for _, pu := range pupils {
		slowest = max(slowest, pu.slowest)
		switch {
		case pu.netErrors+pu.serverErrors > 0:
			failed++
		case pu.slowest > time.Second:
			waited++
		}
	}
	if failed+waited == 0 {
		t.Error("no pupil's submission was held up by the outage: it was not exercised")
	}
	t.Logf("MongoDB connection %s for %s with %d pupils submitting over %s:", mode, outage, f.pupils, spread)
	t.Logf("  acknowledged before %d, during %d; in the end %d of %d, stored %d", ackedBefore, ackedDuring, f.acked, f.pupils, stored)
	t.Logf("  failed and retried %d pupils (network errors %d, 5xx %d), waited it out %d (slowest answer %s); acknowledged as already stored %d",
		failed, f.netErrors, f.serverErrors, waited, slowest.Round(time.Millisecond), f.ackedAsRepeat)
}

// primaryAddress is the host:port to proxy: the URI's only host, or the replica set's
// primary when the URI lists several.
func primaryAddress(t *testing.T, uri string) string {
	t.Helper()
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		t.Fatalf("MONGODB_URI: %v", err)
	}
	if cs.Scheme != connstring.SchemeMongoDB {
		t.Skip("MONGODB_URI uses mongodb+srv://; the proxy needs plain host:port addresses")
	}
	if len(cs.Hosts) == 1 {
		return cs.Hosts[0]
	}
	ctx := waitCtx(t, 20*time.Second)
	client, err := mongo.Connect(ctx, options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	var hello struct {
		Primary string `bson:"primary"`
	}
	if err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&hello); err != nil {
		t.Fatal(err)
	}
	if hello.Primary == "" {
		return cs.Hosts[0]
	}
	return hello.Primary
}

// throughProxy rewrites a mongodb:// URI to reach the database at addr only: the hosts
// become addr, and directConnection keeps the driver from finding the replica set's
// members by their own addresses, around the proxy.
func throughProxy(uri, addr string) (string, error) {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok || scheme != "mongodb" {
		return "", fmt.Errorf("cannot proxy %s:// URIs", scheme)
	}
	hosts, tail := rest, ""
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		hosts, tail = rest[:i], rest[i:]
	}
	userinfo := ""
	if i := strings.LastIndex(hosts, "@"); i >= 0 {
		userinfo = hosts[:i+1]
	}
	path, rawQuery, _ := strings.Cut(tail, "?")
	if path == "" {
		path = "/"
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", err
	}
	q.Del("replicaSet")
	q.Set("directConnection", "true")
	if q.Get("tls") == "true" || q.Get("ssl") == "true" {
		q.Set("tlsAllowInvalidHostnames", "true") // the certificate names the real host
	}
	return scheme + "://" + userinfo + addr + path + "?" + q.Encode(), nil
}

func fetch(t *testing.T, target string) string {
	t.Helper()
	resp, err := http.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func healthStatus(base string) int {
	client := &http.Client{Timeout: 4 * time.Second}
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
