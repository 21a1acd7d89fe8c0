package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// metaIndexes: the meta collection is read by _id only.
var metaIndexes = collectionIndexes{collection: "meta"}

// SchemaVersion is the shape of the stored documents; a future migration raises it.
const SchemaVersion = 1

// Installation describes this database: when it was created and the schema it holds.
type Installation struct {
	ID            string `bson:"_id"`
	CreatedDay    string `bson:"created_day"` // YYYY-MM-DD: days, never times, are stored
	SchemaVersion int    `bson:"schema_version"`
}

// EnsureInstallation records the installation on first start and returns it on every start,
// so a restarted server can tell it found its earlier data.
func (s *Store) EnsureInstallation(ctx context.Context, today time.Time) (Installation, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	coll := s.db.Collection("meta")
	first := Installation{ID: "installation", CreatedDay: today.Format(time.DateOnly), SchemaVersion: SchemaVersion}
	_, err := coll.UpdateOne(ctx, bson.M{"_id": first.ID},
		bson.M{"$setOnInsert": bson.M{"created_day": first.CreatedDay, "schema_version": first.SchemaVersion}},
		options.Update().SetUpsert(true))
	if err != nil && !mongo.IsDuplicateKeyError(err) {
		return Installation{}, fmt.Errorf("record installation: %w", err)
	}
	var got Installation
	if err := coll.FindOne(ctx, bson.M{"_id": first.ID}).Decode(&got); err != nil {
		return Installation{}, fmt.Errorf("read installation: %w", err)
	}
	return got, nil
}

// Secret returns the named random secret (32 bytes) that every app instance shares, making
// it on first use. Signed tokens that any instance must accept are signed with one.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	coll := s.db.Collection("meta")
	id := "secret:" + name
	_, err := coll.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$setOnInsert": bson.M{"value": fresh}}, options.Update().SetUpsert(true))
	if err != nil && !mongo.IsDuplicateKeyError(err) {
		return nil, fmt.Errorf("make secret %s: %w", name, err)
	}
	var doc struct {
		Value []byte `bson:"value"`
	}
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read secret %s: %w", name, err)
	}
	if len(doc.Value) < 32 {
		return nil, fmt.Errorf("secret %s is damaged", name)
	}
	return doc.Value, nil
}
