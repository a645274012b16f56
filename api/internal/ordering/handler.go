package ordering

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/idempotency"
)

// Handler serves customers' orders and the staff order queue.
type Handler struct {
	svc *Service
	// buyer loads the signed-in customer (app knows accounts); an error for anyone else.
	buyer func(c echo.Context) (Buyer, error)
	// buyerByLogin loads a customer chosen by staff (Login ID or email).
	buyerByLogin func(c echo.Context, login string) (Buyer, error)
	// customerID finds the customer a staff filter names (Login ID or email).
	customerID func(ctx context.Context, login string) (uuid.UUID, error)
}

func NewHandler(svc *Service, buyer func(echo.Context) (Buyer, error), buyerByLogin func(echo.Context, string) (Buyer, error),
	customerID func(context.Context, string) (uuid.UUID, error)) *Handler {
	return &Handler{svc: svc, buyer: buyer, buyerByLogin: buyerByLogin, customerID: customerID}
}

// Register adds the routes. placeMW guards order placement (idempotency keys); entryRoles
// limits staff order entry to the roles that take orders.
func (h *Handler) Register(authed, staff *httpx.Routes, placeMW, entryRoles echo.MiddlewareFunc) {
	authed.POST("/orders", h.place, placeMW)
	authed.GET("/orders", h.list)
	authed.GET("/orders/addresses", h.addresses)
	authed.GET("/orders/options", h.checkoutOptions)
	authed.GET("/orders/:reference", h.get)
	authed.POST("/orders/:reference/cancel", h.cancel)
	authed.POST("/orders/:reference/returns", h.requestReturn)
	authed.GET("/orders/:reference/documents/:kind", h.document)
	authed.PUT("/orders/:reference/notifications", h.setNotifications)
	staff.GET("/orders", h.queue)
	staff.GET("/orders/export", h.export)
	staff.POST("/orders/bulk-status", h.bulkStatus)
	staff.GET("/orders/:reference", h.staffGet)
	staff.POST("/orders", h.enter, entryRoles, placeMW)
	staff.POST("/orders/:reference/status", h.changeStatus)
	staff.POST("/orders/:reference/shipments", h.ship)
	staff.POST("/orders/:reference/shipments/:number/delivered", h.delivered)
	staff.POST("/orders/:reference/returns/:number/:action", h.decideReturn)
	staff.GET("/orders/:reference/documents/:kind", h.staffDocument)
	h.RegisterCart(authed)
}

// AddressView is a shipping address.
type AddressView struct {
	Name       string `json:"name" validate:"max=200" example:"Blake Buyer"`
	Line1      string `json:"line1" validate:"required,max=200" example:"1 Industrial Way"`
	Line2      string `json:"line2" validate:"max=200"`
	City       string `json:"city" validate:"required,max=200" example:"Oakland"`
	PostalCode string `json:"postal_code" validate:"required,max=20" example:"94607"`
	Country    string `json:"country" validate:"required,len=2" example:"US"`
	Phone      string `json:"phone" validate:"max=40"`
} // @name ordering.Address

// ItemRequest is one line to order.
type ItemRequest struct {
	SKU      string `json:"sku" validate:"required,max=40" example:"POW-001"`
	Quantity int    `json:"quantity" validate:"required,gte=1,lte=1000000" example:"2"`
} // @name ordering.ItemRequest

// PlaceRequest places an order (DESIGN §10). There are no prices in it: the server prices.
type PlaceRequest struct {
	Items                 []ItemRequest `json:"items" validate:"required,min=1,max=200,dive"`
	ShippingAddress       *AddressView  `json:"shipping_address"`
	Priority              Priority      `json:"priority" enums:"standard,express,urgent"`
	PurchaseOrderNumber   string        `json:"purchase_order_number" validate:"max=64"`
	RequestedDeliveryDate string        `json:"requested_delivery_date" example:"2027-03-01"`
	CouponCode            string        `json:"coupon_code" validate:"max=40"`
	Notes                 string        `json:"notes" validate:"max=2000"`
	ConfirmDuplicate      bool          `json:"confirm_duplicate"`
} // @name ordering.PlaceRequest

// StaffPlaceRequest is an order staff enter for a customer (phone, email or fax orders).
type StaffPlaceRequest struct {
	PlaceRequest
	Customer string  `json:"customer" validate:"required" example:"C000123"` // Login ID or email
	Channel  Channel `json:"channel" validate:"required,oneof=phone email fax staff" enums:"phone,email,fax,staff"`
} // @name ordering.StaffPlaceRequest

// LineView is one line of an order.
type LineView struct {
	SKU           string        `json:"sku" validate:"required"`
	Name          string        `json:"name" validate:"required"`
	Quantity      int           `json:"quantity" validate:"required"`
	UnitPrice     catalog.Money `json:"unit_price" validate:"required"`
	ListUnitPrice catalog.Money `json:"list_unit_price" validate:"required"`
	Discount      catalog.Money `json:"discount" validate:"required"` // this line's share of order discounts
	Tax           catalog.Money `json:"tax" validate:"required"`
	Total         catalog.Money `json:"total" validate:"required"`
	Explanation   []string      `json:"explanation" validate:"required"`
	ShippedQty    int           `json:"shipped_quantity" validate:"required"`
	ReturnedQty   int           `json:"returned_quantity" validate:"required"`
} // @name ordering.Line

// TotalsView sums an order (minor units).
type TotalsView struct {
	Subtotal int64  `json:"subtotal" validate:"required"`
	Discount int64  `json:"discount" validate:"required"`
	Tax      int64  `json:"tax" validate:"required"`
	Shipping int64  `json:"shipping" validate:"required"`
	Total    int64  `json:"total" validate:"required"`
	Currency string `json:"currency" validate:"required" example:"USD"`
} // @name ordering.Totals

// EventView is one step of the timeline.
type EventView struct {
	From   *Status   `json:"from" extensions:"x-nullable"`
	Status Status    `json:"status" validate:"required"`
	At     time.Time `json:"at" validate:"required"`
	Note   string    `json:"note" validate:"required"`
	Actor  string    `json:"actor" validate:"required" enums:"customer,staff,system"`
} // @name ordering.Event

// OrderView is an order (DESIGN §10).
type OrderView struct {
	Reference             string             `json:"reference" validate:"required" example:"ORD-7K3F-9QXM"`
	Status                Status             `json:"status" validate:"required" enums:"placed,confirmed,processing,shipped,delivered,cancelled,returned"`
	Priority              Priority           `json:"priority" validate:"required" enums:"standard,express,urgent"`
	Channel               Channel            `json:"channel" validate:"required" enums:"web,api,phone,email,fax,staff"`
	Items                 []LineView         `json:"items" validate:"required"`
	Totals                TotalsView         `json:"totals" validate:"required"`
	ShippingAddress       AddressView        `json:"shipping_address" validate:"required"`
	PurchaseOrderNumber   *string            `json:"purchase_order_number" extensions:"x-nullable"`
	RequestedDeliveryDate *string            `json:"requested_delivery_date" extensions:"x-nullable"`
	PaymentTerms          *string            `json:"payment_terms" extensions:"x-nullable" example:"net_30"`
	CouponCode            *string            `json:"coupon_code" extensions:"x-nullable"`
	Notes                 string             `json:"notes" validate:"required"`
	PlacedAt              time.Time          `json:"placed_at" validate:"required"`
	UpdatedAt             time.Time          `json:"updated_at" validate:"required"`
	Version               int                `json:"version" validate:"required"`
	Allowed               []Status           `json:"allowed_transitions" validate:"required"` // what the caller may move it to now
	Documents             []DocumentLink     `json:"documents" validate:"required"`
	Notifications         OrderNotifications `json:"notifications" validate:"required"` // this order's override of the account's channels
	Events                []EventView        `json:"events,omitempty"`                  // detail only
	Shipments             []ShipmentView     `json:"shipments,omitempty"`               // detail only
	Returns               []ReturnView       `json:"returns,omitempty"`                 // detail only
	CustomerID            string             `json:"customer_id,omitempty"`             // staff views only
	Customer              *CustomerRef       `json:"customer,omitempty"`                // staff views only
} // @name ordering.Order

// CustomerRef names an order's customer for staff.
type CustomerRef struct {
	ID      string `json:"id" validate:"required"`
	LoginID string `json:"login_id" validate:"required" example:"C000123"`
	Name    string `json:"name" validate:"required"`
} // @name ordering.CustomerRef

// DocumentLink is a printable document of the order (PDF), fetched with the caller's token.
type DocumentLink struct {
	Kind  DocumentKind `json:"kind" validate:"required" enums:"confirmation,invoice"`
	Title string       `json:"title" validate:"required" example:"Order confirmation"`
	URL   string       `json:"url" validate:"required" example:"/api/v1/orders/ORD-7K3F-9QXM/documents/confirmation"`
} // @name ordering.DocumentLink

// OrderPage is a page of orders.
type OrderPage struct {
	Items      []OrderView `json:"items" validate:"required"`
	NextCursor *string     `json:"next_cursor" extensions:"x-nullable"`
} // @name ordering.OrderPage

func money(amount int64, currency string) catalog.Money {
	return catalog.Money{Amount: amount, Currency: currency}
}

func orderView(o Order, m Mover) OrderView {
	v := OrderView{Reference: o.Reference, Status: o.Status, Priority: o.Priority, Channel: o.Channel, Items: make([]LineView, len(o.Lines)),
		Totals: TotalsView{Subtotal: o.Subtotal, Discount: o.Discount, Tax: o.Tax, Shipping: o.Shipping, Total: o.Total, Currency: o.Currency},
		ShippingAddress: AddressView{Name: o.Ship.Name, Line1: o.Ship.Line1, Line2: o.Ship.Line2, City: o.Ship.City, PostalCode: o.Ship.PostalCode,
			Country: o.Ship.Country, Phone: o.Ship.Phone},
		PurchaseOrderNumber: o.PurchaseOrderNumber, RequestedDeliveryDate: o.RequestedDeliveryDate, PaymentTerms: o.PaymentTerms,
		CouponCode: o.CouponCode, Notes: o.Notes, Notifications: OrderNotifications{Email: o.NotifyEmail, SMS: o.NotifySMS}, PlacedAt: o.PlacedAt, UpdatedAt: o.UpdatedAt, Version: o.Version, Allowed: Next(o.Status, m)}
	if v.Allowed == nil {
		v.Allowed = []Status{}
	}
	base := "/api/v1/orders/"
	if m.Staff {
		v.CustomerID = o.CustomerID.String()
		v.Customer = &CustomerRef{ID: o.CustomerID.String(), LoginID: o.CustomerLoginID, Name: o.CustomerName}
		base = "/api/v1/admin/orders/"
	}
	for _, k := range Documents(o) {
		v.Documents = append(v.Documents, DocumentLink{Kind: k, Title: k.Title(), URL: base + o.Reference + "/documents/" + string(k)})
	}
	for i, l := range o.Lines {
		var expl []string
		_ = json.Unmarshal([]byte(l.Explanation), &expl)
		if expl == nil {
			expl = []string{}
		}
		v.Items[i] = LineView{SKU: l.SKU, Name: l.Name, Quantity: l.Quantity, UnitPrice: money(l.UnitPrice, o.Currency),
			ListUnitPrice: money(l.ListUnitPrice, o.Currency), Discount: money(l.Discount, o.Currency), Tax: money(l.Tax, o.Currency),
			Total: money(l.Total, o.Currency), Explanation: expl, ShippedQty: l.ShippedQty, ReturnedQty: l.ReturnedQty}
	}
	return v
}

func detailView(d Detail, m Mover) OrderView {
	v := orderView(d.Order, m)
	v.Events = make([]EventView, len(d.Events))
	for i, e := range d.Events {
		v.Events[i] = EventView{From: e.FromStatus, Status: e.ToStatus, At: e.CreatedAt, Note: e.Note, Actor: e.ActorKind}
	}
	lines := map[uuid.UUID]Line{}
	for _, l := range d.Lines {
		lines[l.ID] = l
	}
	v.Shipments = ShipmentViews(d)
	v.Returns = make([]ReturnView, len(d.Returns))
	for i, r := range d.Returns {
		v.Returns[i] = returnView(r, lines)
	}
	return v
}

func (r PlaceRequest) input(ch Channel) PlaceInput {
	in := PlaceInput{Priority: r.Priority, PurchaseOrderNumber: r.PurchaseOrderNumber, RequestedDeliveryDate: r.RequestedDeliveryDate,
		CouponCode: r.CouponCode, Notes: r.Notes, ConfirmDuplicate: r.ConfirmDuplicate, Channel: ch}
	for _, it := range r.Items {
		in.Items = append(in.Items, ItemInput(it))
	}
	if a := r.ShippingAddress; a != nil {
		in.ShippingAddress = &Address{Name: a.Name, Line1: a.Line1, Line2: a.Line2, City: a.City, PostalCode: a.PostalCode, Country: a.Country, Phone: a.Phone}
	}
	return in
}

var customerMover = Mover{Customer: true}

func staffMover(c echo.Context) (Mover, uuid.UUID) {
	p, _ := auth.PrincipalFrom(c)
	return Mover{Staff: true, Roles: p.Roles}, p.ID
}

// place godoc
// @Summary     Place an order
// @Description Requires an Idempotency-Key header (a new random value per order; the same one when retrying): the same key and body replay the first answer, the same key with another body is a 422, a retry while the first is still running is a 409. Prices are computed by the server. The same items and total again within minutes is a 409 "possible duplicate" unless confirm_duplicate is true.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       Idempotency-Key header string       true "a new random value per order"
// @Param       body            body   PlaceRequest true "the order"
// @Success     201 {object} OrderView
// @Failure     400 {object} httpx.Problem "missing Idempotency-Key"
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem "not a customer"
// @Failure     409 {object} httpx.Problem "out of stock, possible duplicate, or the same key still in progress"
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/orders [post]
func (h *Handler) place(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	var req PlaceRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	ch := ChannelWeb
	if p, _ := auth.PrincipalFrom(c); p.APIKey {
		ch = ChannelAPI
	}
	return h.placeAndAnswer(c, b, req.input(ch), customerMover)
}

// enter godoc
// @Summary     Enter an order for a customer (staff)
// @Description Phone, email or fax orders: the same pricing, validation, stock and idempotency rules as POST /api/v1/orders, recorded with the staff member and channel.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       Idempotency-Key header string            true "a new random value per order"
// @Param       body            body   StaffPlaceRequest true "the order and the customer"
// @Success     201 {object} OrderView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/orders [post]
func (h *Handler) enter(c echo.Context) error {
	var req StaffPlaceRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	b, err := h.buyerByLogin(c, req.Customer)
	if err != nil {
		return err
	}
	m, staffID := staffMover(c)
	in := req.input(req.Channel)
	in.StaffID = &staffID
	return h.placeAndAnswer(c, b, in, m)
}

// placeAndAnswer places the order and answers 201 with it. Behind the idempotency middleware the
// answer is stored with the order, in its write (idempotency.Claim), and exactly those bytes are
// sent.
func (h *Handler) placeAndAnswer(c echo.Context, b Buyer, in PlaceInput, m Mover) error {
	claim, keyed := idempotency.ClaimFrom(c.Request().Context())
	var body []byte
	if keyed {
		in.Key = claim
		in.Receipt = func(o Order) (func(*gorm.DB) *gorm.DB, error) {
			var err error
			if body, err = json.Marshal(orderView(o, m)); err != nil {
				return nil, err
			}
			return func(db *gorm.DB) *gorm.DB { return claim.Save(db, http.StatusCreated, echo.MIMEApplicationJSON, body) }, nil
		}
	}
	o, err := h.svc.Place(c.Request().Context(), b, in)
	if err != nil {
		return err
	}
	if !keyed {
		return c.JSON(http.StatusCreated, orderView(o, m))
	}
	claim.Saved()
	return c.JSONBlob(http.StatusCreated, body)
}

func statusFilter(c echo.Context) ([]Status, error) {
	var out []Status
	for _, s := range c.QueryParams()["status"] {
		ok := false
		for _, known := range Statuses {
			ok = ok || Status(s) == known
		}
		if !ok {
			return nil, apperr.Field("status", "must be one of placed, confirmed, processing, shipped, delivered, cancelled, returned")
		}
		out = append(out, Status(s))
	}
	return out, nil
}

// list godoc
// @Summary  My orders
// @Tags     orders
// @Produce  json
// @Security BearerAuth
// @Param    status    query []string false "filter by status" collectionFormat(multi)
// @Param    q         query string   false "reference, or its beginning"
// @Param    cursor    query string   false "next_cursor of the previous page"
// @Param    page_size query int      false "1–100, default 20"
// @Success  200 {object} OrderPage
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/orders [get]
func (h *Handler) list(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	q := OrderQuery{CustomerID: &b.CustomerID, Reference: c.QueryParam("q"), Limit: pr.PageSize + 1}
	if q.Statuses, err = statusFilter(c); err != nil {
		return err
	}
	if q.Before, err = pr.IDCursor(); err != nil {
		return err
	}
	return h.page(c, q, pr.PageSize, customerMover)
}

func (h *Handler) page(c echo.Context, q OrderQuery, size int, m Mover) error {
	rows, err := h.svc.Orders(c.Request().Context(), q)
	if err != nil {
		return err
	}
	if err := h.svc.loadLines(c.Request().Context(), rows); err != nil {
		return err
	}
	views := make([]OrderView, len(rows))
	for i, o := range rows {
		views[i] = orderView(o, m)
	}
	byRef := map[string]Order{}
	for _, o := range rows {
		byRef[o.Reference] = o
	}
	p := httpx.NewPage(views, size, func(v OrderView) any {
		o := byRef[v.Reference]
		if q.Staff {
			return QueueCursor{Rank: o.Priority.Rank(), PlacedAt: o.PlacedAt, ID: o.ID}
		}
		return o.ID
	})
	return c.JSON(http.StatusOK, OrderPage{Items: p.Items, NextCursor: p.NextCursor})
}

// get godoc
// @Summary  One of my orders, with its timeline
// @Tags     orders
// @Produce  json
// @Security BearerAuth
// @Param    reference path string true "order reference (any case)"
// @Success  200 {object} OrderView
// @Failure  401 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/orders/{reference} [get]
func (h *Handler) get(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	d, err := h.svc.Get(c.Request().Context(), c.Param("reference"), &b.CustomerID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, detailView(d, customerMover))
}

// NoteRequest carries an optional note.
type NoteRequest struct {
	Note string `json:"note" validate:"max=1000" example:"Ordered the wrong size"`
} // @name ordering.NoteRequest

// cancel godoc
// @Summary     Cancel my order
// @Description Possible while the order is placed or confirmed; its stock is released.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string      true  "order reference"
// @Param       body      body NoteRequest false "why (optional)"
// @Success     200 {object} OrderView
// @Failure     401 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "not cancellable any more"
// @Router      /api/v1/orders/{reference}/cancel [post]
func (h *Handler) cancel(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	var req NoteRequest
	if c.Request().ContentLength != 0 {
		if err := httpx.Bind(c, &req); err != nil {
			return err
		}
	}
	o, err := h.svc.ChangeStatus(c.Request().Context(), c.Param("reference"), Move{To: Cancelled, Note: req.Note, Mover: customerMover,
		ActorID: b.CustomerID, CustomerID: &b.CustomerID})
	if err != nil {
		return err
	}
	return h.detail(c, http.StatusOK, o.Reference, &b.CustomerID, customerMover)
}

// queue godoc
// @Summary  Order queue (staff)
// @Description Urgent first, then express, then standard; oldest first within a priority. Saved views: to_confirm (placed orders), to_ship_today (confirmed or processing, with no requested delivery date or one within two days).
// @Tags     orders
// @Produce  json
// @Security BearerAuth
// @Param    status      query []string false "statuses" collectionFormat(multi)
// @Param    priority    query []string false "priorities" collectionFormat(multi)
// @Param    channel     query []string false "channels" collectionFormat(multi)
// @Param    view        query string   false "a saved view" Enums(to_confirm, to_ship_today)
// @Param    customer    query string   false "the customer's Login ID or email"
// @Param    placed_from query string   false "placed on or after this day (YYYY-MM-DD, UTC)"
// @Param    placed_to   query string   false "placed on or before this day (YYYY-MM-DD, UTC)"
// @Param    q           query string   false "reference, or its beginning"
// @Param    cursor    query string   false "next_cursor of the previous page"
// @Param    page_size query int      false "1–100, default 20"
// @Success  200 {object} OrderPage
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/orders [get]
func (h *Handler) queue(c echo.Context) error {
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	q, err := h.queueQuery(c)
	if err != nil {
		return err
	}
	q.Limit = pr.PageSize + 1
	if pr.Cursor != "" {
		var cur QueueCursor
		if err := httpx.DecodeCursor(pr.Cursor, &cur); err != nil {
			return err
		}
		q.After = &cur
	}
	m, _ := staffMover(c)
	return h.page(c, q, pr.PageSize, m)
}

// queueQuery reads the staff queue's filters (shared by the queue and its CSV export).
func (h *Handler) queueQuery(c echo.Context) (OrderQuery, error) {
	q := OrderQuery{Staff: true, Reference: c.QueryParam("q")}
	var err error
	if q.Statuses, err = statusFilter(c); err != nil {
		return q, err
	}
	for _, p := range c.QueryParams()["priority"] {
		switch Priority(p) {
		case Standard, Express, Urgent:
			q.Priorities = append(q.Priorities, Priority(p))
		default:
			return q, apperr.Field("priority", "must be standard, express or urgent")
		}
	}
	for _, ch := range c.QueryParams()["channel"] {
		switch Channel(ch) {
		case ChannelWeb, ChannelAPI, ChannelPhone, ChannelEmail, ChannelFax, ChannelStaff:
			q.Channels = append(q.Channels, Channel(ch))
		default:
			return q, apperr.Field("channel", "must be web, api, phone, email, fax or staff")
		}
	}
	switch v := View(c.QueryParam("view")); v {
	case "", ViewToConfirm, ViewToShipToday:
		q.View = v
	default:
		return q, apperr.Field("view", "must be to_confirm or to_ship_today")
	}
	if login := strings.TrimSpace(c.QueryParam("customer")); login != "" {
		id, err := h.customerID(c.Request().Context(), login)
		if err != nil {
			return q, err
		}
		q.CustomerID = &id
	}
	for _, f := range []struct {
		name string
		into **time.Time
		days int
	}{{"placed_from", &q.PlacedFrom, 0}, {"placed_to", &q.PlacedTo, 1}} {
		if v := c.QueryParam(f.name); v != "" {
			d, err := time.Parse(time.DateOnly, v)
			if err != nil {
				return q, apperr.Field(f.name, "a date as YYYY-MM-DD")
			}
			d = d.AddDate(0, 0, f.days) // placed_to includes its whole day
			*f.into = &d
		}
	}
	return q, nil
}

// staffGet godoc
// @Summary  One order with its timeline (staff)
// @Tags     orders
// @Produce  json
// @Security BearerAuth
// @Param    reference path string true "order reference"
// @Success  200 {object} OrderView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/orders/{reference} [get]
func (h *Handler) staffGet(c echo.Context) error {
	d, err := h.svc.Get(c.Request().Context(), c.Param("reference"), nil)
	if err != nil {
		return err
	}
	m, _ := staffMover(c)
	return c.JSON(http.StatusOK, detailView(d, m))
}

// StatusRequest moves an order.
type StatusRequest struct {
	Status  Status `json:"status" validate:"required" enums:"confirmed,processing,shipped,delivered,cancelled,returned"`
	Note    string `json:"note" validate:"max=1000"`
	Version int    `json:"version" example:"3"` // the version you read; stale → 409
	Restock bool   `json:"restock"`             // returns: put the units back on hand
} // @name ordering.StatusRequest

// changeStatus godoc
// @Summary     Change an order's status (staff)
// @Description Checked against the lifecycle table: a move that does not exist is a 409 listing the allowed ones; one your role may not make is a 403. Cancelling releases stock; shipping takes it off hand.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string        true "order reference"
// @Param       body      body StatusRequest true "the new status"
// @Success     200 {object} OrderView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/orders/{reference}/status [post]
func (h *Handler) changeStatus(c echo.Context) error {
	var req StatusRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, id := staffMover(c)
	o, err := h.svc.ChangeStatus(c.Request().Context(), c.Param("reference"), Move{To: req.Status, Note: req.Note, Version: req.Version,
		Restock: req.Restock, Mover: m, ActorID: id})
	if err != nil {
		return err
	}
	return h.detail(c, http.StatusOK, o.Reference, nil, m)
}
