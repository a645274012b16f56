package ordering

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/openoms/oms/api/internal/catalog"
)

// Addresses is the customer's address book: the account's address, then the distinct shipping
// addresses of their recent orders, newest first. Orders already keep every address they were
// sent to, so the book needs no table of its own to keep in step.
func (s *Service) Addresses(ctx context.Context, b Buyer) ([]Address, error) {
	var recent []Order
	err := s.db.WithContext(ctx).Select("ship_name", "ship_line1", "ship_line2", "ship_city", "ship_postal_code", "ship_country", "ship_phone").
		Where("customer_id = ?", b.CustomerID).Order("placed_at DESC").Limit(50).Find(&recent).Error
	if err != nil {
		return nil, fmt.Errorf("recent addresses: %w", err)
	}
	account := b.Address
	if account.Name == "" {
		account.Name = b.Name
	}
	var out []Address
	seen := map[string]bool{}
	for _, a := range append([]Address{account}, ordersShip(recent)...) {
		if a.Line1 == "" {
			continue
		}
		k := strings.ToLower(strings.Join([]string{a.Name, a.Line1, a.Line2, a.City, a.PostalCode, a.Country}, "|"))
		if !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
		if len(out) == 10 {
			break
		}
	}
	return out, nil
}

func ordersShip(os []Order) []Address {
	out := make([]Address, len(os))
	for i, o := range os {
		out[i] = o.Ship
	}
	return out
}

// maxExportRows bounds one export; a larger one should narrow its filters.
const maxExportRows = 50_000

var exportHeader = []string{"reference", "placed_at", "status", "priority", "channel", "customer_login_id", "customer_name", "items",
	"subtotal", "discount", "shipping", "tax", "total", "currency", "purchase_order_number", "requested_delivery_date", "payment_terms",
	"ship_city", "ship_country"}

// ExportOrders writes the orders a staff query selects as CSV, streaming in queue order, page by
// page along the queue's keyset so memory stays flat.
func (s *Service) ExportOrders(ctx context.Context, q OrderQuery, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(exportHeader); err != nil {
		return err
	}
	q.Staff, q.Limit = true, 500
	for written := 0; written < maxExportRows; {
		page, err := s.Orders(ctx, q)
		if err != nil {
			return err
		}
		if err := s.loadLines(ctx, page); err != nil {
			return err
		}
		for _, o := range page {
			if err := cw.Write(exportRecord(o)); err != nil {
				return err
			}
		}
		written += len(page)
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if len(page) < q.Limit {
			break
		}
		last := page[len(page)-1]
		q.After = &QueueCursor{Rank: last.Priority.Rank(), PlacedAt: last.PlacedAt, ID: last.ID}
	}
	cw.Flush()
	return cw.Error()
}

func exportRecord(o Order) []string {
	opt := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	units := 0
	for _, l := range o.Lines {
		units += l.Quantity
	}
	m := func(v int64) string { return catalog.FormatAmount(v, o.Currency) }
	return []string{o.Reference, o.PlacedAt.UTC().Format(time.RFC3339), string(o.Status), string(o.Priority), string(o.Channel),
		o.CustomerLoginID, catalog.SafeCell(o.CustomerName), strconv.Itoa(units), m(o.Subtotal), m(o.Discount), m(o.Shipping), m(o.Tax),
		m(o.Total), o.Currency, catalog.SafeCell(opt(o.PurchaseOrderNumber)), opt(o.RequestedDeliveryDate), opt(o.PaymentTerms),
		catalog.SafeCell(o.Ship.City), o.Ship.Country}
}

// SetNotifications overrides, for one of the customer's orders, which channels its updates go
// to; nil follows the account's choice.
func (s *Service) SetNotifications(ctx context.Context, reference string, customerID uuid.UUID, email, sms *bool) (Order, error) {
	ref, err := ParseReference(reference)
	if err != nil {
		return Order{}, ErrOrderNotFound
	}
	res := s.db.WithContext(ctx).Model(&Order{}).Where("reference = ? AND customer_id = ?", ref, customerID).
		Updates(map[string]any{"notify_email": email, "notify_sms": sms})
	if res.Error != nil {
		return Order{}, fmt.Errorf("order notifications: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return Order{}, ErrOrderNotFound
	}
	return Order{Reference: ref, NotifyEmail: email, NotifySMS: sms}, nil
}
