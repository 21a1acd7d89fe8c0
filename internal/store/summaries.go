package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"golang.org/x/sync/errgroup"

	"github.com/heltnormal/heltnormal/internal/cache"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Summaries are kept on shelves: one document per municipality, survey version and school
// year, holding each closed session's summary (compactly encoded) under its session id. A
// municipality's comparison reads one document by id, the region's nineteen — what both
// MongoDB and the embedded store do fastest — and closing a session sets one field of one
// document, atomically.
func (s *Store) summaries() *mongo.Collection { return s.db.Collection("summaries") }

// shelfCacheTTL is how long a shelf read from the store is reused. Closing a session on this
// instance refreshes its shelf at once; one closed on another instance shows within this time.
const shelfCacheTTL = 30 * time.Second

// shelf is one summaries document.
type shelf struct {
	ID            string            `bson:"_id"`
	Municipality  string            `bson:"municipality"`
	SurveyID      string            `bson:"survey_id"`
	SurveyVersion int               `bson:"survey_version"`
	SchoolYear    string            `bson:"school_year"`
	Sessions      map[string]string `bson:"sessions"`
	// Released holds each school's sensitive snapshot per wave, under "wave|school id"
	// (compare.Snapshot, as JSON).
	Released map[string]string `bson:"released,omitempty"`
}

// shelfData is a shelf decoded, as cached; callers must not change it.
type shelfData struct {
	summaries []compare.Summary
	released  map[string]compare.Snapshot
}

func shelfID(municipality, surveyID string, version int, schoolYear string) string {
	return municipality + "|" + surveyID + "@" + strconv.Itoa(version) + "|" + schoolYear
}

// SaveSummary stores (or, when a session closes again, replaces) a session's summary.
func (s *Store) SaveSummary(ctx context.Context, sv *survey.Survey, sum compare.Summary) error {
	data, err := compare.Encode(sv, sum)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	id := shelfID(sum.Municipality, sum.SurveyID, sum.SurveyVersion, sum.SchoolYear)
	defer s.shelves.Forget(id)
	_, err = s.summaries().UpdateOne(ctx, bson.M{"_id": id}, bson.M{
		"$set": bson.M{"sessions." + sum.SessionID: data},
		"$setOnInsert": bson.M{"municipality": sum.Municipality, "survey_id": sum.SurveyID,
			"survey_version": sum.SurveyVersion, "school_year": sum.SchoolYear},
	}, options.Update().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("save summary: %w", err)
	}
	return nil
}

// DeleteSummary removes a deleted session's summary.
func (s *Store) DeleteSummary(ctx context.Context, sess *model.Session) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	id := shelfID(sess.Municipality, sess.SurveyID, sess.SurveyVersion, sess.SchoolYear)
	defer s.shelves.Forget(id)
	if _, err := s.summaries().UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$unset": bson.M{"sessions." + sess.ID: ""}}); err != nil {
		return fmt.Errorf("delete summary: %w", err)
	}
	return nil
}

// SummaryFilter selects summaries for a comparison.
type SummaryFilter struct {
	Municipalities []string // required: one, a cluster's or the region's
	Survey         *survey.Survey
	SchoolYear     string // required
	Wave           string // optional
	Grade          int    // optional
}

// Summaries returns the summaries matching f, reading the municipalities' shelves in
// parallel (or from the cache).
func (s *Store) Summaries(ctx context.Context, f SummaryFilter) ([]compare.Summary, error) {
	out, _, err := s.Shelves(ctx, f)
	return out, err
}

// Shelves returns the summaries matching f and, for f's wave, each school's released
// sensitive snapshot (compare.ReleaseSensitive) by school id.
func (s *Store) Shelves(ctx context.Context, f SummaryFilter) ([]compare.Summary, map[string]compare.Snapshot, error) {
	if f.Survey == nil || f.SchoolYear == "" {
		return nil, nil, errors.New("summaries: survey and school year are required")
	}
	perShelf := make([]shelfData, len(f.Municipalities))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for i, m := range f.Municipalities {
		id := shelfID(m, f.Survey.ID, f.Survey.Version, f.SchoolYear)
		if cached, ok := s.shelves.Get(id, s.shelfTTL()); ok {
			perShelf[i] = cached
			continue
		}
		g.Go(func() error {
			ctx, cancel := context.WithTimeout(ctx, 2*callTimeout)
			defer cancel()
			var sh shelf
			err := s.summaries().FindOne(ctx, bson.M{"_id": id}).Decode(&sh)
			if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
				return fmt.Errorf("read summaries of %s: %w", m, err)
			}
			where := compare.Summary{Municipality: m, SurveyID: f.Survey.ID, SurveyVersion: f.Survey.Version, SchoolYear: f.SchoolYear}
			decoded := shelfData{summaries: make([]compare.Summary, 0, len(sh.Sessions)), released: map[string]compare.Snapshot{}}
			for _, data := range sh.Sessions {
				sum, err := compare.Decode(f.Survey, data, where)
				if err != nil {
					return err
				}
				decoded.summaries = append(decoded.summaries, sum)
			}
			for key, data := range sh.Released {
				var snap compare.Snapshot
				if err := json.Unmarshal([]byte(data), &snap); err != nil {
					return fmt.Errorf("read released figures of %s: %w", m, err)
				}
				decoded.released[key] = snap
			}
			s.shelves.Put(id, decoded)
			perShelf[i] = decoded
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	var out []compare.Summary
	released := map[string]compare.Snapshot{}
	for _, sh := range perShelf {
		for _, sum := range sh.summaries {
			if (f.Wave != "" && string(sum.Wave) != f.Wave) || (f.Grade > 0 && sum.Grade != f.Grade) {
				continue
			}
			out = append(out, sum)
		}
		for key, snap := range sh.released {
			if wave, school, _ := strings.Cut(key, "|"); wave == f.Wave {
				released[school] = snap
			}
		}
	}
	return out, released, nil
}

// SaveRelease stores a school's new sensitive snapshot for a wave, on its municipality's
// shelf (one field, set atomically).
func (s *Store) SaveRelease(ctx context.Context, sv *survey.Survey, municipality, schoolYear, wave, schoolID string, snap compare.Snapshot) error {
	data, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	id := shelfID(municipality, sv.ID, sv.Version, schoolYear)
	defer s.shelves.Forget(id)
	_, err = s.summaries().UpdateOne(ctx, bson.M{"_id": id}, bson.M{
		"$set": bson.M{"released." + wave + "|" + schoolID: string(data)},
		"$setOnInsert": bson.M{"municipality": municipality, "survey_id": sv.ID,
			"survey_version": sv.Version, "school_year": schoolYear},
	}, options.Update().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("save released figures: %w", err)
	}
	return nil
}

// SessionSummary returns the summary written when the session closed, or model.ErrNotFound.
func (s *Store) SessionSummary(ctx context.Context, sess *model.Session, sv *survey.Survey) (compare.Summary, error) {
	all, err := s.Summaries(ctx, SummaryFilter{Municipalities: []string{sess.Municipality}, Survey: sv, SchoolYear: sess.SchoolYear})
	if err != nil {
		return compare.Summary{}, err
	}
	for _, sum := range all {
		if sum.SessionID == sess.ID {
			return sum, nil
		}
	}
	return compare.Summary{}, model.ErrNotFound
}

// shelfTTL is how long a decoded shelf is used before it is read again: for MongoDB, where
// other instances write, a moment; for the embedded store, whose every write of a shelf
// passes here and forgets it, until then.
func (s *Store) shelfTTL() time.Duration {
	if s.ownsData() {
		return 365 * 24 * time.Hour
	}
	return shelfCacheTTL
}

// DropSummaryCache forgets every cached shelf, so a benchmark can measure the first read
// after a start (or after the cache time) as well as the usual one.
func (s *Store) DropSummaryCache() {
	s.shelves.Clear()
}

// newShelfCache keeps recently read shelves: a dashboard reads the same few shelves again
// and again, and they change only when a session closes. A region has a few hundred.
func newShelfCache() *cache.Cache[shelfData] {
	return cache.New[shelfData](1000)
}
