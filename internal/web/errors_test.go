package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/heltnormal/heltnormal/internal/model"
)

// A store that can't be reached is "try again" (503), never a 500; the message says so and
// gives nothing of the driver away.
func TestUnreachableStoreIs503(t *testing.T) {
	err := fmt.Errorf("find session: %w", context.DeadlineExceeded)
	if got := statusOf(err); got != 503 {
		t.Errorf("status %d, want 503", got)
	}
	de := asDomainError(err)
	if de.Code != model.ECodeUnavailable || de.Message == "" || de.Message == err.Error() {
		t.Errorf("answered %+v", de)
	}
	if got := statusOf(fmt.Errorf("decode: %w", fmt.Errorf("bad bytes"))); got != 0 && got != 500 {
		t.Errorf("an ordinary internal error: %d", got)
	}
}
