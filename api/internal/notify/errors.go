package notify

import "github.com/openoms/oms/api/internal/platform/apperr"

var (
	ErrOptedOut        = apperr.Conflict("this phone number has opted out of SMS (it replied STOP); it receives texts again after replying START")
	ErrMessageNotFound = apperr.NotFound("message not found")
)
