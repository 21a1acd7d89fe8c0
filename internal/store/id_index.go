package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"go.mongodb.org/mongo-driver/mongo"
)

// FerretDB v1.24 (the last release with SQLite) creates each collection's unique _id index on
// the expression _ferretdb_sjson->"_id" but looks documents up with
// _ferretdb_sjson->'$._id'. SQLite uses an index on an expression only for that very
// expression, so every read by id scanned the whole table: 10–20 ms for one session among a
// year's 2,000 instead of about 1 ms. The embedded store therefore gets a second index on each
// collection, on exactly the expression FerretDB queries with. FerretDB does not know of it;
// dropping a collection drops its table and the index with it.

// fixedCollections are the collections every store has; they are made at start so that their
// id indexes exist from the first request.
var fixedCollections = []string{"audit", "codes", "meta", "schools", "sessions", "summaries", "tokens", "users", KVLoginSessions, KVPasswordResets}

// idIndexSuffix names the extra index: <table>_hn_id.
const idIndexSuffix = "_hn_id"

// indexEmbedded makes the fixed collections and their id indexes on the embedded store.
func (s *Store) indexEmbedded(ctx context.Context) error {
	if !s.ownsData() {
		return nil
	}
	if err := s.ensureCollections(ctx); err != nil {
		return err
	}
	return s.indexIDs(ctx, fixedCollections...)
}

// ensureCollections makes the fixed collections that do not exist yet.
func (s *Store) ensureCollections(ctx context.Context) error {
	for _, name := range fixedCollections {
		if err := s.db.CreateCollection(ctx, name); err != nil && !isNamespaceExists(err) {
			return fmt.Errorf("create collection %s: %w", name, err)
		}
	}
	return nil
}

func isNamespaceExists(err error) bool {
	var ce mongo.CommandError
	return errors.As(err, &ce) && ce.Name == "NamespaceExists"
}

// indexIDs gives the named collections (all, when none is named) the id index FerretDB's
// queries can use. It does nothing for MongoDB.
func (s *Store) indexIDs(ctx context.Context, collections ...string) error {
	if !s.ownsData() {
		return nil
	}
	db, err := s.sqliteDB()
	if err != nil {
		return err
	}
	q := `SELECT table_name FROM _ferretdb_collections`
	var args []any
	if len(collections) > 0 {
		q += ` WHERE name IN (?` + strings.Repeat(`, ?`, len(collections)-1) + `)`
		for _, c := range collections {
			args = append(args, c)
		}
	}
	tables, err := queryStrings(ctx, db, q, args...)
	if err != nil {
		return fmt.Errorf("list the embedded store's tables: %w", err)
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`, quoteIdent(t+idIndexSuffix), quoteIdent(t))
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("index ids of %s: %w", t, err)
		}
	}
	return nil
}

// sqliteDB is this store's database file, opened beside FerretDB on first use.
func (s *Store) sqliteDB() (*sql.DB, error) {
	s.sqliteOnce.Do(func() {
		s.sqlite, s.sqliteErr = openFile(filepath.Join(s.dataDir, s.db.Name()+".sqlite"))
	})
	return s.sqlite, s.sqliteErr
}

func queryStrings(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
