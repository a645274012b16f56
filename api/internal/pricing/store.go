package pricing

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/db"
)

// Store keeps price lists, offers, redemptions and tax rates with GORM. Its methods run on the
// handle it was made with: the pool, or a transaction (WithTx) — on SQLite the pool has one
// connection, so a read inside a transaction must use the transaction.
type Store struct {
	db       *gorm.DB
	postgres bool
}

func NewStore(db *gorm.DB, postgres bool) *Store { return &Store{db: db, postgres: postgres} }

// WithTx returns the store bound to tx (or itself when tx is nil).
func (s *Store) WithTx(tx *gorm.DB) *Store {
	if tx == nil {
		return s
	}
	return &Store{db: tx, postgres: s.postgres}
}

// listsRead reads the active group and contract price lists of a viewer with their tiers for
// the given products (ids, or a subquery selecting them), in one query of a batch
// (db.ReadAll); lists gives the result once it has run. Validity and currency are checked by
// the resolver.
func listsRead(v catalog.Viewer, products any) (read db.Read, lists func() []PriceList) {
	type row struct {
		PriceList
		ItemID    uuid.UUID
		ProductID uuid.UUID
		MinQty    int
		Amount    int64
	}
	var rows []row
	lists = func() []PriceList {
		var out []PriceList
		for _, r := range rows { // ordered by list
			if len(out) == 0 || out[len(out)-1].ID != r.PriceList.ID {
				l := r.PriceList
				l.Items = nil
				out = append(out, l)
			}
			l := &out[len(out)-1]
			l.Items = append(l.Items, PriceListItem{ID: r.ItemID, PriceListID: l.ID, ProductID: r.ProductID, MinQty: r.MinQty, Amount: r.Amount})
		}
		return out
	}
	if v.Staff || (v.CustomerID == nil && len(v.Groups) == 0) {
		return db.Read{}, lists
	}
	return db.Read{Dest: &rows, Query: func(q *gorm.DB) *gorm.DB {
		q = q.Table("price_list_items").
			Select("price_lists.*, price_list_items.id AS item_id, price_list_items.product_id, price_list_items.min_qty, price_list_items.amount").
			Joins("JOIN price_lists ON price_lists.id = price_list_items.price_list_id").
			Where("price_list_items.product_id IN (?) AND price_lists.active = ?", products, true)
		switch {
		case v.CustomerID != nil && len(v.Groups) > 0:
			q = q.Where("price_lists.customer_id = ? OR price_lists.customer_group_id IN ?", *v.CustomerID, v.Groups)
		case v.CustomerID != nil:
			q = q.Where("price_lists.customer_id = ?", *v.CustomerID)
		default:
			q = q.Where("price_lists.customer_group_id IN ?", v.Groups)
		}
		return q.Order("price_lists.id").Order("price_list_items.product_id").Order("price_list_items.min_qty")
	}}, lists
}

// offersRead reads active offers without a code in the given scopes, plus — whatever its state —
// the offer with the coupon code (so the resolver can say why a coupon cannot be used), as one
// query of a batch (db.ReadAll) into *offers.
func offersRead(scopes []Scope, coupon string) (read db.Read, offers *[]Offer) {
	offers = new([]Offer)
	return db.Read{Dest: offers, Query: func(q *gorm.DB) *gorm.DB {
		q = q.Model(&Offer{})
		if coupon != "" {
			q = q.Where("(active = ? AND code IS NULL AND scope IN ?) OR code = ?", true, scopes, coupon)
		} else {
			q = q.Where("active = ? AND code IS NULL AND scope IN ?", true, scopes)
		}
		return q.Order("id")
	}}, offers
}

// LiveOffers runs offersRead on its own.
func (s *Store) LiveOffers(ctx context.Context, scopes []Scope, coupon string) ([]Offer, error) {
	read, offers := offersRead(scopes, coupon)
	if err := db.ReadAll(ctx, s.db, read); err != nil {
		return nil, fmt.Errorf("load offers: %w", err)
	}
	return *offers, nil
}

// Usage counts redemptions of the offers that have usage limits, in all and by the customer.
func (s *Store) Usage(ctx context.Context, offers []Offer, customer *uuid.UUID) (map[uuid.UUID]Usage, error) {
	var ids []uuid.UUID
	for _, o := range offers {
		if o.MaxUses != nil || o.MaxUsesPerCustomer != nil {
			ids = append(ids, o.ID)
		}
	}
	out := map[uuid.UUID]Usage{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		OfferID  uuid.UUID
		Total    int
		Customer int
	}
	cust := uuid.Nil
	if customer != nil {
		cust = *customer
	}
	err := s.db.WithContext(ctx).Model(&Redemption{}).
		Select("offer_id, count(*) AS total, sum(CASE WHEN customer_id = ? THEN 1 ELSE 0 END) AS customer", cust).
		Where("offer_id IN ?", ids).Group("offer_id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count offer redemptions: %w", err)
	}
	for _, r := range rows {
		out[r.OfferID] = Usage{Total: r.Total, Customer: r.Customer}
	}
	return out, nil
}

// CategoryParents returns every category's parent (the tree is small), so category offers can
// cover subcategories.
func (s *Store) CategoryParents(ctx context.Context) (map[uuid.UUID]*uuid.UUID, error) {
	var rows []catalog.Category
	if err := s.db.WithContext(ctx).Select("id", "parent_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load categories: %w", err)
	}
	out := make(map[uuid.UUID]*uuid.UUID, len(rows))
	for _, c := range rows {
		out[c.ID] = c.ParentID
	}
	return out, nil
}

// TaxRates returns the rate of every tax class.
func (s *Store) TaxRates(ctx context.Context) ([]TaxRate, error) {
	var out []TaxRate
	if err := s.db.WithContext(ctx).Order("tax_class").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("load tax rates: %w", err)
	}
	return out, nil
}

// visibleProductsRead reads the products the viewer may buy among the ids and SKUs given, with
// the catalog's visibility rule: the viewer's audiences (catalog.Viewer.Audiences) and active
// status, as one query of a batch (db.ReadAll) into *products. Descriptions are not read
// (Description is empty): prices and orders never show them, and they are the one large column.
func visibleProductsRead(v catalog.Viewer, ids []uuid.UUID, skus []string) (read db.Read, products *[]catalog.Product) {
	products = new([]catalog.Product)
	return db.Read{Dest: products, Query: func(q *gorm.DB) *gorm.DB {
		return q.Model(&catalog.Product{}).Omit("description").
			Where("audience IN ? AND status = ?", v.Audiences(), catalog.Active).Where(byIDOrSKU(ids, skus))
	}}, products
}

// requestedProducts selects the ids of the products named by id or SKU, for the reads that
// filter by product: the ids themselves when no SKU is given, else a subquery, so those reads
// need not wait for the products' own read. The subquery is an expression rather than a GORM
// query, which each read using it (two per quote) would build again on the order path.
func requestedProducts(ids []uuid.UUID, skus []string) any {
	if len(skus) == 0 {
		return ids
	}
	cond := byIDOrSKU(ids, skus)
	return gorm.Expr("(SELECT id FROM products WHERE "+cond.SQL+")", cond.Vars...)
}

func byIDOrSKU(ids []uuid.UUID, skus []string) clause.Expr {
	switch {
	case len(ids) > 0 && len(skus) > 0:
		return gorm.Expr("id IN ? OR sku IN ?", ids, skus)
	case len(ids) > 0:
		return gorm.Expr("id IN ?", ids)
	}
	return gorm.Expr("sku IN ?", skus)
}

// LockOffer serialises redemptions of one offer until the transaction ends: a transaction-scoped
// advisory lock on PostgreSQL; on SQLite the transaction already holds the single write lock
// (BEGIN IMMEDIATE), so nobody else can count or insert meanwhile.
func (s *Store) LockOffer(ctx context.Context, id uuid.UUID) error {
	if !s.postgres {
		return nil
	}
	if err := s.db.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock(hashtext(?))", "offer:"+id.String()).Error; err != nil {
		return fmt.Errorf("lock offer: %w", err)
	}
	return nil
}

// Offer loads one offer.
func (s *Store) Offer(ctx context.Context, id uuid.UUID) (Offer, error) {
	var o Offer
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Offer{}, ErrOfferNotFound
	}
	if err != nil {
		return Offer{}, fmt.Errorf("load offer: %w", err)
	}
	return o, nil
}

// PriceList loads one list with its items.
func (s *Store) PriceList(ctx context.Context, id uuid.UUID) (PriceList, error) {
	var l PriceList
	err := s.db.WithContext(ctx).Preload("Items", func(db *gorm.DB) *gorm.DB { return db.Order("product_id").Order("min_qty") }).
		Where("id = ?", id).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return PriceList{}, ErrPriceListNotFound
	}
	if err != nil {
		return PriceList{}, fmt.Errorf("load price list: %w", err)
	}
	return l, nil
}

// PriceListSummary is a list row with how many products it prices.
type PriceListSummary struct {
	PriceList
	Products int64
}

// PriceLists pages through lists, newest first (keyset on the UUIDv7 id).
func (s *Store) PriceLists(ctx context.Context, before *uuid.UUID, limit int) ([]PriceListSummary, error) {
	q := s.db.WithContext(ctx).Model(&PriceList{})
	if before != nil {
		q = q.Where("id < ?", *before)
	}
	var lists []PriceList
	if err := q.Order("id DESC").Limit(limit).Find(&lists).Error; err != nil {
		return nil, fmt.Errorf("list price lists: %w", err)
	}
	out := make([]PriceListSummary, len(lists))
	if len(lists) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, len(lists))
	for i, l := range lists {
		ids[i] = l.ID
	}
	var counts []struct {
		PriceListID uuid.UUID
		N           int64
	}
	if err := s.db.WithContext(ctx).Model(&PriceListItem{}).Select("price_list_id, count(DISTINCT product_id) AS n").
		Where("price_list_id IN ?", ids).Group("price_list_id").Scan(&counts).Error; err != nil {
		return nil, fmt.Errorf("count price list items: %w", err)
	}
	n := map[uuid.UUID]int64{}
	for _, c := range counts {
		n[c.PriceListID] = c.N
	}
	for i, l := range lists {
		out[i] = PriceListSummary{PriceList: l, Products: n[l.ID]}
	}
	return out, nil
}

// Offers pages through offers, newest first.
func (s *Store) Offers(ctx context.Context, before *uuid.UUID, limit int) ([]Offer, error) {
	q := s.db.WithContext(ctx).Model(&Offer{})
	if before != nil {
		q = q.Where("id < ?", *before)
	}
	var out []Offer
	if err := q.Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list offers: %w", err)
	}
	return out, nil
}

// RedemptionCounts returns how many times each offer was redeemed.
func (s *Store) RedemptionCounts(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]int64, error) {
	out := map[uuid.UUID]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		OfferID uuid.UUID
		N       int64
	}
	if err := s.db.WithContext(ctx).Model(&Redemption{}).Select("offer_id, count(*) AS n").Where("offer_id IN ?", ids).
		Group("offer_id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("count redemptions: %w", err)
	}
	for _, r := range rows {
		out[r.OfferID] = r.N
	}
	return out, nil
}

// offerAndUses reads one offer and its redemptions, in all and by one customer, in one round
// trip on PostgreSQL (db.ReadAll).
func (s *Store) offerAndUses(ctx context.Context, offer, customer uuid.UUID) (o Offer, total, mine int64, err error) {
	var offers []Offer
	var uses []struct{ Total, Mine int64 }
	err = db.ReadAll(ctx, s.db,
		db.Read{Dest: &offers, Query: func(q *gorm.DB) *gorm.DB { return q.Model(&Offer{}).Where("id = ?", offer) }},
		db.Read{Dest: &uses, Query: func(q *gorm.DB) *gorm.DB {
			return q.Model(&Redemption{}).Select("count(*) AS total, coalesce(sum(CASE WHEN customer_id = ? THEN 1 ELSE 0 END), 0) AS mine", customer).
				Where("offer_id = ?", offer)
		}})
	switch {
	case err != nil:
		return Offer{}, 0, 0, fmt.Errorf("load offer and its uses: %w", err)
	case len(offers) == 0:
		return Offer{}, 0, 0, ErrOfferNotFound
	}
	return offers[0], uses[0].Total, uses[0].Mine, nil
}

// exists counts rows of a table with the given ids (for friendly reference checks).
func (s *Store) exists(ctx context.Context, table string, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	var found []uuid.UUID
	if err := s.db.WithContext(ctx).Table(table).Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
		return nil, fmt.Errorf("check %s: %w", table, err)
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// utc returns a copy of t in UTC (nil stays nil).
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
