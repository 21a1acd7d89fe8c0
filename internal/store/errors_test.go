package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/store/storetest"
)

func TestIsUnavailable(t *testing.T) {
	if !store.IsUnavailable(fmt.Errorf("find session: %w", context.DeadlineExceeded)) {
		t.Error("a deadline is not unavailability")
	}
	for _, err := range []error{nil, model.ErrNotFound, model.ErrConflict, errors.New("bad")} {
		if store.IsUnavailable(err) {
			t.Errorf("%v counted as unavailable", err)
		}
	}
	// The driver's own error for a call that ran out of time is recognised.
	s := storetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 1)
	defer cancel()
	_, err := s.SessionByID(ctx, "x")
	if err == nil || !store.IsUnavailable(err) {
		t.Errorf("a call that ran out of time: %v", err)
	}
}
