package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"github.com/heltnormal/heltnormal/internal/compare"
)

// summaryIndexes: comparisons read one municipality's (or the region's) summaries of one
// survey, narrowed by school year and wave.
var summaryIndexes = collectionIndexes{collection: "summaries", models: []mongo.IndexModel{
	{Keys: bson.D{{Key: "municipality", Value: 1}, {Key: "survey_id", Value: 1}, {Key: "school_year", Value: 1}}, Options: options.Index().SetName("municipality_survey_year")},
	{Keys: bson.D{{Key: "survey_id", Value: 1}, {Key: "school_year", Value: 1}}, Options: options.Index().SetName("survey_year")},
}}

func (s *Store) summaries() *mongo.Collection { return s.db.Collection("summaries") }

// SaveSummary stores (or, when a session closes again, replaces) a session's summary.
func (s *Store) SaveSummary(ctx context.Context, sum compare.Summary) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err := s.summaries().ReplaceOne(ctx, bson.M{"_id": sum.SessionID}, sum, options.Replace().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("save summary: %w", err)
	}
	return nil
}

// DeleteSummary removes a deleted session's summary.
func (s *Store) DeleteSummary(ctx context.Context, sessionID string) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	if _, err := s.summaries().DeleteOne(ctx, bson.M{"_id": sessionID}); err != nil {
		return fmt.Errorf("delete summary: %w", err)
	}
	return nil
}

// SummaryFilter selects summaries for a comparison; empty fields match everything.
type SummaryFilter struct {
	Municipalities []string // empty: every municipality (the region)
	SurveyID       string
	SurveyVersion  int
	SchoolYear     string
	Wave           string
	Grade          int
	SchoolID       string
}

// Summaries returns the summaries matching f.
func (s *Store) Summaries(ctx context.Context, f SummaryFilter) ([]compare.Summary, error) {
	ctx, cancel := context.WithTimeout(ctx, 4*callTimeout)
	defer cancel()
	q := bson.M{}
	if len(f.Municipalities) == 1 {
		q["municipality"] = f.Municipalities[0]
	} else if len(f.Municipalities) > 1 {
		q["municipality"] = bson.M{"$in": f.Municipalities}
	}
	for k, v := range map[string]string{"survey_id": f.SurveyID, "school_year": f.SchoolYear, "wave": f.Wave, "school_id": f.SchoolID} {
		if v != "" {
			q[k] = v
		}
	}
	if f.SurveyVersion > 0 {
		q["survey_version"] = f.SurveyVersion
	}
	if f.Grade > 0 {
		q["grade"] = f.Grade
	}
	cur, err := s.summaries().Find(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read summaries: %w", err)
	}
	defer cur.Close(ctx)
	var out []compare.Summary
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("read summaries: %w", err)
	}
	return out, nil
}
