package ordering

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
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

// Pricer prices an order inside its transaction and records coupon/offer use (pricing).
type Pricer interface {
	QuoteTx(ctx context.Context, tx *gorm.DB, v catalog.Viewer, lines []pricing.LineRequest, coupon string, at time.Time, also ...db.Read) (pricing.OrderQuote, error)
	RedemptionTx(ctx context.Context, tx *gorm.DB, a pricing.AppliedOffer, customerID uuid.UUID, orderRef string) (pricing.Redemption, error)
}

// Notifier tells the customer about their order, through the messaging outbox, in the
// order's transaction (app implements it with notify). OrderPlaced gets the buyer's contact read
// with the account before the transaction, so placing an order reads no account inside it.
type Notifier interface {
	OrderPlaced(ctx context.Context, tx *gorm.DB, o Order, to Contact) error
	StatusChanged(ctx context.Context, tx *gorm.DB, o Order, note string) error
}

// PlacedNotice is what a Notifier may also do on PostgreSQL: put the "order placed" notice into
// the order's own statements instead of statements of its own — read (its look-ups) joins the
// transaction's first reads, and parts, called once read has run with the order about to be
// written, returns data-modifying parts of the order's write statement (built on tx).
type PlacedNotice interface {
	PrepareOrderPlaced(to Contact) (read db.Read, parts func(tx *gorm.DB, o Order) ([]db.Statement, error))
}

// Options configure the service.
type Options struct {
	Pricer    Pricer
	Notifier  Notifier
	Clock     func() time.Time
	Surcharge map[Priority]int64 // shipping surcharge per priority, in the order's currency's minor units
	// DuplicateWindow: the same customer placing the same lines and total within it gets a
	// "possible duplicate" answer unless they confirm.
	DuplicateWindow time.Duration
	Seller          Seller // who issues confirmations and invoices
	// Changed, when set, hears about every order change after it committed (live updates).
	Changed func(Order)
	// Postgres: the database is PostgreSQL, where an order's writes go as one statement
	// (place_pg.go).
	Postgres bool
	// Reference draws a new order reference (NewReference when nil).
	Reference func() string
}

// referenceTries bounds Place's retries when a drawn reference is taken (see errReferenceTaken).
const referenceTries = 5

// Service holds the ordering rules.
type Service struct {
	db  *gorm.DB
	opt Options
}

func NewService(db *gorm.DB, opt Options) *Service {
	if opt.DuplicateWindow == 0 {
		opt.DuplicateWindow = 10 * time.Minute
	}
	if opt.Reference == nil {
		opt.Reference = NewReference
	}
	return &Service{db: db, opt: opt}
}

// Buyer is the customer an order is for.
type Buyer struct {
	CustomerID uuid.UUID
	Business   bool
	Groups     []uuid.UUID
	Name       string
	LoginID    string
	Address    Address // the account's address: the default shipping address
	Contact    Contact
}

// Contact is where, and how, the customer wants to hear about their orders.
type Contact struct {
	Email         string
	Phone         string
	PhoneVerified bool
	UpdatesEmail  bool // the account's choice for order updates (an order may override it)
	UpdatesSMS    bool
}

func (b Buyer) viewer() catalog.Viewer {
	id := b.CustomerID
	return catalog.Viewer{Business: b.Business, CustomerID: &id, Groups: b.Groups}
}

// ItemInput is one requested line.
type ItemInput struct {
	SKU      string
	Quantity int
}

// PlaceInput is an order as the customer (or staff for them) sends it. Prices are never part of
// it: the server prices everything.
type PlaceInput struct {
	Items                 []ItemInput
	ShippingAddress       *Address // nil: the account's address
	Priority              Priority
	PurchaseOrderNumber   string
	RequestedDeliveryDate string // YYYY-MM-DD
	CouponCode            string
	Notes                 string
	ConfirmDuplicate      bool
	Channel               Channel
	StaffID               *uuid.UUID // staff order entry
	Receipt               Receipt    // optional
	Key                   KeyClaim   // optional
}

// KeyClaim is the request's idempotency key when it is claimed with the order's own statements
// (idempotency.Claim with Options.InTransaction): Read joins the transaction's first reads (the
// products and prices: one round trip); Check, right after, refuses the request or ends it with
// the stored answer before anything is written.
//
// On PostgreSQL an order is placed outside a transaction (see Place): SessionRead then takes the
// key's lock for the connection, and Unlock gives the expression the order's write statement
// runs to release it when the order commits, and whether it is held. Unanswered is an SQL
// condition: no answer is stored under the key yet (see Service.answeredMeanwhile).
type KeyClaim interface {
	Read() db.Read
	SessionRead() db.Read
	Check(ctx context.Context, tx *gorm.DB) error
	Unlock() (db.Statement, bool)
	Unanswered() db.Statement
}

// Receipt stores the answer to the request that places an order (its idempotency key's
// response) in the order's own transaction: given the order about to be written, it returns the
// statement that stores the answer. It may be called more than once (see errReferenceTaken); the
// last call's answer is the one committed.
type Receipt func(o Order) (save func(db *gorm.DB) *gorm.DB, err error)

var (
	ErrOrderNotFound = apperr.NotFound("order not found")
	ErrStaleOrder    = apperr.Stale("the order was changed by someone else since you loaded it; reload and try again")
)

func (in *PlaceInput) normalize(b Buyer, today time.Time) (Address, error) {
	var fields []apperr.FieldError
	bad := func(f, m string) { fields = append(fields, apperr.FieldError{Field: f, Message: m}) }
	if len(in.Items) == 0 {
		bad("items", "must list at least one product")
	}
	if len(in.Items) > pricing.MaxQuoteLines {
		bad("items", fmt.Sprintf("at most %d lines", pricing.MaxQuoteLines))
	}
	switch in.Priority {
	case "":
		in.Priority = Standard
	case Standard, Express, Urgent:
	default:
		bad("priority", "must be standard, express or urgent")
	}
	in.PurchaseOrderNumber = strings.TrimSpace(in.PurchaseOrderNumber)
	if len(in.PurchaseOrderNumber) > 64 {
		bad("purchase_order_number", "at most 64 characters")
	}
	if in.RequestedDeliveryDate != "" {
		d, err := time.Parse(time.DateOnly, in.RequestedDeliveryDate)
		if err != nil {
			bad("requested_delivery_date", "must be a date like 2027-03-01")
		} else if d.Before(today.Truncate(24 * time.Hour)) {
			bad("requested_delivery_date", "must not be in the past")
		}
	}
	in.Notes = strings.TrimSpace(in.Notes)
	if len(in.Notes) > 2000 {
		bad("notes", "at most 2000 characters")
	}
	addr := b.Address
	addr.Name, addr.Phone = b.Name, b.Contact.Phone
	if in.ShippingAddress != nil {
		addr = *in.ShippingAddress
		addr.Name, addr.Line1, addr.Line2 = strings.TrimSpace(addr.Name), strings.TrimSpace(addr.Line1), strings.TrimSpace(addr.Line2)
		addr.City, addr.PostalCode = strings.TrimSpace(addr.City), strings.TrimSpace(addr.PostalCode)
		addr.Country = strings.ToUpper(strings.TrimSpace(addr.Country))
		if addr.Name == "" {
			addr.Name = b.Name
		}
		for f, v := range map[string]string{"line1": addr.Line1, "city": addr.City, "postal_code": addr.PostalCode} {
			if v == "" || len(v) > 200 {
				bad("shipping_address."+f, "is required (at most 200 characters)")
			}
		}
		if len(addr.Country) != 2 {
			bad("shipping_address.country", "must be a two-letter country code like US")
		}
	}
	if len(fields) > 0 {
		return Address{}, apperr.Invalid("the order has invalid fields", fields...)
	}
	return addr, nil
}

// linesHash identifies "the same order" for the duplicate guard: the products, quantities and
// total, whatever their order in the request.
func linesHash(q pricing.OrderQuote, total int64) string {
	parts := make([]string, len(q.Lines))
	for i, l := range q.Lines {
		parts[i] = fmt.Sprintf("%s:%d", l.ProductID, l.Quantity)
	}
	slices.Sort(parts)
	sum := sha256.Sum256([]byte(strings.Join(parts, ",") + fmt.Sprintf("|%d", total)))
	return hex.EncodeToString(sum[:16])
}

// Place prices, checks and stores an order atomically: prices are computed here (never taken
// from the client), quantities are checked against minimums and pack sizes, stock is reserved
// with conditional updates in SKU order (no oversell, no deadlock), and the order, its lines, its
// first event, coupon use and the "order placed" message are written together.
//
// On PostgreSQL the write is one statement (place_pg.go), atomic on its own, so the order runs
// outside a transaction, on one connection: its reads, then its write, with no BEGIN and COMMIT
// round trips. Only an order that redeems an offer with usage limits opens a transaction, for the
// offer's lock. Elsewhere (SQLite) it is one transaction of several statements.
func (s *Service) Place(ctx context.Context, b Buyer, in PlaceInput) (Order, error) {
	now := s.opt.Clock().UTC()
	addr, err := in.normalize(b, now)
	if err != nil {
		return Order{}, err
	}
	lines := make([]pricing.LineRequest, len(in.Items))
	for i, it := range in.Items {
		lines[i] = pricing.LineRequest{SKU: it.SKU, Quantity: it.Quantity}
	}
	pn, oneStatement := s.opt.Notifier.(PlacedNotice)
	oneStatement = oneStatement && s.opt.Postgres
	var o Order
	checked := false // the attempt's key passed Check
	// place runs one attempt on h: the connection (oneStatement) or the transaction.
	place := func(h *gorm.DB) error {
		var also []db.Read
		if in.Key != nil {
			if oneStatement {
				also = append(also, in.Key.SessionRead())
			} else {
				also = append(also, in.Key.Read())
			}
		}
		var notice func(*gorm.DB, Order) ([]db.Statement, error)
		if oneStatement {
			var read db.Read
			read, notice = pn.PrepareOrderPlaced(b.Contact)
			also = append(also, read)
		}
		q, err := s.opt.Pricer.QuoteTx(ctx, h, b.viewer(), lines, in.CouponCode, now, also...)
		if in.Key != nil {
			if err := in.Key.Check(ctx, h); err != nil {
				return err
			}
			checked = true
		}
		if err != nil {
			return err
		}
		if err := checkQuantities(q); err != nil {
			return err
		}
		shipping := s.opt.Surcharge[in.Priority]
		total := q.Total + shipping
		applied, _ := json.Marshal(appliedOffers(q))
		o = Order{ID: uuid.Must(uuid.NewV7()), Reference: s.opt.Reference(), CustomerID: b.CustomerID, CustomerName: b.Name, CustomerLoginID: b.LoginID, Status: Placed,
			Priority: in.Priority, Channel: in.Channel, Currency: q.Currency, Subtotal: q.Subtotal, Discount: q.Discount, Tax: q.Tax, Shipping: shipping, Total: total,
			AppliedOffers: string(applied), Notes: in.Notes, Ship: addr, LinesHash: linesHash(q, total), PlacedByStaffID: in.StaffID,
			PlacedAt: now, UpdatedAt: now, Version: 1}
		if c := pricing.NormalizeCode(in.CouponCode); c != "" {
			o.CouponCode = &c
		}
		if in.PurchaseOrderNumber != "" {
			o.PurchaseOrderNumber = &in.PurchaseOrderNumber
		}
		if in.RequestedDeliveryDate != "" {
			o.RequestedDeliveryDate = &in.RequestedDeliveryDate
		}
		o.PaymentTerms = paymentTerms(b)
		o.Lines = make([]Line, len(q.Lines))
		for i, l := range q.Lines {
			p := q.Products[i]
			expl, _ := json.Marshal(l.Explanation)
			o.Lines[i] = Line{ID: uuid.Must(uuid.NewV7()), OrderID: o.ID, LineNo: i + 1, ProductID: p.ID, SKU: p.SKU, Name: p.Name, Quantity: l.Quantity,
				UnitPrice: l.Unit, ListUnitPrice: l.ListUnit, Discount: l.OrderDiscount, TaxRateBP: l.TaxRateBP, Tax: l.Tax, Total: l.Total, Explanation: string(expl)}
		}
		actor, actorID := "customer", &b.CustomerID
		if in.StaffID != nil {
			actor, actorID = "staff", in.StaffID
		}
		ev := Event{ID: uuid.Must(uuid.NewV7()), OrderID: o.ID, ToStatus: Placed, ActorKind: actor, ActorID: actorID, CreatedAt: now}
		var dupSince *time.Time
		if !in.ConfirmDuplicate {
			since := now.Add(-s.opt.DuplicateWindow)
			dupSince = &since
		}
		var receipt func(*gorm.DB) *gorm.DB
		if in.Receipt != nil {
			if receipt, err = in.Receipt(o); err != nil {
				return fmt.Errorf("order receipt: %w", err)
			}
		}
		write := func(tx *gorm.DB) error {
			// Offer uses: limits are checked now (under the offer's lock), the records written
			// with the order.
			reds := make([]pricing.Redemption, 0, len(q.Applied))
			for _, a := range q.Applied {
				red, err := s.opt.Pricer.RedemptionTx(ctx, tx, a, b.CustomerID, o.Reference)
				if err != nil {
					return err
				}
				reds = append(reds, red)
			}
			w := orderWrite{quote: q, order: &o, event: ev, dupSince: dupSince, updatedAt: now, receipt: receipt, redemptions: reds}
			if !oneStatement {
				wr := writeOrder
				if s.opt.Postgres {
					wr = writeOrderPG
				}
				if err := wr(tx, w); err != nil {
					return err
				}
				return s.opt.Notifier.OrderPlaced(ctx, tx, o, b.Contact)
			}
			if w.notice, err = notice(tx, o); err != nil {
				return fmt.Errorf("order notice: %w", err)
			}
			if in.Key != nil {
				if unlock, held := in.Key.Unlock(); held {
					w.unlock = &unlock
				}
			}
			return writeOrderPG(tx, w)
		}
		if oneStatement && slices.ContainsFunc(q.Applied, func(a pricing.AppliedOffer) bool { return a.Limited }) {
			return h.Transaction(write)
		}
		return write(h)
	}
	if oneStatement {
		err = s.db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
			conn = conn.Session(&gorm.Session{NewDB: true}) // each statement starts afresh
			locked := false                                 // the key's lock may be the session's
			defer func() {
				if locked { // the attempt panicked
					s.unlockAll(ctx, conn)
				}
			}()
			var err error
			for range referenceTries { // a new reference each time: see errReferenceTaken
				checked, locked = false, in.Key != nil
				if err = place(conn); err == nil {
					locked = false // released by the write statement
					return nil
				}
				// However far the attempt got, the lock may be held, even twice (Check reads
				// again when the batch failed): release every hold of the session.
				if locked {
					locked = false
					if !s.unlockAll(ctx, conn) {
						return err // the connection is closed: no further attempt on it
					}
				}
				if !errors.Is(err, errReferenceTaken) && !(checked && s.answeredMeanwhile(conn, in.Key, err)) {
					return err
				}
			}
			return err
		})
	} else {
		for range referenceTries {
			if err = s.db.WithContext(ctx).Transaction(place); !errors.Is(err, errReferenceTaken) {
				break
			}
		}
	}
	if err != nil {
		return Order{}, err
	}
	s.changed(o)
	return o, nil
}

// unlockAll releases every hold of the connection's session on advisory locks (an order's
// connection holds none but its key's). Should that fail, the connection is closed rather than
// returned to the pool holding the lock (closing it releases the lock), and it reports false.
func (s *Service) unlockAll(ctx context.Context, conn *gorm.DB) bool {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := conn.WithContext(ctx).Exec("SELECT pg_advisory_unlock_all()").Error; err != nil {
		if c, ok := conn.Statement.ConnPool.(*sql.Conn); ok {
			_ = c.Raw(func(any) error { return driver.ErrBadConn }) // discards the connection
		}
		return false
	}
	return true
}

// answeredMeanwhile: the attempt was refused (out of stock, a possible duplicate, an offer's
// limit…) after its key passed Check, and an answer is now stored under the key. A request with
// the same key committed between this one's read and its refusal, and the refusal may be about
// what that request did (it took the stock, it is the "duplicate"): the next attempt replays its
// answer instead.
func (s *Service) answeredMeanwhile(conn *gorm.DB, key KeyClaim, err error) bool {
	if key == nil {
		return false
	}
	if k := apperr.KindOf(err); k != apperr.KindConflict && k != apperr.KindInvalid {
		return false
	}
	cond := key.Unanswered()
	var unanswered bool
	if conn.Raw("SELECT "+cond.SQL, cond.Vars...).Row().Scan(&unanswered) != nil {
		return false
	}
	return !unanswered
}

// changed tells the live-update listener (if any) about a committed change.
func (s *Service) changed(o Order) {
	if s.opt.Changed != nil {
		s.opt.Changed(o)
	}
}

// checkQuantities applies each product's minimum order quantity and pack size.
func checkQuantities(q pricing.OrderQuote) error {
	var fields []apperr.FieldError
	for i, l := range q.Lines {
		p := q.Products[i]
		switch {
		case l.Quantity < p.MinOrderQty:
			fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("items[%d].quantity", i), Message: fmt.Sprintf("%s has a minimum order of %d", p.SKU, p.MinOrderQty)})
		case p.OrderMultiple > 1 && l.Quantity%p.OrderMultiple != 0:
			fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("items[%d].quantity", i), Message: fmt.Sprintf("%s is sold in packs of %d", p.SKU, p.OrderMultiple)})
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid("some quantities cannot be ordered", fields...)
	}
	return nil
}

// writeOrder writes an order statement by statement (SQLite; PostgreSQL uses writeOrderPG): the
// duplicate guard, the stock reservation — one conditional update per line, in SKU order, so two
// orders for overlapping products lock rows in the same order and never deadlock, and a product
// never goes below zero available — the order, its lines, its first event, the cart clean-up,
// the stored answer and the offers' uses. (The notice and the live update are the caller's.)
func writeOrder(tx *gorm.DB, w orderWrite) error {
	q, o, dupSince := w.quote, w.order, w.dupSince
	if dupSince != nil {
		var prev Order
		err := tx.Select("reference").Where("customer_id = ? AND lines_hash = ? AND placed_at > ? AND status <> ?", o.CustomerID, o.LinesHash, *dupSince, Cancelled).
			Order("placed_at DESC").Take(&prev).Error
		if err == nil {
			return duplicateOf(prev.Reference)
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("duplicate check: %w", err)
		}
	}
	for _, i := range skuOrder(q) {
		qty := q.Lines[i].Quantity
		res := tx.Model(&catalog.Product{}).Where("id = ? AND stock_on_hand - stock_reserved >= ?", q.Products[i].ID, qty).
			Update("stock_reserved", gorm.Expr("stock_reserved + ?", qty))
		if res.Error != nil {
			return fmt.Errorf("reserve stock: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return outOfStock(q.Products[i], qty)
		}
	}
	if err := tx.Omit("Lines").Create(o).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
		return errReferenceTaken
	} else if err != nil {
		return fmt.Errorf("insert order: %w", err)
	}
	if err := tx.Create(&o.Lines).Error; err != nil {
		return fmt.Errorf("insert order lines: %w", err)
	}
	if err := tx.Create(&w.event).Error; err != nil {
		return fmt.Errorf("insert order event: %w", err)
	}
	ids := make([]uuid.UUID, len(q.Products))
	for i, p := range q.Products {
		ids[i] = p.ID
	}
	if err := tx.Where("customer_id = ? AND product_id IN ?", o.CustomerID, ids).Delete(&CartItem{}).Error; err != nil {
		return fmt.Errorf("empty cart: %w", err)
	}
	if w.receipt != nil {
		if err := w.receipt(tx).Error; err != nil {
			return fmt.Errorf("store the answer: %w", err)
		}
	}
	if len(w.redemptions) > 0 {
		if err := tx.Create(&w.redemptions).Error; err != nil {
			return fmt.Errorf("record offer uses: %w", err)
		}
	}
	return nil
}

// paymentTerms are what the buyer's orders are billed on: approved business accounts pay on
// invoice within 30 days; consumers pay at once (nil).
func paymentTerms(b Buyer) *string {
	if !b.Business {
		return nil
	}
	terms := "net_30"
	return &terms
}

type appliedOffer struct {
	OfferID string `json:"offer_id"`
	Label   string `json:"label"`
	Amount  int64  `json:"amount"`
}

func appliedOffers(q pricing.OrderQuote) []appliedOffer {
	out := []appliedOffer{}
	for _, a := range q.Applied {
		out = append(out, appliedOffer{OfferID: a.OfferID.String(), Label: a.Label, Amount: a.Amount})
	}
	return out
}
