package catalog

import "github.com/openoms/oms/api/internal/platform/apperr"

var (
	ErrProductNotFound  = apperr.NotFound("product not found")
	ErrCategoryNotFound = apperr.NotFound("category not found")
	ErrSKUTaken         = apperr.Exists("sku", "a product with this SKU already exists")
	ErrSlugTaken        = apperr.Exists("slug", "a product or category with this slug already exists")
	ErrStaleVersion     = apperr.Stale("the product was changed by someone else since you loaded it; reload and try again")
	ErrStockBelowZero   = apperr.Conflict("stock cannot go below what is reserved for open orders")
)
