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
// transaction with its event row and the customer's notification. Shipping and returning by
// status go through the same bookkeeping as shipments and returns (a shipment of everything
// left, a received return of everything delivered), so per-line quantities always add up.
func (s *Service) ChangeStatus(ctx context.Context, reference string, m Move) (Order, error) {
	note, err := cleanNote(m.Note)
	if err != nil {
		return Order{}, err
	}
	return s.mutate(ctx, reference, target{version: m.Version, customerID: m.CustomerID, mover: m.Mover, actorID: m.ActorID}, func(c *change) error {
		t, err := Check(c.o.Status, m.To, m.Mover)
		if err != nil {
			return err
		}
		switch t.Stock {
		case StockRelease:
			if err := c.release(); err != nil {
				return err
			}
		case StockShip:
			if note == "" {
				note = "Shipped without tracking details"
			}
			return c.ship(shipmentInput{note: note}, nil)
		case StockRestock:
			return c.returnEverything(note, m.Restock)
		}
		if m.To == Delivered {
			if err := c.deliverAll(); err != nil {
				return err
			}
		}
		return c.moveTo(m.To, note)
	})
}

func cleanNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	if len(note) > 1000 {
		return "", apperr.Field("note", "at most 1000 characters")
	}
	return note, nil
}

// target says which order an edit is for and who makes it.
type target struct {
	version int // the version the editor read; 0 skips the check (customer actions)
	// customerID, when set, limits the edit to that customer's own order (anything else is
	// "not found", never "forbidden": no existence leak).
	customerID *uuid.UUID
	mover      Mover
	actorID    uuid.UUID
}

// change is one edit of an order inside its transaction.
type change struct {
	ctx context.Context
	s   *Service
	tx  *gorm.DB
	o   *Order // with its lines, by line number
	t   target
	now time.Time
}

// mutate runs one edit of an order in a transaction: it loads the order, checks the version the
// editor read and bumps it first (so concurrent edits of one order queue up on its row and the
// later one fails as stale instead of interleaving), then runs fn.
func (s *Service) mutate(ctx context.Context, reference string, t target, fn func(*change) error) (Order, error) {
	ref, err := ParseReference(reference)
	if err != nil {
		return Order{}, ErrOrderNotFound
	}
	var o Order
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Preload("Lines", func(db *gorm.DB) *gorm.DB { return db.Order("line_no") }).Where("reference = ?", ref)
		if t.customerID != nil {
			q = q.Where("customer_id = ?", *t.customerID)
		}
		if err := q.Take(&o).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrOrderNotFound
		} else if err != nil {
			return fmt.Errorf("load order: %w", err)
		}
		if t.version != 0 && t.version != o.Version {
			return ErrStaleOrder
		}
		now := s.opt.Clock().UTC()
		res := tx.Model(&Order{}).Where("id = ? AND version = ?", o.ID, o.Version).
			Updates(map[string]any{"version": o.Version + 1, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("update order: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrStaleOrder
		}
		o.Version, o.UpdatedAt = o.Version+1, now
		return fn(&change{ctx: ctx, s: s, tx: tx, o: &o, t: t, now: now})
	})
	if err != nil {
		return Order{}, err
	}
	s.changed(o)
	return o, nil
}

// moveTo sets the order's status and records the move.
func (c *change) moveTo(to Status, note string) error {
	from := c.o.Status
	if err := c.tx.Model(&Order{}).Where("id = ?", c.o.ID).Update("status", to).Error; err != nil {
		return fmt.Errorf("update order status: %w", err)
	}
	c.o.Status = to
	return c.record(from, note)
}

// record writes a timeline event (from → the order's current status; the same status for steps
// such as a partial shipment) and tells the customer.
func (c *change) record(from Status, note string) error {
	kind := "staff"
	if c.t.mover.Customer {
		kind = "customer"
	}
	actor := c.t.actorID
	if err := c.tx.Create(&Event{ID: uuid.Must(uuid.NewV7()), OrderID: c.o.ID, FromStatus: &from, ToStatus: c.o.Status, ActorKind: kind,
		ActorID: &actor, Note: note, CreatedAt: c.now}).Error; err != nil {
		return fmt.Errorf("insert order event: %w", err)
	}
	return c.s.opt.Notifier.StatusChanged(c.ctx, c.tx, *c.o, note)
}

// bySKU returns the order's lines in SKU order: every stock update of an order takes product rows
// in this order, like reservations do, so concurrent edits cannot deadlock.
func (c *change) bySKU() []*Line {
	out := make([]*Line, len(c.o.Lines))
	for i := range c.o.Lines {
		out[i] = &c.o.Lines[i]
	}
	slices.SortFunc(out, func(a, b *Line) int { return strings.Compare(a.SKU, b.SKU) })
	return out
}

// release gives every still-reserved unit back to available stock (cancel).
func (c *change) release() error {
	for _, l := range c.bySKU() {
		if l.open() == 0 {
			continue
		}
		if err := c.tx.Model(&catalog.Product{}).Where("id = ?", l.ProductID).
			Update("stock_reserved", gorm.Expr("stock_reserved - ?", l.open())).Error; err != nil {
			return fmt.Errorf("release stock of %s: %w", l.SKU, err)
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
	View       View
	PlacedFrom *time.Time // inclusive
	PlacedTo   *time.Time // exclusive
	Before     *uuid.UUID
	After      *QueueCursor // staff queue position
	Limit      int
}

// View is a saved view of the staff queue.
type View string

const (
	ViewToConfirm   View = "to_confirm"    // placed orders, waiting for staff
	ViewToShipToday View = "to_ship_today" // confirmed or processing, due within two days or undated
)

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
	if q.PlacedFrom != nil {
		db = db.Where("placed_at >= ?", *q.PlacedFrom)
	}
	if q.PlacedTo != nil {
		db = db.Where("placed_at < ?", *q.PlacedTo)
	}
	switch q.View {
	case ViewToConfirm:
		db = db.Where("status = ?", Placed)
	case ViewToShipToday:
		due := s.opt.Clock().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
		db = db.Where("status IN ?", []Status{Confirmed, Processing}).
			Where("(requested_delivery_date IS NULL OR requested_delivery_date <= ?)", due)
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
	Fulfilment
}

// Get returns one order by reference; with a customer, only that customer's (else not found).
func (s *Service) Get(ctx context.Context, reference string, customerID *uuid.UUID) (Detail, error) {
	ref, err := ParseReference(reference)
	if err != nil {
		return Detail{}, ErrOrderNotFound
	}
	var o Order
	q := s.db.WithContext(ctx).Where("reference = ?", ref)
	if customerID != nil {
		q = q.Where("customer_id = ?", *customerID)
	}
	if err := q.Take(&o).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return Detail{}, ErrOrderNotFound
	} else if err != nil {
		return Detail{}, fmt.Errorf("get order: %w", err)
	}
	ds, err := s.details(ctx, []Order{o}) // lines, timeline and shipments, as tracking loads them
	if err != nil {
		return Detail{}, err
	}
	d := ds[0]
	if err := s.db.WithContext(ctx).Preload("Lines").Where("order_id = ?", o.ID).Order("number").Find(&d.Returns).Error; err != nil {
		return Detail{}, fmt.Errorf("returns: %w", err)
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
