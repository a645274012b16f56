package pricing

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
)

// CatalogPrices is what pricing needs from the catalog (catalog.Service implements it): the
// prices of the catalogs a viewer may see at a time, as one read of a batch (db.ReadAll), so
// that they come in the same round trip as pricing's own reads; products is the product ids
// ([]uuid.UUID) or a subquery selecting them.
type CatalogPrices interface {
	CatalogPricesRead(v catalog.Viewer, products any, at time.Time) (db.Read, func() map[uuid.UUID][]catalog.CatalogPrice)
}

// Auditor records staff changes (the audit package).
type Auditor interface {
	Record(ctx context.Context, tx *gorm.DB, ev audit.Event) error
}

// Service holds the pricing rules around the pure resolver: it loads what applies, resolves,
// and lets staff edit price lists, offers and tax rates.
type Service struct {
	db       *gorm.DB
	store    *Store
	catalogs CatalogPrices
	audit    Auditor
	clock    func() time.Time
	refs     *refCache
}

func NewService(db *gorm.DB, postgres bool, catalogs CatalogPrices, audit Auditor, clock func() time.Time) *Service {
	return &Service{db: db, store: NewStore(db, postgres), catalogs: catalogs, audit: audit, clock: clock, refs: &refCache{}}
}

// Now is the service's clock, in UTC.
func (s *Service) Now() time.Time { return s.clock().UTC() }

var _ catalog.Pricer = (*Service)(nil)

// itemOf turns a catalog product into what the resolver needs.
func itemOf(p catalog.Product, parents map[uuid.UUID]*uuid.UUID) Item {
	it := Item{ProductID: p.ID, Base: p.PriceAmount, Currency: p.Currency, TaxClass: p.TaxClass}
	for c, depth := p.CategoryID, 0; c != nil && depth < 32; depth++ { // depth bound: a cycle cannot loop forever
		it.Categories = append(it.Categories, *c)
		c = parents[*c]
	}
	return it
}

// resolverLoad is what a resolver needs from the database, as reads of one batch (db.ReadAll:
// one round trip on PostgreSQL, with whatever else the caller reads): catalog prices, price
// lists with their tiers and — unless browsing, which takes them from the cache — offers.
type resolverLoad struct {
	r       *Resolver
	reads   []db.Read
	catalog func() map[uuid.UUID][]catalog.CatalogPrice
	lists   func() []PriceList
	offers  *[]Offer // nil: browsing
	scopes  []Scope
}

// load prepares the reads for a resolver of the products (ids, or a subquery selecting them)
// for the viewer. Staff get none: they see base prices (see listPrice).
func (s *Service) load(v catalog.Viewer, products any, at time.Time, scopes []Scope, coupon string, browse bool) *resolverLoad {
	l := &resolverLoad{r: &Resolver{Viewer: v, At: at, Coupon: coupon}, scopes: scopes}
	if v.Staff {
		return l
	}
	var read db.Read
	if s.catalogs != nil {
		read, l.catalog = s.catalogs.CatalogPricesRead(v, products, at)
		l.reads = append(l.reads, read)
	}
	read, l.lists = listsRead(v, products)
	l.reads = append(l.reads, read)
	if !browse {
		read, l.offers = offersRead(scopes, NormalizeCode(coupon))
		l.reads = append(l.reads, read)
	}
	return l
}

// resolver completes a load whose reads have run: browsing offers from the short-lived cache
// (see refCache), the category tree when a category offer exists, and usage of limited offers —
// all in a fixed number of queries whatever the number of products.
func (s *Service) resolver(ctx context.Context, store *Store, l *resolverLoad) (*Resolver, map[uuid.UUID]*uuid.UUID, error) {
	r := l.r
	if r.Viewer.Staff {
		return r, nil, nil
	}
	if l.catalog != nil {
		r.Catalogs = l.catalog()
	}
	r.Lists = l.lists()
	if l.offers != nil {
		r.Offers = *l.offers
	} else {
		all, err := s.refs.browseOffers(ctx, s.store, s.clock())
		if err != nil {
			return nil, nil, err
		}
		r.Offers = offersIn(all, l.scopes)
	}
	var parents map[uuid.UUID]*uuid.UUID
	var err error
	for _, o := range r.Offers {
		if o.Scope == ScopeCategory {
			if parents, err = s.refs.categoryParents(ctx, store, s.clock()); err != nil {
				return nil, nil, err
			}
			break
		}
	}
	if r.Usage, err = store.Usage(ctx, r.Offers, r.Viewer.CustomerID); err != nil {
		return nil, nil, err
	}
	return r, parents, nil
}

// Prices implements catalog.Pricer: each product's unit price at quantity 1 for the viewer, with
// the explanation and the viewer's quantity-break table, in a bounded number of queries.
func (s *Service) Prices(ctx context.Context, v catalog.Viewer, products []catalog.Product, at time.Time) (map[uuid.UUID]catalog.Price, error) {
	out := make(map[uuid.UUID]catalog.Price, len(products))
	if len(products) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, len(products))
	for i, p := range products {
		ids[i] = p.ID
	}
	l := s.load(v, ids, at.UTC(), []Scope{ScopeProduct, ScopeCategory}, "", true)
	if err := db.ReadAll(ctx, s.db, l.reads...); err != nil {
		return nil, fmt.Errorf("load prices: %w", err)
	}
	r, parents, err := s.resolver(ctx, s.store, l)
	if err != nil {
		return nil, err
	}
	for _, p := range products {
		it := itemOf(p, parents)
		u := r.Unit(it, 1)
		price := catalog.Price{Unit: u.Unit, List: u.List, Currency: u.Currency, Explanation: u.Explanation}
		for _, t := range r.Tiers(it) {
			price.Tiers = append(price.Tiers, catalog.Tier{MinQty: t.MinQty, MaxQty: t.MaxQty, Unit: t.Unit, Source: t.Source})
		}
		out[p.ID] = price
	}
	return out, nil
}

// LineRequest is one line to quote: a product by id or by SKU, and a quantity.
type LineRequest struct {
	ProductID *uuid.UUID
	SKU       string
	Quantity  int
}

// MaxQuoteLines and MaxQuantity bound a quote.
const (
	MaxQuoteLines = 200
	MaxQuantity   = 1_000_000
)

// OrderQuote is a priced order with the products of its lines (Products[i] is Lines[i]'s).
type OrderQuote struct {
	Quote
	Products []catalog.Product
}

// QuoteTx prices an order for the viewer at a time. Ordering calls it inside its transaction
// (tx); the /quote endpoint passes nil. Products the viewer may not see are "unknown product",
// exactly like products that do not exist. also are the caller's own reads, run in the same
// round trip as the products and prices when the lines are valid.
func (s *Service) QuoteTx(ctx context.Context, tx *gorm.DB, v catalog.Viewer, lines []LineRequest, coupon string, at time.Time, also ...db.Read) (OrderQuote, error) {
	if len(lines) == 0 {
		return OrderQuote{}, apperr.Field("items", "must name at least one product")
	}
	if len(lines) > MaxQuoteLines {
		return OrderQuote{}, apperr.Field("items", fmt.Sprintf("at most %d lines", MaxQuoteLines))
	}
	lines = slices.Clone(lines) // normalised below; the caller's slice stays as it was
	var fields []apperr.FieldError
	bad := func(i int, f, m string) {
		fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("items[%d].%s", i, f), Message: m})
	}
	var ids []uuid.UUID
	var skus []string
	for i := range lines {
		l := &lines[i]
		l.SKU = strings.ToUpper(strings.TrimSpace(l.SKU))
		switch {
		case l.ProductID == nil && l.SKU == "":
			bad(i, "product_id", "give product_id or sku")
		case l.ProductID != nil && l.SKU != "":
			bad(i, "sku", "give product_id or sku, not both")
		case l.ProductID != nil:
			ids = append(ids, *l.ProductID)
		default:
			skus = append(skus, l.SKU)
		}
		if l.Quantity < 1 || l.Quantity > MaxQuantity {
			bad(i, "quantity", fmt.Sprintf("must be from 1 to %d", MaxQuantity))
		}
	}
	if len(fields) > 0 {
		return OrderQuote{}, apperr.Invalid("the order has invalid items", fields...)
	}
	// The products and everything that prices them, in one batch: the prices' reads select the
	// requested products themselves (a product that turns out unknown or hidden is refused
	// below, before anything is priced).
	store := s.store.WithTx(tx)
	productsRead, found := visibleProductsRead(v, ids, skus)
	l := s.load(v, requestedProducts(ids, skus), at.UTC(), []Scope{ScopeProduct, ScopeCategory, ScopeOrder}, coupon, false)
	if err := db.ReadAll(ctx, store.db, slices.Concat([]db.Read{productsRead}, l.reads, also)...); err != nil {
		return OrderQuote{}, fmt.Errorf("load products and prices: %w", err)
	}
	byID, bySKU := map[uuid.UUID]catalog.Product{}, map[string]catalog.Product{}
	for _, p := range *found {
		byID[p.ID], bySKU[p.SKU] = p, p
	}
	products := make([]catalog.Product, len(lines))
	seen := map[uuid.UUID]int{}
	for i, l := range lines {
		var p catalog.Product
		var ok bool
		field := "product_id"
		if l.ProductID != nil {
			p, ok = byID[*l.ProductID]
		} else {
			p, ok = bySKU[l.SKU]
			field = "sku"
		}
		if !ok {
			bad(i, field, "unknown product")
			continue
		}
		if j, dup := seen[p.ID]; dup {
			bad(i, field, fmt.Sprintf("is the same product as items[%d]: send one line with the total quantity", j))
			continue
		}
		seen[p.ID] = i
		products[i] = p
	}
	if len(fields) > 0 {
		return OrderQuote{}, apperr.Invalid("the order has invalid items", fields...)
	}
	r, parents, err := s.resolver(ctx, store, l)
	if err != nil {
		return OrderQuote{}, err
	}
	if r.TaxRates, err = s.refs.rates(ctx, store, s.clock()); err != nil {
		return OrderQuote{}, err
	}
	in := make([]Line, len(lines))
	for i, l := range lines {
		in[i] = Line{Item: itemOf(products[i], parents), Quantity: l.Quantity}
	}
	q, err := r.Quote(in)
	if err != nil {
		return OrderQuote{}, err
	}
	return OrderQuote{Quote: q, Products: products}, nil
}

// RedemptionTx returns the record that an order used an offer, for the caller to write with the
// order on tx, once the offer's usage limits allow it. An offer with limits is counted under a
// per-offer lock held until tx ends (Store.LockOffer), so tx must then be the transaction that
// writes the order, and two orders cannot both take the last use; one without costs no statement.
func (s *Service) RedemptionTx(ctx context.Context, tx *gorm.DB, a AppliedOffer, customerID uuid.UUID, orderRef string) (Redemption, error) {
	if tx == nil {
		return Redemption{}, errors.New("pricing: RedemptionTx needs the order's transaction")
	}
	if a.Limited {
		if err := s.withinLimits(ctx, s.store.WithTx(tx), a.OfferID, customerID); err != nil {
			return Redemption{}, err
		}
	}
	return Redemption{ID: uuid.Must(uuid.NewV7()), OfferID: a.OfferID, CustomerID: customerID, OrderReference: orderRef, CreatedAt: s.Now()}, nil
}

// withinLimits takes the offer's lock, then reads the offer and its uses (one round trip).
func (s *Service) withinLimits(ctx context.Context, store *Store, offerID, customerID uuid.UUID) error {
	if err := store.LockOffer(ctx, offerID); err != nil {
		return err
	}
	o, total, mine, err := store.offerAndUses(ctx, offerID, customerID)
	if err != nil {
		return err
	}
	limit := func(msg string) error {
		if o.Code != nil {
			return couponError(msg)
		}
		return apperr.Conflict(fmt.Sprintf("the offer %q %s; reload your quote", o.Name, msg))
	}
	if o.MaxUses != nil && total >= int64(*o.MaxUses) {
		return limit("has reached its usage limit")
	}
	if o.MaxUsesPerCustomer != nil && mine >= int64(*o.MaxUsesPerCustomer) {
		return limit("was already used by your account as often as allowed")
	}
	return nil
}

// PublicOffer is an offer a viewer gets without a code, with its label.
type PublicOffer struct {
	Offer
	Label string
}

// PublicOffers lists the offers valid now for the viewer that need no code (for the shop's home
// page), in every scope.
func (s *Service) PublicOffers(ctx context.Context, v catalog.Viewer) ([]PublicOffer, error) {
	offers, err := s.store.LiveOffers(ctx, []Scope{ScopeProduct, ScopeCategory, ScopeOrder}, "")
	if err != nil {
		return nil, err
	}
	usage, err := s.store.Usage(ctx, offers, v.CustomerID)
	if err != nil {
		return nil, err
	}
	r := Resolver{Viewer: v, At: s.Now(), Usage: usage}
	out := []PublicOffer{}
	for i := range offers {
		if r.offerFor(&offers[i]) {
			out = append(out, PublicOffer{Offer: offers[i], Label: OfferLabel(&offers[i])})
		}
	}
	return out, nil
}

// ---- staff editing ----

var (
	codePattern     = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{1,39}$`)
	taxClassPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)
)

// MaxListProducts and MaxTiers bound one price list.
const (
	MaxListProducts = 5000
	MaxTiers        = 20
)

// TierInput is one quantity break of a product in a price list.
type TierInput struct {
	MinQty int
	Amount int64
}

// ListItemInput is a product with its tiers.
type ListItemInput struct {
	ProductID uuid.UUID
	Tiers     []TierInput
}

// PriceListInput is a price list as staff write it: the whole list with every product and tier.
type PriceListInput struct {
	Name, Code                  string
	CustomerGroupID, CustomerID *uuid.UUID
	Currency                    string
	ValidFrom, ValidTo          *time.Time
	Active                      bool
	Items                       []ListItemInput
}

func (in *PriceListInput) normalize() error {
	var fields []apperr.FieldError
	bad := func(f, m string) { fields = append(fields, apperr.FieldError{Field: f, Message: m}) }
	in.Name, in.Code = strings.TrimSpace(in.Name), strings.ToUpper(strings.TrimSpace(in.Code))
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if in.Name == "" || len(in.Name) > 120 {
		bad("name", "is required (at most 120 characters)")
	}
	if !codePattern.MatchString(in.Code) {
		bad("code", "must be 2–40 characters: A–Z, 0–9, '_' or '-'")
	}
	if (in.CustomerGroupID == nil) == (in.CustomerID == nil) {
		bad("customer_group_id", "give exactly one of customer_group_id (a group's list) or customer_id (a contract)")
	}
	if len(in.Currency) != 3 {
		bad("currency", "must be a three-letter ISO code like USD")
	}
	in.ValidFrom, in.ValidTo = utc(in.ValidFrom), utc(in.ValidTo)
	if in.ValidFrom != nil && in.ValidTo != nil && !in.ValidTo.After(*in.ValidFrom) {
		bad("valid_to", "must be after valid_from")
	}
	if len(in.Items) > MaxListProducts {
		bad("items", fmt.Sprintf("at most %d products per list", MaxListProducts))
	}
	seen := map[uuid.UUID]int{}
	for i, it := range in.Items {
		if j, dup := seen[it.ProductID]; dup {
			bad(fmt.Sprintf("items[%d].product_id", i), fmt.Sprintf("is listed twice (also items[%d])", j))
		}
		seen[it.ProductID] = i
		if len(it.Tiers) == 0 || len(it.Tiers) > MaxTiers {
			bad(fmt.Sprintf("items[%d].tiers", i), fmt.Sprintf("needs 1 to %d tiers", MaxTiers))
		}
		for j, t := range it.Tiers {
			f := fmt.Sprintf("items[%d].tiers[%d]", i, j)
			if t.MinQty < 1 {
				bad(f+".min_qty", "must be at least 1")
			} else if j > 0 && t.MinQty <= it.Tiers[j-1].MinQty {
				bad(f+".min_qty", "tiers must be in ascending order of min_qty, each min_qty once")
			}
			if t.Amount < 0 {
				bad(f+".amount", "must not be negative")
			}
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid("the price list has invalid fields", fields...)
	}
	return nil
}

// checkListRefs turns unknown products, groups or customers into 422s naming the field.
func (s *Service) checkListRefs(ctx context.Context, store *Store, in PriceListInput) error {
	ids := make([]uuid.UUID, len(in.Items))
	for i, it := range in.Items {
		ids[i] = it.ProductID
	}
	known, err := store.exists(ctx, "products", ids)
	if err != nil {
		return err
	}
	var fields []apperr.FieldError
	for i, id := range ids {
		if !known[id] {
			fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("items[%d].product_id", i), Message: "is not an existing product"})
		}
	}
	if in.CustomerGroupID != nil {
		if ok, err := store.exists(ctx, "customer_groups", []uuid.UUID{*in.CustomerGroupID}); err != nil {
			return err
		} else if !ok[*in.CustomerGroupID] {
			fields = append(fields, apperr.FieldError{Field: "customer_group_id", Message: "is not an existing customer group"})
		}
	}
	if in.CustomerID != nil {
		if ok, err := store.exists(ctx, "customers", []uuid.UUID{*in.CustomerID}); err != nil {
			return err
		} else if !ok[*in.CustomerID] {
			fields = append(fields, apperr.FieldError{Field: "customer_id", Message: "is not an existing customer"})
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid("the price list refers to records that do not exist", fields...)
	}
	return nil
}

func listSnapshot(l PriceList, products int) map[string]any {
	return map[string]any{"name": l.Name, "code": l.Code, "customer_group_id": l.CustomerGroupID, "customer_id": l.CustomerID,
		"currency": l.Currency, "valid_from": l.ValidFrom, "valid_to": l.ValidTo, "active": l.Active, "products": products}
}

// SavePriceList creates (id nil) or replaces a price list with all its tiers. A replace names the
// version that was read; if someone changed the list since, nothing changes (409).
func (s *Service) SavePriceList(ctx context.Context, id *uuid.UUID, version int, in PriceListInput) (PriceList, error) {
	if err := in.normalize(); err != nil {
		return PriceList{}, err
	}
	now := s.Now()
	var saved uuid.UUID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		store := s.store.WithTx(tx)
		var old PriceList
		if id != nil {
			var err error
			if old, err = store.PriceList(ctx, *id); err != nil {
				return err
			}
		}
		var n int64
		q := tx.Model(&PriceList{}).Where("code = ?", in.Code)
		if id != nil {
			q = q.Where("id <> ?", *id)
		}
		if err := q.Count(&n).Error; err != nil {
			return fmt.Errorf("check price list code: %w", err)
		}
		if n > 0 {
			return ErrPriceListCode
		}
		if err := s.checkListRefs(ctx, store, in); err != nil {
			return err
		}
		l := PriceList{Name: in.Name, Code: in.Code, CustomerGroupID: in.CustomerGroupID, CustomerID: in.CustomerID, Currency: in.Currency,
			ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, Active: in.Active, UpdatedAt: now}
		var before any
		action := "price_list.created"
		if id == nil {
			l.ID, l.Version, l.CreatedAt = uuid.Must(uuid.NewV7()), 1, now
			if err := tx.Omit("Items").Create(&l).Error; err != nil {
				return fmt.Errorf("create price list: %w", duplicateList(err))
			}
		} else {
			action = "price_list.updated"
			before = listSnapshot(old, countProducts(old.Items))
			res := tx.Model(&PriceList{}).Where("id = ? AND version = ?", *id, version).Updates(map[string]any{
				"name": l.Name, "code": l.Code, "customer_group_id": l.CustomerGroupID, "customer_id": l.CustomerID, "currency": l.Currency,
				"valid_from": l.ValidFrom, "valid_to": l.ValidTo, "active": l.Active, "version": gorm.Expr("version + 1"), "updated_at": now})
			if res.Error != nil {
				return fmt.Errorf("update price list: %w", duplicateList(res.Error))
			}
			if res.RowsAffected == 0 {
				return ErrPriceListStale
			}
			l.ID = *id
			if err := tx.Where("price_list_id = ?", l.ID).Delete(&PriceListItem{}).Error; err != nil {
				return fmt.Errorf("replace price list items: %w", err)
			}
		}
		var rows []PriceListItem
		for _, it := range in.Items {
			for _, t := range it.Tiers {
				rows = append(rows, PriceListItem{ID: uuid.Must(uuid.NewV7()), PriceListID: l.ID, ProductID: it.ProductID, MinQty: t.MinQty, Amount: t.Amount})
			}
		}
		if len(rows) > 0 {
			if err := tx.CreateInBatches(rows, 500).Error; err != nil {
				return fmt.Errorf("insert price list items: %w", err)
			}
		}
		saved = l.ID
		return s.audit.Record(ctx, tx, audit.Event{Action: action, EntityType: "price_list", EntityID: l.ID.String(), Before: before,
			After: listSnapshot(l, len(in.Items))})
	})
	if err != nil {
		return PriceList{}, err
	}
	return s.store.PriceList(ctx, saved)
}

func countProducts(items []PriceListItem) int {
	seen := map[uuid.UUID]bool{}
	for _, it := range items {
		seen[it.ProductID] = true
	}
	return len(seen)
}

func duplicateList(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrPriceListCode
	}
	return err
}

// PriceList returns one list with its tiers.
func (s *Service) PriceList(ctx context.Context, id uuid.UUID) (PriceList, error) {
	return s.store.PriceList(ctx, id)
}

// PriceLists pages through the lists, newest first.
func (s *Service) PriceLists(ctx context.Context, before *uuid.UUID, limit int) ([]PriceListSummary, error) {
	return s.store.PriceLists(ctx, before, limit)
}

// DeletePriceList removes a list and its tiers.
func (s *Service) DeletePriceList(ctx context.Context, id uuid.UUID) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		old, err := s.store.WithTx(tx).PriceList(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.Where("price_list_id = ?", id).Delete(&PriceListItem{}).Error; err != nil {
			return fmt.Errorf("delete price list items: %w", err)
		}
		if err := tx.Where("id = ?", id).Delete(&PriceList{}).Error; err != nil {
			return fmt.Errorf("delete price list: %w", err)
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "price_list.deleted", EntityType: "price_list", EntityID: id.String(),
			Before: listSnapshot(old, countProducts(old.Items))})
	})
}

// OfferInput is an offer as staff write it.
type OfferInput struct {
	Name               string
	Code               *string
	Kind               OfferKind
	Value              int64
	Currency           *string
	Scope              Scope
	ProductID          *uuid.UUID
	CategoryID         *uuid.UUID
	Audience           catalog.Audience
	CustomerGroupID    *uuid.UUID
	ValidFrom, ValidTo *time.Time
	MinOrderAmount     int64
	MinQuantity        int
	MaxUses            *int
	MaxUsesPerCustomer *int
	Stackable, Active  bool
}

func (in *OfferInput) normalize() error {
	var fields []apperr.FieldError
	bad := func(f, m string) { fields = append(fields, apperr.FieldError{Field: f, Message: m}) }
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len(in.Name) > 120 {
		bad("name", "is required (at most 120 characters)")
	}
	if in.Code != nil {
		c := NormalizeCode(*in.Code)
		if c == "" {
			in.Code = nil
		} else {
			in.Code = &c
			if !codePattern.MatchString(c) {
				bad("code", "must be 2–40 characters: A–Z, 0–9, '_' or '-' (coupon codes are case-insensitive)")
			}
		}
	}
	if in.Currency != nil {
		c := strings.ToUpper(strings.TrimSpace(*in.Currency))
		in.Currency = &c
		if c == "" {
			in.Currency = nil
		}
	}
	switch in.Kind {
	case Percent:
		if in.Value < 1 || in.Value > 10000 {
			bad("value", "a percent offer's value is in basis points: 1 to 10000 (1000 = 10%)")
		}
		if in.Currency != nil {
			bad("currency", "only a fixed offer has a currency")
		}
	case Fixed:
		if in.Value < 1 {
			bad("value", "a fixed offer's value is in minor units and must be at least 1")
		}
		if in.Currency == nil || len(*in.Currency) != 3 {
			bad("currency", "a fixed offer needs a three-letter ISO currency like USD")
		}
	default:
		bad("kind", "must be percent or fixed")
	}
	switch in.Scope {
	case ScopeProduct:
		if in.ProductID == nil {
			bad("product_id", "is required for a product offer")
		}
		if in.CategoryID != nil {
			bad("category_id", "only a category offer has a category")
		}
	case ScopeCategory:
		if in.CategoryID == nil {
			bad("category_id", "is required for a category offer")
		}
		if in.ProductID != nil {
			bad("product_id", "only a product offer has a product")
		}
	case ScopeOrder:
		if in.ProductID != nil || in.CategoryID != nil {
			bad("scope", "an order offer has neither product_id nor category_id")
		}
	default:
		bad("scope", "must be product, category or order")
	}
	switch in.Audience {
	case catalog.B2C, catalog.B2B, catalog.Both:
	default:
		bad("audience", "must be b2c, b2b or both")
	}
	in.ValidFrom, in.ValidTo = utc(in.ValidFrom), utc(in.ValidTo)
	if in.ValidFrom != nil && in.ValidTo != nil && !in.ValidTo.After(*in.ValidFrom) {
		bad("valid_to", "must be after valid_from")
	}
	if in.MinOrderAmount < 0 {
		bad("min_order_amount", "must not be negative")
	} else if in.MinOrderAmount > 0 && in.Scope != ScopeOrder {
		// A product's price in the shop cannot depend on the rest of an order nobody placed yet.
		bad("min_order_amount", "only an order offer can have a minimum order amount")
	}
	if in.MinQuantity < 0 || in.MinQuantity > MaxQuantity {
		bad("min_quantity", fmt.Sprintf("must be from 0 to %d", MaxQuantity))
	}
	if in.MaxUses != nil && *in.MaxUses < 1 {
		bad("max_uses", "must be at least 1 (leave it out for no limit)")
	}
	if in.MaxUsesPerCustomer != nil && *in.MaxUsesPerCustomer < 1 {
		bad("max_uses_per_customer", "must be at least 1 (leave it out for no limit)")
	}
	if len(fields) > 0 {
		return apperr.Invalid("the offer has invalid fields", fields...)
	}
	return nil
}

func (s *Service) checkOfferRefs(ctx context.Context, store *Store, in OfferInput) error {
	var fields []apperr.FieldError
	check := func(table, field, msg string, id *uuid.UUID) error {
		if id == nil {
			return nil
		}
		ok, err := store.exists(ctx, table, []uuid.UUID{*id})
		if err != nil {
			return err
		}
		if !ok[*id] {
			fields = append(fields, apperr.FieldError{Field: field, Message: msg})
		}
		return nil
	}
	if err := errors.Join(check("products", "product_id", "is not an existing product", in.ProductID),
		check("categories", "category_id", "is not an existing category", in.CategoryID),
		check("customer_groups", "customer_group_id", "is not an existing customer group", in.CustomerGroupID)); err != nil {
		return err
	}
	if len(fields) > 0 {
		return apperr.Invalid("the offer refers to records that do not exist", fields...)
	}
	return nil
}

func offerSnapshot(o Offer) map[string]any {
	return map[string]any{"name": o.Name, "code": o.Code, "kind": o.Kind, "value": o.Value, "currency": o.Currency, "scope": o.Scope,
		"product_id": o.ProductID, "category_id": o.CategoryID, "audience": o.Audience, "customer_group_id": o.CustomerGroupID,
		"valid_from": o.ValidFrom, "valid_to": o.ValidTo, "min_order_amount": o.MinOrderAmount, "min_quantity": o.MinQuantity,
		"max_uses": o.MaxUses, "max_uses_per_customer": o.MaxUsesPerCustomer, "stackable": o.Stackable, "active": o.Active}
}

// SaveOffer creates (id nil) or replaces an offer; a replace names the version that was read.
func (s *Service) SaveOffer(ctx context.Context, id *uuid.UUID, version int, in OfferInput) (Offer, error) {
	defer s.refs.offers.clear() // this replica browses with the change at once
	if err := in.normalize(); err != nil {
		return Offer{}, err
	}
	now := s.Now()
	o := Offer{Name: in.Name, Code: in.Code, Kind: in.Kind, Value: in.Value, Currency: in.Currency, Scope: in.Scope, ProductID: in.ProductID,
		CategoryID: in.CategoryID, Audience: in.Audience, CustomerGroupID: in.CustomerGroupID, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo,
		MinOrderAmount: in.MinOrderAmount, MinQuantity: in.MinQuantity, MaxUses: in.MaxUses, MaxUsesPerCustomer: in.MaxUsesPerCustomer,
		Stackable: in.Stackable, Active: in.Active, UpdatedAt: now}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		store := s.store.WithTx(tx)
		var old Offer
		if id != nil {
			var err error
			if old, err = store.Offer(ctx, *id); err != nil {
				return err
			}
		}
		if o.Code != nil {
			var n int64
			q := tx.Model(&Offer{}).Where("code = ?", *o.Code)
			if id != nil {
				q = q.Where("id <> ?", *id)
			}
			if err := q.Count(&n).Error; err != nil {
				return fmt.Errorf("check offer code: %w", err)
			}
			if n > 0 {
				return ErrOfferCode
			}
		}
		if err := s.checkOfferRefs(ctx, store, in); err != nil {
			return err
		}
		var before any
		action := "offer.created"
		if id == nil {
			o.ID, o.Version, o.CreatedAt = uuid.Must(uuid.NewV7()), 1, now
			if err := tx.Create(&o).Error; err != nil {
				return fmt.Errorf("create offer: %w", duplicateOffer(err))
			}
		} else {
			action = "offer.updated"
			before = offerSnapshot(old)
			res := tx.Model(&Offer{}).Where("id = ? AND version = ?", *id, version).Updates(map[string]any{
				"name": o.Name, "code": o.Code, "kind": o.Kind, "value": o.Value, "currency": o.Currency, "scope": o.Scope,
				"product_id": o.ProductID, "category_id": o.CategoryID, "audience": o.Audience, "customer_group_id": o.CustomerGroupID,
				"valid_from": o.ValidFrom, "valid_to": o.ValidTo, "min_order_amount": o.MinOrderAmount, "min_quantity": o.MinQuantity,
				"max_uses": o.MaxUses, "max_uses_per_customer": o.MaxUsesPerCustomer, "stackable": o.Stackable, "active": o.Active,
				"version": gorm.Expr("version + 1"), "updated_at": now})
			if res.Error != nil {
				return fmt.Errorf("update offer: %w", duplicateOffer(res.Error))
			}
			if res.RowsAffected == 0 {
				return ErrOfferStale
			}
			o.ID = *id
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: action, EntityType: "offer", EntityID: o.ID.String(), Before: before, After: offerSnapshot(o)})
	})
	if err != nil {
		return Offer{}, err
	}
	return s.store.Offer(ctx, o.ID)
}

func duplicateOffer(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrOfferCode
	}
	return err
}

// Offer returns one offer.
func (s *Service) Offer(ctx context.Context, id uuid.UUID) (Offer, error) {
	return s.store.Offer(ctx, id)
}

// Offers pages through offers, newest first, with how often each was redeemed.
func (s *Service) Offers(ctx context.Context, before *uuid.UUID, limit int) ([]Offer, map[uuid.UUID]int64, error) {
	offers, err := s.store.Offers(ctx, before, limit)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]uuid.UUID, len(offers))
	for i, o := range offers {
		ids[i] = o.ID
	}
	uses, err := s.store.RedemptionCounts(ctx, ids)
	return offers, uses, err
}

// Redemptions counts how often one offer was redeemed.
func (s *Service) Redemptions(ctx context.Context, id uuid.UUID) (int64, error) {
	n, err := s.store.RedemptionCounts(ctx, []uuid.UUID{id})
	return n[id], err
}

// DeleteOffer removes an offer nobody has used; a used one must be deactivated instead, so the
// orders that used it keep their record.
func (s *Service) DeleteOffer(ctx context.Context, id uuid.UUID) error {
	defer s.refs.offers.clear()
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		store := s.store.WithTx(tx)
		old, err := store.Offer(ctx, id)
		if err != nil {
			return err
		}
		uses, err := store.RedemptionCounts(ctx, []uuid.UUID{id})
		if err != nil {
			return err
		}
		if uses[id] > 0 {
			return ErrOfferRedeemed
		}
		if err := tx.Where("id = ?", id).Delete(&Offer{}).Error; err != nil {
			return fmt.Errorf("delete offer: %w", err)
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "offer.deleted", EntityType: "offer", EntityID: id.String(), Before: offerSnapshot(old)})
	})
}

// CategoriesChanged drops the cached category tree (the catalog added or moved a category).
func (s *Service) CategoriesChanged() { s.refs.parents.clear() }

// TaxRates lists the tax classes and their rates.
func (s *Service) TaxRates(ctx context.Context) ([]TaxRate, error) { return s.store.TaxRates(ctx) }

// SetTaxRate sets (or adds) a tax class's rate in basis points.
func (s *Service) SetTaxRate(ctx context.Context, class, name string, rateBP int64) (TaxRate, error) {
	class, name = strings.ToLower(strings.TrimSpace(class)), strings.TrimSpace(name)
	var fields []apperr.FieldError
	if !taxClassPattern.MatchString(class) {
		fields = append(fields, apperr.FieldError{Field: "tax_class", Message: "must be 1–40 characters: a–z, 0–9, '_' or '-'"})
	}
	if name == "" || len(name) > 80 {
		fields = append(fields, apperr.FieldError{Field: "name", Message: "is required (at most 80 characters)"})
	}
	if rateBP < 0 || rateBP > 100000 {
		fields = append(fields, apperr.FieldError{Field: "rate_bp", Message: "is in basis points: 0 to 100000 (2000 = 20%)"})
	}
	if len(fields) > 0 {
		return TaxRate{}, apperr.Invalid("the tax rate has invalid fields", fields...)
	}
	t := TaxRate{TaxClass: class, Name: name, RateBP: rateBP, UpdatedAt: s.Now()}
	defer s.refs.taxRates.clear() // this replica prices with the new rate at once
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var old TaxRate
		var before any
		err := tx.Where("tax_class = ?", class).Take(&old).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			if err := tx.Create(&t).Error; err != nil {
				return fmt.Errorf("add tax rate: %w", err)
			}
		case err != nil:
			return fmt.Errorf("load tax rate: %w", err)
		default:
			before = map[string]any{"name": old.Name, "rate_bp": old.RateBP}
			if err := tx.Model(&TaxRate{}).Where("tax_class = ?", class).Updates(map[string]any{"name": name, "rate_bp": rateBP, "updated_at": t.UpdatedAt}).Error; err != nil {
				return fmt.Errorf("update tax rate: %w", err)
			}
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "tax_rate.updated", EntityType: "tax_rate", EntityID: class, Before: before,
			After: map[string]any{"name": name, "rate_bp": rateBP}})
	})
	return t, err
}
