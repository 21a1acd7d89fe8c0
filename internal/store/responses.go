package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"github.com/heltnormal/heltnormal/internal/model"
)

// Responses live in one collection per session ("responses_<session id>"). A class's answers
// are written, counted, read and deleted together, and never looked up across classes, so a
// collection per class keeps every one of those operations to one class's few dozen
// documents — on MongoDB, and on the embedded store, which can only look documents up by
// scanning a collection. Deleting a session, or its raw answers after the retention period,
// drops one collection.
func (s *Store) responses(sessionID string) *mongo.Collection {
	return s.db.Collection("responses_" + sessionID)
}

// createResponseCollection makes a session's response collection when the session is made,
// so that creating it (a table and its index in the embedded store) is not left to the first
// pupil's answer.
func (s *Store) createResponseCollection(ctx context.Context, sessionID string) error {
	err := s.db.CreateCollection(ctx, "responses_"+sessionID)
	var ce mongo.CommandError
	if errors.As(err, &ce) && ce.Name == "NamespaceExists" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create response collection: %w", err)
	}
	return nil
}

// ResponseID is a response's id: a SHA-256 of the session and the random submission id the
// pupil's device made. It is as random as that id, says nothing about time, and makes a
// retried submission collide with the first one, so an answer is counted once without
// keeping the submission id itself.
func ResponseID(sessionID, submissionID string) string {
	sum := sha256.Sum256([]byte(sessionID + "\x00" + submissionID))
	return hex.EncodeToString(sum[:])
}

// InsertResponse stores one pupil's answers in one write: all of it or nothing. Its id is
// set from the submission id; a second response with the same submission id in the same
// session fails with model.ErrConflict.
func (s *Store) InsertResponse(ctx context.Context, r *model.Response) error {
	return s.InsertSessionResponses(ctx, r.SessionID, []*model.Response{r})[0]
}

// AnswerTurn is this process's turn to write answers. SQLite writes one transaction at a
// time, and writers that collide wait in its busy handler, which sleeps in steps of up to
// 100 ms; so the embedded store hands out one turn at a time instead, and a writer that waits
// for its turn before it takes its batch finds every answer that arrived meanwhile in it —
// fewer, larger transactions (86 for a burst of 1,000 answers in 40 classes before, ~45
// after). With MongoDB turns are not rationed.
type AnswerTurn struct {
	s    *Store
	held bool
}

// AnswerTurn waits for a turn to write answers; the caller calls Done.
func (s *Store) AnswerTurn() *AnswerTurn {
	if !s.ownsData() {
		return &AnswerTurn{s: s}
	}
	s.answerWrites.Lock()
	return &AnswerTurn{s: s, held: true}
}

// Done ends the turn.
func (t *AnswerTurn) Done() {
	if t.held {
		t.held = false
		t.s.answerWrites.Unlock()
	}
}

// InsertSessionResponses stores answers that arrived together for one session in one write
// (a group commit: the embedded store writes one transaction instead of one per pupil), in a
// turn of its own. Each response is stored whole or not at all, and gets its own result: nil
// when stored, model.ErrConflict when its submission was stored before, or the error that
// kept it out (the write's error for all of them when the store did not say which were
// stored).
func (s *Store) InsertSessionResponses(ctx context.Context, sessionID string, rs []*model.Response) []error {
	turn := s.AnswerTurn()
	defer turn.Done()
	return turn.Insert(ctx, sessionID, rs)
}

// Insert is InsertSessionResponses in this turn.
func (t *AnswerTurn) Insert(ctx context.Context, sessionID string, rs []*model.Response) []error {
	s := t.s
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	results := make([]error, len(rs))
	docs := make([]any, len(rs))
	for i, r := range rs {
		r.ID = ResponseID(r.SessionID, r.SubmissionID)
		docs[i] = r
	}
	_, err := s.responses(sessionID).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if s.ownsData() {
		defer s.answerCounts.wrote(sessionID, results, err)
	}
	if err == nil {
		return results
	}
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0 {
		for i := range results {
			results[i] = fmt.Errorf("insert responses: %w", err)
		}
		return results
	}
	for _, we := range bwe.WriteErrors {
		if we.Index < 0 || we.Index >= len(results) {
			continue
		}
		if isDuplicateKey(we.Code) {
			results[we.Index] = model.ErrConflict
		} else {
			results[we.Index] = fmt.Errorf("insert response: %w", we)
		}
	}
	return results
}

// isDuplicateKey says whether a write error's code is MongoDB's duplicate key error.
func isDuplicateKey(code int) bool { return code == 11000 || code == 11001 || code == 12582 }

// InsertResponses stores many responses (imports, benchmark seeding), grouped by session;
// responses already stored are skipped.
func (s *Store) InsertResponses(ctx context.Context, rs []model.Response) error {
	bySession := map[string][]any{}
	var order []string
	for i := range rs {
		r := rs[i]
		r.ID = ResponseID(r.SessionID, r.SubmissionID)
		if bySession[r.SessionID] == nil {
			order = append(order, r.SessionID)
		}
		bySession[r.SessionID] = append(bySession[r.SessionID], r)
	}
	for _, id := range order {
		s.answerCounts.forget(id)
		ctx, cancel := context.WithTimeout(ctx, 6*callTimeout)
		_, err := s.responses(id).InsertMany(ctx, bySession[id], options.InsertMany().SetOrdered(false))
		cancel()
		if err != nil && !mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("insert responses: %w", err)
		}
	}
	return nil
}

// ResponseBySubmission finds the response a device already submitted, or model.ErrNotFound.
func (s *Store) ResponseBySubmission(ctx context.Context, sessionID, submissionID string) (*model.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var r model.Response
	err := s.responses(sessionID).FindOne(ctx, bson.M{"_id": ResponseID(sessionID, submissionID)}).Decode(&r)
	if err == mongo.ErrNoDocuments {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find response: %w", err)
	}
	return &r, nil
}

// CountResponses is the number of pupils who have answered a session. The embedded store
// counts a session once and then keeps the number in memory, fed by its own writes: every
// answer it stores passes InsertSessionResponses, one write at a time.
func (s *Store) CountResponses(ctx context.Context, sessionID string) (int, error) {
	if !s.ownsData() {
		return s.countStored(ctx, sessionID)
	}
	if n, ok := s.answerCounts.get(sessionID); ok {
		return n, nil
	}
	turn := s.AnswerTurn() // no write of answers while the count is taken
	defer turn.Done()
	return turn.Count(ctx, sessionID)
}

// Count is CountResponses in this turn.
func (t *AnswerTurn) Count(ctx context.Context, sessionID string) (int, error) {
	s := t.s
	if !s.ownsData() {
		return s.countStored(ctx, sessionID)
	}
	if n, ok := s.answerCounts.get(sessionID); ok {
		return n, nil
	}
	n, err := s.countStored(ctx, sessionID)
	if err == nil {
		s.answerCounts.set(sessionID, n)
	}
	return n, err
}

func (s *Store) countStored(ctx context.Context, sessionID string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	n, err := s.responses(sessionID).CountDocuments(ctx, bson.M{})
	if err != nil {
		return 0, fmt.Errorf("count responses: %w", err)
	}
	return int(n), nil
}

// SessionResponses returns every response to a session, for computing its results.
func (s *Store) SessionResponses(ctx context.Context, sessionID string) ([]model.Response, error) {
	return findAll[model.Response](ctx, s.responses(sessionID), "read responses", bson.M{})
}

// ResponseDocuments returns a session's responses exactly as stored, field by field, so a
// privacy audit (and its test) can see that nothing but the allowed fields is kept.
func (s *Store) ResponseDocuments(ctx context.Context, sessionID string) ([]bson.M, error) {
	return findAll[bson.M](ctx, s.responses(sessionID), "read response documents", bson.M{})
}

// dropResponses deletes every raw answer of a session.
func (s *Store) dropResponses(ctx context.Context, sessionID string) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	defer s.answerCounts.forget(sessionID)
	if err := s.responses(sessionID).Drop(ctx); err != nil {
		return fmt.Errorf("delete responses of session: %w", err)
	}
	return nil
}

// DeleteResponsesBefore deletes the raw answers of sessions created before day (YYYY-MM-DD)
// and returns how many sessions lost them; their summaries, which comparisons use, stay.
func (s *Store) DeleteResponsesBefore(ctx context.Context, day string) (int, error) {
	sessions, err := s.ListSessions(ctx, SessionFilter{CreatedBefore: day, HasResponses: true})
	if err != nil {
		return 0, err
	}
	for _, sess := range sessions {
		if err := s.dropResponses(ctx, sess.ID); err != nil {
			return 0, err
		}
		if err := s.markResponsesDeleted(ctx, sess.ID); err != nil {
			return 0, err
		}
	}
	if len(sessions) > 0 {
		if err := s.Scrub(ctx); err != nil {
			return 0, err
		}
	}
	return len(sessions), nil
}

// answerCounts are the embedded store's numbers of answers per session, in memory; a session
// not in it is counted in the store on its next use.
type answerCounts struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *answerCounts) get(sessionID string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.n[sessionID]
	return n, ok
}

func (c *answerCounts) set(sessionID string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[sessionID] = n
}

func (c *answerCounts) forget(sessionID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.n, sessionID)
}

// wrote adds the answers one write stored. When the write failed without saying which
// answers it stored, the count is forgotten. The caller holds the store's answer lock.
func (c *answerCounts) wrote(sessionID string, results []error, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.n[sessionID]
	if !ok {
		return
	}
	var bwe mongo.BulkWriteException
	if err != nil && (!errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0) {
		delete(c.n, sessionID)
		return
	}
	for _, r := range results {
		if r == nil {
			n++
		}
	}
	c.n[sessionID] = n
}
