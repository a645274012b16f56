package auth

import "github.com/openoms/oms/api/internal/platform/apperr"

var (
	ErrStaffEmailTaken = apperr.Exists("email", "a staff user with this email already exists")
	ErrStaffNotFound   = apperr.NotFound("staff user not found")
)
