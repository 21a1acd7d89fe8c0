package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"github.com/heltnormal/heltnormal/internal/model"
)

// tokenIndexes: tokens are found by their hash (the _id); PurgeExpired deletes by expiry,
// since FerretDB has no TTL indexes to do it for us.
var tokenIndexes = collectionIndexes{collection: "tokens", models: []mongo.IndexModel{
	{Keys: bson.D{{Key: "expires_at", Value: 1}}, Options: options.Index().SetName("expires_at")},
}}

func (s *Store) tokens() *mongo.Collection { return s.db.Collection("tokens") }

// APIToken is a bearer token of the JSON API as stored: only the token's hash, never the
// token itself, so a copy of the database lets nobody in.
type APIToken struct {
	Hash      string    `bson:"_id"` // auth.TokenHash of the token
	UserID    string    `bson:"user_id"`
	ExpiresAt time.Time `bson:"expires_at"`
}

// CreateToken stores a token.
func (s *Store) CreateToken(ctx context.Context, t APIToken) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	if _, err := s.tokens().InsertOne(ctx, t); err != nil {
		return fmt.Errorf("insert token: %w", err)
	}
	return nil
}

// UserByToken returns the user of the token with this hash if the token has not expired at
// now, or model.ErrNotFound.
func (s *Store) UserByToken(ctx context.Context, hash string, now time.Time) (*model.User, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	// Looked up by id alone, which the embedded store finds without decoding every token;
	// the expiry is checked here.
	var t APIToken
	err := s.tokens().FindOne(ctx, bson.M{"_id": hash}).Decode(&t)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && !t.ExpiresAt.After(now)) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	return s.UserByID(ctx, t.UserID)
}

// PurgeExpired deletes the tokens that expired at or before now and says how many.
func (s *Store) PurgeExpired(ctx context.Context, now time.Time) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	res, err := s.tokens().DeleteMany(ctx, bson.M{"expires_at": bson.M{"$lte": now}})
	if err != nil {
		return 0, fmt.Errorf("purge expired tokens: %w", err)
	}
	return res.DeletedCount, nil
}
