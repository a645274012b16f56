package customers

import "github.com/openoms/oms/api/internal/platform/apperr"

var (
	ErrNotFound   = apperr.NotFound("customer not found")
	ErrEmailTaken = apperr.Exists("email", "an account with this email address already exists; log in or reset your password")
	ErrPhoneTaken = apperr.Exists("phone", "an account with this phone number already exists")
	ErrTaxIDTaken = apperr.Exists("company.tax_id", "an account with this tax ID already exists")

	errNotACustomer = apperr.Forbidden("only customer accounts have notification settings")
)
