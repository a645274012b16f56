package registration

import "github.com/openoms/oms/api/internal/platform/apperr"

var (
	// ErrNotFound answers an unknown application and a wrong token alike, so neither leaks.
	ErrNotFound        = apperr.NotFound("application not found")
	ErrWrongCode       = apperr.Field("code", "is not the code we sent; check the latest message")
	ErrCodeExpired     = apperr.Field("code", "has expired; ask for a new one")
	ErrTooManyAttempts = apperr.Field("code", "was entered wrongly too many times; ask for a new one")
	ErrAlreadyVerified = apperr.Conflict("this channel is already verified")
	ErrNotVerifying    = apperr.Conflict("this application is no longer waiting for verification")
	ErrNotReviewable   = apperr.Conflict("only applications waiting for review can be approved or rejected")
)
