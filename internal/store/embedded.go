package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// socketName is the Unix socket the embedded store listens on, inside the data directory, so
// that mongosh and mongodump can reach a running server's data.
const socketName = "mongodb.sock"

// maxSocketPath is the longest Unix socket path Linux and macOS accept.
const maxSocketPath = 103

// embedded is a FerretDB (SQLite backend) running inside this process.
type embedded struct {
	dir    string // the data directory: SQLite files and the socket
	socket string
	uri    string
	stop   context.CancelFunc
	done   chan struct{}
}

// startEmbedded starts FerretDB with its SQLite files and its socket in dataDir.
func startEmbedded(dataDir string, logger *slog.Logger) (*embedded, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	// Only the server's user may read the answers, also in a directory made by hand.
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("protect data directory: %w", err)
	}
	socket := filepath.Join(dir, socketName)
	if len(socket) > maxSocketPath {
		return nil, fmt.Errorf("data directory %s is too long for a Unix socket path (%d > %d characters); choose a shorter HELTNORMAL_DATA_DIR", dir, len(socket), maxSocketPath)
	}
	if err := removeStaleSocket(socket); err != nil {
		return nil, err
	}
	if err := CheckFiles(context.Background(), dir); err != nil {
		return nil, err
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{Unix: socket},
		Handler:  "sqlite",
		// secure_delete overwrites deleted answers with zeros instead of leaving them in free
		// pages (scrub.go checkpoints the write-ahead log after deletes).
		SQLiteURL: "file:" + dir + "/?_pragma=secure_delete(on)",
		// FerretDB logs every refused command (a duplicate key, say) as a warning; only its
		// errors matter to us.
		Logger: slog.New(levelFloor{next: logger.Handler(), min: slog.LevelError}),
	})
	if err != nil {
		return nil, fmt.Errorf("start embedded store: %w", err)
	}
	ctx, stop := context.WithCancel(context.Background())
	e := &embedded{dir: dir, socket: socket, uri: f.MongoDBURI(), stop: stop, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		_ = f.Run(ctx)
	}()
	return e, nil
}

// close stops the listener, closes the SQLite files and merges their write-ahead logs, so
// that after a graceful stop each database file holds everything on its own.
func (e *embedded) close(log *slog.Logger) {
	e.stop()
	select {
	case <-e.done:
	case <-time.After(10 * time.Second):
		log.Warn("the embedded store did not stop within 10 s; its write-ahead log is merged at the next start")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := mergeLogs(ctx, e.dir); err != nil {
		log.Warn("merge the embedded store's write-ahead log; it is merged at the next start", "err", err)
	}
}

// removeStaleSocket deletes a socket file left by a process that was killed, and refuses to
// start when another live process already serves this data directory.
func removeStaleSocket(socket string) error {
	if _, err := os.Stat(socket); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	conn, err := net.DialTimeout("unix", socket, time.Second)
	if err == nil {
		conn.Close()
		return fmt.Errorf("another Helt Normal server is using %s; stop it or choose another HELTNORMAL_DATA_DIR", filepath.Dir(socket))
	}
	if err := os.Remove(socket); err != nil {
		return fmt.Errorf("remove stale socket: %w", err)
	}
	return nil
}

// socketDialer connects every driver connection to the embedded store's socket. The driver
// lower-cases the host of a mongodb:// URI, which breaks socket paths with capital letters,
// so the path is not taken from the URI.
type socketDialer struct{ path string }

func (d socketDialer) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	var nd net.Dialer
	return nd.DialContext(ctx, "unix", d.path)
}

// levelFloor drops records below a level before they reach the wrapped handler. The
// attributes and groups a logger is given are kept aside and handed on only when a record
// is actually logged: FerretDB makes a logger with every query's SQL arguments, and a text
// handler formats attributes as it receives them — for debug lines that are then dropped
// (9 % of the CPU and 16 % of the bytes allocated on the answer path, issue 17).
type levelFloor struct {
	next  slog.Handler
	min   slog.Level
	later []func(slog.Handler) slog.Handler // WithAttrs and WithGroup, in order
}

func (h levelFloor) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.next.Enabled(ctx, l)
}

func (h levelFloor) Handle(ctx context.Context, r slog.Record) error {
	next := h.next
	for _, apply := range h.later {
		next = apply(next)
	}
	return next.Handle(ctx, r)
}

func (h levelFloor) WithAttrs(a []slog.Attr) slog.Handler {
	return h.then(func(next slog.Handler) slog.Handler { return next.WithAttrs(a) })
}

func (h levelFloor) WithGroup(name string) slog.Handler {
	return h.then(func(next slog.Handler) slog.Handler { return next.WithGroup(name) })
}

func (h levelFloor) then(apply func(slog.Handler) slog.Handler) slog.Handler {
	return levelFloor{h.next, h.min, append(slices.Clip(h.later), apply)}
}

// ConnectEmbedded connects to the embedded store a running server keeps in dataDir, through
// its socket; the benchmark uses it to write into the very store the server uses. Calls may
// take up to timeout (a benchmark queues many at once).
func ConnectEmbedded(ctx context.Context, dataDir, database string, timeout time.Duration) (*Store, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, err
	}
	socket := filepath.Join(dir, socketName)
	opts := options.Client().ApplyURI("mongodb://localhost/").SetDialer(socketDialer{socket}).SetTimeout(timeout).SetMaxPoolSize(64)
	client, err := mongo.Connect(ctx, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{Kind: KindEmbedded, URI: socket, client: client, db: client.Database(database), shelves: newShelfCache()}
	if err := s.Ping(ctx); err != nil {
		client.Disconnect(ctx)
		return nil, fmt.Errorf("reach embedded store in %s: %w", dir, err)
	}
	return s, nil
}

// DB is the database, for the benchmark's raw inserts.
func (s *Store) DB() *mongo.Database { return s.db }
