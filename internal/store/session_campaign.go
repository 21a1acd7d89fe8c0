package store

import (
	"context"

	"go.mongodb.org/mongo-driver/bson"

	"github.com/heltnormal/heltnormal/internal/model"
)

// SaveCampaign stores a class's campaign choices on its session, replacing earlier ones. It
// updates by _id only, which the embedded store finds without scanning.
func (s *Store) SaveCampaign(ctx context.Context, sessionID string, c model.Campaign) (*model.Session, error) {
	if c.Messages == nil {
		c.Messages = []model.CampaignMessage{}
	}
	return s.updateSession(ctx, sessionID, bson.M{"$set": bson.M{"campaign": c}})
}
