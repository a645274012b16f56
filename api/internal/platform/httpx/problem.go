// Package httpx is the HTTP plumbing shared by every domain: Echo setup and middleware, RFC 9457
// problem responses, request binding and validation, paging, metrics and the SPA fallback. It
// holds no business rules.
package httpx

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// ProblemContentType is the media type of every error response (RFC 9457).
const ProblemContentType = "application/problem+json"

// Problem is an RFC 9457 problem detail. Errors lists invalid fields by their JSON names.
type Problem struct {
	// Type is "about:blank", or a problem clients act on by kind: urn:oms:problem:out-of-stock
	// (subject: the SKU), urn:oms:problem:possible-duplicate (subject: the earlier order's
	// reference), urn:oms:problem:request-in-progress, urn:oms:problem:idempotency-key-reused,
	// urn:oms:problem:stale-version (reload and retry), urn:oms:problem:already-exists (subject:
	// the request field whose value is taken, e.g. "sku"), urn:oms:problem:invalid-transition
	// (subject: the order's status).
	Type      string              `json:"type" validate:"required" example:"about:blank"`
	Title     string              `json:"title" validate:"required" example:"Not Found"`
	Status    int                 `json:"status" validate:"required" example:"404"`
	Detail    string              `json:"detail,omitempty" example:"product not found"`
	Instance  string              `json:"instance,omitempty" example:"/api/v1/products/x"`
	RequestID string              `json:"request_id,omitempty" example:"01HZX3…"`
	Errors    []apperr.FieldError `json:"errors,omitempty"`
	// Subject is what a typed problem is about, e.g. the order a possible duplicate repeats.
	Subject string `json:"subject,omitempty" example:"ORD-7K3F-9QXM"`
} // @name httpx.Problem

var kindStatus = map[apperr.Kind]int{
	apperr.KindInvalid:      http.StatusUnprocessableEntity,
	apperr.KindNotFound:     http.StatusNotFound,
	apperr.KindConflict:     http.StatusConflict,
	apperr.KindUnauthorized: http.StatusUnauthorized,
	apperr.KindForbidden:    http.StatusForbidden,
	apperr.KindRateLimited:  http.StatusTooManyRequests,
}

// requestError is an error in the request itself (bad JSON, wrong content type) that is not a
// business rule. It keeps its own status.
type requestError struct {
	status int
	detail string
	fields []apperr.FieldError
}

func (e *requestError) Error() string { return e.detail }

// BadRequest is a 400 with a client-safe detail.
func BadRequest(detail string, fields ...apperr.FieldError) error {
	return &requestError{status: http.StatusBadRequest, detail: detail, fields: fields}
}

// ErrorHandler turns any error returned by a handler or middleware into problem+json, once, for
// everyone. Internal errors are logged with the request ID and never shown to the client.
func ErrorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := toProblem(err)
		req := c.Request()
		p.Instance = req.URL.Path
		p.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
		if p.Status >= 500 {
			log.ErrorContext(req.Context(), "request failed", "request_id", p.RequestID, "method", req.Method, "path", req.URL.Path, "error", err.Error())
		}
		if ae, ok := apperr.As(err); ok && ae.Kind == apperr.KindRateLimited && ae.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(ae.RetryAfter.Seconds()))))
		}
		if err := writeProblem(c, p); err != nil {
			log.WarnContext(req.Context(), "write problem response", "error", err)
		}
	}
}

// writeProblem writes p with the problem media type (HEAD gets headers only).
func writeProblem(c echo.Context, p Problem) error {
	c.Response().Header().Set(echo.HeaderContentType, ProblemContentType)
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	if c.Request().Method == http.MethodHead {
		return c.NoContent(p.Status)
	}
	return c.JSONBlob(p.Status, mustJSON(p))
}

func toProblem(err error) Problem {
	var (
		re  *requestError
		he  *echo.HTTPError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &re):
		return newProblem(re.status, re.detail, re.fields)
	case errors.As(err, &mbe):
		return newProblem(http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes", mbe.Limit), nil)
	case errors.As(err, &he):
		detail := ""
		if m, ok := he.Message.(string); ok && m != http.StatusText(he.Code) {
			detail = m
		}
		if he.Code >= 500 {
			detail = ""
		}
		return newProblem(he.Code, detail, nil)
	}
	if ae, ok := apperr.As(err); ok {
		if status, ok := kindStatus[ae.Kind]; ok {
			p := newProblem(status, ae.Message, ae.Fields)
			if ae.Type != "" {
				p.Type, p.Subject = ae.Type, ae.Subject
			}
			return p
		}
	}
	return newProblem(http.StatusInternalServerError, "an unexpected error occurred; quote the request_id if you contact support", nil)
}

func newProblem(status int, detail string, fields []apperr.FieldError) Problem {
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Errors: fields}
}
