package ordering

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Details loads one customer's orders among the given references (already in canonical form),
// with lines, timeline and shipments, in four queries whatever their number. References of other
// customers are simply not there.
func (s *Service) Details(ctx context.Context, customerID uuid.UUID, refs []string) ([]Detail, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	var orders []Order
	if err := s.db.WithContext(ctx).Where("customer_id = ? AND reference IN ?", customerID, refs).Find(&orders).Error; err != nil {
		return nil, fmt.Errorf("orders by reference: %w", err)
	}
	return s.details(ctx, orders)
}

// OpenOrders loads a customer's orders that are still on their way (not delivered, cancelled or
// returned), oldest first, at most limit.
func (s *Service) OpenOrders(ctx context.Context, customerID uuid.UUID, limit int) ([]Detail, error) {
	var orders []Order
	err := s.db.WithContext(ctx).Where("customer_id = ? AND status IN ?", customerID, []Status{Placed, Confirmed, Processing, Shipped}).
		Order("placed_at").Order("id").Limit(limit).Find(&orders).Error
	if err != nil {
		return nil, fmt.Errorf("open orders: %w", err)
	}
	return s.details(ctx, orders)
}

func (s *Service) details(ctx context.Context, orders []Order) ([]Detail, error) {
	if len(orders) == 0 {
		return nil, nil
	}
	if err := s.loadLines(ctx, orders); err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	db := s.db.WithContext(ctx)
	var events []Event
	if err := db.Where("order_id IN ?", ids).Order("created_at").Order("id").Find(&events).Error; err != nil {
		return nil, fmt.Errorf("order events: %w", err)
	}
	var shipments []Shipment
	if err := db.Preload("Lines", func(db *gorm.DB) *gorm.DB { return db.Order("order_line_id") }).
		Where("order_id IN ?", ids).Order("number").Find(&shipments).Error; err != nil {
		return nil, fmt.Errorf("shipments: %w", err)
	}
	out := make([]Detail, len(orders))
	at := map[uuid.UUID]int{}
	for i, o := range orders {
		out[i].Order, at[o.ID] = o, i
	}
	for _, e := range events {
		d := &out[at[e.OrderID]]
		d.Events = append(d.Events, e)
	}
	for _, sh := range shipments {
		d := &out[at[sh.OrderID]]
		d.Shipments = append(d.Shipments, sh)
	}
	return out, nil
}

// ShipmentViews turns an order's shipments into their API form.
func ShipmentViews(d Detail) []ShipmentView {
	lines := map[uuid.UUID]Line{}
	for _, l := range d.Lines {
		lines[l.ID] = l
	}
	out := make([]ShipmentView, len(d.Shipments))
	for i, sh := range d.Shipments {
		out[i] = shipmentView(sh, lines)
	}
	return out
}
