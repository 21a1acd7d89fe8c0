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

// sessionIndexes: codes are unique over all sessions ever made (FerretDB has no partial
// indexes to make them unique among open ones only), which also lets an old code answer
// "closed" instead of "unknown". Lists are by school and by municipality.
var sessionIndexes = collectionIndexes{collection: "sessions", models: []mongo.IndexModel{
	{Keys: bson.D{{Key: "code", Value: 1}}, Options: options.Index().SetUnique(true).SetName("code_unique")},
	{Keys: bson.D{{Key: "school_id", Value: 1}, {Key: "created_day", Value: -1}}, Options: options.Index().SetName("school_day")},
	{Keys: bson.D{{Key: "municipality", Value: 1}, {Key: "survey_id", Value: 1}}, Options: options.Index().SetName("municipality_survey")},
}}

func (s *Store) sessions() *mongo.Collection { return s.db.Collection("sessions") }

// CreateSession stores a new session. newCode makes candidate join codes; a code already
// taken is replaced by another, a few times, before giving up.
func (s *Store) CreateSession(ctx context.Context, sess *model.Session, newCode func() (string, error)) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	for attempt := 0; attempt < 5; attempt++ {
		code, err := newCode()
		if err != nil {
			return fmt.Errorf("make join code: %w", err)
		}
		sess.Code = code
		_, err = s.sessions().InsertOne(ctx, sess)
		if err == nil {
			return nil
		}
		if !mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("insert session: %w", err)
		}
	}
	return fmt.Errorf("insert session: no free join code after 5 attempts")
}

// SessionByID returns a session, or model.ErrNotFound.
func (s *Store) SessionByID(ctx context.Context, id string) (*model.Session, error) {
	return s.findSession(ctx, bson.M{"_id": id})
}

// SessionByCode returns the session with a join code, open or closed, or model.ErrNotFound.
func (s *Store) SessionByCode(ctx context.Context, code string) (*model.Session, error) {
	return s.findSession(ctx, bson.M{"code": code})
}

func (s *Store) findSession(ctx context.Context, filter bson.M) (*model.Session, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var sess model.Session
	err := s.sessions().FindOne(ctx, filter).Decode(&sess)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	return &sess, nil
}

// SessionFilter selects sessions for lists; empty fields match everything.
type SessionFilter struct {
	SchoolID     string
	Municipality string
	SurveyID     string
	Status       string
}

// ListSessions returns matching sessions, newest first.
func (s *Store) ListSessions(ctx context.Context, f SessionFilter) ([]model.Session, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	filter := bson.M{}
	for k, v := range map[string]string{"school_id": f.SchoolID, "municipality": f.Municipality, "survey_id": f.SurveyID, "status": f.Status} {
		if v != "" {
			filter[k] = v
		}
	}
	cur, err := s.sessions().Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "created_day", Value: -1}, {Key: "class_label", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	defer cur.Close(ctx)
	var out []model.Session
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	return out, nil
}

// SetSessionStatus closes or re-opens a session; day is the day of closing (empty on
// re-open).
func (s *Store) SetSessionStatus(ctx context.Context, id, status, day string) (*model.Session, error) {
	set := bson.M{"status": status, "closed_day": day}
	return s.updateSession(ctx, id, bson.M{"$set": set})
}

// SetShowResults records whether the teacher shows results while the session is open.
func (s *Store) SetShowResults(ctx context.Context, id string, show bool) (*model.Session, error) {
	return s.updateSession(ctx, id, bson.M{"$set": bson.M{"show_results": show}})
}

func (s *Store) updateSession(ctx context.Context, id string, update bson.M) (*model.Session, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var sess model.Session
	err := s.sessions().FindOneAndUpdate(ctx, bson.M{"_id": id}, update,
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&sess)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("update session: %w", err)
	}
	return &sess, nil
}

// ReserveSlot takes one answer slot of an open session that has room. It fails with
// model.ErrNotFound when the session is gone, an ECodeClosed error when closed and an
// ECodeConflict error when full. A single conditional update, so concurrent pupils can
// never push a session past its capacity.
func (s *Store) ReserveSlot(ctx context.Context, sessionID string, capacity int) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	res, err := s.sessions().UpdateOne(ctx,
		bson.M{"_id": sessionID, "status": model.StatusOpen, "accepted": bson.M{"$lt": capacity}},
		bson.M{"$inc": bson.M{"accepted": 1}})
	if err != nil {
		return fmt.Errorf("reserve answer slot: %w", err)
	}
	if res.MatchedCount == 1 {
		return nil
	}
	sess, err := s.SessionByID(ctx, sessionID)
	if err != nil {
		return err
	}
	if !sess.IsOpen() {
		return ErrSessionClosed
	}
	return ErrSessionFull
}

// ReleaseSlot gives back a slot whose answer was not stored (a duplicate or a failure).
func (s *Store) ReleaseSlot(ctx context.Context, sessionID string) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err := s.sessions().UpdateOne(ctx, bson.M{"_id": sessionID, "accepted": bson.M{"$gt": 0}},
		bson.M{"$inc": bson.M{"accepted": -1}})
	if err != nil {
		return fmt.Errorf("release answer slot: %w", err)
	}
	return nil
}

// NoteTurnedAway counts an answer refused because the session was full.
func (s *Store) NoteTurnedAway(ctx context.Context, sessionID string) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	if _, err := s.sessions().UpdateOne(ctx, bson.M{"_id": sessionID}, bson.M{"$inc": bson.M{"turned_away": 1}}); err != nil {
		return fmt.Errorf("count turned-away answer: %w", err)
	}
	return nil
}

// Errors of answering a session that cannot take more answers.
var (
	ErrSessionClosed = model.Errorf(model.ECodeClosed, "the teacher has closed this survey")
	ErrSessionFull   = model.Errorf(model.ECodeConflict, "this survey has received all the answers it expects")
)

// DeleteSession removes a session, every response to it and its summary. The session goes
// last: a failure half-way leaves a session with fewer answers, never answers without a
// session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	if _, err := s.responses().DeleteMany(ctx, bson.M{"session_id": id}); err != nil {
		return fmt.Errorf("delete responses of session: %w", err)
	}
	if _, err := s.summaries().DeleteOne(ctx, bson.M{"_id": id}); err != nil {
		return fmt.Errorf("delete summary of session: %w", err)
	}
	res, err := s.sessions().DeleteOne(ctx, bson.M{"_id": id})
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	if res.DeletedCount == 0 {
		return model.ErrNotFound
	}
	return nil
}
