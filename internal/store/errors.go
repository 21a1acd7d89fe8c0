package store

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/x/mongo/driver/topology"
)

// IsUnavailable reports whether err means the store could not be reached in time (a lost
// connection, no server to select, a timeout) rather than that the request was wrong: the
// caller should try again, and the web layer answers 503, not 500.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var selection topology.ServerSelectionError
	return mongo.IsTimeout(err) || mongo.IsNetworkError(err) ||
		errors.Is(err, context.DeadlineExceeded) || errors.As(err, &selection)
}
