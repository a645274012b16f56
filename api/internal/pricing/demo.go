package pricing

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/catalog"
)

// DemoIDs names the demo records pricing's demo data refers to.
type DemoIDs struct {
	TradeGroup       uuid.UUID         // the "trade" customer group
	BusinessCustomer uuid.UUID         // the demo business customer (Northwind, C000002)
	Products         []catalog.Product // the demo products (any order)
	OfferCategory    uuid.UUID         // the category of the automatic consumer offer (e.g. garden)
}

// SeedDemo creates demo pricing unless it exists (looked up by code or name, so running it again
// changes nothing): a "Trade" price list for the trade group with tiers 1 / 10 / 50 on up to eight
// business products; a contract for the demo business on three of them; an automatic 10 % offer
// on one category for consumers; and the coupon WELCOME5 ($5 off orders of $50 or more, once per
// customer).
func (s *Service) SeedDemo(ctx context.Context, ids DemoIDs) error {
	var b2b []catalog.Product
	for _, p := range ids.Products {
		if p.Audience == catalog.B2B && p.Currency == "USD" {
			b2b = append(b2b, p)
		}
	}
	slices.SortFunc(b2b, func(a, b catalog.Product) int { return cmp.Compare(a.SKU, b.SKU) })
	b2b = b2b[:min(len(b2b), 8)]
	pct := func(amount, percent int64) int64 { return amount * percent / 100 }
	lists := []PriceListInput{{Name: "Trade", Code: "TRADE", CustomerGroupID: &ids.TradeGroup, Currency: "USD", Active: true}}
	for _, p := range b2b {
		lists[0].Items = append(lists[0].Items, ListItemInput{ProductID: p.ID,
			Tiers: []TierInput{{1, pct(p.PriceAmount, 97)}, {10, pct(p.PriceAmount, 92)}, {50, pct(p.PriceAmount, 85)}}})
	}
	if ids.BusinessCustomer != uuid.Nil && len(b2b) > 0 {
		contract := PriceListInput{Name: "Northwind Traders", Code: "NORTHWIND", CustomerID: &ids.BusinessCustomer, Currency: "USD", Active: true}
		for _, p := range b2b[max(0, len(b2b)-3):] {
			contract.Items = append(contract.Items, ListItemInput{ProductID: p.ID, Tiers: []TierInput{{1, pct(p.PriceAmount, 88)}}})
		}
		lists = append(lists, contract)
	}
	for _, in := range lists {
		var n int64
		if err := s.db.WithContext(ctx).Model(&PriceList{}).Where("code = ?", in.Code).Count(&n).Error; err != nil {
			return fmt.Errorf("seed price list %s: %w", in.Code, err)
		}
		if n > 0 || len(in.Items) == 0 {
			continue
		}
		if _, err := s.SavePriceList(ctx, nil, 0, in); err != nil {
			return fmt.Errorf("seed price list %s: %w", in.Code, err)
		}
	}
	offers := []OfferInput{{Name: "WELCOME5", Code: ptrTo("WELCOME5"), Kind: Fixed, Value: 500, Currency: ptrTo("USD"), Scope: ScopeOrder,
		Audience: catalog.Both, MinOrderAmount: 5000, MaxUsesPerCustomer: ptrTo(1), Active: true}}
	if ids.OfferCategory != uuid.Nil {
		offers = append(offers, OfferInput{Name: "Garden days", Kind: Percent, Value: 1000, Scope: ScopeCategory, CategoryID: &ids.OfferCategory,
			Audience: catalog.B2C, Active: true})
	}
	for _, in := range offers {
		q := s.db.WithContext(ctx).Model(&Offer{})
		if in.Code != nil {
			q = q.Where("code = ?", *in.Code)
		} else {
			q = q.Where("name = ? AND code IS NULL", in.Name)
		}
		var existing Offer
		err := q.Take(&existing).Error
		if err == nil {
			continue
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("seed offer %s: %w", in.Name, err)
		}
		if _, err := s.SaveOffer(ctx, nil, 0, in); err != nil {
			return fmt.Errorf("seed offer %s: %w", in.Name, err)
		}
	}
	return nil
}

func ptrTo[T any](v T) *T { return &v }
