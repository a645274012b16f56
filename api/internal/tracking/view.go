package tracking

import (
	"fmt"
	"time"

	"github.com/openoms/oms/api/internal/ordering"
)

// Tracking is what a customer (or a guest who proved the contact) sees of an order: where it is,
// how it got there, its parcels and what comes next. It carries no prices and no address.
type Tracking struct {
	Reference string                  `json:"reference" validate:"required" example:"ORD-7K3F-9QXM"`
	Status    ordering.Status         `json:"status" validate:"required" enums:"placed,confirmed,processing,shipped,delivered,cancelled,returned"`
	Priority  ordering.Priority       `json:"priority" validate:"required" enums:"standard,express,urgent"`
	PlacedAt  time.Time               `json:"placed_at" validate:"required"`
	UpdatedAt time.Time               `json:"updated_at" validate:"required"`
	Items     []TrackedItem           `json:"items" validate:"required"`
	Events    []Event                 `json:"events" validate:"required"`
	Shipments []ordering.ShipmentView `json:"shipments" validate:"required"`
	Promise   Promise                 `json:"promise" validate:"required"`
	Next      string                  `json:"next" validate:"required" example:"We are packing your order; it leaves our warehouse by 27 Nov 2026."`
} // @name tracking.Tracking

// TrackedItem is a line without its price.
type TrackedItem struct {
	SKU        string `json:"sku" validate:"required"`
	Name       string `json:"name" validate:"required"`
	Quantity   int    `json:"quantity" validate:"required"`
	ShippedQty int    `json:"shipped_quantity" validate:"required"`
} // @name tracking.Item

// Event is one step of the timeline.
type Event struct {
	Status ordering.Status `json:"status" validate:"required"`
	At     time.Time       `json:"at" validate:"required"`
	Note   string          `json:"note" validate:"required"`
} // @name tracking.Event

// Promise is the service level of the order's priority, as dates.
type Promise struct {
	DispatchBy string `json:"dispatch_by" validate:"required" example:"2026-11-27"` // YYYY-MM-DD
	DeliverBy  string `json:"deliver_by" validate:"required" example:"2026-12-02"`
} // @name tracking.Promise

func (s *Service) tracking(d ordering.Detail) Tracking {
	t := Tracking{Reference: d.Reference, Status: d.Status, Priority: d.Priority, PlacedAt: d.PlacedAt, UpdatedAt: d.UpdatedAt,
		Items: make([]TrackedItem, len(d.Lines)), Events: make([]Event, len(d.Events)), Shipments: ordering.ShipmentViews(d)}
	for i, l := range d.Lines {
		t.Items[i] = TrackedItem{SKU: l.SKU, Name: l.Name, Quantity: l.Quantity, ShippedQty: l.ShippedQty}
	}
	for i, e := range d.Events {
		t.Events[i] = Event{Status: e.ToStatus, At: e.CreatedAt, Note: e.Note}
	}
	lvl := s.opt.Levels[d.Priority]
	dispatch, deliver := addBusinessDays(d.PlacedAt, lvl.DispatchDays), addBusinessDays(d.PlacedAt, lvl.DeliveryDays)
	t.Promise = Promise{DispatchBy: dispatch.Format(time.DateOnly), DeliverBy: deliver.Format(time.DateOnly)}
	t.Next = next(d, dispatch, deliver)
	return t
}

// next says in a sentence what happens now.
func next(d ordering.Detail, dispatch, deliver time.Time) string {
	day := func(t time.Time) string { return t.Format("2 Jan 2006") }
	switch d.Status {
	case ordering.Placed:
		return fmt.Sprintf("We will confirm your order shortly; it should leave our warehouse by %s.", day(dispatch))
	case ordering.Confirmed:
		return fmt.Sprintf("Your order is confirmed and will leave our warehouse by %s.", day(dispatch))
	case ordering.Processing:
		if len(d.Shipments) > 0 {
			return fmt.Sprintf("Part of your order is on its way; the rest leaves by %s.", day(dispatch))
		}
		return fmt.Sprintf("We are packing your order; it leaves our warehouse by %s.", day(dispatch))
	case ordering.Shipped:
		return fmt.Sprintf("Your order is on its way and should arrive by %s.", day(deliver))
	case ordering.Delivered:
		return "Your order was delivered. You can ask to return items from the order page."
	case ordering.Cancelled:
		return "This order was cancelled; nothing more will happen with it."
	case ordering.Returned:
		return "The returned items arrived back with us."
	}
	return ""
}

// addBusinessDays counts n weekdays on from t's UTC day (0: the same day, or the next weekday
// when t is at a weekend).
func addBusinessDays(t time.Time, n int) time.Time {
	d := time.Date(t.UTC().Year(), t.UTC().Month(), t.UTC().Day(), 0, 0, 0, 0, time.UTC)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n--
		}
	}
	return d
}
