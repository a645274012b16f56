// Package apperr defines the business error kinds every domain uses. Domains return these values
// (wrapped with context); the HTTP layer maps a kind to a status code exactly once.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error by what the caller can do about it, not by where it came from.
type Kind int

const (
	KindInternal Kind = iota
	KindInvalid
	KindNotFound
	KindConflict
	KindUnauthorized
	KindForbidden
	KindRateLimited
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not_found"
	case KindConflict:
		return "conflict"
	case KindUnauthorized:
		return "unauthorized"
	case KindForbidden:
		return "forbidden"
	case KindRateLimited:
		return "rate_limited"
	default:
		return "internal"
	}
}

// FieldError names one invalid input field by its external (JSON) name.
type FieldError struct {
	Field   string `json:"field" validate:"required"`
	Message string `json:"message" validate:"required"`
}

// Error is a business error. Message is safe to show to clients; it must never carry internals.
type Error struct {
	Kind       Kind
	Message    string
	Fields     []FieldError
	RetryAfter time.Duration // only for KindRateLimited
	// Type names a problem clients act on by kind (RFC 9457 "type", e.g.
	// "urn:oms:problem:out-of-stock"), so they never parse Message; empty: "about:blank".
	Type string
	// Subject is what the problem is about, when a client needs it (e.g. the earlier order a
	// possible duplicate repeats).
	Subject string
}

// Typed returns a copy of e with a problem type and, optionally, a subject.
func (e *Error) Typed(problemType, subject string) *Error {
	c := *e
	c.Type, c.Subject = problemType, subject
	return &c
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	return fmt.Sprintf("%s: %v", e.Message, e.Fields)
}

// Is makes sentinel errors of the same kind and message match with errors.Is, so a wrapped copy
// still matches its sentinel.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && t.Message == e.Message
}

func Invalid(msg string, fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Message: msg, Fields: fields}
}
func NotFound(msg string) *Error { return &Error{Kind: KindNotFound, Message: msg} }
func Conflict(msg string) *Error { return &Error{Kind: KindConflict, Message: msg} }

// Problem types every domain shares (RFC 9457 "type"): conflicts a client handles the same way
// wherever they come from.
const (
	// ProblemStaleVersion: the record changed since the client loaded it (optimistic locking);
	// reload and retry.
	ProblemStaleVersion = "urn:oms:problem:stale-version"
	// ProblemAlreadyExists: a unique value (SKU, slug, code, email, phone…) is taken; the
	// subject is the request field that holds it (its JSON path, e.g. "sku", "company.tax_id").
	ProblemAlreadyExists = "urn:oms:problem:already-exists"
)

// Stale is the conflict of an edit based on an outdated version.
func Stale(msg string) *Error { return Conflict(msg).Typed(ProblemStaleVersion, "") }

// Exists is the conflict of a unique value that is taken, in the request field named by its JSON
// path.
func Exists(field, msg string) *Error { return Conflict(msg).Typed(ProblemAlreadyExists, field) }
func Unauthorized(msg string) *Error  { return &Error{Kind: KindUnauthorized, Message: msg} }
func Forbidden(msg string) *Error     { return &Error{Kind: KindForbidden, Message: msg} }
func RateLimited(msg string, retryAfter time.Duration) *Error {
	return &Error{Kind: KindRateLimited, Message: msg, RetryAfter: retryAfter}
}

// Field is a shorthand for a single-field validation error.
func Field(field, message string) *Error {
	return Invalid("validation failed", FieldError{Field: field, Message: message})
}

// As returns the business error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// KindOf reports the kind of err; errors that are not business errors are internal.
func KindOf(err error) Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	return KindInternal
}
