package ordering

import (
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// ShipmentLineView is how many units of a line a shipment or return covers.
type ShipmentLineView struct {
	SKU      string `json:"sku" validate:"required" example:"POW-001"`
	Name     string `json:"name" validate:"required"`
	Quantity int    `json:"quantity" validate:"required" example:"2"`
} // @name ordering.UnitsOfLine

// ShipmentView is a parcel with its tracking.
type ShipmentView struct {
	Number         int                `json:"number" validate:"required" example:"1"`
	Carrier        string             `json:"carrier" validate:"required" example:"UPS"`
	TrackingNumber string             `json:"tracking_number" validate:"required" example:"1Z999AA10123456784"`
	TrackingURL    *string            `json:"tracking_url" extensions:"x-nullable"`
	Status         ShipmentStatus     `json:"status" validate:"required" enums:"shipped,delivered"`
	ShippedAt      time.Time          `json:"shipped_at" validate:"required"`
	DeliveredAt    *time.Time         `json:"delivered_at" extensions:"x-nullable"`
	Lines          []ShipmentLineView `json:"lines" validate:"required"`
} // @name ordering.Shipment

// ReturnView is a return request and what became of it.
type ReturnView struct {
	Number      int                `json:"number" validate:"required" example:"1"`
	Status      ReturnStatus       `json:"status" validate:"required" enums:"requested,accepted,rejected,received"`
	Reason      string             `json:"reason" validate:"required"`
	Note        string             `json:"note" validate:"required"` // staff's answer
	Restocked   bool               `json:"restocked" validate:"required"`
	RequestedAt time.Time          `json:"requested_at" validate:"required"`
	DecidedAt   *time.Time         `json:"decided_at" extensions:"x-nullable"`
	ReceivedAt  *time.Time         `json:"received_at" extensions:"x-nullable"`
	Lines       []ShipmentLineView `json:"lines" validate:"required"`
} // @name ordering.Return

func unitsOf[T ShipmentLine | ReturnLine](rows []T, lines map[uuid.UUID]Line, key func(T) (uuid.UUID, int)) []ShipmentLineView {
	out := make([]ShipmentLineView, 0, len(rows))
	for _, r := range rows {
		id, q := key(r)
		l := lines[id]
		out = append(out, ShipmentLineView{SKU: l.SKU, Name: l.Name, Quantity: q})
	}
	return out
}

func shipmentView(sh Shipment, lines map[uuid.UUID]Line) ShipmentView {
	return ShipmentView{Number: sh.Number, Carrier: sh.Carrier, TrackingNumber: sh.TrackingNumber, TrackingURL: sh.TrackingURL,
		Status: sh.Status, ShippedAt: sh.ShippedAt, DeliveredAt: sh.DeliveredAt,
		Lines: unitsOf(sh.Lines, lines, func(l ShipmentLine) (uuid.UUID, int) { return l.OrderLineID, l.Quantity })}
}

func returnView(r Return, lines map[uuid.UUID]Line) ReturnView {
	return ReturnView{Number: r.Number, Status: r.Status, Reason: r.Reason, Note: r.Note, Restocked: r.Restocked, RequestedAt: r.RequestedAt,
		DecidedAt: r.DecidedAt, ReceivedAt: r.ReceivedAt,
		Lines: unitsOf(r.Lines, lines, func(l ReturnLine) (uuid.UUID, int) { return l.OrderLineID, l.Quantity })}
}

// LineQuantityRequest names units of one line by SKU.
type LineQuantityRequest struct {
	SKU      string `json:"sku" validate:"required,max=40" example:"POW-001"`
	Quantity int    `json:"quantity" validate:"required,gte=1" example:"1"`
} // @name ordering.LineQuantity

func lineQuantities(in []LineQuantityRequest) []LineQuantity {
	out := make([]LineQuantity, len(in))
	for i, l := range in {
		out[i] = LineQuantity(l)
	}
	return out
}

// ShipmentRequest enters a parcel.
type ShipmentRequest struct {
	Carrier        string                `json:"carrier" validate:"required,max=100" example:"UPS"`
	TrackingNumber string                `json:"tracking_number" validate:"required,max=100" example:"1Z999AA10123456784"`
	TrackingURL    string                `json:"tracking_url" validate:"max=500" example:"https://www.ups.com/track?tracknum=1Z999AA10123456784"`
	Lines          []LineQuantityRequest `json:"lines" validate:"max=200,dive"` // empty: everything not shipped yet
	Note           string                `json:"note" validate:"max=1000"`
	Version        int                   `json:"version" validate:"required" example:"3"`
} // @name ordering.ShipmentRequest

// VersionRequest carries the version the caller read.
type VersionRequest struct {
	Version int `json:"version" validate:"required" example:"4"`
} // @name ordering.VersionRequest

// ReturnRequest asks to send units of a delivered order back.
type ReturnRequest struct {
	Reason string                `json:"reason" validate:"required,max=1000" example:"Two of them arrived broken"`
	Lines  []LineQuantityRequest `json:"lines" validate:"required,min=1,max=200,dive"`
} // @name ordering.ReturnRequest

// ReturnDecisionRequest is a staff step on a return.
type ReturnDecisionRequest struct {
	Note    string `json:"note" validate:"max=1000" example:"Refund issued"`
	Restock bool   `json:"restock"` // receive: put the units back on hand
	Version int    `json:"version" validate:"required" example:"5"`
} // @name ordering.ReturnDecisionRequest

// detail answers with the order as the caller now sees it, shipments and returns included.
func (h *Handler) detail(c echo.Context, status int, reference string, customerID *uuid.UUID, m Mover) error {
	d, err := h.svc.Get(c.Request().Context(), reference, customerID)
	if err != nil {
		return err
	}
	return c.JSON(status, detailView(d, m))
}

func number(c echo.Context) (int, error) {
	n, err := strconv.Atoi(c.Param("number"))
	if err != nil || n < 1 {
		return 0, apperr.NotFound("no such number")
	}
	return n, nil
}

// ship godoc
// @Summary     Enter a shipment (staff)
// @Description For an order that is processing: carrier, tracking number (and link), and which lines and quantities left (none listed: everything not shipped yet). Those units leave stock; the order becomes shipped when nothing is left to ship, otherwise it stays processing. Fulfilment staff.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string          true "order reference"
// @Param       body      body ShipmentRequest true "the parcel"
// @Success     201 {object} OrderView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "not processing, nothing left to ship, or a stale version"
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/orders/{reference}/shipments [post]
func (h *Handler) ship(c echo.Context) error {
	var req ShipmentRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, id := staffMover(c)
	o, err := h.svc.Ship(c.Request().Context(), c.Param("reference"), ShipmentInput{Carrier: req.Carrier, TrackingNumber: req.TrackingNumber,
		TrackingURL: req.TrackingURL, Lines: lineQuantities(req.Lines), Note: req.Note}, StaffAction{Version: req.Version, Mover: m, ActorID: id})
	if err != nil {
		return err
	}
	return h.detail(c, http.StatusCreated, o.Reference, nil, m)
}

// delivered godoc
// @Summary     Mark a shipment delivered (staff)
// @Description The order becomes delivered when it is shipped and every shipment has arrived.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string         true "order reference"
// @Param       number    path int            true "shipment number"
// @Param       body      body VersionRequest true "the version you read"
// @Success     200 {object} OrderView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Router      /api/v1/admin/orders/{reference}/shipments/{number}/delivered [post]
func (h *Handler) delivered(c echo.Context) error {
	n, err := number(c)
	if err != nil {
		return err
	}
	var req VersionRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, id := staffMover(c)
	o, err := h.svc.MarkDelivered(c.Request().Context(), c.Param("reference"), n, StaffAction{Version: req.Version, Mover: m, ActorID: id})
	if err != nil {
		return err
	}
	return h.detail(c, http.StatusOK, o.Reference, nil, m)
}

// requestReturn godoc
// @Summary     Ask to return part of a delivered order
// @Description Name the lines and how many units (at most what was delivered and not returned or asked for already), and why. Staff accept or reject it, then receive the goods.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string        true "order reference"
// @Param       body      body ReturnRequest true "what and why"
// @Success     201 {object} OrderView
// @Failure     401 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "the order is not delivered"
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/orders/{reference}/returns [post]
func (h *Handler) requestReturn(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	var req ReturnRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	o, err := h.svc.RequestReturn(c.Request().Context(), c.Param("reference"), b.CustomerID, ReturnInput{Reason: req.Reason, Lines: lineQuantities(req.Lines)})
	if err != nil {
		return err
	}
	return h.detail(c, http.StatusCreated, o.Reference, &b.CustomerID, customerMover)
}

// decideReturn godoc
// @Summary     Accept, reject or receive a return (staff)
// @Description accept and reject answer a request (reject needs a note for the customer); receive books the units back on the order (restock: back on hand too). The order becomes returned when everything shipped has come back. Fulfilment or support staff.
// @Tags        orders
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string                true "order reference"
// @Param       number    path int                   true "return number"
// @Param       action    path string                true "what to do" Enums(accept, reject, receive)
// @Param       body      body ReturnDecisionRequest true "note, restock, version"
// @Success     200 {object} OrderView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/orders/{reference}/returns/{number}/{action} [post]
func (h *Handler) decideReturn(c echo.Context) error {
	n, err := number(c)
	if err != nil {
		return err
	}
	action := ReturnAction(c.Param("action"))
	if action != AcceptReturn && action != RejectReturn && action != ReceiveReturn {
		return apperr.NotFound("no such return action")
	}
	var req ReturnDecisionRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, id := staffMover(c)
	o, err := h.svc.DecideReturn(c.Request().Context(), c.Param("reference"), n, ReturnDecision{Action: action, Note: req.Note, Restock: req.Restock},
		StaffAction{Version: req.Version, Mover: m, ActorID: id})
	if err != nil {
		return err
	}
	return h.detail(c, http.StatusOK, o.Reference, nil, m)
}
