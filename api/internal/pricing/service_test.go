package pricing

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

type fixture struct {
	db       *db.DB
	svc      *Service
	cat      *catalog.Service
	now      time.Time
	queries  atomic.Int64
	cats     map[string]uuid.UUID
	products map[string]catalog.Product // by SKU
	trade    uuid.UUID                  // customer group
	acme     uuid.UUID                  // business customer in trade
	casey    uuid.UUID                  // consumer
}

var bg = context.Background()

func (f *fixture) guest() catalog.Viewer    { return catalog.Viewer{} }
func (f *fixture) consumer() catalog.Viewer { return catalog.Viewer{CustomerID: &f.casey} }
func (f *fixture) business() catalog.Viewer {
	return catalog.Viewer{Business: true, CustomerID: &f.acme, Groups: []uuid.UUID{f.trade}}
}

// newFixture: categories power-tools > drills and garden; products DRL-1 (both, 12.00, drills),
// B2B-1 (business only, 50.00), B2C-1 (consumers only, 8.00, reduced tax), EUR-1 (both, €10.00);
// a trade group with ACME (business) in it; Casey (consumer).
func newFixture(t *testing.T) *fixture {
	t.Helper()
	d := dbtest.New(t)
	f := &fixture{db: d, now: time.Now().UTC().Truncate(time.Second), cats: map[string]uuid.UUID{}, products: map[string]catalog.Product{}}
	clock := func() time.Time { return f.now }
	log := audit.New(d.Gorm, clock)
	f.cat = catalog.NewService(catalog.NewStore(d.Gorm, d.Dialect == db.Postgres), log, clock)
	f.svc = NewService(d.Gorm, d.Dialect == db.Postgres, f.cat, log, clock)
	count := func(db *gorm.DB) {
		if !db.DryRun { // subqueries are built in dry-run mode, not sent
			f.queries.Add(1)
		}
	}
	if err := errors.Join(d.Gorm.Callback().Query().Before("gorm:query").Register("test:count_query", count),
		d.Gorm.Callback().Row().Before("gorm:row").Register("test:count_row", count)); err != nil {
		t.Fatal(err)
	}
	db.ObserveQueries(d.Gorm, func(string, time.Duration) { f.queries.Add(1) }) // batched reads skip GORM's callbacks
	for _, c := range []struct{ slug, parent string }{{"power-tools", ""}, {"drills", "power-tools"}, {"garden", ""}} {
		var parent *uuid.UUID
		if c.parent != "" {
			p := f.cats[c.parent]
			parent = &p
		}
		cat, err := f.cat.CreateCategory(bg, c.slug, c.slug, parent, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.cats[c.slug] = cat.ID
	}
	for _, p := range []catalog.ProductInput{
		{SKU: "DRL-1", Name: "Drill", CategoryID: ptr(f.cats["drills"]), Audience: catalog.Both, PriceAmount: 1200, Currency: "USD"},
		{SKU: "B2B-1", Name: "Trade pack", CategoryID: ptr(f.cats["power-tools"]), Audience: catalog.B2B, PriceAmount: 5000, Currency: "USD"},
		{SKU: "B2C-1", Name: "Watering can", CategoryID: ptr(f.cats["garden"]), Audience: catalog.B2C, PriceAmount: 800, Currency: "USD", TaxClass: "reduced"},
		{SKU: "EUR-1", Name: "Euro thing", Audience: catalog.Both, PriceAmount: 1000, Currency: "EUR"},
	} {
		p.Status, p.StockOnHand = catalog.Active, 100
		created, err := f.cat.CreateProduct(bg, p)
		if err != nil {
			t.Fatal(err)
		}
		f.products[p.SKU] = created
	}
	f.acme = f.customer(t, customers.Business, "acme")
	f.casey = f.customer(t, customers.Consumer, "casey")
	groups := customers.NewGroups(d.Gorm, log, clock)
	g, err := groups.Create(bg, "trade", "Trade", "")
	if err != nil {
		t.Fatal(err)
	}
	f.trade = g.ID
	if _, err := groups.AddMember(bg, g.ID, "acme@example.com"); err != nil {
		t.Fatal(err)
	}
	return f
}

var custSeq atomic.Int64

func (f *fixture) customer(t *testing.T, typ customers.Type, name string) uuid.UUID {
	t.Helper()
	n := custSeq.Add(1)
	c := customers.Customer{ID: uuid.Must(uuid.NewV7()), RegistrationID: fmt.Sprintf("REG-2026-%06d", n), LoginID: fmt.Sprintf("C%06d", n), Type: typ,
		Name: name, Email: name + "@example.com", Phone: fmt.Sprintf("+1415555%04d", n), PasswordHash: "x", Status: customers.Active,
		Address: customers.Address{Line1: "1 Main St", City: "Oakland", PostalCode: "94607", Country: "US"}, ApplicationID: uuid.Must(uuid.NewV7()),
		CreatedAt: f.now, UpdatedAt: f.now, Version: 1}
	if err := f.db.Gorm.Create(&c).Error; err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func (f *fixture) id(sku string) uuid.UUID { return f.products[sku].ID }

// tradeList: DRL-1 at 1:1150, 10:1080, 50:990 and B2B-1 at 1:4800.
func (f *fixture) tradeList(t *testing.T) PriceList {
	t.Helper()
	l, err := f.svc.SavePriceList(bg, nil, 0, PriceListInput{Name: "Trade", Code: "trade", CustomerGroupID: &f.trade, Currency: "USD", Active: true,
		Items: []ListItemInput{{ProductID: f.id("DRL-1"), Tiers: []TierInput{{1, 1150}, {10, 1080}, {50, 990}}}, {ProductID: f.id("B2B-1"), Tiers: []TierInput{{1, 4800}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (f *fixture) offer(t *testing.T, in OfferInput) Offer {
	t.Helper()
	if in.Audience == "" {
		in.Audience = catalog.Both
	}
	in.Active = true
	o, err := f.svc.SaveOffer(bg, nil, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func wantKind(t *testing.T, err error, kind apperr.Kind, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != kind {
		t.Fatalf("err = %v, want %v", err, kind)
	}
	if field == "" {
		return
	}
	for _, fe := range e.Fields {
		if fe.Field == field {
			return
		}
	}
	t.Fatalf("err = %v, want a field error on %s", err, field)
}

func TestPricesForEachViewer(t *testing.T) {
	f := newFixture(t)
	f.tradeList(t)
	if _, err := f.svc.SavePriceList(bg, nil, 0, PriceListInput{Name: "ACME", Code: "ACME-CONTRACT", CustomerID: &f.acme, Currency: "USD", Active: true,
		Items: []ListItemInput{{ProductID: f.id("B2B-1"), Tiers: []TierInput{{1, 4500}}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.cat.SaveCatalog(bg, nil, 0, catalog.CatalogInput{Name: "Spring trade catalog", Audience: catalog.B2B, Active: true, Groups: []uuid.UUID{f.trade},
		Products: []catalog.CatalogProduct{{ProductID: f.id("DRL-1"), PriceAmount: ptr(int64(1120))}}}); err != nil {
		t.Fatal(err)
	}
	f.offer(t, OfferInput{Name: "Garden days", Kind: Percent, Value: 1000, Scope: ScopeCategory, CategoryID: ptr(f.cats["garden"]), Audience: catalog.B2C})
	f.offer(t, OfferInput{Name: "Coded", Code: ptr("drill5"), Kind: Percent, Value: 500, Scope: ScopeProduct, ProductID: ptr(f.id("DRL-1"))})

	all := []catalog.Product{f.products["DRL-1"], f.products["B2B-1"], f.products["B2C-1"], f.products["EUR-1"]}
	for _, tc := range []struct {
		name    string
		viewer  catalog.Viewer
		sku     string
		unit    int64
		explain string
		tiers   int
	}{
		{"guest: base", f.guest(), "DRL-1", 1200, "List price", 0},
		{"guest: category offer for consumers", f.guest(), "B2C-1", 720, "Offer Garden days −10%", 0},
		{"consumer: category offer", f.consumer(), "B2C-1", 720, "Offer Garden days −10%", 0},
		{"consumer: coded offer needs its code", f.consumer(), "DRL-1", 1200, "List price", 0},
		{"business: catalog price beats tier 1", f.business(), "DRL-1", 1120, "Spring trade catalog price", 3},
		{"business: contract beats group list", f.business(), "B2B-1", 4500, "Contract price (ACME)", 0},
		{"business: no consumer offer", f.business(), "B2C-1", 800, "List price", 0},
		{"business: list in USD ignored for EUR product", f.business(), "EUR-1", 1000, "List price", 0},
		{"staff: base prices", catalog.Viewer{Staff: true}, "B2B-1", 5000, "List price", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prices, err := f.svc.Prices(bg, tc.viewer, all, f.now)
			if err != nil {
				t.Fatal(err)
			}
			p := prices[f.id(tc.sku)]
			if p.Unit != tc.unit || p.List != f.products[tc.sku].PriceAmount || p.Currency != f.products[tc.sku].Currency ||
				p.Explanation[len(p.Explanation)-1] != tc.explain || len(p.Tiers) != tc.tiers {
				t.Errorf("price %+v", p)
			}
		})
	}
	prices, _ := f.svc.Prices(bg, f.business(), all, f.now)
	tiers := prices[f.id("DRL-1")].Tiers
	if tiers[0].Unit != 1120 || *tiers[0].MaxQty != 9 || tiers[1].Unit != 1080 || tiers[2].MinQty != 50 || tiers[2].MaxQty != nil || tiers[2].Source != "Trade price list, tier 50+" {
		t.Errorf("tiers %+v", tiers)
	}
}

// The number of queries for a page of products does not grow with the page.
func TestPricesQueriesAreBounded(t *testing.T) {
	f := newFixture(t)
	f.tradeList(t)
	f.offer(t, OfferInput{Name: "Tools", Kind: Percent, Value: 500, Scope: ScopeCategory, CategoryID: ptr(f.cats["power-tools"]), MaxUses: ptr(100)})
	var many []catalog.Product
	for i := range 30 {
		p, err := f.cat.CreateProduct(bg, catalog.ProductInput{SKU: fmt.Sprintf("X-%02d", i), Name: fmt.Sprintf("X %d", i), CategoryID: ptr(f.cats["drills"]),
			Status: catalog.Active, Audience: catalog.Both, PriceAmount: 1000, Currency: "USD"})
		if err != nil {
			t.Fatal(err)
		}
		many = append(many, p)
	}
	count := func(products []catalog.Product) int64 {
		before := f.queries.Load()
		if _, err := f.svc.Prices(bg, f.business(), products, f.now); err != nil {
			t.Fatal(err)
		}
		return f.queries.Load() - before
	}
	one, thirty := count(many[:1]), count(many)
	if one != thirty || thirty > 5 {
		t.Errorf("queries: %d for 1 product, %d for 30 (want equal, at most 5)", one, thirty)
	}
}

func TestQuote(t *testing.T) {
	f := newFixture(t)
	f.tradeList(t)
	if _, err := f.svc.SetTaxRate(bg, "standard", "Standard", 2000); err != nil {
		t.Fatal(err)
	}
	welcome := f.offer(t, OfferInput{Name: "Welcome", Code: ptr("welcome5"), Kind: Fixed, Value: 500, Currency: ptr("USD"), Scope: ScopeOrder,
		MinOrderAmount: 5000, MaxUsesPerCustomer: ptr(1)})

	t.Run("business tiers by SKU, tax per line", func(t *testing.T) {
		q, err := f.svc.QuoteTx(bg, nil, f.business(), []LineRequest{{SKU: "drl-1", Quantity: 10}, {ProductID: ptr(f.id("B2B-1")), Quantity: 1}}, "", f.now)
		if err != nil {
			t.Fatal(err)
		}
		if q.Lines[0].Unit != 1080 || q.Lines[0].Explanation[0] != "Trade price list, tier 10–49" || q.Lines[1].Unit != 4800 ||
			q.Subtotal != 15600 || q.Tax != 3120 || q.Total != 18720 || q.Products[0].SKU != "DRL-1" {
			t.Errorf("quote %+v", q)
		}
	})
	t.Run("hidden and unknown products are both unknown", func(t *testing.T) {
		_, err := f.svc.QuoteTx(bg, nil, f.consumer(), []LineRequest{{ProductID: ptr(f.id("B2B-1")), Quantity: 1}, {SKU: "NOPE", Quantity: 1},
			{ProductID: ptr(uuid.Must(uuid.NewV7())), Quantity: 1}}, "", f.now)
		e, ok := apperr.As(err)
		if !ok || len(e.Fields) != 3 || e.Fields[0].Message != "unknown product" || e.Fields[0].Field != "items[0].product_id" || e.Fields[1].Field != "items[1].sku" {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("bad lines", func(t *testing.T) {
		for _, lines := range [][]LineRequest{nil, {{Quantity: 1}}, {{SKU: "DRL-1", Quantity: 0}}, {{SKU: "DRL-1", ProductID: ptr(f.id("DRL-1")), Quantity: 1}},
			{{SKU: "DRL-1", Quantity: 1}, {ProductID: ptr(f.id("DRL-1")), Quantity: 2}}, {{SKU: "DRL-1", Quantity: 1}, {SKU: "EUR-1", Quantity: 1}}} {
			if _, err := f.svc.QuoteTx(bg, nil, f.guest(), lines, "", f.now); apperr.KindOf(err) != apperr.KindInvalid {
				t.Errorf("%+v: err %v", lines, err)
			}
		}
	})
	t.Run("coupon below minimum, then applied, then used up by the customer", func(t *testing.T) {
		_, err := f.svc.QuoteTx(bg, nil, f.consumer(), []LineRequest{{SKU: "DRL-1", Quantity: 4}}, "Welcome5", f.now)
		wantCouponError(t, err, "needs an order of at least $50.00 (yours is $48.00)")
		q, err := f.svc.QuoteTx(bg, nil, f.consumer(), []LineRequest{{SKU: "DRL-1", Quantity: 5}}, "Welcome5", f.now)
		if err != nil || q.Discount != 500 || q.Applied[0].Label != "Coupon WELCOME5 −$5.00" || !q.Applied[0].Limited || q.Tax != 1100 {
			t.Fatalf("quote %+v, err %v", q, err)
		}
		if err := f.redeem(welcome.ID, f.casey, "ORD-1"); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.QuoteTx(bg, nil, f.consumer(), []LineRequest{{SKU: "DRL-1", Quantity: 5}}, "WELCOME5", f.now)
		wantCouponError(t, err, "was already used by your account")
		// Another customer still may.
		if _, err := f.svc.QuoteTx(bg, nil, f.business(), []LineRequest{{SKU: "DRL-1", Quantity: 5}}, "WELCOME5", f.now); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("inside a transaction", func(t *testing.T) {
		err := f.db.InTx(bg, func(tx *gorm.DB) error {
			q, err := f.svc.QuoteTx(bg, tx, f.guest(), []LineRequest{{SKU: "DRL-1", Quantity: 1}}, "", f.now)
			if err == nil && q.Total != 1440 {
				err = fmt.Errorf("total %d", q.Total)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// redeem records a use of an offer with limits the way ordering does: RedemptionTx, then the
// insert, in one transaction.
func (f *fixture) redeem(offer, customer uuid.UUID, orderRef string) error {
	return f.db.InTx(bg, func(tx *gorm.DB) error {
		red, err := f.svc.RedemptionTx(bg, tx, AppliedOffer{OfferID: offer, Limited: true}, customer, orderRef)
		if err != nil {
			return err
		}
		return tx.Create(&red).Error
	})
}

func TestRedemptionTxLimits(t *testing.T) {
	f := newFixture(t)
	o := f.offer(t, OfferInput{Name: "Launch", Code: ptr("LAUNCH"), Kind: Percent, Value: 1000, Scope: ScopeOrder, MaxUses: ptr(3), MaxUsesPerCustomer: ptr(2)})
	redeem := func(cust uuid.UUID, ref string) error {
		return f.redeem(o.ID, cust, ref)
	}
	if err := errors.Join(redeem(f.casey, "A"), redeem(f.casey, "B")); err != nil {
		t.Fatal(err)
	}
	wantCouponErr := func(err error, msg string) {
		t.Helper()
		wantCouponError(t, err, msg)
	}
	if err := redeem(f.acme, "A"); !errors.Is(err, gorm.ErrDuplicatedKey) { // one order, one redemption per offer
		t.Fatalf("second use by order A: %v", err)
	}
	wantCouponErr(redeem(f.casey, "C"), "already used by your account")
	if err := redeem(f.acme, "D"); err != nil {
		t.Fatal(err)
	}
	wantCouponErr(redeem(f.acme, "E"), "has reached its usage limit")
	if _, err := f.svc.RedemptionTx(bg, nil, AppliedOffer{OfferID: o.ID, Limited: true}, f.acme, "F"); err == nil {
		t.Error("RedemptionTx without a transaction worked")
	}
	if n, _ := f.svc.Redemptions(bg, o.ID); n != 3 {
		t.Errorf("%d redemptions, want 3", n)
	}
	// A used offer cannot be deleted.
	wantKind(t, f.svc.DeleteOffer(bg, o.ID), apperr.KindConflict, "")
}

// Concurrent orders never take more uses than the limit (the per-offer lock).
func TestRedemptionTxConcurrent(t *testing.T) {
	f := newFixture(t)
	o := f.offer(t, OfferInput{Name: "Few", Kind: Fixed, Value: 100, Currency: ptr("USD"), Scope: ScopeOrder, MaxUses: ptr(3)})
	var custs []uuid.UUID
	for i := range 8 {
		custs = append(custs, f.customer(t, customers.Consumer, fmt.Sprintf("c%d", i)))
	}
	var wg sync.WaitGroup
	var ok, limited atomic.Int64
	for i, c := range custs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := f.db.InTx(bg, func(tx *gorm.DB) error {
				red, err := f.svc.RedemptionTx(bg, tx, AppliedOffer{OfferID: o.ID, Limited: true}, c, fmt.Sprintf("ORD-%d", i))
				if err != nil {
					return err
				}
				return tx.Create(&red).Error
			})
			switch apperr.KindOf(err) {
			case apperr.KindInternal:
				if err == nil {
					ok.Add(1)
				} else {
					t.Error(err)
				}
			case apperr.KindConflict:
				limited.Add(1)
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 3 || limited.Load() != 5 {
		t.Errorf("%d redeemed, %d refused; want 3 and 5", ok.Load(), limited.Load())
	}
}

func (f *fixture) count(t *testing.T, model any) int64 {
	t.Helper()
	var n int64
	if err := f.db.Gorm.Model(model).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) audits(t *testing.T, action string) int64 {
	t.Helper()
	var n int64
	if err := f.db.Gorm.Model(&audit.Entry{}).Where("action = ?", action).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSavePriceList(t *testing.T) {
	f := newFixture(t)
	l := f.tradeList(t)
	if l.Code != "TRADE" || l.Version != 1 || len(l.Items) != 4 || f.audits(t, "price_list.created") != 1 {
		t.Fatalf("list %+v", l)
	}
	valid := func(mod func(*PriceListInput)) PriceListInput {
		in := PriceListInput{Name: "Schools", Code: "SCHOOLS", CustomerGroupID: &f.trade, Currency: "usd", Active: true,
			Items: []ListItemInput{{ProductID: f.id("DRL-1"), Tiers: []TierInput{{1, 1000}, {10, 900}}}}}
		mod(&in)
		return in
	}
	for _, tc := range []struct {
		name  string
		in    PriceListInput
		kind  apperr.Kind
		field string
	}{
		{"no name", valid(func(in *PriceListInput) { in.Name = " " }), apperr.KindInvalid, "name"},
		{"bad code", valid(func(in *PriceListInput) { in.Code = "a b" }), apperr.KindInvalid, "code"},
		{"both group and customer", valid(func(in *PriceListInput) { in.CustomerID = &f.acme }), apperr.KindInvalid, "customer_group_id"},
		{"neither group nor customer", valid(func(in *PriceListInput) { in.CustomerGroupID = nil }), apperr.KindInvalid, "customer_group_id"},
		{"bad currency", valid(func(in *PriceListInput) { in.Currency = "dollars" }), apperr.KindInvalid, "currency"},
		{"window backwards", valid(func(in *PriceListInput) { in.ValidFrom, in.ValidTo = ptr(f.now), ptr(f.now.Add(-time.Hour)) }), apperr.KindInvalid, "valid_to"},
		{"tiers descending", valid(func(in *PriceListInput) { in.Items[0].Tiers = []TierInput{{10, 900}, {1, 1000}} }), apperr.KindInvalid, "items[0].tiers[1].min_qty"},
		{"tier repeated", valid(func(in *PriceListInput) { in.Items[0].Tiers = []TierInput{{1, 1000}, {1, 900}} }), apperr.KindInvalid, "items[0].tiers[1].min_qty"},
		{"tier from 0", valid(func(in *PriceListInput) { in.Items[0].Tiers = []TierInput{{0, 1000}} }), apperr.KindInvalid, "items[0].tiers[0].min_qty"},
		{"negative amount", valid(func(in *PriceListInput) { in.Items[0].Tiers[1].Amount = -1 }), apperr.KindInvalid, "items[0].tiers[1].amount"},
		{"no tiers", valid(func(in *PriceListInput) { in.Items[0].Tiers = nil }), apperr.KindInvalid, "items[0].tiers"},
		{"product twice", valid(func(in *PriceListInput) { in.Items = append(in.Items, in.Items[0]) }), apperr.KindInvalid, "items[1].product_id"},
		{"unknown product", valid(func(in *PriceListInput) { in.Items[0].ProductID = uuid.Must(uuid.NewV7()) }), apperr.KindInvalid, "items[0].product_id"},
		{"unknown group", valid(func(in *PriceListInput) { in.CustomerGroupID = ptr(uuid.Must(uuid.NewV7())) }), apperr.KindInvalid, "customer_group_id"},
		{"unknown customer", valid(func(in *PriceListInput) { in.CustomerGroupID, in.CustomerID = nil, ptr(uuid.Must(uuid.NewV7())) }), apperr.KindInvalid, "customer_id"},
		{"code taken (any case)", valid(func(in *PriceListInput) { in.Code = "Trade" }), apperr.KindConflict, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lists, items := f.count(t, &PriceList{}), f.count(t, &PriceListItem{})
			_, err := f.svc.SavePriceList(bg, nil, 0, tc.in)
			wantKind(t, err, tc.kind, tc.field)
			if f.count(t, &PriceList{}) != lists || f.count(t, &PriceListItem{}) != items {
				t.Error("something was written")
			}
		})
	}

	// Replace: the whole tier list, with the version read.
	in := valid(func(in *PriceListInput) { in.Name, in.Code = "Trade 2027", "TRADE" })
	got, err := f.svc.SavePriceList(bg, &l.ID, 1, in)
	if err != nil || got.Version != 2 || got.Name != "Trade 2027" || len(got.Items) != 2 || got.Currency != "USD" {
		t.Fatalf("replace: %+v %v", got, err)
	}
	_, err = f.svc.SavePriceList(bg, &l.ID, 1, in)
	wantKind(t, err, apperr.KindConflict, "")
	if after, _ := f.svc.PriceList(bg, l.ID); after.Version != 2 {
		t.Errorf("stale write changed the list: %+v", after)
	}
	_, err = f.svc.SavePriceList(bg, ptr(uuid.Must(uuid.NewV7())), 1, in)
	wantKind(t, err, apperr.KindNotFound, "")
	if f.audits(t, "price_list.updated") != 1 {
		t.Error("no audit row for the update")
	}

	page, err := f.svc.PriceLists(bg, nil, 10)
	if err != nil || len(page) != 1 || page[0].Products != 1 {
		t.Fatalf("page %+v %v", page, err)
	}
	if err := f.svc.DeletePriceList(bg, l.ID); err != nil {
		t.Fatal(err)
	}
	if f.count(t, &PriceListItem{}) != 0 || f.audits(t, "price_list.deleted") != 1 {
		t.Error("delete left items or no audit row")
	}
	wantKind(t, f.svc.DeletePriceList(bg, l.ID), apperr.KindNotFound, "")
}

func TestSaveOffer(t *testing.T) {
	f := newFixture(t)
	o := f.offer(t, OfferInput{Name: "Welcome", Code: ptr(" welcome5 "), Kind: Fixed, Value: 500, Currency: ptr("usd"), Scope: ScopeOrder, MinOrderAmount: 5000})
	if *o.Code != "WELCOME5" || *o.Currency != "USD" || o.Version != 1 || f.audits(t, "offer.created") != 1 {
		t.Fatalf("offer %+v", o)
	}
	valid := func(mod func(*OfferInput)) OfferInput {
		in := OfferInput{Name: "Spring", Kind: Percent, Value: 1000, Scope: ScopeProduct, ProductID: ptr(f.id("DRL-1")), Audience: catalog.Both, Active: true}
		mod(&in)
		return in
	}
	for _, tc := range []struct {
		name  string
		in    OfferInput
		kind  apperr.Kind
		field string
	}{
		{"no name", valid(func(in *OfferInput) { in.Name = "" }), apperr.KindInvalid, "name"},
		{"bad code", valid(func(in *OfferInput) { in.Code = ptr("no spaces") }), apperr.KindInvalid, "code"},
		{"percent above 100%", valid(func(in *OfferInput) { in.Value = 10001 }), apperr.KindInvalid, "value"},
		{"percent with currency", valid(func(in *OfferInput) { in.Currency = ptr("USD") }), apperr.KindInvalid, "currency"},
		{"fixed without currency", valid(func(in *OfferInput) { in.Kind = Fixed }), apperr.KindInvalid, "currency"},
		{"zero value", valid(func(in *OfferInput) { in.Value = 0 }), apperr.KindInvalid, "value"},
		{"bad kind", valid(func(in *OfferInput) { in.Kind = "half" }), apperr.KindInvalid, "kind"},
		{"product scope without product", valid(func(in *OfferInput) { in.ProductID = nil }), apperr.KindInvalid, "product_id"},
		{"category scope without category", valid(func(in *OfferInput) { in.Scope = ScopeCategory }), apperr.KindInvalid, "category_id"},
		{"order scope with a product", valid(func(in *OfferInput) { in.Scope = ScopeOrder }), apperr.KindInvalid, "scope"},
		{"bad audience", valid(func(in *OfferInput) { in.Audience = "all" }), apperr.KindInvalid, "audience"},
		{"minimum order on a product offer", valid(func(in *OfferInput) { in.MinOrderAmount = 100 }), apperr.KindInvalid, "min_order_amount"},
		{"negative minimum quantity", valid(func(in *OfferInput) { in.MinQuantity = -1 }), apperr.KindInvalid, "min_quantity"},
		{"zero max uses", valid(func(in *OfferInput) { in.MaxUses = ptr(0) }), apperr.KindInvalid, "max_uses"},
		{"zero max uses per customer", valid(func(in *OfferInput) { in.MaxUsesPerCustomer = ptr(0) }), apperr.KindInvalid, "max_uses_per_customer"},
		{"window backwards", valid(func(in *OfferInput) { in.ValidFrom, in.ValidTo = ptr(f.now), ptr(f.now) }), apperr.KindInvalid, "valid_to"},
		{"unknown product", valid(func(in *OfferInput) { in.ProductID = ptr(uuid.Must(uuid.NewV7())) }), apperr.KindInvalid, "product_id"},
		{"unknown group", valid(func(in *OfferInput) { in.CustomerGroupID = ptr(uuid.Must(uuid.NewV7())) }), apperr.KindInvalid, "customer_group_id"},
		{"code taken (any case)", valid(func(in *OfferInput) { in.Code = ptr("Welcome5") }), apperr.KindConflict, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.count(t, &Offer{})
			_, err := f.svc.SaveOffer(bg, nil, 0, tc.in)
			wantKind(t, err, tc.kind, tc.field)
			if f.count(t, &Offer{}) != before {
				t.Error("something was written")
			}
		})
	}
	// A blank code is no code.
	auto := f.offer(t, valid(func(in *OfferInput) { in.Code = ptr("  ") }))
	if auto.Code != nil {
		t.Errorf("code %q", *auto.Code)
	}
	upd, err := f.svc.SaveOffer(bg, &auto.ID, 1, valid(func(in *OfferInput) { in.Value = 2000 }))
	if err != nil || upd.Version != 2 || upd.Value != 2000 {
		t.Fatalf("update %+v %v", upd, err)
	}
	_, err = f.svc.SaveOffer(bg, &auto.ID, 1, valid(func(in *OfferInput) {}))
	wantKind(t, err, apperr.KindConflict, "")
	if err := f.svc.DeleteOffer(bg, auto.ID); err != nil {
		t.Fatal(err)
	}
	wantKind(t, f.svc.DeleteOffer(bg, auto.ID), apperr.KindNotFound, "")
	if f.audits(t, "offer.updated") != 1 || f.audits(t, "offer.deleted") != 1 {
		t.Error("audit rows missing")
	}
}

func TestPublicOffers(t *testing.T) {
	f := newFixture(t)
	f.offer(t, OfferInput{Name: "For all", Kind: Percent, Value: 1000, Scope: ScopeOrder})
	f.offer(t, OfferInput{Name: "Consumers", Kind: Percent, Value: 1000, Scope: ScopeCategory, CategoryID: ptr(f.cats["garden"]), Audience: catalog.B2C})
	f.offer(t, OfferInput{Name: "Trade", Kind: Percent, Value: 1000, Scope: ScopeOrder, Audience: catalog.B2B, CustomerGroupID: &f.trade})
	f.offer(t, OfferInput{Name: "Coupon", Code: ptr("SECRET"), Kind: Percent, Value: 1000, Scope: ScopeOrder})
	f.offer(t, OfferInput{Name: "Later", Kind: Percent, Value: 1000, Scope: ScopeOrder, ValidFrom: ptr(f.now.Add(time.Hour))})
	f.offer(t, OfferInput{Name: "Over", Kind: Percent, Value: 1000, Scope: ScopeOrder, ValidTo: ptr(f.now)})
	names := func(v catalog.Viewer) string {
		offers, err := f.svc.PublicOffers(bg, v)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, o := range offers {
			out = append(out, o.Name)
		}
		return strings.Join(out, ",")
	}
	if got := names(f.guest()); got != "For all,Consumers" {
		t.Errorf("guest: %s", got)
	}
	if got := names(f.business()); got != "For all,Trade" {
		t.Errorf("business: %s", got)
	}
	if got := names(catalog.Viewer{Business: true}); got != "For all" {
		t.Errorf("business outside the group: %s", got)
	}
}

func TestSetTaxRate(t *testing.T) {
	f := newFixture(t)
	rates, err := f.svc.TaxRates(bg)
	if err != nil || len(rates) != 3 || rates[0].TaxClass != "reduced" || rates[0].RateBP != 0 {
		t.Fatalf("seeded rates %+v %v", rates, err)
	}
	if _, err := f.svc.SetTaxRate(bg, "Standard", "Standard rate", 2000); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SetTaxRate(bg, "luxury", "Luxury", 3000); err != nil {
		t.Fatal(err)
	}
	rates, _ = f.svc.TaxRates(bg)
	if len(rates) != 4 || rates[0].TaxClass != "luxury" || rates[2].RateBP != 2000 || f.audits(t, "tax_rate.updated") != 2 {
		t.Errorf("rates %+v", rates)
	}
	for _, bad := range []struct {
		class, name string
		rate        int64
		field       string
	}{{"", "x", 1, "tax_class"}, {"a b", "x", 1, "tax_class"}, {"std", "", 1, "name"}, {"std", "x", -1, "rate_bp"}, {"std", "x", 100001, "rate_bp"}} {
		_, err := f.svc.SetTaxRate(bg, bad.class, bad.name, bad.rate)
		wantKind(t, err, apperr.KindInvalid, bad.field)
	}
}

func TestSeedDemo(t *testing.T) {
	f := newFixture(t)
	var all []catalog.Product
	for _, p := range f.products {
		all = append(all, p)
	}
	ids := DemoIDs{TradeGroup: f.trade, BusinessCustomer: f.acme, Products: all, OfferCategory: f.cats["garden"]}
	for range 2 {
		if err := f.svc.SeedDemo(bg, ids); err != nil {
			t.Fatal(err)
		}
	}
	if f.count(t, &PriceList{}) != 2 || f.count(t, &Offer{}) != 2 {
		t.Fatalf("%d lists, %d offers after seeding twice", f.count(t, &PriceList{}), f.count(t, &Offer{}))
	}
	for _, tc := range []struct {
		qty     int
		unit    int64
		explain string
	}{{1, 4400, "Contract price (Northwind Traders)"}, {10, 4400, "Contract price (Northwind Traders)"}, {50, 4250, "Trade price list, tier 50+"}} {
		q, err := f.svc.QuoteTx(bg, nil, f.business(), []LineRequest{{SKU: "B2B-1", Quantity: tc.qty}}, "", f.now)
		if err != nil || q.Lines[0].Unit != tc.unit || q.Lines[0].Explanation[0] != tc.explain {
			t.Errorf("qty %d: %+v %v", tc.qty, q.Lines, err)
		}
	}
	q, err := f.svc.QuoteTx(bg, nil, f.consumer(), []LineRequest{{SKU: "B2C-1", Quantity: 7}}, "welcome5", f.now)
	if err != nil || q.Lines[0].Unit != 720 || q.Discount != 500 {
		t.Errorf("consumer quote %+v %v", q, err)
	}
}
