package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// Collections of key-value data the web layer keeps in the store, so that it survives a
// restart and is shared by every app instance.
const (
	KVLoginSessions  = "login_sessions"  // staff login sessions (the user id only)
	KVPasswordResets = "password_resets" // one-time password reset links (the user id only)
)

// Indexes of the KV collections: entries are found by _id; Purge deletes by expiry, since FerretDB has no TTL
// indexes to do it for us.
var (
	loginSessionIndexes  = collectionIndexes{collection: KVLoginSessions, models: []mongo.IndexModel{kvExpiryIndex()}}
	passwordResetIndexes = collectionIndexes{collection: KVPasswordResets, models: []mongo.IndexModel{kvExpiryIndex()}}
)

func kvExpiryIndex() mongo.IndexModel {
	return mongo.IndexModel{Keys: bson.D{{Key: "expires_at", Value: 1}}, Options: options.Index().SetName("expires_at")}
}

// KV is a key-value collection with expiry, shaped like Fiber's Storage interface (without
// importing Fiber) so that the session and CSRF middleware can keep their state in it. Keys
// are stored as their SHA-256: a session id read from the database opens no session.
type KV struct {
	coll *mongo.Collection
	now  func() time.Time
}

// KV returns the key-value collection of that name.
func (s *Store) KV(collection string) *KV {
	return &KV{coll: s.db.Collection(collection), now: time.Now}
}

// kvEntry is one stored value; ExpiresAt is nil for a value that never expires.
type kvEntry struct {
	Key       string     `bson:"_id"`
	Value     []byte     `bson:"value"`
	ExpiresAt *time.Time `bson:"expires_at,omitempty"`
}

func kvKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// Get returns the value of key, or nil (and no error) when there is none or it has expired.
func (kv *KV) Get(key string) ([]byte, error) {
	if key == "" {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	var e kvEntry
	err := kv.coll.FindOne(ctx, bson.M{"_id": kvKey(key)}).Decode(&e)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get %s entry: %w", kv.coll.Name(), err)
	}
	if e.ExpiresAt != nil && !e.ExpiresAt.After(kv.now()) {
		return nil, nil
	}
	return e.Value, nil
}

// Set stores val under key for exp (0: without expiry).
func (kv *KV) Set(key string, val []byte, exp time.Duration) error {
	if key == "" || len(val) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	e := kvEntry{Key: kvKey(key), Value: val}
	if exp > 0 {
		at := kv.now().Add(exp)
		e.ExpiresAt = &at
	}
	_, err := kv.coll.ReplaceOne(ctx, bson.M{"_id": e.Key}, e, options.Replace().SetUpsert(true))
	if mongo.IsDuplicateKeyError(err) {
		// Two upserts of one new key raced; the loser's value replaces the winner's.
		_, err = kv.coll.ReplaceOne(ctx, bson.M{"_id": e.Key}, e)
	}
	if err != nil {
		return fmt.Errorf("set %s entry: %w", kv.coll.Name(), err)
	}
	return nil
}

// Delete removes key; a missing key is no error.
func (kv *KV) Delete(key string) error {
	if key == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	if _, err := kv.coll.DeleteOne(ctx, bson.M{"_id": kvKey(key)}); err != nil {
		return fmt.Errorf("delete %s entry: %w", kv.coll.Name(), err)
	}
	return nil
}

// Reset removes every entry.
func (kv *KV) Reset() error {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	if _, err := kv.coll.DeleteMany(ctx, bson.M{}); err != nil {
		return fmt.Errorf("reset %s: %w", kv.coll.Name(), err)
	}
	return nil
}

// Close does nothing: the store owns the connection.
func (kv *KV) Close() error { return nil }

// Purge deletes the entries that expired at or before now and says how many.
func (kv *KV) Purge(ctx context.Context, now time.Time) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	res, err := kv.coll.DeleteMany(ctx, bson.M{"expires_at": bson.M{"$lte": now}})
	if err != nil {
		return 0, fmt.Errorf("purge %s: %w", kv.coll.Name(), err)
	}
	return res.DeletedCount, nil
}
