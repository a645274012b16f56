package ordering

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/pricing"
)

// MaxCartLines bounds a cart (and so an order placed from it).
const MaxCartLines = 100

// CartLine is a cart item priced for its customer, with what would stop it being ordered.
type CartLine struct {
	Product  catalog.Product
	Quantity int
	Quote    *pricing.QuotedLine // nil when the product cannot be priced for the customer any more
	Warnings []string
}

// Cart is a customer's cart, priced now.
type Cart struct {
	Lines  []CartLine
	Quote  *pricing.OrderQuote // nil for an empty cart
	Issues []string            // cart-wide problems, e.g. a product no longer available
}

// SetCartItem puts a product in the customer's cart with a quantity (0 removes it). The product
// must be one the customer may buy.
func (s *Service) SetCartItem(ctx context.Context, b Buyer, sku string, qty int) error {
	if qty < 0 || qty > pricing.MaxQuantity {
		return apperr.Field("quantity", fmt.Sprintf("must be from 0 to %d", pricing.MaxQuantity))
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p catalog.Product
		q := tx.Where("sku = ?", normalizeSKU(sku))
		if qty > 0 { // removing works even for a product that is no longer sold
			q = q.Where("status = ? AND audience IN ?", catalog.Active, b.viewer().Audiences())
		}
		err := q.Take(&p).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.NotFound("product not found")
		} else if err != nil {
			return fmt.Errorf("find product: %w", err)
		}
		if qty == 0 {
			return tx.Where("customer_id = ? AND product_id = ?", b.CustomerID, p.ID).Delete(&CartItem{}).Error
		}
		var n int64
		if err := tx.Model(&CartItem{}).Where("customer_id = ? AND product_id <> ?", b.CustomerID, p.ID).Count(&n).Error; err != nil {
			return fmt.Errorf("count cart: %w", err)
		}
		if n >= MaxCartLines {
			return apperr.Conflict(fmt.Sprintf("a cart holds at most %d products; place an order first", MaxCartLines))
		}
		now := s.opt.Clock().UTC()
		item := CartItem{CustomerID: b.CustomerID, ProductID: p.ID, Quantity: qty, AddedAt: now, UpdatedAt: now}
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "customer_id"}, {Name: "product_id"}},
			DoUpdates: clause.Assignments(map[string]any{"quantity": qty, "updated_at": now})}).Create(&item).Error
	})
}

// ClearCart empties the customer's cart.
func (s *Service) ClearCart(ctx context.Context, customerID uuid.UUID) error {
	return s.db.WithContext(ctx).Where("customer_id = ?", customerID).Delete(&CartItem{}).Error
}

// Cart returns the customer's cart priced now, with a warning on each line that could not be
// ordered as it is (stock, minimum, pack size) and without products they can no longer buy.
func (s *Service) Cart(ctx context.Context, b Buyer, coupon string) (Cart, error) {
	var items []CartItem
	if err := s.db.WithContext(ctx).Where("customer_id = ?", b.CustomerID).Order("added_at").Find(&items).Error; err != nil {
		return Cart{}, fmt.Errorf("load cart: %w", err)
	}
	out := Cart{Lines: []CartLine{}, Issues: []string{}}
	if len(items) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, len(items))
	for i, it := range items {
		ids[i] = it.ProductID
	}
	var products []catalog.Product
	if err := s.db.WithContext(ctx).Where("id IN ? AND status = ? AND audience IN ?", ids, catalog.Active, b.viewer().Audiences()).Find(&products).Error; err != nil {
		return Cart{}, fmt.Errorf("load cart products: %w", err)
	}
	byID := map[uuid.UUID]catalog.Product{}
	for _, p := range products {
		byID[p.ID] = p
	}
	var lines []pricing.LineRequest
	for _, it := range items {
		p, ok := byID[it.ProductID]
		if !ok {
			out.Issues = append(out.Issues, "a product in your cart is no longer available and was left out")
			continue
		}
		id := p.ID
		lines = append(lines, pricing.LineRequest{ProductID: &id, Quantity: it.Quantity})
		out.Lines = append(out.Lines, CartLine{Product: p, Quantity: it.Quantity, Warnings: lineWarnings(p, it.Quantity)})
	}
	if len(lines) == 0 {
		return out, nil
	}
	q, err := s.opt.Pricer.QuoteTx(ctx, nil, b.viewer(), lines, coupon, s.opt.Clock().UTC())
	if err != nil {
		return Cart{}, err
	}
	out.Quote = &q
	for i := range out.Lines {
		out.Lines[i].Quote = &q.Lines[i]
	}
	return out, nil
}

func lineWarnings(p catalog.Product, qty int) []string {
	w := []string{}
	if avail := p.Available(); avail < qty {
		if avail <= 0 {
			w = append(w, "out of stock")
		} else {
			w = append(w, fmt.Sprintf("only %d available", avail))
		}
	}
	if qty < p.MinOrderQty {
		w = append(w, fmt.Sprintf("minimum order is %d", p.MinOrderQty))
	}
	if p.OrderMultiple > 1 && qty%p.OrderMultiple != 0 {
		w = append(w, fmt.Sprintf("sold in packs of %d", p.OrderMultiple))
	}
	return w
}

func normalizeSKU(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
