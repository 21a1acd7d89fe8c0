// Package store keeps Helt Normal's data in MongoDB, or in an embedded MongoDB-compatible
// store (FerretDB on SQLite) when no MongoDB is configured. The MongoDB driver is the only way
// to the data either way, so both stores run the same queries; those queries stay inside what
// FerretDB v1 supports: no transactions, change streams, TTL or partial indexes, and a
// single accumulator per $group.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.mongodb.org/mongo-driver/mongo/readpref"

	"github.com/heltnormal/heltnormal/internal/cache"
)

// Kinds of store, as /healthz reports them.
const (
	KindMongoDB  = "mongodb"
	KindEmbedded = "embedded"
)

// Options says where the data lives.
type Options struct {
	URI      string // MongoDB URI; empty starts the embedded store in DataDir
	Database string
	DataDir  string
	Logger   *slog.Logger
}

// Store is the open connection to the data; it is safe for concurrent use.
type Store struct {
	Kind     string
	URI      string // where mongosh can connect (the embedded store's socket URI, or the configured URI)
	client   *mongo.Client
	db       *mongo.Database
	embedded *embedded
	// dataDir holds the embedded store's files (scrub.go); empty for MongoDB.
	dataDir string
	shelves *cache.Cache[shelfData] // recently read summary shelves, decoded; not to be changed (summaries.go)
	log     *slog.Logger
	// mirror keeps the embedded store's sessions in memory (session_mirror.go); nil for
	// MongoDB.
	mirror *sessionMirror
	// sqlite is the embedded store's database file opened beside FerretDB, for what
	// FerretDB cannot do itself (id_index.go).
	sqliteOnce sync.Once
	sqlite     *sql.DB
	sqliteErr  error
	// answerCounts keeps the embedded store's answer counts (responses.go).
	answerCounts answerCounts
	// answerWrites lets one write of answers at a time into the embedded store (responses.go).
	answerWrites sync.Mutex
}

// embeddedPoolSize bounds the driver's connections to the embedded store, and so the SQLite
// connections FerretDB opens for them. Each SQLite connection keeps its own copy of the
// schema — a table and two indexes per class session, so several megabytes after a school
// year — and its own page cache; 32 of them took over 250 MB on a year-sized store. SQLite
// writes one transaction at a time and the cores bound the reads, and with sessions and
// counts in memory (session_mirror.go) the answer path hardly reads at all: four connections
// per core are plenty.
func embeddedPoolSize() uint64 {
	return uint64(max(6, 3*runtime.GOMAXPROCS(0)))
}

// callTimeout bounds every store call made without a tighter deadline of its own.
const callTimeout = 5 * time.Second

// Open connects to MongoDB, or starts the embedded store, checks that it answers, and ensures
// every index.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Store{Kind: KindMongoDB, URI: opts.URI, shelves: newShelfCache(), log: opts.Logger}
	clientOpts := options.Client().SetAppName("heltnormal").SetTimeout(callTimeout)
	if opts.URI == "" {
		e, err := startEmbedded(opts.DataDir, opts.Logger)
		if err != nil {
			return nil, err
		}
		s.Kind, s.URI, s.embedded, s.dataDir = KindEmbedded, e.uri, e, e.dir
		clientOpts.ApplyURI(e.uri).SetDialer(socketDialer{e.socket}).SetMaxPoolSize(embeddedPoolSize())
	} else {
		clientOpts.ApplyURI(opts.URI)
	}

	client, err := mongo.Connect(ctx, clientOpts)
	if err != nil {
		s.closeEmbedded()
		return nil, fmt.Errorf("connect to %s store: %w", s.Kind, err)
	}
	s.client, s.db = client, client.Database(opts.Database)

	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := client.Ping(pingCtx, readpref.Primary()); err != nil {
		s.Close(context.Background())
		return nil, fmt.Errorf("reach %s store: %w", s.Kind, err)
	}
	if err := s.ensureIndexes(ctx); err != nil {
		s.Close(context.Background())
		return nil, err
	}
	if err := s.indexEmbedded(ctx); err != nil {
		s.Close(context.Background())
		return nil, err
	}
	if err := s.loadMirror(ctx); err != nil {
		s.Close(context.Background())
		return nil, err
	}
	if err := s.Scrub(ctx); err != nil {
		s.Close(context.Background())
		return nil, err
	}
	return s, nil
}

// Ping reports whether the store answers: the server, and a read from the database. (The
// embedded store answers a ping without touching its files; a damaged file shows on a read.)
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return err
	}
	err := s.db.Collection("meta").FindOne(ctx, bson.M{"_id": "installation"}).Err()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil
	}
	return err
}

// Close disconnects and, for the embedded store, stops it.
func (s *Store) Close(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	err := s.client.Disconnect(ctx)
	s.closeSQLite()
	s.closeEmbedded()
	return err
}

// Drop deletes the whole database; tests use it to clean up after themselves.
func (s *Store) Drop(ctx context.Context) error {
	s.closeSQLite()
	return s.db.Drop(ctx)
}

func (s *Store) closeSQLite() {
	if s.sqlite != nil {
		s.sqlite.Close()
	}
}

func (s *Store) closeEmbedded() {
	if s.embedded != nil {
		s.embedded.close(s.log)
	}
}

// collectionIndexes are the indexes one collection needs; each collection's file declares its
// own next to the queries that use them.
type collectionIndexes struct {
	collection string
	models     []mongo.IndexModel
}

// allIndexes lists every collection's indexes; Open ensures them.
func allIndexes() []collectionIndexes {
	return []collectionIndexes{
		metaIndexes,
		sessionIndexes,
		userIndexes,
		schoolIndexes,
		tokenIndexes,
		loginSessionIndexes,
		passwordResetIndexes,
		auditIndexes,
		localHelpIndexes,
	}
}

func (s *Store) ensureIndexes(ctx context.Context) error {
	for _, ci := range allIndexes() {
		if len(ci.models) == 0 {
			continue
		}
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		// One index per command: FerretDB v1.24 panics (and drops the connection) when one
		// createIndexes command names several indexes that already exist, i.e. at every
		// restart.
		var err error
		for _, m := range ci.models {
			if _, err = s.db.Collection(ci.collection).Indexes().CreateOne(ctx, m); err != nil {
				break
			}
		}
		cancel()
		if err != nil {
			return fmt.Errorf("ensure indexes of %s: %w", ci.collection, err)
		}
	}
	return nil
}

// WithDatabase returns a store on another database of the same server, sharing the
// connection, with every index ensured. Tests use it for a fresh database each.
func (s *Store) WithDatabase(ctx context.Context, name string) (*Store, error) {
	other := &Store{Kind: s.Kind, URI: s.URI, client: s.client, db: s.client.Database(name), shelves: newShelfCache(), dataDir: s.dataDir}
	if err := other.ensureIndexes(ctx); err != nil {
		return nil, err
	}
	if err := other.indexEmbedded(ctx); err != nil {
		return nil, err
	}
	if err := other.loadMirror(ctx); err != nil {
		return nil, err
	}
	return other, nil
}

// ownsData reports whether this process owns the store's data: the embedded store, which only
// this server writes (tests' databases on it included). It may then keep what it wrote in
// memory instead of reading it back.
func (s *Store) ownsData() bool { return s.dataDir != "" }
