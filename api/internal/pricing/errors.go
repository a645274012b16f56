package pricing

import "github.com/openoms/oms/api/internal/platform/apperr"

var (
	ErrPriceListNotFound = apperr.NotFound("price list not found")
	ErrPriceListCode     = apperr.Exists("code", "a price list with this code already exists")
	ErrPriceListStale    = apperr.Stale("the price list was changed by someone else since you loaded it; reload and try again")
	ErrOfferNotFound     = apperr.NotFound("offer not found")
	ErrOfferCode         = apperr.Exists("code", "an offer with this coupon code already exists")
	ErrOfferStale        = apperr.Stale("the offer was changed by someone else since you loaded it; reload and try again")
	ErrOfferRedeemed     = apperr.Conflict("the offer has been used in orders, so it cannot be deleted; deactivate it instead")
)
