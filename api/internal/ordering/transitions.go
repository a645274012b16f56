package ordering

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Move is a requested status change.
type Move struct {
	To      Status
	Note    string
	Version int  // the version the mover read; 0 skips the check (customer cancel)
	Restock bool // for returns: put the returned units back on hand
	Mover   Mover
	ActorID uuid.UUID
	// CustomerID, when set, limits the move to that customer's own order (anything else is
	// "not found", never "forbidden": no existence leak).
	CustomerID *uuid.UUID
}

// ChangeStatus moves an order along the lifecycle table, applying the move's stock effect, in one
// transaction with its event row and the customer's notification.
func (s *Service) ChangeStatus(ctx context.Context, reference string, m Move) (Order, error) {
	ref, err := ParseReference(reference)
	if err != nil {
		return Order{}, ErrOrderNotFound
	}
	m.Note = strings.TrimSpace(m.Note)
	if len(m.Note) > 1000 {
		return Order{}, apperr.Field("note", "at most 1000 characters")
	}
	var o Order
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Preload("Lines", func(db *gorm.DB) *gorm.DB { return db.Order("line_no") }).Where("reference = ?", ref)
		if m.CustomerID != nil {
			q = q.Where("customer_id = ?", *m.CustomerID)
		}
		if err := q.Take(&o).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrOrderNotFound
		} else if err != nil {
			return fmt.Errorf("load order: %w", err)
		}
		if m.Version != 0 && m.Version != o.Version {
			return ErrStaleOrder
		}
		t, err := Check(o.Status, m.To, m.Mover)
		if err != nil {
			return err
		}
		now := s.opt.Clock().UTC()
		res := tx.Model(&Order{}).Where("id = ? AND version = ?", o.ID, o.Version).
			Updates(map[string]any{"status": m.To, "version": o.Version + 1, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("update order: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrStaleOrder
		}
		if err := applyStock(tx, &o, t.Stock, m.Restock); err != nil {
			return err
		}
		from := o.Status
		kind := "staff"
		if m.Mover.Customer {
			kind = "customer"
		}
		actor := m.ActorID
		if err := tx.Create(&Event{ID: uuid.Must(uuid.NewV7()), OrderID: o.ID, FromStatus: &from, ToStatus: m.To, ActorKind: kind,
			ActorID: &actor, Note: m.Note, CreatedAt: now}).Error; err != nil {
			return fmt.Errorf("insert order event: %w", err)
		}
		o.Status, o.Version, o.UpdatedAt = m.To, o.Version+1, now
		return s.opt.Notifier.StatusChanged(ctx, tx, o, m.Note)
	})
	if err != nil {
		return Order{}, err
	}
	return o, nil
}

// applyStock does a transition's stock effect on every line, in SKU order like reservations.
func applyStock(tx *gorm.DB, o *Order, effect StockEffect, restock bool) error {
	lines := slices.Clone(o.Lines)
	slices.SortFunc(lines, func(a, b Line) int { return strings.Compare(a.SKU, b.SKU) })
	for _, l := range lines {
		open := l.Quantity - l.ShippedQty // still reserved
		var upd map[string]any
		var lineUpd map[string]any
		switch effect {
		case StockRelease:
			if open == 0 {
				continue
			}
			upd = map[string]any{"stock_reserved": gorm.Expr("stock_reserved - ?", open)}
		case StockShip:
			if open == 0 {
				continue
			}
			upd = map[string]any{"stock_on_hand": gorm.Expr("stock_on_hand - ?", open), "stock_reserved": gorm.Expr("stock_reserved - ?", open)}
			lineUpd = map[string]any{"shipped_qty": l.Quantity}
		case StockRestock:
			back := l.ShippedQty - l.ReturnedQty
			if back == 0 {
				continue
			}
			if restock {
				upd = map[string]any{"stock_on_hand": gorm.Expr("stock_on_hand + ?", back)}
			}
			lineUpd = map[string]any{"returned_qty": l.ShippedQty}
		default:
			return nil
		}
		if upd != nil {
			if err := tx.Model(&catalog.Product{}).Where("id = ?", l.ProductID).Updates(upd).Error; err != nil {
				return fmt.Errorf("stock for %s: %w", l.SKU, err)
			}
		}
		if lineUpd != nil {
			if err := tx.Model(&Line{}).Where("id = ?", l.ID).Updates(lineUpd).Error; err != nil {
				return fmt.Errorf("order line %s: %w", l.SKU, err)
			}
		}
	}
	return nil
}

// OrderQuery selects orders.
type OrderQuery struct {
	CustomerID *uuid.UUID
	Statuses   []Status
	Priorities []Priority
	Channels   []Channel
	Reference  string // a prefix of the reference, as typed
	Staff      bool   // queue order: priority, then age
	Before     *uuid.UUID
	After      *QueueCursor // staff queue position
	Limit      int
}

// QueueCursor is a position in the staff queue.
type QueueCursor struct {
	Rank     int       `json:"r"`
	PlacedAt time.Time `json:"t"`
	ID       uuid.UUID `json:"i"`
}

// Rank sorts priorities: urgent first.
func (p Priority) Rank() int {
	switch p {
	case Urgent:
		return 0
	case Express:
		return 1
	}
	return 2
}

const rankSQL = "(CASE priority WHEN 'urgent' THEN 0 WHEN 'express' THEN 1 ELSE 2 END)"

// Orders lists orders: a customer's own newest first, or the staff queue (urgent first, oldest
// first within a priority).
func (s *Service) Orders(ctx context.Context, q OrderQuery) ([]Order, error) {
	db := s.db.WithContext(ctx).Model(&Order{})
	if q.CustomerID != nil {
		db = db.Where("customer_id = ?", *q.CustomerID)
	}
	if len(q.Statuses) > 0 {
		db = db.Where("status IN ?", q.Statuses)
	}
	if len(q.Priorities) > 0 {
		db = db.Where("priority IN ?", q.Priorities)
	}
	if len(q.Channels) > 0 {
		db = db.Where("channel IN ?", q.Channels)
	}
	if q.Reference != "" {
		prefix := strings.ToUpper(strings.TrimSpace(q.Reference))
		prefix = strings.NewReplacer("%", "", "_", "", "\\", "").Replace(prefix)
		db = db.Where("reference LIKE ?", prefix+"%")
	}
	if q.Staff {
		if a := q.After; a != nil {
			db = db.Where(rankSQL+" > ? OR ("+rankSQL+" = ? AND (placed_at > ? OR (placed_at = ? AND id > ?)))", a.Rank, a.Rank, a.PlacedAt, a.PlacedAt, a.ID)
		}
		db = db.Order(rankSQL).Order("placed_at").Order("id")
	} else {
		if q.Before != nil {
			db = db.Where("id < ?", *q.Before)
		}
		db = db.Order("id DESC")
	}
	var out []Order
	if err := db.Limit(q.Limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list orders: %w", err)
	}
	return out, nil
}

// Detail is an order with its lines and timeline.
type Detail struct {
	Order
	Events []Event
}

// Get returns one order by reference; with a customer, only that customer's (else not found).
func (s *Service) Get(ctx context.Context, reference string, customerID *uuid.UUID) (Detail, error) {
	ref, err := ParseReference(reference)
	if err != nil {
		return Detail{}, ErrOrderNotFound
	}
	var d Detail
	q := s.db.WithContext(ctx).Preload("Lines", func(db *gorm.DB) *gorm.DB { return db.Order("line_no") }).Where("reference = ?", ref)
	if customerID != nil {
		q = q.Where("customer_id = ?", *customerID)
	}
	if err := q.Take(&d.Order).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return Detail{}, ErrOrderNotFound
	} else if err != nil {
		return Detail{}, fmt.Errorf("get order: %w", err)
	}
	if err := s.db.WithContext(ctx).Where("order_id = ?", d.ID).Order("created_at").Order("id").Find(&d.Events).Error; err != nil {
		return Detail{}, fmt.Errorf("order events: %w", err)
	}
	return d, nil
}

// loadLines fills the lines of a page of orders in one query.
func (s *Service) loadLines(ctx context.Context, orders []Order) error {
	if len(orders) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	var lines []Line
	if err := s.db.WithContext(ctx).Where("order_id IN ?", ids).Order("line_no").Find(&lines).Error; err != nil {
		return fmt.Errorf("order lines: %w", err)
	}
	by := map[uuid.UUID][]Line{}
	for _, l := range lines {
		by[l.OrderID] = append(by[l.OrderID], l)
	}
	for i := range orders {
		orders[i].Lines = by[orders[i].ID]
	}
	return nil
}
