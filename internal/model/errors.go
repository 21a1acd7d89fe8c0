// Package model holds Helt Normal's domain types and errors. It depends on nothing but the
// standard library, so storage, web and command-line code can all share it.
package model

import (
	"errors"
	"fmt"
)

// Error codes; the web layer maps each to one HTTP status, in one place.
const (
	ECodeInvalid      = "invalid"      // 400
	ECodeUnauthorized = "unauthorized" // 401
	ECodeForbidden    = "forbidden"    // 403
	ECodeNotFound     = "not_found"    // 404
	ECodeConflict     = "conflict"     // 409
	ECodeClosed       = "closed"       // 410
	ECodeTooLarge     = "too_large"    // 413
	ECodeRateLimited  = "rate_limited" // 429
	ECodeInternal     = "internal"     // 500
	ECodeUnavailable  = "unavailable"  // 503
)

// Error is a failure whose message is safe to show to the user; Fields names the input fields
// at fault, each with its own message.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string { return e.Message }

// Errorf makes an Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid makes a 400-class Error listing the fields at fault.
func Invalid(message string, fields map[string]string) *Error {
	return &Error{Code: ECodeInvalid, Message: message, Fields: fields}
}

// Sentinel errors the store returns; callers compare with errors.Is.
var (
	ErrNotFound = &Error{Code: ECodeNotFound, Message: "not found"}
	ErrConflict = &Error{Code: ECodeConflict, Message: "already exists"}
)

// ErrorCode returns the code of err, or ECodeInternal when err is not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ECodeInternal
}
