package store

import (
	"context"
	"strings"
)

// IDQueryPlan is SQLite's plan for FerretDB's query of one document by id in collection, on
// the embedded store.
func (s *Store) IDQueryPlan(ctx context.Context, collection string) (string, error) {
	db, err := s.sqliteDB()
	if err != nil {
		return "", err
	}
	tables, err := queryStrings(ctx, db, `SELECT table_name FROM _ferretdb_collections WHERE name = ?`, collection)
	if err != nil || len(tables) != 1 {
		return "", err
	}
	rows, err := db.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM `+quoteIdent(tables[0])+` WHERE _ferretdb_sjson->'$._id' = ?`, `"x"`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; "), rows.Err()
}
