package store

import (
	"context"
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
