package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/heltnormal/heltnormal/internal/model"
)

// schoolIndexes: a municipality has one school of a name, whatever its letter case or
// spacing ("Nørre Skole" and "nørre  skole" are the same school); lists are per municipality.
var schoolIndexes = collectionIndexes{collection: "schools", models: []mongo.IndexModel{
	{Keys: bson.D{{Key: "municipality", Value: 1}, {Key: "name_key", Value: 1}}, Options: options.Index().SetUnique(true).SetName("municipality_name_unique")},
}}

func (s *Store) schools() *mongo.Collection { return s.db.Collection("schools") }

// schoolDoc is a school as stored: with the key its name is unique by.
type schoolDoc struct {
	model.School `bson:",inline"`
	NameKey      string `bson:"name_key"`
}

// cleanSchoolName collapses runs of spaces, as people type them.
func cleanSchoolName(name string) string { return strings.Join(strings.Fields(name), " ") }

func schoolNameKey(name string) string { return strings.ToLower(cleanSchoolName(name)) }

// CreateSchool stores a new school, giving it an id when it has none. A school of the same
// name in the same municipality fails with model.ErrConflict.
func (s *Store) CreateSchool(ctx context.Context, sc *model.School) error {
	if sc.ID == "" {
		sc.ID = NewID()
	}
	sc.Name = cleanSchoolName(sc.Name)
	return insertOne(ctx, s.schools(), "insert school", schoolDoc{School: *sc, NameKey: schoolNameKey(sc.Name)})
}

// SchoolByID finds a school, or returns model.ErrNotFound.
func (s *Store) SchoolByID(ctx context.Context, id string) (*model.School, error) {
	return s.findSchool(ctx, bson.M{"_id": id})
}

// SchoolByName finds a municipality's school by name in any letter case, or returns
// model.ErrNotFound.
func (s *Store) SchoolByName(ctx context.Context, municipality, name string) (*model.School, error) {
	return s.findSchool(ctx, bson.M{"municipality": municipality, "name_key": schoolNameKey(name)})
}

func (s *Store) findSchool(ctx context.Context, filter bson.M) (*model.School, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var doc schoolDoc
	err := s.schools().FindOne(ctx, filter).Decode(&doc)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find school: %w", err)
	}
	return &doc.School, nil
}

// ListSchools returns a municipality's schools (every school when municipality is empty),
// sorted by municipality and then name in Danish alphabetical order (Æ, Ø, Å last).
func (s *Store) ListSchools(ctx context.Context, municipality string) ([]model.School, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	filter := bson.M{}
	if municipality != "" {
		filter["municipality"] = municipality
	}
	docs, err := findAll[schoolDoc](ctx, s.schools(), "list schools", filter)
	if err != nil {
		return nil, err
	}
	out := make([]model.School, len(docs))
	for i, d := range docs {
		out[i] = d.School
	}
	danish := collate.New(language.Danish, collate.IgnoreCase)
	slices.SortFunc(out, func(a, b model.School) int {
		if c := danish.CompareString(a.Municipality, b.Municipality); c != 0 {
			return c
		}
		return danish.CompareString(a.Name, b.Name)
	})
	return out, nil
}
