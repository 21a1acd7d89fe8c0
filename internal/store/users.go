package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"github.com/heltnormal/heltnormal/internal/model"
)

// userIndexes: an email address is one account (stored lower-case, so unique regardless of
// how it was typed); consultants list the users of their municipality or of one school.
var userIndexes = collectionIndexes{collection: "users", models: []mongo.IndexModel{
	{Keys: bson.D{{Key: "email", Value: 1}}, Options: options.Index().SetUnique(true).SetName("email_unique")},
	{Keys: bson.D{{Key: "municipality", Value: 1}, {Key: "email", Value: 1}}, Options: options.Index().SetName("municipality_email")},
	{Keys: bson.D{{Key: "school_id", Value: 1}}, Options: options.Index().SetName("school")},
	// One account per person at a single sign-on provider. Sparse, so that the accounts
	// without a link (neither field) stay out of it on MongoDB; FerretDB v1 ignores sparse,
	// but its SQLite index lets any number of accounts lack both, as NULLs are distinct there.
	{Keys: bson.D{{Key: "oidc_issuer", Value: 1}, {Key: "oidc_subject", Value: 1}},
		Options: options.Index().SetUnique(true).SetSparse(true).SetName("oidc_subject_unique")},
}}

func (s *Store) users() *mongo.Collection { return s.db.Collection("users") }

// normalizeEmail is the form an address is stored and looked up in.
func normalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser stores a new user, giving it an id when it has none and lower-casing its email.
// An email already in use fails with model.ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u *model.User) error {
	if u.ID == "" {
		u.ID = NewID()
	}
	u.Email = normalizeEmail(u.Email)
	return insertOne(ctx, s.users(), "insert user", u)
}

// UpdateUser changes fields of a user and returns it as it is now; an email already in use
// fails with model.ErrConflict.
func (s *Store) UpdateUser(ctx context.Context, id string, set bson.M) (*model.User, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	if email, ok := set["email"].(string); ok {
		set["email"] = normalizeEmail(email)
	}
	var u model.User
	err := s.users().FindOneAndUpdate(ctx, bson.M{"_id": id}, bson.M{"$set": set},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&u)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, model.ErrNotFound
	case mongo.IsDuplicateKeyError(err) || isUniqueViolation(err):
		return nil, model.ErrConflict
	case err != nil:
		return nil, fmt.Errorf("update user: %w", err)
	}
	return &u, nil
}

// isUniqueViolation recognises FerretDB v1.24's answer to a findAndModify that breaks a
// unique index: an InternalError carrying SQLite's message, where MongoDB says 11000.
func isUniqueViolation(err error) bool {
	var ce mongo.CommandError
	return errors.As(err, &ce) && strings.Contains(ce.Message, "UNIQUE constraint failed")
}

// UserByEmail finds a user by email in any letter case, or returns model.ErrNotFound.
func (s *Store) UserByEmail(ctx context.Context, email string) (*model.User, error) {
	return s.findUser(ctx, bson.M{"email": normalizeEmail(email)})
}

// UserBySubject finds the account linked to a person at a single sign-on provider, or
// returns model.ErrNotFound.
func (s *Store) UserBySubject(ctx context.Context, issuer, subject string) (*model.User, error) {
	if issuer == "" || subject == "" {
		return nil, model.ErrNotFound
	}
	return s.findUser(ctx, bson.M{"oidc_issuer": issuer, "oidc_subject": subject})
}

// LinkUser links an account that has no link yet to a person at a provider and returns it
// as it is now. An account linked meanwhile (to anyone) is model.ErrConflict, and so is a
// person already linked to another account.
func (s *Store) LinkUser(ctx context.Context, id, issuer, subject string) (*model.User, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var u model.User
	err := s.users().FindOneAndUpdate(ctx,
		bson.M{"_id": id, "oidc_subject": bson.M{"$exists": false}},
		bson.M{"$set": bson.M{"oidc_issuer": issuer, "oidc_subject": subject}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&u)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, model.ErrConflict
	case mongo.IsDuplicateKeyError(err) || isUniqueViolation(err):
		return nil, model.ErrConflict
	case err != nil:
		return nil, fmt.Errorf("link user: %w", err)
	}
	return &u, nil
}

// UserByID finds a user, or returns model.ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id string) (*model.User, error) {
	return s.findUser(ctx, bson.M{"_id": id})
}

func (s *Store) findUser(ctx context.Context, filter bson.M) (*model.User, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var u model.User
	err := s.users().FindOne(ctx, filter).Decode(&u)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return &u, nil
}

// UserFilter selects users for lists; empty fields match everything.
type UserFilter struct {
	Municipality string
	SchoolID     string
	Role         model.Role
}

// ListUsers returns the matching users sorted by email.
func (s *Store) ListUsers(ctx context.Context, f UserFilter) ([]model.User, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	filter := bson.M{}
	for k, v := range map[string]string{"municipality": f.Municipality, "school_id": f.SchoolID, "role": string(f.Role)} {
		if v != "" {
			filter[k] = v
		}
	}
	return findAll[model.User](ctx, s.users(), "list users", filter, options.Find().SetSort(bson.D{{Key: "email", Value: 1}}))
}
