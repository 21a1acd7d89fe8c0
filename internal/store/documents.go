package store

import (
	"context"
	"fmt"
	"sort"

	"go.mongodb.org/mongo-driver/bson"
)

// Documents returns every document of every collection of the database, by collection, exactly
// as stored, so a privacy audit (and its tests) can see everything the store keeps — not only
// what the code means to keep. Collections are read one after another; for a large database
// use mongodump instead.
func (s *Store) Documents(ctx context.Context) (map[string][]bson.M, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	names, err := s.db.ListCollectionNames(ctx, bson.M{})
	if err != nil {
		return nil, fmt.Errorf("list collections: %w", err)
	}
	sort.Strings(names)
	out := make(map[string][]bson.M, len(names))
	for _, name := range names {
		docs, err := findAll[bson.M](ctx, s.db.Collection(name), "read collection "+name, bson.M{})
		if err != nil {
			return nil, err
		}
		out[name] = docs
	}
	return out, nil
}
