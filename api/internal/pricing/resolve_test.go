package pricing

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// The fixture: a product at 12.00 USD in category "drills" under "power tools"; a trade group;
// a business customer (ACME) in it; a consumer.
var (
	now        = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	productID  = uuid.MustParse("00000000-0000-7000-8000-000000000001")
	product2ID = uuid.MustParse("00000000-0000-7000-8000-000000000002")
	drills     = uuid.MustParse("00000000-0000-7000-8000-0000000000c1")
	powerTools = uuid.MustParse("00000000-0000-7000-8000-0000000000c0")
	garden     = uuid.MustParse("00000000-0000-7000-8000-0000000000c9")
	tradeGroup = uuid.MustParse("00000000-0000-7000-8000-0000000000a1")
	otherGroup = uuid.MustParse("00000000-0000-7000-8000-0000000000a2")
	acme       = uuid.MustParse("00000000-0000-7000-8000-0000000000b1")
	consumer   = uuid.MustParse("00000000-0000-7000-8000-0000000000b2")

	item  = Item{ProductID: productID, Base: 1200, Currency: "USD", Categories: []uuid.UUID{drills, powerTools}, TaxClass: "standard"}
	item2 = Item{ProductID: product2ID, Base: 800, Currency: "USD", Categories: []uuid.UUID{garden}, TaxClass: "reduced"}

	guest         = catalog.Viewer{}
	consumerV     = catalog.Viewer{CustomerID: &consumer}
	business      = catalog.Viewer{Business: true, CustomerID: &acme, Groups: []uuid.UUID{tradeGroup}}
	businessAlone = catalog.Viewer{Business: true, CustomerID: &acme}
	staff         = catalog.Viewer{Staff: true}
)

func ptr[T any](v T) *T { return &v }

func at(d time.Duration) *time.Time { return ptr(now.Add(d)) }

func tiers(list uuid.UUID, product uuid.UUID, pairs ...int64) []PriceListItem {
	var out []PriceListItem
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, PriceListItem{ID: uuid.New(), PriceListID: list, ProductID: product, MinQty: int(pairs[i]), Amount: pairs[i+1]})
	}
	return out
}

// tradeList is the trade group's list: 1–9 11.50, 10–49 10.80, 50+ 9.90.
func tradeList(mod ...func(*PriceList)) PriceList {
	id := uuid.MustParse("00000000-0000-7000-8000-0000000000d1")
	l := PriceList{ID: id, Name: "Trade", Code: "TRADE", CustomerGroupID: &tradeGroup, Currency: "USD", Active: true,
		Items: tiers(id, productID, 1, 1150, 10, 1080, 50, 990)}
	for _, m := range mod {
		m(&l)
	}
	return l
}

func contractList(mod ...func(*PriceList)) PriceList {
	id := uuid.MustParse("00000000-0000-7000-8000-0000000000d2")
	l := PriceList{ID: id, Name: "ACME", Code: "ACME", CustomerID: &acme, Currency: "USD", Active: true, Items: tiers(id, productID, 1, 1000)}
	for _, m := range mod {
		m(&l)
	}
	return l
}

var offerSeq = 0

func offer(mod ...func(*Offer)) Offer {
	offerSeq++
	o := Offer{ID: uuid.MustParse(fmt.Sprintf("00000000-0000-7000-8000-%012x", offerSeq)),
		Name: "Spring", Kind: Percent, Value: 1000, Scope: ScopeProduct, ProductID: &productID, Audience: catalog.Both, Active: true}
	for _, m := range mod {
		m(&o)
	}
	return o
}

func fixed(amount int64) func(*Offer) {
	return func(o *Offer) { o.Kind, o.Value, o.Currency = Fixed, amount, ptr("USD") }
}
func named(n string) func(*Offer) { return func(o *Offer) { o.Name = n } }
func stackable(o *Offer)          { o.Stackable = true }
func code(c string) func(*Offer)  { return func(o *Offer) { o.Code = ptr(c) } }
func orderScope(o *Offer)         { o.Scope, o.ProductID = ScopeOrder, nil }
func percent(bp int64) func(*Offer) {
	return func(o *Offer) { o.Kind, o.Value, o.Currency = Percent, bp, nil }
}
func audience(a catalog.Audience) func(*Offer) { return func(o *Offer) { o.Audience = a } }

func TestUnitPrice(t *testing.T) {
	spring := catalog.CatalogPrice{CatalogName: "Spring trade catalog", Amount: 1100}
	for _, tc := range []struct {
		name     string
		viewer   catalog.Viewer
		qty      int
		catalogs []catalog.CatalogPrice
		lists    []PriceList
		offers   []Offer
		usage    map[uuid.UUID]Usage
		coupon   string
		item     *Item
		want     int64
		src      string
		explain  []string
	}{
		{name: "base price for a guest", viewer: guest, qty: 1, want: 1200, src: "base", explain: []string{"List price"}},
		{name: "catalog price below base wins", viewer: guest, qty: 1, catalogs: []catalog.CatalogPrice{spring}, want: 1100, src: "catalog", explain: []string{"Spring trade catalog price"}},
		{name: "catalog price above base loses", viewer: guest, qty: 1, catalogs: []catalog.CatalogPrice{{CatalogName: "Dear", Amount: 1300}}, want: 1200, src: "base"},
		{name: "catalog price equal to base: catalog is more specific", viewer: guest, qty: 1, catalogs: []catalog.CatalogPrice{{CatalogName: "Same", Amount: 1200}}, want: 1200, src: "catalog", explain: []string{"Same price"}},
		{name: "lowest of two catalogs", viewer: guest, qty: 1, catalogs: []catalog.CatalogPrice{spring, {CatalogName: "Outlet", Amount: 1050}}, want: 1050, src: "catalog", explain: []string{"Outlet price"}},

		{name: "group list tier 1 at qty 1", viewer: business, qty: 1, lists: []PriceList{tradeList()}, want: 1150, src: "group", explain: []string{"Trade price list, tier 1–9"}},
		{name: "group list tier 1 at qty 9", viewer: business, qty: 9, lists: []PriceList{tradeList()}, want: 1150, src: "group", explain: []string{"Trade price list, tier 1–9"}},
		{name: "group list tier 2 at qty 10", viewer: business, qty: 10, lists: []PriceList{tradeList()}, want: 1080, src: "group", explain: []string{"Trade price list, tier 10–49"}},
		{name: "group list tier 2 at qty 49", viewer: business, qty: 49, lists: []PriceList{tradeList()}, want: 1080, src: "group", explain: []string{"Trade price list, tier 10–49"}},
		{name: "group list tier 3 at qty 50", viewer: business, qty: 50, lists: []PriceList{tradeList()}, want: 990, src: "group", explain: []string{"Trade price list, tier 50+"}},
		{name: "group list tier 3 at qty 5000", viewer: business, qty: 5000, lists: []PriceList{tradeList()}, want: 990, src: "group"},
		{name: "a list starting at 10 does not price 9", viewer: business, qty: 9, lists: []PriceList{tradeList(func(l *PriceList) { l.Items = tiers(l.ID, productID, 10, 1000) })}, want: 1200, src: "base"},
		{name: "a list starting at 10 prices 10", viewer: business, qty: 10, lists: []PriceList{tradeList(func(l *PriceList) { l.Items = tiers(l.ID, productID, 10, 1000) })}, want: 1000, src: "group", explain: []string{"Trade price list, tier 10+"}},
		{name: "a list named '… list' is not renamed", viewer: business, qty: 1, lists: []PriceList{tradeList(func(l *PriceList) { l.Name = "Schools list"; l.Items = tiers(l.ID, productID, 1, 900) })}, want: 900, explain: []string{"Schools list"}},
		{name: "group list of another group ignored", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.CustomerGroupID = &otherGroup })}, want: 1200, src: "base"},
		{name: "group list ignored for a guest", viewer: guest, qty: 50, lists: []PriceList{tradeList()}, want: 1200, src: "base"},
		{name: "group list for another product ignored", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.Items = tiers(l.ID, product2ID, 1, 1) })}, want: 1200},
		{name: "inactive list ignored", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.Active = false })}, want: 1200, src: "base"},
		{name: "list in another currency ignored", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.Currency = "EUR" })}, want: 1200, src: "base"},
		{name: "list valid from now applies (inclusive)", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.ValidFrom = at(0) })}, want: 990},
		{name: "list valid from 1ns later does not apply yet", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.ValidFrom = at(time.Nanosecond) })}, want: 1200},
		{name: "list valid to now has ended (exclusive)", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.ValidTo = at(0) })}, want: 1200},
		{name: "list valid to 1ns later still applies", viewer: business, qty: 50, lists: []PriceList{tradeList(func(l *PriceList) { l.ValidFrom, l.ValidTo = at(-time.Hour), at(time.Nanosecond) })}, want: 990},
		{name: "group list beats a dearer catalog", viewer: business, qty: 10, catalogs: []catalog.CatalogPrice{spring}, lists: []PriceList{tradeList()}, want: 1080, src: "group"},
		{name: "catalog beats a dearer group tier", viewer: business, qty: 1, catalogs: []catalog.CatalogPrice{spring}, lists: []PriceList{tradeList()}, want: 1100, src: "catalog"},
		{name: "tie group vs catalog: group is more specific", viewer: business, qty: 1, catalogs: []catalog.CatalogPrice{{CatalogName: "C", Amount: 1150}}, lists: []PriceList{tradeList()}, want: 1150, src: "group"},

		{name: "customer contract", viewer: businessAlone, qty: 1, lists: []PriceList{contractList()}, want: 1000, src: "customer", explain: []string{"Contract price (ACME)"}},
		{name: "contract of another customer ignored", viewer: consumerV, qty: 1, lists: []PriceList{contractList()}, want: 1200, src: "base"},
		{name: "contract beats group tier 1", viewer: business, qty: 1, lists: []PriceList{tradeList(), contractList()}, want: 1000, src: "customer"},
		{name: "group tier 3 beats contract at 50", viewer: business, qty: 50, lists: []PriceList{tradeList(), contractList()}, want: 990, src: "group"},
		{name: "tie contract vs group: contract is more specific", viewer: business, qty: 10, lists: []PriceList{tradeList(), contractList(func(l *PriceList) { l.Items = tiers(l.ID, productID, 1, 1080) })}, want: 1080, src: "customer"},
		{name: "contract with tiers", viewer: business, qty: 20, lists: []PriceList{contractList(func(l *PriceList) { l.Items = tiers(l.ID, productID, 1, 1100, 20, 950) })}, want: 950, explain: []string{"Contract price (ACME), tier 20+"}},
		{name: "staff see the base price", viewer: staff, qty: 50, catalogs: []catalog.CatalogPrice{spring}, lists: []PriceList{tradeList()}, offers: []Offer{offer()}, want: 1200, src: "base"},

		// Offers (rule 2).
		{name: "offer 10% off base", viewer: guest, qty: 1, offers: []Offer{offer()}, want: 1080, src: "offer", explain: []string{"List price", "Offer Spring −10%"}},
		{name: "offer vs tier: offer wins at qty 1", viewer: business, qty: 1, lists: []PriceList{tradeList()}, offers: []Offer{offer()}, want: 1080, src: "offer"},
		{name: "offer vs tier: tie keeps the list price", viewer: business, qty: 10, lists: []PriceList{tradeList()}, offers: []Offer{offer()}, want: 1080, src: "group", explain: []string{"Trade price list, tier 10–49"}},
		{name: "offer vs tier: tier wins at qty 50 (no double dipping)", viewer: business, qty: 50, lists: []PriceList{tradeList()}, offers: []Offer{offer()}, want: 990, src: "group", explain: []string{"Trade price list, tier 50+"}},
		{name: "offer vs catalog: catalog wins", viewer: guest, qty: 1, catalogs: []catalog.CatalogPrice{{CatalogName: "Outlet", Amount: 1000}}, offers: []Offer{offer()}, want: 1000, src: "catalog"},
		{name: "best of two non-stackable offers", viewer: guest, qty: 1, offers: []Offer{offer(), offer(named("Clearance"), fixed(150))}, want: 1050, explain: []string{"List price", "Offer Clearance −$1.50"}},
		{name: "percent rounds half up per unit", viewer: guest, qty: 1, item: &Item{ProductID: productID, Base: 1995, Currency: "USD"}, offers: []Offer{offer()}, want: 1795},
		{name: "percent rounds down below half", viewer: guest, qty: 1, item: &Item{ProductID: productID, Base: 1994, Currency: "USD"}, offers: []Offer{offer()}, want: 1795},
		{name: "12.5% shown with its fraction", viewer: guest, qty: 1, offers: []Offer{offer(percent(1250))}, want: 1050, explain: []string{"List price", "Offer Spring −12.5%"}},
		{name: "stackable percent on top of the tier", viewer: business, qty: 10, lists: []PriceList{tradeList()}, offers: []Offer{offer(named("Loyalty"), percent(500), stackable)}, want: 1026, src: "group",
			explain: []string{"Trade price list, tier 10–49", "Offer Loyalty −5%"}},
		{name: "stackable: percent before fixed whatever the names", viewer: business, qty: 10, lists: []PriceList{tradeList()},
			offers: []Offer{offer(named("A fixed"), fixed(100), stackable), offer(named("Z percent"), percent(500), stackable)}, want: 926,
			explain: []string{"Trade price list, tier 10–49", "Offer Z percent −5%", "Offer A fixed −$1.00"}},
		{name: "stackable on top of the winning offer", viewer: guest, qty: 1, offers: []Offer{offer(), offer(named("Extra"), fixed(80), stackable)}, want: 1000,
			explain: []string{"List price", "Offer Spring −10%", "Offer Extra −$0.80"}},
		{name: "stackable never below zero", viewer: guest, qty: 1, offers: []Offer{offer(named("Big"), fixed(5000), stackable), offer(named("More"), fixed(10), stackable)}, want: 0,
			explain: []string{"List price", "Offer Big −$50.00"}},
		{name: "100% offer makes it free", viewer: guest, qty: 1, offers: []Offer{offer(percent(10000))}, want: 0},
		{name: "fixed offer above the price is capped at 0", viewer: guest, qty: 1, offers: []Offer{offer(fixed(2000))}, want: 0},
		{name: "b2b offer not for a consumer", viewer: consumerV, qty: 1, offers: []Offer{offer(audience(catalog.B2B))}, want: 1200},
		{name: "b2b offer for a business", viewer: businessAlone, qty: 1, offers: []Offer{offer(audience(catalog.B2B))}, want: 1080},
		{name: "b2c offer not for a business", viewer: businessAlone, qty: 1, offers: []Offer{offer(audience(catalog.B2C))}, want: 1200},
		{name: "b2c offer for a guest", viewer: guest, qty: 1, offers: []Offer{offer(audience(catalog.B2C))}, want: 1080},
		{name: "group offer not for others", viewer: businessAlone, qty: 1, offers: []Offer{offer(func(o *Offer) { o.CustomerGroupID = &tradeGroup })}, want: 1200},
		{name: "group offer for members", viewer: business, qty: 1, offers: []Offer{offer(func(o *Offer) { o.CustomerGroupID = &tradeGroup })}, want: 1080},
		{name: "coded offer needs its code", viewer: guest, qty: 1, offers: []Offer{offer(code("SPRING10"))}, want: 1200},
		{name: "coded offer with its code in any case", viewer: guest, qty: 1, coupon: " spring10 ", offers: []Offer{offer(code("SPRING10"))}, want: 1080, explain: []string{"List price", "Coupon SPRING10 −10%"}},
		{name: "offer minimum quantity not met", viewer: guest, qty: 4, offers: []Offer{offer(func(o *Offer) { o.MinQuantity = 5 })}, want: 1200},
		{name: "offer minimum quantity met", viewer: guest, qty: 5, offers: []Offer{offer(func(o *Offer) { o.MinQuantity = 5 })}, want: 1080},
		{name: "category offer covers subcategories", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.Scope, o.ProductID, o.CategoryID = ScopeCategory, nil, &powerTools })}, want: 1080},
		{name: "category offer of another category", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.Scope, o.ProductID, o.CategoryID = ScopeCategory, nil, &garden })}, want: 1200},
		{name: "offer for another product", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.ProductID = &product2ID })}, want: 1200},
		{name: "order-scope offer does not change the unit price", viewer: guest, qty: 1, offers: []Offer{offer(orderScope)}, want: 1200},
		{name: "fixed offer in another currency ignored", viewer: guest, qty: 1, offers: []Offer{offer(fixed(100), func(o *Offer) { o.Currency = ptr("EUR") })}, want: 1200},
		{name: "inactive offer ignored", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.Active = false })}, want: 1200},
		{name: "offer valid from now applies (inclusive)", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.ValidFrom = at(0) })}, want: 1080},
		{name: "offer not yet valid", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.ValidFrom = at(time.Second) })}, want: 1200},
		{name: "offer valid to now has expired (exclusive)", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.ValidTo = at(0) })}, want: 1200},
		{name: "offer valid to 1ns later applies", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.ValidTo = at(time.Nanosecond) })}, want: 1080},
		{name: "offer at its total usage limit ignored", viewer: guest, qty: 1, offers: []Offer{offer(func(o *Offer) { o.MaxUses = ptr(3) })},
			usage: map[uuid.UUID]Usage{}, want: 1200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Resolver{Viewer: tc.viewer, At: now, Lists: tc.lists, Offers: tc.offers, Usage: tc.usage, Coupon: tc.coupon,
				Catalogs: map[uuid.UUID][]catalog.CatalogPrice{productID: tc.catalogs}}
			if tc.name == "offer at its total usage limit ignored" {
				r.Usage = map[uuid.UUID]Usage{tc.offers[0].ID: {Total: 3}}
			}
			it := item
			if tc.item != nil {
				it = *tc.item
			}
			got := r.Unit(it, tc.qty)
			if got.Unit != tc.want {
				t.Fatalf("unit %d, want %d (%v)", got.Unit, tc.want, got.Explanation)
			}
			if tc.src != "" && got.Source.String() != tc.src {
				t.Errorf("source %v, want %v", got.Source, tc.src)
			}
			if tc.explain != nil && !slices.Equal(got.Explanation, tc.explain) {
				t.Errorf("explanation %q, want %q", got.Explanation, tc.explain)
			}
			if got.List != it.Base || got.Currency != it.Currency {
				t.Errorf("list %d %s", got.List, got.Currency)
			}
		})
	}
}

func TestTiersTable(t *testing.T) {
	r := Resolver{Viewer: business, At: now, Lists: []PriceList{tradeList()}}
	got := r.Tiers(item)
	want := []Tier{{MinQty: 1, MaxQty: ptr(9), Unit: 1150}, {MinQty: 10, MaxQty: ptr(49), Unit: 1080}, {MinQty: 50, Unit: 990}}
	if len(got) != len(want) {
		t.Fatalf("tiers %+v", got)
	}
	for i := range want {
		if got[i].MinQty != want[i].MinQty || got[i].Unit != want[i].Unit || (want[i].MaxQty == nil) != (got[i].MaxQty == nil) ||
			(want[i].MaxQty != nil && *got[i].MaxQty != *want[i].MaxQty) {
			t.Errorf("tier %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if got[1].Source != "Trade price list, tier 10–49" {
		t.Errorf("source %q", got[1].Source)
	}
	// A contract at 10.00 from 1 hides the trade list's first two tiers.
	r.Lists = append(r.Lists, contractList())
	got = r.Tiers(item)
	if len(got) != 2 || got[0].Unit != 1000 || *got[0].MaxQty != 49 || got[1].MinQty != 50 || got[1].Unit != 990 {
		t.Errorf("with contract: %+v", got)
	}
	// No quantity breaks: no table.
	if got := (&Resolver{Viewer: guest, At: now}).Tiers(item); got != nil {
		t.Errorf("guest tiers %+v", got)
	}
	// An offer from 5 units is a break too.
	r = Resolver{Viewer: guest, At: now, Offers: []Offer{offer(func(o *Offer) { o.MinQuantity = 5 })}}
	if got := r.Tiers(item); len(got) != 2 || got[1].MinQty != 5 || got[1].Unit != 1080 {
		t.Errorf("offer tiers %+v", got)
	}
}

func TestRoundHalfUp(t *testing.T) {
	for _, tc := range []struct{ amount, bp, want int64 }{
		{1995, 1000, 200}, // 199.5 → 200
		{1994, 1000, 199}, // 199.4 → 199
		{1996, 1000, 200}, // 199.6 → 200
		{5, 1000, 1},      // 0.5 → 1
		{4, 1000, 0},      // 0.4 → 0
		{1234, 825, 102},  // 101.805 → 102
		{1000, 2000, 200},
		{1, 5000, 1}, // 0.5 → 1
		{1, 4999, 0},
		{0, 2000, 0},
		{1200, 0, 0},
		{math.MaxInt64, 10000, math.MaxInt64}, // no overflow
		{math.MaxInt64 / 2, 20000, math.MaxInt64 - 1},
	} {
		if got := roundHalfUp(tc.amount, tc.bp); got != tc.want {
			t.Errorf("roundHalfUp(%d, %d) = %d, want %d", tc.amount, tc.bp, got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{FormatMoney(500, "USD"), "$5.00"}, {FormatMoney(5, "USD"), "$0.05"}, {FormatMoney(123456, "EUR"), "€1234.56"},
		{FormatMoney(500, "JPY"), "¥500"}, {FormatMoney(1250, "CHF"), "12.50 CHF"}, {FormatMoney(-150, "GBP"), "−£1.50"},
		{FormatPercent(1000), "10%"}, {FormatPercent(1250), "12.5%"}, {FormatPercent(1234), "12.34%"}, {FormatPercent(5), "0.05%"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestAllocate(t *testing.T) {
	for _, tc := range []struct {
		total   int64
		weights []int64
		want    []int64
	}{
		{100, []int64{100, 100, 100}, []int64{34, 33, 33}},
		{100, []int64{1, 1, 1}, []int64{1, 1, 1}}, // more than the weights: capped (callers never ask)
		{7, []int64{3333, 3333, 3334}, []int64{2, 2, 3}},
		{10, []int64{0, 5, 5}, []int64{0, 5, 5}},
		{1, []int64{5, 5}, []int64{1, 0}}, // tie goes to the earlier line
		{0, []int64{5, 5}, []int64{0, 0}},
		{500, []int64{2999, 2001}, []int64{300, 200}},
		{500, []int64{10000}, []int64{500}},
		{3, []int64{0, 0}, []int64{0, 0}},
		{math.MaxInt64 / 4, []int64{math.MaxInt64 / 2, math.MaxInt64 / 2}, []int64{math.MaxInt64/8 + 1, math.MaxInt64 / 8}},
	} {
		got := Allocate(tc.total, tc.weights)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Allocate(%d, %v) = %v, want %v", tc.total, tc.weights, got, tc.want)
		}
	}
}

func FuzzAllocate(f *testing.F) {
	f.Add(int64(100), []byte{1, 1, 1})
	f.Add(int64(7), []byte{33, 33, 34})
	f.Add(int64(0), []byte{})
	f.Add(int64(1), []byte{0, 0, 9})
	f.Fuzz(func(t *testing.T, total int64, raw []byte) {
		weights := make([]int64, len(raw))
		var sum int64
		for i, b := range raw {
			weights[i] = int64(b) * 997
			sum += weights[i]
		}
		if total < 0 {
			total = -total
		}
		if total < 0 || sum == 0 {
			total = 0
		} else {
			total %= sum + 1
		}
		parts := Allocate(total, weights)
		var got int64
		for i, p := range parts {
			if p < 0 || p > weights[i] {
				t.Fatalf("part %d = %d of weight %d (total %d, weights %v)", i, p, weights[i], total, weights)
			}
			got += p
		}
		if got != total {
			t.Fatalf("parts %v sum to %d, want %d", parts, got, total)
		}
	})
}

// quote runs Quote and fails the test on an error.
func quote(t *testing.T, r Resolver, lines ...Line) Quote {
	t.Helper()
	q, err := r.Quote(lines)
	if err != nil {
		t.Fatalf("quote: %v", err)
	}
	return q
}

func checkSums(t *testing.T, q Quote) {
	t.Helper()
	var net, disc, tax, total int64
	for _, l := range q.Lines {
		net += l.Net
		disc += l.OrderDiscount
		tax += l.Tax
		total += l.Total
		if l.Net != l.Unit*int64(l.Quantity) || l.OrderDiscount < 0 || l.OrderDiscount > l.Net || l.Tax < 0 || l.Total != l.Net-l.OrderDiscount+l.Tax {
			t.Errorf("line does not add up: %+v", l)
		}
	}
	if net != q.Subtotal || disc != q.Discount || tax != q.Tax || total != q.Total || q.Total != q.Subtotal-q.Discount+q.Tax {
		t.Errorf("totals do not add up: lines %d/%d/%d/%d, quote %+v", net, disc, tax, total, q)
	}
}

func TestQuoteTotalsAndTax(t *testing.T) {
	r := Resolver{Viewer: consumerV, At: now, TaxRates: map[string]int64{"standard": 2000, "reduced": 550}}
	q := quote(t, r, Line{Item: item, Quantity: 3}, Line{Item: item2, Quantity: 1})
	checkSums(t, q)
	// 3 × 12.00 = 36.00 (tax 7.20); 8.00 at 5.5 % = 0.44.
	if q.Subtotal != 4400 || q.Discount != 0 || q.Tax != 720+44 || q.Total != 5164 || q.Currency != "USD" {
		t.Errorf("quote %+v", q)
	}
	if q.Lines[1].TaxRateBP != 550 || q.Lines[1].Tax != 44 {
		t.Errorf("line 2 %+v", q.Lines[1])
	}
	// A class without a rate is taxed at 0.
	q = quote(t, Resolver{Viewer: guest, At: now}, Line{Item: item, Quantity: 1})
	if q.Tax != 0 || q.Total != 1200 {
		t.Errorf("untaxed %+v", q)
	}
	// Tax rounds half up per line: 8.25 % of 12.34 = 1.01805 → 1.02.
	odd := Item{ProductID: productID, Base: 1234, Currency: "USD", TaxClass: "odd"}
	q = quote(t, Resolver{Viewer: guest, At: now, TaxRates: map[string]int64{"odd": 825}}, Line{Item: odd, Quantity: 1})
	if q.Tax != 102 {
		t.Errorf("tax %d, want 102", q.Tax)
	}
}

func TestQuoteOrderOffers(t *testing.T) {
	rates := map[string]int64{"standard": 2000, "reduced": 1000}
	welcome := offer(named("Welcome"), code("WELCOME5"), orderScope, fixed(500), func(o *Offer) { o.MinOrderAmount = 5000; o.MaxUsesPerCustomer = ptr(1) })
	autumn := offer(named("Autumn"), orderScope, percent(1000))
	bulk := offer(named("Bulk"), orderScope, percent(1500), func(o *Offer) { o.MinQuantity = 10 })
	extra := offer(named("Extra"), orderScope, fixed(100), stackable)
	extraPct := offer(named("Extra pct"), orderScope, percent(100), stackable)

	t.Run("automatic order offer, allocated and taxed after discount", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{autumn}, TaxRates: rates}
		q := quote(t, r, Line{Item: item, Quantity: 3}, Line{Item: item2, Quantity: 1}) // 3600 + 800
		checkSums(t, q)
		if q.Subtotal != 4400 || q.Discount != 440 || q.Lines[0].OrderDiscount != 360 || q.Lines[1].OrderDiscount != 80 {
			t.Fatalf("quote %+v", q)
		}
		if q.Lines[0].Tax != 648 || q.Lines[1].Tax != 72 || len(q.Applied) != 1 || q.Applied[0].Label != "Offer Autumn −10%" || q.Applied[0].Amount != 440 {
			t.Errorf("quote %+v", q)
		}
	})
	t.Run("coupon below the minimum order", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{welcome}, Coupon: "WELCOME5"}
		_, err := r.Quote([]Line{{Item: Item{ProductID: productID, Base: 4999, Currency: "USD"}, Quantity: 1}})
		wantCouponError(t, err, "needs an order of at least $50.00 (yours is $49.99)")
	})
	t.Run("coupon at the minimum order, case-insensitive", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{welcome}, Coupon: "welcome5"}
		q := quote(t, r, Line{Item: Item{ProductID: productID, Base: 2500, Currency: "USD"}, Quantity: 2})
		checkSums(t, q)
		if q.Discount != 500 || q.Total != 4500 || q.Applied[0].Label != "Coupon WELCOME5 −$5.00" || q.Applied[0].Code != "WELCOME5" {
			t.Errorf("quote %+v", q)
		}
	})
	t.Run("best single non-stackable wins, coupon loses with a notice", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{welcome, autumn}, Coupon: "WELCOME5"}
		q := quote(t, r, Line{Item: item, Quantity: 5}) // 60.00: 10 % = 6.00 > 5.00
		if q.Discount != 600 || len(q.Applied) != 1 || q.Applied[0].OfferID != autumn.ID || len(q.Notices) != 1 {
			t.Errorf("quote %+v", q)
		}
		q = quote(t, r, Line{Item: Item{ProductID: productID, Base: 4000, Currency: "USD"}, Quantity: 1}, Line{Item: Item{ProductID: product2ID, Base: 1000, Currency: "USD"}, Quantity: 1})
		if q.Discount != 500 || q.Applied[0].OfferID != welcome.ID || len(q.Notices) != 0 {
			t.Errorf("quote %+v", q)
		}
	})
	t.Run("order minimum quantity", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{bulk}}
		if q := quote(t, r, Line{Item: item, Quantity: 9}); q.Discount != 0 {
			t.Errorf("9 items: %+v", q)
		}
		if q := quote(t, r, Line{Item: item, Quantity: 4}, Line{Item: item2, Quantity: 6}); q.Discount != roundHalfUp(4*1200+6*800, 1500) {
			t.Errorf("10 items: %+v", q)
		}
	})
	t.Run("stackables on top, percent before fixed", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{extra, autumn, extraPct}}
		q := quote(t, r, Line{Item: item, Quantity: 1}) // 1200 − 120 = 1080; −1 % = 1069.2 → 11 → 1069; −100 = 969
		checkSums(t, q)
		if q.Discount != 1200-969 || len(q.Applied) != 3 || q.Applied[0].OfferID != autumn.ID || q.Applied[1].OfferID != extraPct.ID || q.Applied[2].OfferID != extra.ID {
			t.Errorf("quote %+v", q)
		}
	})
	t.Run("order discount never exceeds the subtotal", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{offer(orderScope, fixed(100000)), offer(named("More"), orderScope, fixed(5), stackable)}}
		q := quote(t, r, Line{Item: item, Quantity: 1})
		checkSums(t, q)
		if q.Discount != 1200 || q.Total != 0 {
			t.Errorf("quote %+v", q)
		}
	})
	t.Run("line offers and order offers together", func(t *testing.T) {
		r := Resolver{Viewer: consumerV, At: now, Offers: []Offer{offer(), autumn}, TaxRates: rates}
		q := quote(t, r, Line{Item: item, Quantity: 2}) // unit 10.80, net 21.60, order −2.16
		checkSums(t, q)
		if q.Lines[0].Unit != 1080 || q.Subtotal != 2160 || q.Discount != 216 || len(q.Applied) != 2 || q.Applied[0].Amount != 240 {
			t.Errorf("quote %+v", q)
		}
	})
	t.Run("mixed currencies", func(t *testing.T) {
		_, err := (&Resolver{Viewer: guest, At: now}).Quote([]Line{{Item: item, Quantity: 1}, {Item: Item{ProductID: product2ID, Base: 1, Currency: "EUR"}, Quantity: 1}})
		if e, ok := apperr.As(err); !ok || e.Kind != apperr.KindInvalid || e.Fields[0].Field != "items" {
			t.Errorf("err %v", err)
		}
	})
	t.Run("no lines", func(t *testing.T) {
		if _, err := (&Resolver{}).Quote(nil); apperr.KindOf(err) != apperr.KindInvalid {
			t.Errorf("err %v", err)
		}
	})
	t.Run("overflow is refused", func(t *testing.T) {
		_, err := (&Resolver{Viewer: guest, At: now}).Quote([]Line{{Item: Item{ProductID: productID, Base: math.MaxInt64 / 2, Currency: "USD"}, Quantity: 3}})
		if apperr.KindOf(err) != apperr.KindInvalid {
			t.Errorf("err %v", err)
		}
	})
}

func wantCouponError(t *testing.T, err error, msg string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "coupon_code" || !strings.Contains(e.Fields[0].Message, msg) {
		t.Fatalf("err %v, want coupon_code: %q", err, msg)
	}
}

func TestCouponRules(t *testing.T) {
	base := func(mod ...func(*Offer)) Offer {
		return offer(append([]func(*Offer){named("Welcome"), code("WELCOME5"), orderScope, fixed(500)}, mod...)...)
	}
	for _, tc := range []struct {
		name   string
		viewer catalog.Viewer
		offer  Offer
		usage  Usage
		coupon string
		lines  []Line
		err    string // "" = applies
	}{
		{name: "unknown code", coupon: "NOPE", offer: base(), err: "is not a valid coupon code"},
		{name: "inactive coupon is unknown", coupon: "WELCOME5", offer: base(func(o *Offer) { o.Active = false }), err: "is not a valid coupon code"},
		{name: "not yet valid", coupon: "WELCOME5", offer: base(func(o *Offer) { o.ValidFrom = at(time.Second) }), err: "is not valid yet: it starts 25 Nov 2026 12:00 UTC"},
		{name: "valid from now", coupon: "WELCOME5", offer: base(func(o *Offer) { o.ValidFrom = at(0) })},
		{name: "expired at valid_to", coupon: "WELCOME5", offer: base(func(o *Offer) { o.ValidTo = at(0) }), err: "has expired"},
		{name: "valid until 1ns later", coupon: "WELCOME5", offer: base(func(o *Offer) { o.ValidTo = at(time.Nanosecond) })},
		{name: "b2b coupon for a consumer", coupon: "WELCOME5", offer: base(audience(catalog.B2B)), err: "is not available for your account"},
		{name: "b2b coupon for a business", viewer: businessAlone, coupon: "WELCOME5", offer: base(audience(catalog.B2B))},
		{name: "group coupon for a non-member", viewer: businessAlone, coupon: "WELCOME5", offer: base(func(o *Offer) { o.CustomerGroupID = &tradeGroup }), err: "is not available for your account"},
		{name: "group coupon for a member", viewer: business, coupon: "WELCOME5", offer: base(func(o *Offer) { o.CustomerGroupID = &tradeGroup })},
		{name: "staff cannot use coupons", viewer: staff, coupon: "WELCOME5", offer: base(), err: "is not available for your account"},
		{name: "total limit reached", coupon: "WELCOME5", offer: base(func(o *Offer) { o.MaxUses = ptr(100) }), usage: Usage{Total: 100}, err: "has reached its usage limit"},
		{name: "total limit not reached", coupon: "WELCOME5", offer: base(func(o *Offer) { o.MaxUses = ptr(100) }), usage: Usage{Total: 99}},
		{name: "per-customer limit reached", coupon: "WELCOME5", offer: base(func(o *Offer) { o.MaxUsesPerCustomer = ptr(1) }), usage: Usage{Total: 5, Customer: 1}, err: "was already used by your account"},
		{name: "per-customer limit of 2 reached", coupon: "WELCOME5", offer: base(func(o *Offer) { o.MaxUsesPerCustomer = ptr(2) }), usage: Usage{Customer: 2}, err: "already used 2 times"},
		{name: "per-customer limit not reached", coupon: "WELCOME5", offer: base(func(o *Offer) { o.MaxUsesPerCustomer = ptr(2) }), usage: Usage{Customer: 1}},
		{name: "a guest is not counted per customer", viewer: guest, coupon: "WELCOME5", offer: base(func(o *Offer) { o.MaxUsesPerCustomer = ptr(1) }), usage: Usage{Customer: 1}},
		{name: "fixed coupon in another currency", coupon: "WELCOME5", offer: base(func(o *Offer) { o.Currency = ptr("EUR") }), err: "is not valid for orders in USD"},
		{name: "minimum quantity of the order", coupon: "WELCOME5", offer: base(func(o *Offer) { o.MinQuantity = 3 }), err: "needs at least 3 items in the order (yours has 2)"},
		{name: "product coupon for a product not in the order", coupon: "WELCOME5", offer: base(func(o *Offer) { o.Scope, o.ProductID = ScopeProduct, &product2ID }), err: "does not apply to any item in your order"},
		{name: "product coupon below its minimum quantity", coupon: "WELCOME5", offer: base(func(o *Offer) { o.Scope, o.ProductID, o.MinQuantity = ScopeProduct, &productID, 5 }), err: "needs at least 5 of the product"},
		{name: "product coupon applies to its line", coupon: "WELCOME5", offer: base(func(o *Offer) { o.Scope, o.ProductID = ScopeProduct, &productID })},
		{name: "category coupon applies to its line", coupon: "WELCOME5", offer: base(func(o *Offer) { o.Scope, o.ProductID, o.CategoryID = ScopeCategory, nil, &drills })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.viewer
			if v.CustomerID == nil && !v.Staff && tc.name != "a guest is not counted per customer" {
				v = consumerV
			}
			r := Resolver{Viewer: v, At: now, Offers: []Offer{tc.offer}, Usage: map[uuid.UUID]Usage{tc.offer.ID: tc.usage}, Coupon: tc.coupon}
			lines := tc.lines
			if lines == nil {
				lines = []Line{{Item: item, Quantity: 2}}
			}
			q, err := r.Quote(lines)
			if tc.err != "" {
				wantCouponError(t, err, tc.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkSums(t, q)
			if len(q.Applied) != 1 || q.Applied[0].OfferID != tc.offer.ID || q.Subtotal-q.Discount+q.Tax != q.Total {
				t.Errorf("coupon not applied: %+v", q)
			}
		})
	}
}

func TestProductCouponLosingToTier(t *testing.T) {
	c := offer(code("TOOLS5"), percent(500))
	r := Resolver{Viewer: business, At: now, Lists: []PriceList{tradeList()}, Offers: []Offer{c}, Coupon: "TOOLS5"}
	q := quote(t, r, Line{Item: item, Quantity: 50})
	if q.Lines[0].Unit != 990 || len(q.Applied) != 0 || len(q.Notices) != 1 || !strings.Contains(q.Notices[0], "already lower") {
		t.Errorf("quote %+v", q)
	}
}

// An applied offer says whether it has usage limits: only then does redeeming it count uses.
func TestAppliedOfferSaysWhetherItIsLimited(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Offer
		want bool
	}{
		{"no limits", Offer{}, false},
		{"uses in all", Offer{MaxUses: ptr(3)}, true},
		{"uses per customer", Offer{MaxUsesPerCustomer: ptr(1)}, true},
	} {
		if got := applied(&tc.o, 100).Limited; got != tc.want {
			t.Errorf("%s: Limited %v, want %v", tc.name, got, tc.want)
		}
	}
}
