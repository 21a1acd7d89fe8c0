package store

import (
	"context"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// AuditEntry is one change to a staff account: who changed whose account, what, and on which
// day (a day, as everywhere: no time). It holds no pupil data and no password.
type AuditEntry struct {
	ID       string            `bson:"_id" json:"-"`
	Day      string            `bson:"day" json:"day"`
	ActorID  string            `bson:"actor_id" json:"actor_id"`
	Actor    string            `bson:"actor" json:"actor"` // the actor's email then
	TargetID string            `bson:"target_id" json:"target_id"`
	Action   string            `bson:"action" json:"action"` // created, changed, deactivated, reactivated, reset_link, password_reset, password_changed, sso_linked, sso_created
	Changes  map[string]string `bson:"changes,omitempty" json:"changes,omitempty"`
}

var auditIndexes = collectionIndexes{collection: "audit", models: []mongo.IndexModel{
	{Keys: bson.D{{Key: "target_id", Value: 1}}, Options: options.Index().SetName("target")},
}}

func (s *Store) audit() *mongo.Collection { return s.db.Collection("audit") }

// AddAudit records an entry in the audit trail.
func (s *Store) AddAudit(ctx context.Context, e AuditEntry) error {
	if e.ID == "" {
		e.ID = NewID()
	}
	return insertOne(ctx, s.audit(), "record audit entry", e)
}

// AuditOf returns the audit trail of an account, in the order it was recorded.
func (s *Store) AuditOf(ctx context.Context, targetID string) ([]AuditEntry, error) {
	return findAll[AuditEntry](ctx, s.audit(), "read audit trail", bson.M{"target_id": targetID})
}
