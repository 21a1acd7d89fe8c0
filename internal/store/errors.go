package store

import (
	"context"
	"errors"
	"slices"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/x/mongo/driver/topology"
)

// IsUnavailable reports whether err means the store could not answer in time (a lost
// connection, no server to select, a timeout, an operation interrupted or cut short by the
// server, a call whose caller gave up) rather than that the request was wrong: the caller
// should try again, and the web layer answers 503, not 500.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var selection topology.ServerSelectionError
	if mongo.IsTimeout(err) || mongo.IsNetworkError(err) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, context.Canceled) || errors.As(err, &selection) {
		return true
	}
	var server mongo.ServerError
	return errors.As(err, &server) && slices.ContainsFunc(unavailableCodes, server.HasErrorCode)
}

// unavailableCodes are the server's error codes for an operation it stopped rather than
// refused: Interrupted, InterruptedAtShutdown, InterruptedDueToReplStateChange,
// MaxTimeMSExpired, ExceededTimeLimit, ShutdownInProgress, PrimarySteppedDown,
// NotWritablePrimary.
var unavailableCodes = []int{11601, 11600, 11602, 50, 262, 91, 189, 10107}
