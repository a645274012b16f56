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
// parts of one WITH query (writeOrderPG). One statement is atomic by itself, so Place runs it
// outside a transaction (no BEGIN and COMMIT round trips) after the order's reads, on the same
// connection. SQLite keeps them as separate statements in a transaction (writeOrder): there the
// database is in process and round trips cost nothing.
//
// Why this is safe:
//   - Stock rows are locked in SKU order by the `locked` part (SELECT … ORDER BY sku FOR UPDATE:
//     PostgreSQL locks rows as they leave the sort), and the UPDATE only touches rows that part
//     has already locked, so two orders for overlapping products still take their locks in the
//     same order and never deadlock. The UPDATE is conditional (stock_on_hand − stock_reserved ≥
//     quantity, re-checked on the newest row version), so nothing oversells.
//   - A refusal ends the statement with an error (db.RefuseSQL), so nothing of it commits: a
//     product the UPDATE did not reserve (missing from its RETURNING), or the duplicate guard's
//     find. Only then does the statement hand the idempotency key's session lock to its own
//     transaction (KeyClaim.Unlock), so the key stays locked until the order commits.
//   - The order id is drawn here, so the lines and the event need not wait for the order's
//     INSERT; foreign keys are checked at the end of the statement, when all parts are written.
//   - Every part reads the snapshot taken before the statement: the duplicate guard's SELECT sees
//     earlier orders, never this one.
//   - A reference already taken (40 random bits: practically never) fails the statement on the
//     unique index; Place then runs the whole attempt again with a new reference. So does a
//     request that lost the race for its idempotency key (the key's unique index), or that was
//     refused after another request with its key committed (Place checks KeyClaim.Unanswered):
//     its next attempt finds the stored answer and replays it.
//   - Prices, offers and stock were read before the statement, outside it, as they were at READ
//     COMMITTED inside a transaction: the stock is re-checked on the locked rows, and an offer
//     with usage limits is redeemed in a transaction under its lock (Place).

// errReferenceTaken: the drawn reference exists (or another request stored the idempotency
// key's answer first); Place tries again.
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
	unlock      *db.Statement           // releases the idempotency key's session lock (KeyClaim.Unlock)
}

func writeOrderPG(tx *gorm.DB, w orderWrite) error {
	o, q := w.order, w.quote
	ids := make([]uuid.UUID, len(q.Products))
	for i, p := range q.Products {
		ids[i] = p.ID
	}
	var sql strings.Builder
	var vars []any
	part := func(name string, p db.Statement) {
		fmt.Fprintf(&sql, ", %s AS (%s)", name, p.SQL)
		vars = append(vars, p.Vars...)
	}
	add := func(name string, f func(*gorm.DB) *gorm.DB) { part(name, db.Built(tx, f)) }
	// want: the quantities to reserve (pos: the line's place in SKU order); locked: the rows,
	// locked in SKU order.
	pos := make([]int, len(q.Lines))
	for p, i := range skuOrder(q) {
		pos[i] = p
	}
	sql.WriteString("WITH want (id, qty, pos) AS (VALUES ")
	for i, l := range q.Lines {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(?::uuid, ?::integer, ?::integer)")
		vars = append(vars, ids[i], l.Quantity, pos[i])
	}
	sql.WriteString("), locked AS MATERIALIZED (SELECT id FROM products WHERE id IN (")
	for i, id := range ids {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("?")
		vars = append(vars, id)
	}
	sql.WriteString(") ORDER BY sku FOR UPDATE)")
	sql.WriteString(`, reserved AS (UPDATE products p SET stock_reserved = p.stock_reserved + want.qty, updated_at = ? FROM want
		WHERE p.id = want.id AND p.id IN (SELECT id FROM locked) AND p.stock_on_hand - p.stock_reserved >= want.qty RETURNING p.id)`)
	vars = append(vars, w.updatedAt)
	part("new_order", db.InsertOf(tx, o)) // its Lines are not a column
	part("new_lines", db.InsertOf(tx, &o.Lines))
	part("new_event", db.InsertOf(tx, &w.event))
	add("cart", func(d *gorm.DB) *gorm.DB {
		return d.Where("customer_id = ? AND product_id IN ?", o.CustomerID, ids).Delete(&CartItem{})
	})
	if w.receipt != nil {
		add("receipt", w.receipt)
	}
	if len(w.redemptions) > 0 {
		part("redemptions", db.InsertOf(tx, &w.redemptions))
	}
	for i, p := range w.notice {
		fmt.Fprintf(&sql, ", notice_%d AS (%s)", i, p.SQL)
		vars = append(vars, p.Vars...)
	}
	// The refusals end the statement, and with it everything it wrote: a possible duplicate, then
	// the first line in SKU order whose product could not be reserved. Then the key's lock is
	// released (the branches of UNION ALL run in turn: only when nothing was refused).
	sql.WriteString(" SELECT NULL::text AS refused WHERE false")
	if w.dupSince != nil {
		sql.WriteString(" UNION ALL SELECT " + db.RefuseSQL("'duplicate'", "d.reference") + ` FROM (SELECT reference FROM orders
			WHERE customer_id = ? AND lines_hash = ? AND placed_at > ? AND status <> ?`)
		vars = append(vars, o.CustomerID, o.LinesHash, *w.dupSince, Cancelled)
		sql.WriteString(" ORDER BY placed_at DESC LIMIT 1) d")
	}
	sql.WriteString(" UNION ALL SELECT " + db.RefuseSQL("'out of stock'", "s.id::text") + " FROM (SELECT id FROM want WHERE id NOT IN (SELECT id FROM reserved)")
	sql.WriteString(" ORDER BY pos LIMIT 1) s")
	if w.unlock != nil {
		sql.WriteString(" UNION ALL SELECT " + w.unlock.SQL + "::text")
		vars = append(vars, w.unlock.Vars...)
	}
	err := db.Query(tx, db.Statement{SQL: sql.String(), Vars: vars}, nil)
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return errReferenceTaken
	}
	if kind, subject, ok := db.Refused(err); ok {
		switch kind {
		case "duplicate":
			return duplicateOf(subject)
		case "out of stock":
			for i, p := range q.Products {
				if p.ID.String() == subject {
					return outOfStock(p, q.Lines[i].Quantity)
				}
			}
		}
	}
	if err != nil {
		return fmt.Errorf("write order: %w", err)
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
