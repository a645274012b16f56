package ordering

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// LineQuantity asks for some units of one order line, named by SKU.
type LineQuantity struct {
	SKU      string
	Quantity int
}

// ShipmentInput is a parcel staff enter.
type ShipmentInput struct {
	Carrier        string
	TrackingNumber string
	TrackingURL    string
	Lines          []LineQuantity // empty: everything not shipped yet
	Note           string
}

type shipmentInput struct {
	carrier, tracking, note string
	url                     *string
}

// StaffAction is a staff member's edit of a given order version.
type StaffAction struct {
	Version int
	Mover   Mover
	ActorID uuid.UUID
}

func (a StaffAction) target() target {
	return target{version: a.Version, mover: a.Mover, actorID: a.ActorID}
}

// mayMove refuses a staff member whose roles do not include the lifecycle move a fulfilment step
// belongs to (entering a shipment is "processing → shipped", a return is "delivered → returned").
func mayMove(m Mover, from, to Status) error {
	for _, t := range transitions {
		if t.From == from && t.To == to {
			if m.may(t) {
				return nil
			}
			break
		}
	}
	return apperr.Forbidden("your role may not do this")
}

// Ship records a parcel of an order that is processing: its stock leaves the warehouse, and the
// order becomes shipped when nothing is left to ship.
func (s *Service) Ship(ctx context.Context, reference string, in ShipmentInput, a StaffAction) (Order, error) {
	carrier, tracking := strings.TrimSpace(in.Carrier), strings.TrimSpace(in.TrackingNumber)
	var errs []apperr.FieldError
	if carrier == "" || len(carrier) > 100 {
		errs = append(errs, apperr.FieldError{Field: "carrier", Message: "required, at most 100 characters"})
	}
	if tracking == "" || len(tracking) > 100 {
		errs = append(errs, apperr.FieldError{Field: "tracking_number", Message: "required, at most 100 characters"})
	}
	var link *string
	if u := strings.TrimSpace(in.TrackingURL); u != "" {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || len(u) > 500 {
			errs = append(errs, apperr.FieldError{Field: "tracking_url", Message: "an http(s) address of at most 500 characters"})
		}
		link = &u
	}
	note, err := cleanNote(in.Note)
	if err != nil {
		return Order{}, err
	}
	if len(errs) > 0 {
		return Order{}, apperr.Invalid("validation failed", errs...)
	}
	return s.mutate(ctx, reference, a.target(), func(c *change) error {
		if err := mayMove(a.Mover, Processing, Shipped); err != nil {
			return err
		}
		if c.o.Status != Processing {
			return apperr.Conflict(fmt.Sprintf("shipments are entered while an order is processing; this one is %s", c.o.Status))
		}
		want, err := c.pick(in.Lines, "lines", func(l *Line) int { return l.open() }, "left to ship")
		if err != nil {
			return err
		}
		return c.ship(shipmentInput{carrier: carrier, tracking: tracking, url: link, note: note}, want)
	})
}

// pick resolves requested lines against what each line has available (all of it when none are
// named), with a field error per bad line.
func (c *change) pick(req []LineQuantity, field string, available func(*Line) int, what string) (map[uuid.UUID]int, error) {
	want := map[uuid.UUID]int{}
	if len(req) == 0 {
		for i := range c.o.Lines {
			if n := available(&c.o.Lines[i]); n > 0 {
				want[c.o.Lines[i].ID] = n
			}
		}
		if len(want) == 0 {
			return nil, apperr.Conflict("nothing is " + what)
		}
		return want, nil
	}
	var errs []apperr.FieldError
	for i, r := range req {
		f := fmt.Sprintf("%s[%d]", field, i)
		var line *Line
		for j := range c.o.Lines {
			if strings.EqualFold(c.o.Lines[j].SKU, strings.TrimSpace(r.SKU)) {
				line = &c.o.Lines[j]
			}
		}
		switch {
		case line == nil:
			errs = append(errs, apperr.FieldError{Field: f + ".sku", Message: "not a line of this order"})
		case want[line.ID] != 0:
			errs = append(errs, apperr.FieldError{Field: f + ".sku", Message: "named twice"})
		case r.Quantity < 1 || r.Quantity > available(line):
			errs = append(errs, apperr.FieldError{Field: f + ".quantity", Message: fmt.Sprintf("between 1 and %d (%s)", max(available(line), 1), what)})
		default:
			want[line.ID] = r.Quantity
		}
	}
	if len(errs) > 0 {
		return nil, apperr.Invalid("validation failed", errs...)
	}
	return want, nil
}

// ship writes a shipment of the wanted units (nil: everything left), takes them off hand and out
// of the reservation, and moves the order to shipped once every unit has left.
func (c *change) ship(in shipmentInput, want map[uuid.UUID]int) error {
	if want == nil {
		want = map[uuid.UUID]int{}
		for _, l := range c.o.Lines {
			if l.open() > 0 {
				want[l.ID] = l.open()
			}
		}
	}
	var n int64
	if err := c.tx.Model(&Shipment{}).Where("order_id = ?", c.o.ID).Count(&n).Error; err != nil {
		return fmt.Errorf("count shipments: %w", err)
	}
	sh := Shipment{ID: uuid.Must(uuid.NewV7()), OrderID: c.o.ID, Number: int(n) + 1, Carrier: in.carrier, TrackingNumber: in.tracking,
		TrackingURL: in.url, Status: ShipmentShipped, ShippedAt: c.now}
	if c.t.mover.Staff {
		sh.CreatedBy = &c.t.actorID
	}
	for _, l := range c.bySKU() {
		q := want[l.ID]
		if q == 0 {
			continue
		}
		if err := c.tx.Model(&catalog.Product{}).Where("id = ?", l.ProductID).Updates(map[string]any{
			"stock_on_hand": gorm.Expr("stock_on_hand - ?", q), "stock_reserved": gorm.Expr("stock_reserved - ?", q)}).Error; err != nil {
			return fmt.Errorf("ship stock of %s: %w", l.SKU, err)
		}
		l.ShippedQty += q
		if err := c.tx.Model(&Line{}).Where("id = ?", l.ID).Update("shipped_qty", l.ShippedQty).Error; err != nil {
			return fmt.Errorf("order line %s: %w", l.SKU, err)
		}
		sh.Lines = append(sh.Lines, ShipmentLine{ShipmentID: sh.ID, OrderLineID: l.ID, Quantity: q})
	}
	if err := c.tx.Create(&sh).Error; err != nil {
		return fmt.Errorf("insert shipment: %w", err)
	}
	note := shipmentNote(sh, in.note)
	for _, l := range c.o.Lines {
		if l.open() > 0 {
			return c.record(c.o.Status, "Part of the order was shipped. "+note)
		}
	}
	return c.moveTo(Shipped, note)
}

func shipmentNote(sh Shipment, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Shipment %d", sh.Number)
	if sh.Carrier != "" {
		fmt.Fprintf(&b, " with %s, tracking number %s", sh.Carrier, sh.TrackingNumber)
	}
	b.WriteString(".")
	if extra != "" {
		b.WriteString(" " + extra)
	}
	return b.String()
}

// MarkDelivered records that a shipment arrived; the order is delivered when all of it has.
func (s *Service) MarkDelivered(ctx context.Context, reference string, number int, a StaffAction) (Order, error) {
	return s.mutate(ctx, reference, a.target(), func(c *change) error {
		if err := mayMove(a.Mover, Shipped, Delivered); err != nil {
			return err
		}
		res := c.tx.Model(&Shipment{}).Where("order_id = ? AND number = ? AND status = ?", c.o.ID, number, ShipmentShipped).
			Updates(map[string]any{"status": ShipmentDelivered, "delivered_at": c.now})
		if res.Error != nil {
			return fmt.Errorf("deliver shipment: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			var n int64
			if err := c.tx.Model(&Shipment{}).Where("order_id = ? AND number = ?", c.o.ID, number).Count(&n).Error; err != nil {
				return fmt.Errorf("find shipment: %w", err)
			}
			if n == 0 {
				return apperr.NotFound("this order has no such shipment")
			}
			return apperr.Conflict(fmt.Sprintf("shipment %d is already delivered", number))
		}
		note := fmt.Sprintf("Shipment %d was delivered.", number)
		var undelivered int64
		if err := c.tx.Model(&Shipment{}).Where("order_id = ? AND status = ?", c.o.ID, ShipmentShipped).Count(&undelivered).Error; err != nil {
			return fmt.Errorf("count shipments: %w", err)
		}
		if c.o.Status == Shipped && undelivered == 0 {
			return c.moveTo(Delivered, note)
		}
		return c.record(c.o.Status, note)
	})
}

// deliverAll marks every shipment delivered (a staff "delivered" move covers all parcels).
func (c *change) deliverAll() error {
	err := c.tx.Model(&Shipment{}).Where("order_id = ? AND status = ?", c.o.ID, ShipmentShipped).
		Updates(map[string]any{"status": ShipmentDelivered, "delivered_at": c.now}).Error
	if err != nil {
		return fmt.Errorf("deliver shipments: %w", err)
	}
	return nil
}

// ReturnInput is a customer's return request.
type ReturnInput struct {
	Reason string
	Lines  []LineQuantity
}

// RequestReturn lets the customer of a delivered order ask to send some units back.
func (s *Service) RequestReturn(ctx context.Context, reference string, customerID uuid.UUID, in ReturnInput) (Order, error) {
	reason := strings.TrimSpace(in.Reason)
	if reason == "" || len(reason) > 1000 {
		return Order{}, apperr.Field("reason", "required, at most 1000 characters")
	}
	if len(in.Lines) == 0 {
		return Order{}, apperr.Field("lines", "name at least one line to return")
	}
	t := target{customerID: &customerID, mover: customerMover, actorID: customerID}
	return s.mutate(ctx, reference, t, func(c *change) error {
		if c.o.Status != Delivered {
			return apperr.Conflict(fmt.Sprintf("only delivered orders can be returned; this one is %s", c.o.Status))
		}
		pending, err := c.pendingReturns()
		if err != nil {
			return err
		}
		want, err := c.pick(in.Lines, "lines", func(l *Line) int { return l.ShippedQty - l.ReturnedQty - pending[l.ID] }, "left to return")
		if err != nil {
			return err
		}
		r, err := c.newReturn(ReturnRequested, reason, want)
		if err != nil {
			return err
		}
		return c.record(c.o.Status, fmt.Sprintf("Return %d requested: %s", r.Number, reason))
	})
}

// pendingReturns sums, per line, the units of requests not decided or received yet.
func (c *change) pendingReturns() (map[uuid.UUID]int, error) {
	var rows []struct {
		OrderLineID uuid.UUID
		Quantity    int
	}
	err := c.tx.Table("return_lines").Select("return_lines.order_line_id, return_lines.quantity").
		Joins("JOIN order_returns ON order_returns.id = return_lines.return_id").
		Where("order_returns.order_id = ? AND order_returns.status IN ?", c.o.ID, []ReturnStatus{ReturnRequested, ReturnAccepted}).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("pending returns: %w", err)
	}
	out := map[uuid.UUID]int{}
	for _, r := range rows {
		out[r.OrderLineID] += r.Quantity
	}
	return out, nil
}

func (c *change) newReturn(status ReturnStatus, reason string, want map[uuid.UUID]int) (Return, error) {
	var n int64
	if err := c.tx.Model(&Return{}).Where("order_id = ?", c.o.ID).Count(&n).Error; err != nil {
		return Return{}, fmt.Errorf("count returns: %w", err)
	}
	r := Return{ID: uuid.Must(uuid.NewV7()), OrderID: c.o.ID, Number: int(n) + 1, Status: status, Reason: reason, RequestedAt: c.now}
	for _, l := range c.o.Lines {
		if q := want[l.ID]; q > 0 {
			r.Lines = append(r.Lines, ReturnLine{ReturnID: r.ID, OrderLineID: l.ID, Quantity: q})
		}
	}
	if err := c.tx.Create(&r).Error; err != nil {
		return Return{}, fmt.Errorf("insert return: %w", err)
	}
	return r, nil
}

// ReturnAction is what staff do with a return request.
type ReturnAction string

const (
	AcceptReturn  ReturnAction = "accept"
	RejectReturn  ReturnAction = "reject"
	ReceiveReturn ReturnAction = "receive"
)

// ReturnDecision is a staff step on a return.
type ReturnDecision struct {
	Action  ReturnAction
	Note    string
	Restock bool // receive: put the units back on hand
}

// DecideReturn accepts, rejects or receives a return request. Receiving puts the units back on
// the order lines (and on hand when restocking); the order becomes returned once every shipped
// unit has come back.
func (s *Service) DecideReturn(ctx context.Context, reference string, number int, d ReturnDecision, a StaffAction) (Order, error) {
	note, err := cleanNote(d.Note)
	if err != nil {
		return Order{}, err
	}
	if d.Action == RejectReturn && note == "" {
		return Order{}, apperr.Field("note", "tell the customer why the return is rejected")
	}
	return s.mutate(ctx, reference, a.target(), func(c *change) error {
		if err := mayMove(a.Mover, Delivered, Returned); err != nil {
			return err
		}
		var r Return
		if err := c.tx.Preload("Lines").Where("order_id = ? AND number = ?", c.o.ID, number).Take(&r).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.NotFound("this order has no such return")
		} else if err != nil {
			return fmt.Errorf("load return: %w", err)
		}
		var to ReturnStatus
		switch {
		case d.Action == AcceptReturn && r.Status == ReturnRequested:
			to = ReturnAccepted
		case d.Action == RejectReturn && r.Status == ReturnRequested:
			to = ReturnRejected
		case d.Action == ReceiveReturn && (r.Status == ReturnRequested || r.Status == ReturnAccepted):
			to = ReturnReceived
		case d.Action != AcceptReturn && d.Action != RejectReturn && d.Action != ReceiveReturn:
			return apperr.NotFound("no such return action")
		default:
			return apperr.Conflict(fmt.Sprintf("return %d is %s; it cannot be %s now", r.Number, r.Status, pastTense(d.Action)))
		}
		upd := map[string]any{"status": to, "note": note}
		if to == ReturnReceived {
			upd["received_at"], upd["restocked"] = c.now, d.Restock
			if r.DecidedAt == nil {
				upd["decided_at"], upd["decided_by"] = c.now, a.ActorID
			}
		} else {
			upd["decided_at"], upd["decided_by"] = c.now, a.ActorID
		}
		if err := c.tx.Model(&Return{}).Where("id = ?", r.ID).Updates(upd).Error; err != nil {
			return fmt.Errorf("update return: %w", err)
		}
		msg := fmt.Sprintf("Return %d %s.", r.Number, pastTense(d.Action))
		if note != "" {
			msg += " " + note
		}
		if to != ReturnReceived {
			return c.record(c.o.Status, msg)
		}
		want := map[uuid.UUID]int{}
		for _, l := range r.Lines {
			want[l.OrderLineID] = l.Quantity
		}
		return c.receive(want, d.Restock, msg)
	})
}

func pastTense(a ReturnAction) string {
	switch a {
	case AcceptReturn:
		return "accepted"
	case RejectReturn:
		return "rejected"
	}
	return "received"
}

// receive books returned units on their lines (and on hand when restocking) and moves the order
// to returned when every shipped unit is back.
func (c *change) receive(want map[uuid.UUID]int, restock bool, note string) error {
	for _, l := range c.bySKU() {
		q := want[l.ID]
		if q == 0 {
			continue
		}
		if restock {
			if err := c.tx.Model(&catalog.Product{}).Where("id = ?", l.ProductID).
				Update("stock_on_hand", gorm.Expr("stock_on_hand + ?", q)).Error; err != nil {
				return fmt.Errorf("restock %s: %w", l.SKU, err)
			}
		}
		l.ReturnedQty += q
		if err := c.tx.Model(&Line{}).Where("id = ?", l.ID).Update("returned_qty", l.ReturnedQty).Error; err != nil {
			return fmt.Errorf("order line %s: %w", l.SKU, err)
		}
	}
	for _, l := range c.o.Lines {
		if l.ReturnedQty < l.ShippedQty {
			return c.record(c.o.Status, note)
		}
	}
	return c.moveTo(Returned, note)
}

// returnEverything is the staff "returned" move: a received return of every unit not back yet.
// Open requests must be settled first, so no unit is counted twice.
func (c *change) returnEverything(note string, restock bool) error {
	pending, err := c.pendingReturns()
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return apperr.Conflict("this order has an open return request: receive or reject it first")
	}
	want := map[uuid.UUID]int{}
	for _, l := range c.o.Lines {
		if q := l.ShippedQty - l.ReturnedQty; q > 0 {
			want[l.ID] = q
		}
	}
	if len(want) == 0 {
		return c.moveTo(Returned, note)
	}
	reason := note
	if reason == "" {
		reason = "Returned (recorded by staff)"
	}
	r, err := c.newReturn(ReturnReceived, reason, want)
	if err != nil {
		return err
	}
	if err := c.tx.Model(&Return{}).Where("id = ?", r.ID).Updates(map[string]any{"received_at": c.now, "decided_at": c.now,
		"decided_by": c.t.actorID, "restocked": restock}).Error; err != nil {
		return fmt.Errorf("update return: %w", err)
	}
	// Every shipped unit is back after this, so receive moves the order to returned.
	return c.receive(want, restock, note)
}

// Fulfilment is an order's shipments and returns, for its detail view.
type Fulfilment struct {
	Shipments []Shipment
	Returns   []Return
}
