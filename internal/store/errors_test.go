package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.mongodb.org/mongo-driver/mongo"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

func TestIsUnavailable(t *testing.T) {
	if !store.IsUnavailable(fmt.Errorf("find session: %w", context.DeadlineExceeded)) {
		t.Error("a deadline is not unavailability")
	}
	// A stream whose client left, or an operation the server interrupted (the stream flood
	// of issue 16 got 500s for these).
	for _, err := range []error{fmt.Errorf("count: %w", context.Canceled), mongo.CommandError{Code: 11601, Name: "Interrupted"},
		fmt.Errorf("read: %w", mongo.CommandError{Code: 50, Name: "MaxTimeMSExpired"})} {
		if !store.IsUnavailable(err) {
			t.Errorf("%v is not counted as unavailable", err)
		}
	}
	for _, err := range []error{nil, model.ErrNotFound, model.ErrConflict, errors.New("bad"), mongo.CommandError{Code: 11000, Name: "DuplicateKey"}} {
		if store.IsUnavailable(err) {
			t.Errorf("%v counted as unavailable", err)
		}
	}
	// The driver's own error for a call that ran out of time is recognised.
	s := storetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 1)
	defer cancel()
	_, err := s.ListSchools(ctx, "")
	if err == nil || !store.IsUnavailable(err) {
		t.Errorf("a call that ran out of time: %v", err)
	}
}
