package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"github.com/heltnormal/heltnormal/internal/model"
)

// findAll reads every document of coll that matches filter into a slice of T, under the
// call timeout, and closes its cursor; op names the operation in errors.
func findAll[T any](ctx context.Context, coll *mongo.Collection, op string, filter any, opts ...*options.FindOptions) ([]T, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	cur, err := coll.Find(ctx, filter, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer cur.Close(ctx)
	var out []T
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// insertOne inserts doc under the call timeout; a taken unique key fails with
// model.ErrConflict. op names the operation in errors.
func insertOne(ctx context.Context, coll *mongo.Collection, op string, doc any) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err := coll.InsertOne(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		return model.ErrConflict
	}
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
