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

// responseIndexes: a submission id is unique within its session, which makes a retried
// submission idempotent with a single insert (no transactions needed); counts and results
// read by session; retention deletes by day.
var responseIndexes = collectionIndexes{collection: "responses", models: []mongo.IndexModel{
	{Keys: bson.D{{Key: "session_id", Value: 1}, {Key: "submission_id", Value: 1}}, Options: options.Index().SetUnique(true).SetName("session_submission_unique")},
	{Keys: bson.D{{Key: "day", Value: 1}}, Options: options.Index().SetName("day")},
}}

func (s *Store) responses() *mongo.Collection { return s.db.Collection("responses") }

// InsertResponse stores one pupil's answers in one write: either all of it is stored or
// nothing. A second response with the same submission id in the same session fails with
// model.ErrConflict.
func (s *Store) InsertResponse(ctx context.Context, r *model.Response) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err := s.responses().InsertOne(ctx, r)
	if mongo.IsDuplicateKeyError(err) {
		return model.ErrConflict
	}
	if err != nil {
		return fmt.Errorf("insert response: %w", err)
	}
	return nil
}

// ResponseBySubmission finds the response a device already submitted, or model.ErrNotFound.
func (s *Store) ResponseBySubmission(ctx context.Context, sessionID, submissionID string) (*model.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var r model.Response
	err := s.responses().FindOne(ctx, bson.M{"session_id": sessionID, "submission_id": submissionID}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find response: %w", err)
	}
	return &r, nil
}

// CountResponses is the number of pupils who have answered a session.
func (s *Store) CountResponses(ctx context.Context, sessionID string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	n, err := s.responses().CountDocuments(ctx, bson.M{"session_id": sessionID})
	if err != nil {
		return 0, fmt.Errorf("count responses: %w", err)
	}
	return int(n), nil
}

// SessionResponses returns every response to a session, for computing its results.
func (s *Store) SessionResponses(ctx context.Context, sessionID string) ([]model.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	cur, err := s.responses().Find(ctx, bson.M{"session_id": sessionID})
	if err != nil {
		return nil, fmt.Errorf("read responses: %w", err)
	}
	defer cur.Close(ctx)
	var out []model.Response
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("read responses: %w", err)
	}
	return out, nil
}

// DeleteResponsesBefore deletes raw responses given before day (YYYY-MM-DD) and returns how
// many went; summaries, already suppressed, stay.
func (s *Store) DeleteResponsesBefore(ctx context.Context, day string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*callTimeout)
	defer cancel()
	res, err := s.responses().DeleteMany(ctx, bson.M{"day": bson.M{"$lt": day}})
	if err != nil {
		return 0, fmt.Errorf("delete old responses: %w", err)
	}
	return int(res.DeletedCount), nil
}

// ResponseDocuments returns a session's responses exactly as stored, field by field, so a
// privacy audit (and its test) can see that nothing but the allowed fields is kept.
func (s *Store) ResponseDocuments(ctx context.Context, sessionID string) ([]bson.M, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	cur, err := s.responses().Find(ctx, bson.M{"session_id": sessionID})
	if err != nil {
		return nil, fmt.Errorf("read response documents: %w", err)
	}
	defer cur.Close(ctx)
	var out []bson.M
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("read response documents: %w", err)
	}
	return out, nil
}
