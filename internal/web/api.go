package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/model"
)

// decodeJSON reads the request body into v strictly: JSON content type, one object, no
// unknown fields, the right types. Because v is a typed struct, query operators such as
// {"$ne": 1} can never reach the store: where a string is expected they are a type error,
// and as keys they are unknown fields or unknown ids.
func decodeJSON(c *fiber.Ctx, v any) error {
	if ct := strings.ToLower(c.Get(fiber.HeaderContentType)); !strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		return model.Invalid("send the body as JSON with Content-Type: application/json", map[string]string{"body": "not JSON"})
	}
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, extra := dec.Token(); extra != io.EOF {
		return model.Invalid("the body must be a single JSON object", map[string]string{"body": "trailing data after the object"})
	}
	return nil
}

// jsonError turns a decoding error into a 400 naming the field at fault.
func jsonError(err error) *model.Error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		return model.Invalid("a field has the wrong type", map[string]string{field: fmt.Sprintf("must be %s, not %s", jsonKind(typeErr.Type.Kind().String()), typeErr.Value)})
	case errors.As(err, &syntaxErr):
		return model.Invalid("the body is not valid JSON", map[string]string{"body": fmt.Sprintf("syntax error at byte %d", syntaxErr.Offset)})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return model.Invalid("the body has a field this endpoint does not take", map[string]string{name: "unknown field"})
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return model.Invalid("the body is empty or cut off", map[string]string{"body": "incomplete JSON"})
	}
	return model.Invalid("the body could not be read", map[string]string{"body": err.Error()})
}

// prefixFields puts each field of e under prefix: "self" becomes "answers.sleep.self".
func prefixFields(e *model.Error, prefix string) *model.Error {
	fields := map[string]string{}
	for f, msg := range e.Fields {
		if f == "body" {
			fields[prefix] = msg
		} else {
			fields[prefix+"."+f] = msg
		}
	}
	return model.Invalid(e.Message, fields)
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "int", "int64", "int32", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "map", "struct":
		return "an object"
	case "slice":
		return "an array"
	}
	return kind
}
