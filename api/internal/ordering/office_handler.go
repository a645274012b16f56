package ordering

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

func (h *Handler) sendDocument(c echo.Context, pdf []byte, reference string, kind DocumentKind) error {
	res := c.Response()
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s.pdf"`, reference, kind))
	res.Header().Set(echo.HeaderCacheControl, "private, no-store")
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// document godoc
// @Summary     Download an order document (PDF)
// @Description confirmation: always; invoice: once the order has shipped. Only your own orders.
// @Tags        orders
// @Produce     application/pdf
// @Security    BearerAuth
// @Param       reference path string true "order reference"
// @Param       kind      path string true "which document" Enums(confirmation, invoice)
// @Success     200 {file} file "the PDF"
// @Failure     401 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "no invoice yet"
// @Router      /api/v1/orders/{reference}/documents/{kind} [get]
func (h *Handler) document(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	kind := DocumentKind(c.Param("kind"))
	pdf, err := h.svc.Document(c.Request().Context(), c.Param("reference"), kind, &b.CustomerID)
	if err != nil {
		return err
	}
	return h.sendDocument(c, pdf, c.Param("reference"), kind)
}

// staffDocument godoc
// @Summary     Download an order document (PDF, staff)
// @Tags        orders
// @Produce     application/pdf
// @Security    BearerAuth
// @Param       reference path string true "order reference"
// @Param       kind      path string true "which document" Enums(confirmation, invoice)
// @Success     200 {file} file "the PDF"
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "no invoice yet"
// @Router      /api/v1/admin/orders/{reference}/documents/{kind} [get]
func (h *Handler) staffDocument(c echo.Context) error {
	kind := DocumentKind(c.Param("kind"))
	pdf, err := h.svc.Document(c.Request().Context(), c.Param("reference"), kind, nil)
	if err != nil {
		return err
	}
	return h.sendDocument(c, pdf, c.Param("reference"), kind)
}

// AddressList is a customer's address book.
type AddressList struct {
	Items []AddressView `json:"items" validate:"required"`
} // @name ordering.AddressList

// addresses godoc
// @Summary     My shipping addresses
// @Description The account's address first, then the distinct addresses of recent orders, newest first: the address book for checkout.
// @Tags        orders
// @Produce     json
// @Security    BearerAuth
// @Success     200 {object} AddressList
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/orders/addresses [get]
func (h *Handler) addresses(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	list, err := h.svc.Addresses(c.Request().Context(), b)
	if err != nil {
		return err
	}
	out := AddressList{Items: make([]AddressView, len(list))}
	for i, a := range list {
		out.Items[i] = AddressView(a)
	}
	return c.JSON(http.StatusOK, out)
}

// export godoc
// @Summary     Export the filtered order queue as CSV (staff)
// @Description The same filters as GET /api/v1/admin/orders, every matching order (at most 50,000), in queue order: reference, placed_at, status, priority, channel, customer_login_id, customer_name, items, subtotal, discount, shipping, tax, total, currency, purchase_order_number, requested_delivery_date, payment_terms, ship_city, ship_country.
// @Tags        orders
// @Produce     text/csv
// @Security    BearerAuth
// @Param       status      query []string false "statuses" collectionFormat(multi)
// @Param       priority    query []string false "priorities" collectionFormat(multi)
// @Param       channel     query []string false "channels" collectionFormat(multi)
// @Param       view        query string   false "a saved view" Enums(to_confirm, to_ship_today)
// @Param       customer    query string   false "the customer's Login ID or email"
// @Param       placed_from query string   false "placed on or after this day (YYYY-MM-DD)"
// @Param       placed_to   query string   false "placed on or before this day (YYYY-MM-DD)"
// @Param       q           query string   false "reference, or its beginning"
// @Success     200 {string} string "CSV"
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/orders/export [get]
func (h *Handler) export(c echo.Context) error {
	q, err := h.queueQuery(c)
	if err != nil {
		return err
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, `attachment; filename="orders.csv"`)
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.WriteHeader(http.StatusOK)
	// Once streaming has begun a failure can only cut the file short; it is logged by the caller.
	return h.svc.ExportOrders(c.Request().Context(), q, res)
}

// BulkStatusRequest moves several orders at once (e.g. confirm the morning's orders).
type BulkStatusRequest struct {
	References []string `json:"references" validate:"required,min=1,max=200" example:"ORD-7K3F-9QXM"`
	Status     Status   `json:"status" validate:"required" enums:"confirmed,processing,shipped,delivered,cancelled"`
	Note       string   `json:"note" validate:"max=1000"`
} // @name ordering.BulkStatusRequest

// BulkResult is what happened to one order of a bulk move.
type BulkResult struct {
	Reference string  `json:"reference" validate:"required"`
	OK        bool    `json:"ok" validate:"required"`
	Status    *Status `json:"status,omitempty"` // the order's status after the move
	Error     string  `json:"error,omitempty"`  // why this one did not move
} // @name ordering.BulkResult

// BulkResults lists the outcome per order, in request order.
type BulkResults struct {
	Results []BulkResult `json:"results" validate:"required"`
} // @name ordering.BulkResults

// bulkStatus godoc
// @Summary     Move several orders at once (staff)
// @Description Each order is moved on its own (one transaction each) by the same lifecycle rules as a single move; the answer says per order whether it moved and, if not, why. Returns are not possible in bulk.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body BulkStatusRequest true "orders and the new status"
// @Success     200 {object} BulkResults
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/orders/bulk-status [post]
func (h *Handler) bulkStatus(c echo.Context) error {
	var req BulkStatusRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if req.Status == Returned || req.Status == Placed {
		return apperr.Field("status", "returns and placing cannot be done in bulk")
	}
	m, id := staffMover(c)
	out := BulkResults{Results: make([]BulkResult, len(req.References))}
	for i, ref := range req.References {
		o, err := h.svc.ChangeStatus(c.Request().Context(), ref, Move{To: req.Status, Note: req.Note, Mover: m, ActorID: id})
		if err != nil {
			e, ok := apperr.As(err)
			if !ok {
				return err // a database failure is not a per-order answer
			}
			out.Results[i] = BulkResult{Reference: ref, Error: e.Message}
			continue
		}
		out.Results[i] = BulkResult{Reference: o.Reference, OK: true, Status: &o.Status}
	}
	return c.JSON(http.StatusOK, out)
}

// OrderNotifications overrides the account's order-update channels for one order; null follows
// the account.
type OrderNotifications struct {
	Email *bool `json:"email" extensions:"x-nullable"`
	SMS   *bool `json:"sms" extensions:"x-nullable"`
} // @name ordering.OrderNotifications

// setNotifications godoc
// @Summary     Choose how I hear about one order
// @Description email and sms: true or false to override your account's choice for this order, null to follow it. The "order placed" email always goes; SMS needs a verified phone.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string             true "order reference"
// @Param       body      body OrderNotifications true "per channel: true, false or null"
// @Success     200 {object} OrderNotifications
// @Failure     401 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Router      /api/v1/orders/{reference}/notifications [put]
func (h *Handler) setNotifications(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	var req OrderNotifications
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	o, err := h.svc.SetNotifications(c.Request().Context(), c.Param("reference"), b.CustomerID, req.Email, req.SMS)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, OrderNotifications{Email: o.NotifyEmail, SMS: o.NotifySMS})
}

// PriorityOption is a priority a buyer may choose, with what it adds to shipping.
type PriorityOption struct {
	Priority  Priority `json:"priority" validate:"required" enums:"standard,express,urgent"`
	Surcharge int64    `json:"surcharge" validate:"required" example:"990"` // minor units of the order's currency
} // @name ordering.PriorityOption

// CheckoutOptions is what checkout can offer the caller before an order exists.
type CheckoutOptions struct {
	Priorities   []PriorityOption `json:"priorities" validate:"required"`
	PaymentTerms *string          `json:"payment_terms" extensions:"x-nullable" example:"net_30"` // business accounts
} // @name ordering.CheckoutOptions

// checkoutOptions godoc
// @Summary     What checkout offers me
// @Description The priorities with their shipping surcharge (minor units of the order's currency, the cart's) and the payment terms my orders get.
// @Tags        orders
// @Produce     json
// @Security    BearerAuth
// @Success     200 {object} CheckoutOptions
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/orders/options [get]
func (h *Handler) checkoutOptions(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	out := CheckoutOptions{PaymentTerms: paymentTerms(b)}
	for _, p := range []Priority{Standard, Express, Urgent} {
		out.Priorities = append(out.Priorities, PriorityOption{Priority: p, Surcharge: h.svc.opt.Surcharge[p]})
	}
	return c.JSON(http.StatusOK, out)
}
