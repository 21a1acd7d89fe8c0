package loadtest

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the SQLite the embedded store uses
)

// The machine's limit: what the least a server could do with a pupil's answers costs here.
// A bare net/http handler decodes each posted answer and hands it to one writer, which
// writes everything waiting in one transaction (group commit) into SQLite in WAL mode —
// the library and journal the embedded store use — and then answers every poster. The
// same load generator posts the same documents to it, all at once. The app's figures are
// then given as fractions of the limit's, measured in the same run on the same cores.

// LimitResult is the limit's figures.
type LimitResult struct {
	PerS  float64
	P99ms float64
}

// Limit measures the machine's limit for docs, all posted at once.
func Limit(ctx context.Context, docs []RawDoc) (LimitResult, error) {
	dir, err := os.MkdirTemp("", "hn-limit-")
	if err != nil {
		return LimitResult{}, err
	}
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "limit.sqlite")+"?_pragma=journal_mode(wal)&_pragma=busy_timeout(10000)")
	if err != nil {
		return LimitResult{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE responses (id TEXT PRIMARY KEY, session TEXT NOT NULL, doc TEXT NOT NULL) STRICT`); err != nil {
		return LimitResult{}, err
	}
	w := &groupWriter{db: db, in: make(chan pending, len(docs))}
	go w.run(ctx)
	defer close(w.in)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return LimitResult{}, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(w.serve), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: len(docs) + 8}}
	base := "http://" + ln.Addr().String()
	latencies := make([]time.Duration, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	start := time.Now()
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, _ := json.Marshal(map[string]any{"submission_id": d.SubmissionID, "lang": "da", "answers": d.Answers})
			t0 := time.Now()
			resp, err := client.Post(base+"/"+d.SessionID, "application/json", strings.NewReader(string(body)))
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					err = fmt.Errorf("limit server: %d", resp.StatusCode)
				}
			}
			latencies[i], errs[i] = time.Since(t0), err
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return LimitResult{}, err
	}
	slices.Sort(latencies)
	return LimitResult{PerS: float64(len(docs)) / elapsed.Seconds(), P99ms: ms(percentile(latencies, 0.99))}, nil
}

// pending is one decoded answer waiting for the writer, and where to say it is written.
type pending struct {
	id, session string
	doc         []byte
	done        chan error
}

type groupWriter struct {
	db *sql.DB
	in chan pending
}

// serve decodes an answer as the app would (a JSON object of topics) and waits until it is
// written.
func (w *groupWriter) serve(rw http.ResponseWriter, r *http.Request) {
	var in struct {
		SubmissionID string                       `json:"submission_id"`
		Lang         string                       `json:"lang"`
		Answers      map[string]map[string]string `json:"answers"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&in); err != nil || in.SubmissionID == "" {
		http.Error(rw, "bad answer", http.StatusBadRequest)
		return
	}
	doc, _ := json.Marshal(map[string]any{"session_id": r.URL.Path[1:], "lang": in.Lang, "answers": in.Answers,
		"day": time.Now().Format(time.DateOnly)})
	p := pending{id: r.URL.Path[1:] + "/" + in.SubmissionID, session: r.URL.Path[1:], doc: doc, done: make(chan error, 1)}
	w.in <- p
	if err := <-p.done; err != nil {
		http.Error(rw, err.Error(), http.StatusServiceUnavailable)
		return
	}
	rw.WriteHeader(http.StatusCreated)
}

// run writes everything waiting in one transaction, again and again.
func (w *groupWriter) run(ctx context.Context) {
	for first := range w.in {
		batch := []pending{first}
	drain:
		for {
			select {
			case p, ok := <-w.in:
				if !ok {
					break drain
				}
				batch = append(batch, p)
			default:
				break drain
			}
		}
		err := w.write(ctx, batch)
		for _, p := range batch {
			p.done <- err
		}
	}
}

func (w *groupWriter) write(ctx context.Context, batch []pending) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO responses (id, session, doc) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, p := range batch {
		if _, err := stmt.ExecContext(ctx, p.id, p.session, string(p.doc)); err != nil {
			return err
		}
	}
	return tx.Commit()
}
