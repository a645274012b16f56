package ordering

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/pricing"
)

// On PostgreSQL an order's writes go to the server as one statement (one round trip instead of
// a dozen): the stock reservation, the order, its lines, its first event, the cart clean-up, the
// stored answer for the request's idempotency key (Receipt), the offers' redemptions, the "order
// placed" messages and their sending jobs (PlacedNotice) and the duplicate guard's look-back are
// parts of one WITH query (writeOrderPG). SQLite keeps them as separate statements (Place):
// there the database is in process and round trips cost nothing.
//
// Why this is safe:
//   - Stock rows are locked in SKU order by the `locked` part (SELECT … ORDER BY sku FOR UPDATE:
//     PostgreSQL locks rows as they leave the sort), and the UPDATE only touches rows that part
//     has already locked, so two orders for overlapping products still take their locks in the
//     same order and never deadlock. The UPDATE is conditional (stock_on_hand − stock_reserved ≥
//     quantity, re-checked on the newest row version), so nothing oversells; a product it did not
//     reserve is missing from RETURNING and the whole transaction rolls back.
//   - The order id is drawn here, so the lines and the event need not wait for the order's
//     INSERT; foreign keys are checked at the end of the statement, when all parts are written.
//   - Every part reads the snapshot taken before the statement: the duplicate guard's SELECT sees
//     earlier orders, never this one. A duplicate rolls the transaction back like a shortage does.
//   - A reference already taken (40 random bits: practically never) fails the statement on the
//     unique index; Place then runs the whole transaction again with a new reference.

// errReferenceTaken: the drawn reference exists; Place retries the transaction.
var errReferenceTaken = errors.New("order reference already taken")

// orderWrite is what one order writes (writeOrderPG, writeOrder).
type orderWrite struct {
	quote       pricing.OrderQuote
	order       *Order // with Lines
	event       Event
	dupSince    *time.Time // nil: the customer confirmed a possible duplicate
	updatedAt   time.Time
	receipt     func(*gorm.DB) *gorm.DB // nil: no answer to store (see Receipt)
	notice      []db.Statement          // the "order placed" notice's parts (see PlacedNotice)
	redemptions []pricing.Redemption    // the offers the order uses
}

func writeOrderPG(tx *gorm.DB, w orderWrite) error {
	o, q := w.order, w.quote
	ids := make([]uuid.UUID, len(q.Products))
	for i, p := range q.Products {
		ids[i] = p.ID
	}
	var sql strings.Builder
	var vars []any
	add := func(name string, f func(*gorm.DB) *gorm.DB) {
		p := db.Built(tx, f)
		fmt.Fprintf(&sql, ", %s AS (%s)", name, p.SQL)
		vars = append(vars, p.Vars...)
	}
	// want: the quantities to reserve; locked: the rows, locked in SKU order.
	sql.WriteString("WITH want (id, qty) AS (VALUES ")
	for i, l := range q.Lines {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(?::uuid, ?::integer)")
		vars = append(vars, ids[i], l.Quantity)
	}
	sql.WriteString("), locked AS MATERIALIZED (SELECT id FROM products WHERE id IN ? ORDER BY sku FOR UPDATE)")
	vars = append(vars, ids)
	sql.WriteString(`, reserved AS (UPDATE products p SET stock_reserved = p.stock_reserved + want.qty, updated_at = ? FROM want
		WHERE p.id = want.id AND p.id IN (SELECT id FROM locked) AND p.stock_on_hand - p.stock_reserved >= want.qty RETURNING p.id)`)
	vars = append(vars, w.updatedAt)
	add("new_order", func(d *gorm.DB) *gorm.DB { return d.Omit("Lines").Create(o) })
	add("new_lines", func(d *gorm.DB) *gorm.DB { return d.Create(&o.Lines) })
	add("new_event", func(d *gorm.DB) *gorm.DB { return d.Create(&w.event) })
	add("cart", func(d *gorm.DB) *gorm.DB {
		return d.Where("customer_id = ? AND product_id IN ?", o.CustomerID, ids).Delete(&CartItem{})
	})
	if w.receipt != nil {
		add("receipt", w.receipt)
	}
	if len(w.redemptions) > 0 {
		add("redemptions", func(d *gorm.DB) *gorm.DB { return d.Create(&w.redemptions) })
	}
	for i, p := range w.notice {
		fmt.Fprintf(&sql, ", notice_%d AS (%s)", i, p.SQL)
		vars = append(vars, p.Vars...)
	}
	sql.WriteString(" SELECT 'reserved' AS kind, id::text AS value FROM reserved")
	if w.dupSince != nil {
		sql.WriteString(` UNION ALL (SELECT 'duplicate', reference FROM orders WHERE customer_id = ? AND lines_hash = ? AND placed_at > ? AND status <> ?
			ORDER BY placed_at DESC LIMIT 1)`)
		vars = append(vars, o.CustomerID, o.LinesHash, *w.dupSince, Cancelled)
	}
	var rows []struct{ Kind, Value string }
	err := tx.Raw(sql.String(), vars...).Find(&rows).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return errReferenceTaken
	}
	if err != nil {
		return fmt.Errorf("write order: %w", err)
	}
	reserved := map[string]bool{}
	for _, r := range rows {
		switch r.Kind {
		case "duplicate":
			return duplicateOf(r.Value)
		case "reserved":
			reserved[r.Value] = true
		}
	}
	for _, i := range skuOrder(q) {
		if !reserved[ids[i].String()] {
			return outOfStock(q.Products[i], q.Lines[i].Quantity)
		}
	}
	return nil
}

// skuOrder is the order in which lines take stock: by SKU, so concurrent orders never deadlock.
func skuOrder(q pricing.OrderQuote) []int {
	idx := make([]int, len(q.Lines))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return strings.Compare(q.Products[a].SKU, q.Products[b].SKU) })
	return idx
}

// Problem types of orders (see httpx.Problem.Type).
const (
	ProblemOutOfStock        = "urn:oms:problem:out-of-stock"       // subject: the SKU
	ProblemPossibleDuplicate = "urn:oms:problem:possible-duplicate" // subject: the earlier order's reference
	// The lifecycle has no such move from the order's status (subject); the order's
	// allowed_transitions say which it has.
	ProblemInvalidTransition = "urn:oms:problem:invalid-transition"
)

func outOfStock(p catalog.Product, qty int) error {
	return apperr.Conflict(fmt.Sprintf("out of stock: %s (%s) has fewer than %d available", p.SKU, p.Name, qty)).Typed(ProblemOutOfStock, p.SKU)
}

func duplicateOf(ref string) error {
	return apperr.Conflict(fmt.Sprintf("possible duplicate of %s, placed a moment ago with the same items and total; send confirm_duplicate: true to place it anyway", ref)).
		Typed(ProblemPossibleDuplicate, ref)
}
