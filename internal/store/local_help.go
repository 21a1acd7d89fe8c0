package store

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Each municipality's local help line is one small document keyed by the municipality.
var localHelpIndexes = collectionIndexes{collection: "local_help"}

func (s *Store) localHelp() *mongo.Collection { return s.db.Collection("local_help") }

// LocalHelp returns the municipality's help line, or model.ErrNotFound when it has none.
func (s *Store) LocalHelp(ctx context.Context, municipality string) (*model.LocalHelp, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var h model.LocalHelp
	err := s.localHelp().FindOne(ctx, bson.M{"_id": municipality}).Decode(&h)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read local help: %w", err)
	}
	return &h, nil
}

// SetLocalHelp stores the municipality's help line, replacing the one before.
func (s *Store) SetLocalHelp(ctx context.Context, h model.LocalHelp) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err := s.localHelp().ReplaceOne(ctx, bson.M{"_id": h.Municipality}, h, options.Replace().SetUpsert(true))
	if mongo.IsDuplicateKeyError(err) { // two first saves raced: the later one wins
		_, err = s.localHelp().ReplaceOne(ctx, bson.M{"_id": h.Municipality}, h)
	}
	if err != nil {
		return fmt.Errorf("save local help: %w", err)
	}
	return nil
}

// DeleteLocalHelp removes the municipality's help line; none is fine.
func (s *Store) DeleteLocalHelp(ctx context.Context, municipality string) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	if _, err := s.localHelp().DeleteOne(ctx, bson.M{"_id": municipality}); err != nil {
		return fmt.Errorf("delete local help: %w", err)
	}
	return nil
}
