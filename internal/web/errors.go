package web

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// statusByCode maps each domain error code to its HTTP status; it is the only such mapping.
var statusByCode = map[string]int{
	model.ECodeInvalid:      fiber.StatusBadRequest,
	model.ECodeUnauthorized: fiber.StatusUnauthorized,
	model.ECodeForbidden:    fiber.StatusForbidden,
	model.ECodeNotFound:     fiber.StatusNotFound,
	model.ECodeConflict:     fiber.StatusConflict,
	model.ECodeClosed:       fiber.StatusGone,
	model.ECodeTooLarge:     fiber.StatusRequestEntityTooLarge,
	model.ECodeRateLimited:  fiber.StatusTooManyRequests,
	model.ECodeInternal:     fiber.StatusInternalServerError,
	model.ECodeUnavailable:  fiber.StatusServiceUnavailable,
}

// codeForStatus maps Fiber's own errors (body too large, method not allowed, ...) to codes.
func codeForStatus(status int) string {
	for code, st := range statusByCode {
		if st == status {
			return code
		}
	}
	if status >= 500 {
		return model.ECodeInternal
	}
	return model.ECodeInvalid
}

// statusOf is the HTTP status err will be answered with.
func statusOf(err error) int {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return fe.Code
	}
	if model.ErrorCode(err) == model.ECodeInternal && store.IsUnavailable(err) {
		return fiber.StatusServiceUnavailable
	}
	return statusByCode[model.ErrorCode(err)]
}

// asDomainError turns any error into one whose message is safe to show.
func asDomainError(err error) *model.Error {
	var me *model.Error
	if errors.As(err, &me) {
		return me
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		message := fe.Message
		if fe.Code == fiber.StatusRequestEntityTooLarge {
			message = fmt.Sprintf("request body is larger than %d KB", BodyLimit/1024)
		}
		return &model.Error{Code: codeForStatus(fe.Code), Message: message}
	}
	if store.IsUnavailable(err) {
		return &model.Error{Code: model.ECodeUnavailable, Message: "the data store cannot be reached right now; try again in a moment"}
	}
	return &model.Error{Code: model.ECodeInternal, Message: "internal error"}
}

// pageError is a refusal whose message is written for the page, in the visitor's language
// (a poster that cannot be made, say): handleError shows it under its title, with the status
// its code maps to, instead of the code's general message.
type pageError struct {
	err   *model.Error
	title string
}

func (e *pageError) Error() string { return e.err.Message }
func (e *pageError) Unwrap() error { return e.err }

// refusal makes a pageError: code decides the status, title and message are shown.
func refusal(code, title, message string) error {
	return &pageError{err: &model.Error{Code: code, Message: message}, title: title}
}

// statusFor sets the status of a page that shows err itself — a form shown again with its
// problems, a pupil's "the survey is closed" — from the same table as every other error.
func statusFor(c *fiber.Ctx, err error) { c.Status(statusOf(err)) }

// apiError is the JSON shape of every /api error.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// handleError answers every error a handler returns: JSON under /api, a page elsewhere.
// Only internal errors are logged, and their details never reach the client.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if status == 0 {
		status = fiber.StatusInternalServerError
	}
	de := asDomainError(err)
	if status >= 500 {
		s.log.Error("internal error", "method", c.Method(), "path", c.Path(), "err", err)
	}
	c.Status(status)
	if (status == fiber.StatusServiceUnavailable || status == fiber.StatusTooManyRequests) && len(c.Response().Header.Peek(fiber.HeaderRetryAfter)) == 0 {
		c.Set(fiber.HeaderRetryAfter, "5") // a moment: the store, the password checks or a limit
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.JSON(apiError{apiErrorBody{Code: de.Code, Message: de.Message, Fields: de.Fields}})
	}
	l := s.localizer(c)
	// Pages show a translated message per code, or the page's own words for a refusal;
	// handlers that need a page of their own (an unknown join code, say) render it.
	title, message := l.T("error.title"), l.T("error."+de.Code)
	var pe *pageError
	if errors.As(err, &pe) {
		title, message = pe.title, pe.err.Message
	}
	if renderErr := s.render(c, "error", title, fiber.Map{"Message": message}); renderErr != nil {
		s.log.Error("render error page", "err", renderErr)
		return c.SendString(message)
	}
	return nil
}

// notFound answers every URL no route matched.
func (s *Server) notFound(c *fiber.Ctx) error {
	return model.ErrNotFound
}
