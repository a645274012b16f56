package pricing

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves quotes and public offers to everyone, and price lists, offers and tax rates to
// staff.
type Handler struct {
	svc    *Service
	viewer func(c echo.Context) (catalog.Viewer, error) // who is buying (app knows customer types and groups)
}

func NewHandler(svc *Service, viewer func(c echo.Context) (catalog.Viewer, error)) *Handler {
	return &Handler{svc: svc, viewer: viewer}
}

// Register adds the routes: quotes and offers for everyone (prices follow the caller); price
// lists, offers and tax rates for editors (sales/admin); changing a tax rate for admins.
func (h *Handler) Register(browse, editors, admins *httpx.Routes) {
	browse.POST("/quote", h.quote)
	browse.GET("/offers", h.publicOffers)
	editors.GET("/price-lists", h.listPriceLists)
	editors.POST("/price-lists", h.createPriceList)
	editors.GET("/price-lists/:id", h.getPriceList)
	editors.PUT("/price-lists/:id", h.updatePriceList)
	editors.DELETE("/price-lists/:id", h.deletePriceList)
	editors.GET("/offers", h.listOffers)
	editors.POST("/offers", h.createOffer)
	editors.GET("/offers/:id", h.getOffer)
	editors.PUT("/offers/:id", h.updateOffer)
	editors.DELETE("/offers/:id", h.deleteOffer)
	editors.GET("/tax-rates", h.taxRates)
	admins.PUT("/tax-rates/:class", h.setTaxRate)
}

// money is the API's one money shape (catalog.Money): minor units and an ISO currency.
func money(amount int64, currency string) catalog.Money {
	return catalog.Money{Amount: amount, Currency: currency}
}

// ---- quote ----

// QuoteItem is one line to price: a product by id or SKU.
type QuoteItem struct {
	ProductID *uuid.UUID `json:"product_id" swaggertype:"string" example:"0194f3c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e"`
	SKU       string     `json:"sku" validate:"max=40" example:"POW-001"`
	Quantity  int        `json:"quantity" validate:"required,gte=1,lte=1000000" example:"10"`
} // @name pricing.QuoteItem

// QuoteRequest is a cart to price.
type QuoteRequest struct {
	Items      []QuoteItem `json:"items" validate:"required,min=1,max=200,dive"`
	CouponCode string      `json:"coupon_code" validate:"max=40" example:"WELCOME5"`
} // @name pricing.QuoteRequest

// QuoteLineView is a priced line. net = unit × quantity; order_discount is the line's share of
// order-level offers; tax is on net − order_discount; total = net − order_discount + tax;
// discount = (list_unit − unit) × quantity + order_discount, everything this line saves.
type QuoteLineView struct {
	ProductID     string        `json:"product_id" validate:"required"`
	SKU           string        `json:"sku" validate:"required"`
	Name          string        `json:"name" validate:"required"`
	Quantity      int           `json:"quantity" validate:"required"`
	Unit          catalog.Money `json:"unit" validate:"required"`
	ListUnit      catalog.Money `json:"list_unit" validate:"required"`
	Discount      catalog.Money `json:"discount" validate:"required"`
	OrderDiscount catalog.Money `json:"order_discount" validate:"required"`
	Net           catalog.Money `json:"net" validate:"required"`
	TaxRateBP     int64         `json:"tax_rate_bp" validate:"required" example:"2000"`
	Tax           catalog.Money `json:"tax" validate:"required"`
	Total         catalog.Money `json:"total" validate:"required"`
	Explanation   []string      `json:"explanation" validate:"required" example:"Trade price list, tier 10–49"`
} // @name pricing.QuoteLine

// Totals of a quote, in minor units of currency. total = subtotal − discount + tax.
type Totals struct {
	Subtotal int64  `json:"subtotal" validate:"required"`
	Discount int64  `json:"discount" validate:"required"`
	Tax      int64  `json:"tax" validate:"required"`
	Total    int64  `json:"total" validate:"required"`
	Currency string `json:"currency" validate:"required" example:"USD"`
} // @name pricing.Totals

// AppliedOfferView is an offer that lowered the quote, with what it took off in all.
type AppliedOfferView struct {
	OfferID string        `json:"offer_id" validate:"required"`
	Name    string        `json:"name" validate:"required"`
	Code    *string       `json:"code" extensions:"x-nullable"`
	Scope   Scope         `json:"scope" validate:"required" enums:"product,category,order"`
	Label   string        `json:"label" validate:"required" example:"Coupon WELCOME5 −$5.00"`
	Amount  catalog.Money `json:"amount" validate:"required"`
} // @name pricing.AppliedOffer

// QuoteView is a priced cart. Prices are before tax (tax-exclusive); tax is added per line.
type QuoteView struct {
	Lines         []QuoteLineView    `json:"lines" validate:"required"`
	Totals        Totals             `json:"totals" validate:"required"`
	AppliedOffers []AppliedOfferView `json:"applied_offers" validate:"required"`
	Notices       []string           `json:"notices" validate:"required"`
} // @name pricing.Quote

func quoteView(q OrderQuote) QuoteView {
	out := QuoteView{Lines: make([]QuoteLineView, len(q.Lines)), AppliedOffers: []AppliedOfferView{}, Notices: []string{},
		Totals: Totals{Subtotal: q.Subtotal, Discount: q.Discount, Tax: q.Tax, Total: q.Total, Currency: q.Currency}}
	cur := q.Currency
	for i, l := range q.Lines {
		saved, _ := mulQty(l.ListUnit-l.Unit, l.Quantity)
		if l.ListUnit < l.Unit {
			saved = 0
		}
		out.Lines[i] = QuoteLineView{ProductID: l.ProductID.String(), SKU: q.Products[i].SKU, Name: q.Products[i].Name, Quantity: l.Quantity,
			Unit: money(l.Unit, cur), ListUnit: money(l.ListUnit, cur), Discount: money(saved+l.OrderDiscount, cur),
			OrderDiscount: money(l.OrderDiscount, cur), Net: money(l.Net, cur), TaxRateBP: l.TaxRateBP, Tax: money(l.Tax, cur),
			Total: money(l.Total, cur), Explanation: l.Explanation}
	}
	for _, a := range q.Applied {
		v := AppliedOfferView{OfferID: a.OfferID.String(), Name: a.Name, Scope: a.Scope, Label: a.Label, Amount: money(a.Amount, cur)}
		if a.Code != "" {
			c := a.Code
			v.Code = &c
		}
		out.AppliedOffers = append(out.AppliedOffers, v)
	}
	out.Notices = append(out.Notices, q.Notices...)
	return out
}

// quote godoc
// @Summary     Price a cart
// @Description Prices products for the caller (guest, consumer or business: catalog prices, price lists with quantity tiers, contract prices, offers, a coupon) and explains every price. Prices are tax-exclusive; tax is added per line. A product the caller may not buy is "unknown product" (422), exactly like one that does not exist. A coupon that cannot be used is a 422 on coupon_code saying why.
// @Tags        pricing
// @Accept      json
// @Produce     json
// @Param       body body QuoteRequest true "items and an optional coupon"
// @Success     200 {object} QuoteView
// @Failure     400 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/quote [post]
func (h *Handler) quote(c echo.Context) error {
	v, err := h.viewer(c)
	if err != nil {
		return err
	}
	var req QuoteRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	lines := make([]LineRequest, len(req.Items))
	for i, it := range req.Items {
		lines[i] = LineRequest(it)
	}
	q, err := h.svc.QuoteTx(c.Request().Context(), nil, v, lines, req.CouponCode, h.svc.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, quoteView(q))
}

// ---- offers ----

// OfferView is an offer as staff see it. value: basis points for percent (1000 = 10%), minor
// units of currency for fixed.
type OfferView struct {
	ID                 string           `json:"id" validate:"required"`
	Name               string           `json:"name" validate:"required"`
	Code               *string          `json:"code" extensions:"x-nullable" example:"WELCOME5"`
	Kind               OfferKind        `json:"kind" validate:"required" enums:"percent,fixed"`
	Value              int64            `json:"value" validate:"required" example:"1000"`
	Currency           *string          `json:"currency" extensions:"x-nullable"`
	Scope              Scope            `json:"scope" validate:"required" enums:"product,category,order"`
	ProductID          *string          `json:"product_id" extensions:"x-nullable"`
	CategoryID         *string          `json:"category_id" extensions:"x-nullable"`
	Audience           catalog.Audience `json:"audience" validate:"required" enums:"b2c,b2b,both"`
	CustomerGroupID    *string          `json:"customer_group_id" extensions:"x-nullable"`
	ValidFrom          *time.Time       `json:"valid_from" extensions:"x-nullable"`
	ValidTo            *time.Time       `json:"valid_to" extensions:"x-nullable"`
	MinOrderAmount     int64            `json:"min_order_amount" validate:"required"`
	MinQuantity        int              `json:"min_quantity" validate:"required"`
	MaxUses            *int             `json:"max_uses" extensions:"x-nullable"`
	MaxUsesPerCustomer *int             `json:"max_uses_per_customer" extensions:"x-nullable"`
	Stackable          bool             `json:"stackable" validate:"required"`
	Active             bool             `json:"active" validate:"required"`
	Label              string           `json:"label" validate:"required" example:"Coupon WELCOME5 −$5.00"`
	Uses               int64            `json:"uses" validate:"required"`
	Version            int              `json:"version" validate:"required"`
	CreatedAt          time.Time        `json:"created_at" validate:"required"`
	UpdatedAt          time.Time        `json:"updated_at" validate:"required"`
} // @name pricing.Offer

func idString(id *uuid.UUID) *string {
	if id == nil {
		return nil
	}
	s := id.String()
	return &s
}

func offerView(o Offer, uses int64) OfferView {
	return OfferView{ID: o.ID.String(), Name: o.Name, Code: o.Code, Kind: o.Kind, Value: o.Value, Currency: o.Currency, Scope: o.Scope,
		ProductID: idString(o.ProductID), CategoryID: idString(o.CategoryID), Audience: o.Audience, CustomerGroupID: idString(o.CustomerGroupID),
		ValidFrom: o.ValidFrom, ValidTo: o.ValidTo, MinOrderAmount: o.MinOrderAmount, MinQuantity: o.MinQuantity, MaxUses: o.MaxUses,
		MaxUsesPerCustomer: o.MaxUsesPerCustomer, Stackable: o.Stackable, Active: o.Active, Label: OfferLabel(&o), Uses: uses,
		Version: o.Version, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
}

// OfferPage is a page of offers.
type OfferPage struct {
	Items      []OfferView `json:"items" validate:"required"`
	NextCursor *string     `json:"next_cursor" extensions:"x-nullable"`
} // @name pricing.OfferPage

// OfferRequest is an offer as staff write it. Leave code out for an automatic offer; with a code
// it is a coupon (stored upper-case, matched case-insensitively).
type OfferRequest struct {
	Name               string           `json:"name" validate:"required,max=120" example:"Spring sale"`
	Code               *string          `json:"code" validate:"omitempty,max=40" example:"WELCOME5"`
	Kind               OfferKind        `json:"kind" validate:"required,oneof=percent fixed" enums:"percent,fixed"`
	Value              int64            `json:"value" validate:"required,gte=1" example:"1000"`
	Currency           *string          `json:"currency" validate:"omitempty,len=3" example:"USD"`
	Scope              Scope            `json:"scope" validate:"required,oneof=product category order" enums:"product,category,order"`
	ProductID          *uuid.UUID       `json:"product_id" swaggertype:"string"`
	CategoryID         *uuid.UUID       `json:"category_id" swaggertype:"string"`
	Audience           catalog.Audience `json:"audience" validate:"required,oneof=b2c b2b both" enums:"b2c,b2b,both"`
	CustomerGroupID    *uuid.UUID       `json:"customer_group_id" swaggertype:"string"`
	ValidFrom          *time.Time       `json:"valid_from"`
	ValidTo            *time.Time       `json:"valid_to"`
	MinOrderAmount     int64            `json:"min_order_amount" validate:"gte=0"`
	MinQuantity        int              `json:"min_quantity" validate:"gte=0"`
	MaxUses            *int             `json:"max_uses" validate:"omitempty,gte=1"`
	MaxUsesPerCustomer *int             `json:"max_uses_per_customer" validate:"omitempty,gte=1"`
	Stackable          bool             `json:"stackable"`
	Active             bool             `json:"active"`
	// Version is required on update: the version that was read (optimistic locking).
	Version int `json:"version"`
} // @name pricing.OfferRequest

func (r OfferRequest) input() OfferInput {
	return OfferInput{Name: r.Name, Code: r.Code, Kind: r.Kind, Value: r.Value, Currency: r.Currency, Scope: r.Scope, ProductID: r.ProductID,
		CategoryID: r.CategoryID, Audience: r.Audience, CustomerGroupID: r.CustomerGroupID, ValidFrom: r.ValidFrom, ValidTo: r.ValidTo,
		MinOrderAmount: r.MinOrderAmount, MinQuantity: r.MinQuantity, MaxUses: r.MaxUses, MaxUsesPerCustomer: r.MaxUsesPerCustomer,
		Stackable: r.Stackable, Active: r.Active}
}

func pathID(c echo.Context, notFound error) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, notFound
	}
	return id, nil
}

// listOffers godoc
// @Summary  Offers and coupons
// @Tags     pricing
// @Produce  json
// @Security BearerAuth
// @Param    cursor    query string false "next_cursor of the previous page"
// @Param    page_size query int    false "1–100, default 20"
// @Success  200 {object} OfferPage
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/offers [get]
func (h *Handler) listOffers(c echo.Context) error {
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	before, err := pr.IDCursor()
	if err != nil {
		return err
	}
	offers, uses, err := h.svc.Offers(c.Request().Context(), before, pr.PageSize+1)
	if err != nil {
		return err
	}
	views := make([]OfferView, len(offers))
	for i, o := range offers {
		views[i] = offerView(o, uses[o.ID])
	}
	page := httpx.NewPage(views, pr.PageSize, func(v OfferView) any { return v.ID })
	return c.JSON(http.StatusOK, OfferPage{Items: page.Items, NextCursor: page.NextCursor})
}

// getOffer godoc
// @Summary  One offer
// @Tags     pricing
// @Produce  json
// @Security BearerAuth
// @Param    id path string true "offer id"
// @Success  200 {object} OfferView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/offers/{id} [get]
func (h *Handler) getOffer(c echo.Context) error {
	id, err := pathID(c, ErrOfferNotFound)
	if err != nil {
		return err
	}
	o, err := h.svc.Offer(c.Request().Context(), id)
	if err != nil {
		return err
	}
	uses, err := h.svc.Redemptions(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, offerView(o, uses))
}

// createOffer godoc
// @Summary     Create an offer or coupon
// @Description Percent offers take value in basis points (1000 = 10%); fixed offers take value in minor units of currency. Scope product needs product_id, category needs category_id (subcategories are covered), order needs neither. min_order_amount is for order offers only.
// @Tags        pricing
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body OfferRequest true "the offer"
// @Success     201 {object} OfferView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "coupon code taken"
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/offers [post]
func (h *Handler) createOffer(c echo.Context) error {
	var req OfferRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	o, err := h.svc.SaveOffer(c.Request().Context(), nil, 0, req.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, offerView(o, 0))
}

// updateOffer godoc
// @Summary     Replace an offer
// @Description Send the version you read; if someone changed the offer since, the answer is 409 and nothing changes.
// @Tags        pricing
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       id   path string       true "offer id"
// @Param       body body OfferRequest true "the offer, with version"
// @Success     200 {object} OfferView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/offers/{id} [put]
func (h *Handler) updateOffer(c echo.Context) error {
	id, err := pathID(c, ErrOfferNotFound)
	if err != nil {
		return err
	}
	var req OfferRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if req.Version < 1 {
		return apperr.Field("version", "is required: the version you read")
	}
	o, err := h.svc.SaveOffer(c.Request().Context(), &id, req.Version, req.input())
	if err != nil {
		return err
	}
	uses, err := h.svc.Redemptions(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, offerView(o, uses))
}

// deleteOffer godoc
// @Summary     Delete an offer
// @Description Only an offer no order has used; deactivate a used one instead.
// @Tags        pricing
// @Security    BearerAuth
// @Param       id path string true "offer id"
// @Success     204
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "the offer was used"
// @Router      /api/v1/admin/offers/{id} [delete]
func (h *Handler) deleteOffer(c echo.Context) error {
	id, err := pathID(c, ErrOfferNotFound)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteOffer(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// PublicOfferView is an offer the caller gets without a code.
type PublicOfferView struct {
	ID             string     `json:"id" validate:"required"`
	Name           string     `json:"name" validate:"required"`
	Label          string     `json:"label" validate:"required" example:"Offer Spring sale −10%"`
	Kind           OfferKind  `json:"kind" validate:"required" enums:"percent,fixed"`
	Value          int64      `json:"value" validate:"required"`
	Currency       *string    `json:"currency" extensions:"x-nullable"`
	Scope          Scope      `json:"scope" validate:"required" enums:"product,category,order"`
	ProductID      *string    `json:"product_id" extensions:"x-nullable"`
	CategoryID     *string    `json:"category_id" extensions:"x-nullable"`
	MinOrderAmount int64      `json:"min_order_amount" validate:"required"`
	MinQuantity    int        `json:"min_quantity" validate:"required"`
	ValidTo        *time.Time `json:"valid_to" extensions:"x-nullable"`
} // @name pricing.PublicOffer

// PublicOfferList lists offers.
type PublicOfferList struct {
	Items []PublicOfferView `json:"items" validate:"required"`
} // @name pricing.PublicOfferList

// publicOffers godoc
// @Summary     Offers for me now
// @Description Offers valid now for the caller (guest, consumer or business, and their groups) that need no coupon code — for the shop's home page.
// @Tags        pricing
// @Produce     json
// @Success     200 {object} PublicOfferList
// @Router      /api/v1/offers [get]
func (h *Handler) publicOffers(c echo.Context) error {
	v, err := h.viewer(c)
	if err != nil {
		return err
	}
	offers, err := h.svc.PublicOffers(c.Request().Context(), v)
	if err != nil {
		return err
	}
	out := PublicOfferList{Items: make([]PublicOfferView, len(offers))}
	for i, o := range offers {
		out.Items[i] = PublicOfferView{ID: o.ID.String(), Name: o.Name, Label: o.Label, Kind: o.Kind, Value: o.Value, Currency: o.Currency,
			Scope: o.Scope, ProductID: idString(o.ProductID), CategoryID: idString(o.CategoryID), MinOrderAmount: o.MinOrderAmount,
			MinQuantity: o.MinQuantity, ValidTo: o.ValidTo}
	}
	return c.JSON(http.StatusOK, out)
}

// ---- price lists ----

// TierView is one quantity break: from min_qty units up, a unit costs amount (minor units of the
// list's currency).
type TierView struct {
	MinQty int   `json:"min_qty" validate:"required,gte=1" example:"10"`
	Amount int64 `json:"amount" validate:"gte=0" example:"1080"`
} // @name pricing.Tier

// ListItemView is a product with its tiers, ascending by min_qty.
type ListItemView struct {
	ProductID uuid.UUID  `json:"product_id" validate:"required" swaggertype:"string"`
	Tiers     []TierView `json:"tiers" validate:"required,min=1,max=20,dive"`
} // @name pricing.PriceListItem

// PriceListView is a price list.
type PriceListView struct {
	ID              string         `json:"id" validate:"required"`
	Name            string         `json:"name" validate:"required" example:"Trade"`
	Code            string         `json:"code" validate:"required" example:"TRADE"`
	CustomerGroupID *string        `json:"customer_group_id" extensions:"x-nullable"`
	CustomerID      *string        `json:"customer_id" extensions:"x-nullable"`
	Currency        string         `json:"currency" validate:"required" example:"USD"`
	ValidFrom       *time.Time     `json:"valid_from" extensions:"x-nullable"`
	ValidTo         *time.Time     `json:"valid_to" extensions:"x-nullable"`
	Active          bool           `json:"active" validate:"required"`
	Products        int            `json:"products" validate:"required"`
	Items           []ListItemView `json:"items,omitempty"` // in the detail view only
	Version         int            `json:"version" validate:"required"`
	CreatedAt       time.Time      `json:"created_at" validate:"required"`
	UpdatedAt       time.Time      `json:"updated_at" validate:"required"`
} // @name pricing.PriceList

func priceListView(l PriceList, products int, withItems bool) PriceListView {
	v := PriceListView{ID: l.ID.String(), Name: l.Name, Code: l.Code, CustomerGroupID: idString(l.CustomerGroupID), CustomerID: idString(l.CustomerID),
		Currency: l.Currency, ValidFrom: l.ValidFrom, ValidTo: l.ValidTo, Active: l.Active, Products: products, Version: l.Version,
		CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt}
	if withItems {
		v.Items = []ListItemView{}
		idx := map[uuid.UUID]int{}
		for _, it := range l.Items {
			i, ok := idx[it.ProductID]
			if !ok {
				i = len(v.Items)
				idx[it.ProductID] = i
				v.Items = append(v.Items, ListItemView{ProductID: it.ProductID})
			}
			v.Items[i].Tiers = append(v.Items[i].Tiers, TierView{MinQty: it.MinQty, Amount: it.Amount})
		}
		v.Products = len(v.Items)
	}
	return v
}

// PriceListPage is a page of price lists (without their items).
type PriceListPage struct {
	Items      []PriceListView `json:"items" validate:"required"`
	NextCursor *string         `json:"next_cursor" extensions:"x-nullable"`
} // @name pricing.PriceListPage

// PriceListRequest is a whole price list: exactly one of customer_group_id (a group's list) or
// customer_id (a contract), and every product with its tiers (replacing what was there).
type PriceListRequest struct {
	Name            string         `json:"name" validate:"required,max=120" example:"Trade"`
	Code            string         `json:"code" validate:"required,max=40" example:"TRADE"`
	CustomerGroupID *uuid.UUID     `json:"customer_group_id" swaggertype:"string"`
	CustomerID      *uuid.UUID     `json:"customer_id" swaggertype:"string"`
	Currency        string         `json:"currency" validate:"required,len=3" example:"USD"`
	ValidFrom       *time.Time     `json:"valid_from"`
	ValidTo         *time.Time     `json:"valid_to"`
	Active          bool           `json:"active"`
	Items           []ListItemView `json:"items" validate:"max=5000,dive"`
	// Version is required on update: the version that was read (optimistic locking).
	Version int `json:"version"`
} // @name pricing.PriceListRequest

func (r PriceListRequest) input() PriceListInput {
	in := PriceListInput{Name: r.Name, Code: r.Code, CustomerGroupID: r.CustomerGroupID, CustomerID: r.CustomerID, Currency: r.Currency,
		ValidFrom: r.ValidFrom, ValidTo: r.ValidTo, Active: r.Active, Items: make([]ListItemInput, len(r.Items))}
	for i, it := range r.Items {
		in.Items[i].ProductID = it.ProductID
		for _, t := range it.Tiers {
			in.Items[i].Tiers = append(in.Items[i].Tiers, TierInput(t))
		}
	}
	return in
}

// listPriceLists godoc
// @Summary  Price lists
// @Tags     pricing
// @Produce  json
// @Security BearerAuth
// @Param    cursor    query string false "next_cursor of the previous page"
// @Param    page_size query int    false "1–100, default 20"
// @Success  200 {object} PriceListPage
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/price-lists [get]
func (h *Handler) listPriceLists(c echo.Context) error {
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	before, err := pr.IDCursor()
	if err != nil {
		return err
	}
	rows, err := h.svc.PriceLists(c.Request().Context(), before, pr.PageSize+1)
	if err != nil {
		return err
	}
	views := make([]PriceListView, len(rows))
	for i, r := range rows {
		views[i] = priceListView(r.PriceList, int(r.Products), false)
	}
	page := httpx.NewPage(views, pr.PageSize, func(v PriceListView) any { return v.ID })
	return c.JSON(http.StatusOK, PriceListPage{Items: page.Items, NextCursor: page.NextCursor})
}

// getPriceList godoc
// @Summary  One price list with its tiers
// @Tags     pricing
// @Produce  json
// @Security BearerAuth
// @Param    id path string true "price list id"
// @Success  200 {object} PriceListView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/price-lists/{id} [get]
func (h *Handler) getPriceList(c echo.Context) error {
	id, err := pathID(c, ErrPriceListNotFound)
	if err != nil {
		return err
	}
	l, err := h.svc.PriceList(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, priceListView(l, 0, true))
}

// createPriceList godoc
// @Summary     Create a price list
// @Description A list for a customer group, or a contract for one customer. Tiers per product must ascend by min_qty (each once, from 1 up) with amounts ≥ 0 in the list's currency: 1:1200, 10:1080, 50:990 means 1–9 at 12.00, 10–49 at 10.80, 50+ at 9.90.
// @Tags        pricing
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body PriceListRequest true "the list with every product and tier"
// @Success     201 {object} PriceListView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "code taken"
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/price-lists [post]
func (h *Handler) createPriceList(c echo.Context) error {
	var req PriceListRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	l, err := h.svc.SavePriceList(c.Request().Context(), nil, 0, req.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, priceListView(l, 0, true))
}

// updatePriceList godoc
// @Summary     Replace a price list
// @Description Replaces the list and all its tiers. Send the version you read; if someone changed the list since, the answer is 409 and nothing changes.
// @Tags        pricing
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       id   path string           true "price list id"
// @Param       body body PriceListRequest true "the list, with version"
// @Success     200 {object} PriceListView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/price-lists/{id} [put]
func (h *Handler) updatePriceList(c echo.Context) error {
	id, err := pathID(c, ErrPriceListNotFound)
	if err != nil {
		return err
	}
	var req PriceListRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if req.Version < 1 {
		return apperr.Field("version", "is required: the version you read")
	}
	l, err := h.svc.SavePriceList(c.Request().Context(), &id, req.Version, req.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, priceListView(l, 0, true))
}

// deletePriceList godoc
// @Summary  Delete a price list
// @Tags     pricing
// @Security BearerAuth
// @Param    id path string true "price list id"
// @Success  204
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/price-lists/{id} [delete]
func (h *Handler) deletePriceList(c echo.Context) error {
	id, err := pathID(c, ErrPriceListNotFound)
	if err != nil {
		return err
	}
	if err := h.svc.DeletePriceList(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// ---- tax rates ----

// TaxRateView is a tax class's rate in basis points of the net price (2000 = 20%).
type TaxRateView struct {
	TaxClass  string    `json:"tax_class" validate:"required" example:"standard"`
	Name      string    `json:"name" validate:"required" example:"Standard rate"`
	RateBP    int64     `json:"rate_bp" validate:"required" example:"2000"`
	UpdatedAt time.Time `json:"updated_at" validate:"required"`
} // @name pricing.TaxRate

// TaxRateList lists tax rates.
type TaxRateList struct {
	Items []TaxRateView `json:"items" validate:"required"`
} // @name pricing.TaxRateList

// TaxRateRequest sets a rate.
type TaxRateRequest struct {
	Name   string `json:"name" validate:"required,max=80" example:"Standard rate"`
	RateBP int64  `json:"rate_bp" validate:"gte=0,lte=100000" example:"2000"`
} // @name pricing.TaxRateRequest

func taxRateView(t TaxRate) TaxRateView {
	return TaxRateView(t)
}

// taxRates godoc
// @Summary     Tax rates
// @Description Every tax class with its rate. Prices are tax-exclusive; a product whose class is not listed is taxed at 0.
// @Tags        pricing
// @Produce     json
// @Security    BearerAuth
// @Success     200 {object} TaxRateList
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/admin/tax-rates [get]
func (h *Handler) taxRates(c echo.Context) error {
	rates, err := h.svc.TaxRates(c.Request().Context())
	if err != nil {
		return err
	}
	out := TaxRateList{Items: make([]TaxRateView, len(rates))}
	for i, t := range rates {
		out.Items[i] = taxRateView(t)
	}
	return c.JSON(http.StatusOK, out)
}

// setTaxRate godoc
// @Summary     Set a tax rate
// @Description Sets (or adds) a tax class's rate in basis points (2000 = 20%). Admins only.
// @Tags        pricing
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       class path string         true "tax class, e.g. standard"
// @Param       body  body TaxRateRequest true "name and rate"
// @Success     200 {object} TaxRateView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/tax-rates/{class} [put]
func (h *Handler) setTaxRate(c echo.Context) error {
	var req TaxRateRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	t, err := h.svc.SetTaxRate(c.Request().Context(), c.Param("class"), req.Name, req.RateBP)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, taxRateView(t))
}
