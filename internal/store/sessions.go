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

// sessionIndexes: lists are by school and by municipality. Join codes are unique over all
// sessions ever made (FerretDB has no partial indexes to make them unique among open ones
// only), which also lets an old code answer "closed" instead of "unknown"; the codes
// collection, keyed by code, is what finds a session by its code.
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
		_, err = s.codes().InsertOne(ctx, bson.M{"_id": code, "session_id": sess.ID})
		if mongo.IsDuplicateKeyError(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reserve join code: %w", err)
		}
		sess.Code = code
		if err := s.createResponseCollection(ctx, sess.ID); err != nil {
			return err
		}
		_, err = s.writeSession(ctx, sess.ID, func() (*model.Session, error) {
			if _, err := s.sessions().InsertOne(ctx, sess); err != nil {
				return nil, fmt.Errorf("insert session: %w", err)
			}
			return sess, nil
		})
		return err
	}
	return fmt.Errorf("insert session: no free join code after 5 attempts")
}

// codes maps each join code to its session, so that a pupil's code is found by id alone.
// Codes are never reused: an old code answers "closed" rather than leading to another class.
func (s *Store) codes() *mongo.Collection { return s.db.Collection("codes") }

// SessionByID returns a session, or model.ErrNotFound.
func (s *Store) SessionByID(ctx context.Context, id string) (*model.Session, error) {
	if s.mirror != nil {
		return s.sessionFromMirror(ctx, id)
	}
	return s.readSession(ctx, bson.M{"_id": id})
}

// SessionByCode returns the session with a join code, open or closed, or model.ErrNotFound.
func (s *Store) SessionByCode(ctx context.Context, code string) (*model.Session, error) {
	if s.mirror != nil {
		id, ok := s.mirror.idOfCode(code)
		if !ok {
			return nil, model.ErrNotFound
		}
		return s.sessionFromMirror(ctx, id)
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var ref struct {
		SessionID string `bson:"session_id"`
	}
	err := s.codes().FindOne(ctx, bson.M{"_id": code}).Decode(&ref)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find join code: %w", err)
	}
	return s.readSession(ctx, bson.M{"_id": ref.SessionID})
}

// readSession reads one session from the store.
func (s *Store) readSession(ctx context.Context, filter bson.M) (*model.Session, error) {
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
	SchoolID      string
	Municipality  string
	SurveyID      string
	Status        string
	CreatedBefore string // YYYY-MM-DD
	HasResponses  bool   // only sessions whose raw answers are still kept
}

// ListSessions returns matching sessions, newest first.
func (s *Store) ListSessions(ctx context.Context, f SessionFilter) ([]model.Session, error) {
	if s.mirror != nil {
		return s.listFromMirror(ctx, f)
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	filter := bson.M{}
	for k, v := range map[string]string{"school_id": f.SchoolID, "municipality": f.Municipality, "survey_id": f.SurveyID, "status": f.Status} {
		if v != "" {
			filter[k] = v
		}
	}
	if f.CreatedBefore != "" {
		filter["created_day"] = bson.M{"$lt": f.CreatedBefore}
	}
	if f.HasResponses {
		filter["responses_deleted"] = bson.M{"$ne": true}
	}
	return findAll[model.Session](ctx, s.sessions(), "list sessions", filter,
		options.Find().SetSort(bson.D{{Key: "created_day", Value: -1}, {Key: "class_label", Value: 1}}))
}

// SetSessionStatus closes or re-opens a session; day is the day of closing (empty on
// re-open).
func (s *Store) SetSessionStatus(ctx context.Context, id, status, day string) (*model.Session, error) {
	set := bson.M{"status": status, "closed_day": day}
	return s.updateSession(ctx, id, bson.M{"$set": set})
}

// Reopen opens a closed session again until closeBy.
func (s *Store) Reopen(ctx context.Context, id string, closeBy time.Time) (*model.Session, error) {
	return s.updateSession(ctx, id, bson.M{"$set": bson.M{"status": model.StatusOpen, "closed_day": "", "close_by": closeBy}})
}

// SetReleased replaces what a session's results show, from prev to next, only if it still
// shows prev (another instance may have released meanwhile); it reports whether it did.
func (s *Store) SetReleased(ctx context.Context, id, prev, next string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	filter := bson.M{"_id": id, "released": prev}
	if prev == "" {
		filter["released"] = bson.M{"$exists": false}
	}
	var done bool
	_, err := s.writeSession(ctx, id, func() (*model.Session, error) {
		res, err := s.sessions().UpdateOne(ctx, filter, bson.M{"$set": bson.M{"released": next}})
		if err != nil {
			return nil, fmt.Errorf("release results: %w", err)
		}
		done = res.ModifiedCount == 1
		return nil, nil
	})
	return done, err
}

// SetExpectedPupils changes how many pupils a session expects (and so its capacity).
func (s *Store) SetExpectedPupils(ctx context.Context, id string, n int) (*model.Session, error) {
	return s.updateSession(ctx, id, bson.M{"$set": bson.M{"expected_pupils": n}})
}

// SetPresenterTopics records the topics the teacher chose to present (nil: all).
func (s *Store) SetPresenterTopics(ctx context.Context, id string, topics []string) (*model.Session, error) {
	return s.updateSession(ctx, id, bson.M{"$set": bson.M{"presenter_topics": topics}})
}

// SetShowResults records whether the teacher shows results while the session is open.
func (s *Store) SetShowResults(ctx context.Context, id string, show bool) (*model.Session, error) {
	return s.updateSession(ctx, id, bson.M{"$set": bson.M{"show_results": show}})
}

// SetPupilResults records whether the teacher released the class's results to the pupils.
func (s *Store) SetPupilResults(ctx context.Context, id string, released bool) (*model.Session, error) {
	return s.updateSession(ctx, id, bson.M{"$set": bson.M{"pupil_results": released}})
}

func (s *Store) updateSession(ctx context.Context, id string, update bson.M) (*model.Session, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	return s.writeSession(ctx, id, func() (*model.Session, error) {
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
	})
}

// NoteTurnedAway counts an answer refused because the session was full.
func (s *Store) NoteTurnedAway(ctx context.Context, sessionID string) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err := s.writeSession(ctx, sessionID, func() (*model.Session, error) {
		if _, err := s.sessions().UpdateOne(ctx, bson.M{"_id": sessionID}, bson.M{"$inc": bson.M{"turned_away": 1}}); err != nil {
			return nil, fmt.Errorf("count turned-away answer: %w", err)
		}
		return nil, nil
	})
	return err
}

// DeleteSession removes a session, its raw answers, its summary and its join code. The
// session goes last: a failure half-way leaves a session with fewer answers, never answers
// or a summary without a session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	sess, err := s.SessionByID(ctx, id)
	if err != nil {
		return err
	}
	if err := s.dropResponses(ctx, id); err != nil {
		return err
	}
	if err := s.DeleteSummary(ctx, sess); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err = s.writeSession(ctx, id, func() (*model.Session, error) {
		if _, err := s.codes().DeleteOne(ctx, bson.M{"_id": sess.Code}); err != nil {
			return nil, fmt.Errorf("delete join code: %w", err)
		}
		if _, err := s.sessions().DeleteOne(ctx, bson.M{"_id": id}); err != nil {
			return nil, fmt.Errorf("delete session: %w", err)
		}
		return nil, nil
	})
	if err != nil {
		return err
	}
	return s.Scrub(ctx)
}

// markResponsesDeleted records that a session's raw answers are gone.
func (s *Store) markResponsesDeleted(ctx context.Context, id string) error {
	_, err := s.updateSession(ctx, id, bson.M{"$set": bson.M{"responses_deleted": true}})
	return err
}

// InsertSessions stores sessions that already have their codes (benchmark seeding, imports).
func (s *Store) InsertSessions(ctx context.Context, sessions []model.Session) error {
	if len(sessions) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*callTimeout)
	defer cancel()
	docs, codes := make([]any, len(sessions)), make([]any, len(sessions))
	for i := range sessions {
		docs[i] = sessions[i]
		codes[i] = bson.M{"_id": sessions[i].Code, "session_id": sessions[i].ID}
	}
	if _, err := s.codes().InsertMany(ctx, codes); err != nil {
		return fmt.Errorf("reserve join codes: %w", err)
	}
	if _, err := s.sessions().InsertMany(ctx, docs); err != nil {
		if s.mirror != nil {
			_ = s.loadMirror(ctx) // some may be in: start again from what the store holds
		}
		return fmt.Errorf("insert sessions: %w", err)
	}
	if s.mirror != nil {
		for i := range sessions {
			s.mirror.put(&sessions[i])
		}
	}
	return nil
}
