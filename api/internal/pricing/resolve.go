package pricing

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// This file is the pure core of pricing: plain structs in, prices out. No database, no clock —
// the caller passes the time — so every rule is covered by table tests (resolve_test.go).

// Source is where a unit price came from; a higher source is more specific and wins ties.
type Source int

const (
	SourceBase     Source = iota // the product's own price
	SourceCatalog                // a catalog's price for the product
	SourceGroup                  // a customer group's price list
	SourceCustomer               // the customer's own (contract) price list
	SourceOffer                  // a non-stackable offer beat every list price
)

// Item is a product as pricing sees it.
type Item struct {
	ProductID  uuid.UUID
	Base       int64 // minor units
	Currency   string
	Categories []uuid.UUID // the product's category, then its ancestors (category offers cover subcategories)
	TaxClass   string
}

// Usage is how often an offer was redeemed, in all and by the caller.
type Usage struct {
	Total    int
	Customer int
}

// Resolver prices items for one caller at one moment. Lists and Offers may hold more than
// applies (the resolver checks owner, validity, currency, audience, group and code itself).
type Resolver struct {
	Viewer   catalog.Viewer
	At       time.Time
	Catalogs map[uuid.UUID][]catalog.CatalogPrice // visible catalogs' prices, by product
	Lists    []PriceList                          // with Items
	Offers   []Offer
	Usage    map[uuid.UUID]Usage
	TaxRates map[string]int64 // basis points by tax class; a class not listed is taxed at 0
	Coupon   string           // the code the buyer entered (any case), "" for none
}

// validAt is the one validity rule: from is inclusive, to is exclusive, nil is open.
func validAt(from, to *time.Time, at time.Time) bool {
	return (from == nil || !at.Before(*from)) && (to == nil || at.Before(*to))
}

// NormalizeCode makes a coupon code comparable: trimmed, upper case.
func NormalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

func (r *Resolver) coupon() string { return NormalizeCode(r.Coupon) }

// listApplies says whether a price list is the caller's, live at r.At and in the item's currency.
func (r *Resolver) listApplies(l *PriceList, currency string) (Source, bool) {
	if r.Viewer.Staff || !l.Active || !validAt(l.ValidFrom, l.ValidTo, r.At) || l.Currency != currency {
		return 0, false
	}
	if l.CustomerID != nil {
		return SourceCustomer, r.Viewer.CustomerID != nil && *r.Viewer.CustomerID == *l.CustomerID
	}
	return SourceGroup, l.CustomerGroupID != nil && slices.Contains(r.Viewer.Groups, *l.CustomerGroupID)
}

// offerFor says whether an offer is available to the caller at r.At (ignoring scope, quantity
// and minimums): active, valid, for the caller's audience and group, and — when it has a code —
// only when that code was entered.
func (r *Resolver) offerFor(o *Offer) bool {
	if r.Viewer.Staff || !o.Active || !validAt(o.ValidFrom, o.ValidTo, r.At) || !r.audienceOK(o) || !r.groupOK(o) {
		return false
	}
	if o.Code != nil && *o.Code != r.coupon() {
		return false
	}
	return r.limitReached(o) == ""
}

func (r *Resolver) audienceOK(o *Offer) bool {
	switch o.Audience {
	case catalog.Both:
		return true
	case catalog.B2B:
		return r.Viewer.Business
	case catalog.B2C:
		return !r.Viewer.Business
	}
	return false
}

func (r *Resolver) groupOK(o *Offer) bool {
	return o.CustomerGroupID == nil || slices.Contains(r.Viewer.Groups, *o.CustomerGroupID)
}

// limitReached names the usage limit an offer has reached, "" when none. A guest has no
// per-customer count; the order (always by a customer) checks it again.
func (r *Resolver) limitReached(o *Offer) string {
	u := r.Usage[o.ID]
	if o.MaxUses != nil && u.Total >= *o.MaxUses {
		return "has reached its usage limit"
	}
	if o.MaxUsesPerCustomer != nil && r.Viewer.CustomerID != nil && u.Customer >= *o.MaxUsesPerCustomer {
		if *o.MaxUsesPerCustomer == 1 {
			return "was already used by your account"
		}
		return fmt.Sprintf("was already used %d times by your account, the most allowed", u.Customer)
	}
	return ""
}

// covers says whether a product- or category-scope offer is for the item at quantity qty.
func covers(o *Offer, it Item, qty int) bool {
	if o.Kind == Fixed && (o.Currency == nil || *o.Currency != it.Currency) {
		return false
	}
	if qty < o.MinQuantity {
		return false
	}
	switch o.Scope {
	case ScopeProduct:
		return o.ProductID != nil && *o.ProductID == it.ProductID
	case ScopeCategory:
		return o.CategoryID != nil && slices.Contains(it.Categories, *o.CategoryID)
	}
	return false
}

// discount is what an offer takes off an amount: percent rounded half up, fixed at most the
// amount (a price never goes below 0).
func discount(o *Offer, amount int64) int64 {
	if amount <= 0 {
		return 0
	}
	if o.Kind == Percent {
		return min(roundHalfUp(amount, o.Value), amount)
	}
	return min(o.Value, amount)
}

// OfferLabel is how an offer is named to people: "Offer Spring sale −10%", "Coupon WELCOME5 −$5.00".
func OfferLabel(o *Offer) string {
	v := ""
	if o.Kind == Percent {
		v = FormatPercent(o.Value)
	} else {
		cur := ""
		if o.Currency != nil {
			cur = *o.Currency
		}
		v = FormatMoney(o.Value, cur)
	}
	if o.Code != nil {
		return "Coupon " + *o.Code + " −" + v
	}
	return "Offer " + o.Name + " −" + v
}

// candidate is one price competing under rule 1.
type candidate struct {
	amount int64
	source Source
	label  string
}

func listLabel(l *PriceList, source Source, tiers []PriceListItem, i int) string {
	var label string
	if source == SourceCustomer {
		label = "Contract price (" + l.Name + ")"
	} else {
		label = l.Name
		if !strings.Contains(strings.ToLower(l.Name), "list") {
			label += " price list"
		}
	}
	if len(tiers) == 1 && tiers[0].MinQty == 1 {
		return label
	}
	if i+1 < len(tiers) {
		if tiers[i+1].MinQty-1 == tiers[i].MinQty {
			return fmt.Sprintf("%s, tier %d", label, tiers[i].MinQty)
		}
		return fmt.Sprintf("%s, tier %d–%d", label, tiers[i].MinQty, tiers[i+1].MinQty-1)
	}
	return fmt.Sprintf("%s, tier %d+", label, tiers[i].MinQty)
}

// tiersOf returns a list's tiers for one product, ascending by MinQty.
func tiersOf(l *PriceList, product uuid.UUID) []PriceListItem {
	var out []PriceListItem
	for _, it := range l.Items {
		if it.ProductID == product {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b PriceListItem) int { return cmp.Compare(a.MinQty, b.MinQty) })
	return out
}

// listPrice applies rule 1: the lowest of the base price, the visible catalogs' prices and the
// tiers (highest min_qty ≤ qty) of the caller's live group and contract lists in the item's
// currency. Ties go to the more specific source (customer > group > catalog > base).
func (r *Resolver) listPrice(it Item, qty int) candidate {
	best := candidate{amount: it.Base, source: SourceBase, label: "List price"}
	if r.Viewer.Staff {
		return best // staff browse as nobody in particular: base prices
	}
	better := func(c candidate) {
		if c.amount < best.amount || (c.amount == best.amount && c.source > best.source) {
			best = c
		}
	}
	for _, cp := range r.Catalogs[it.ProductID] {
		better(candidate{amount: cp.Amount, source: SourceCatalog, label: cp.CatalogName + " price"})
	}
	for i := range r.Lists {
		l := &r.Lists[i]
		source, ok := r.listApplies(l, it.Currency)
		if !ok {
			continue
		}
		tiers := tiersOf(l, it.ProductID)
		at := -1
		for j, t := range tiers {
			if t.MinQty <= qty {
				at = j
			}
		}
		if at >= 0 {
			better(candidate{amount: tiers[at].Amount, source: source, label: listLabel(l, source, tiers, at)})
		}
	}
	return best
}

// AppliedOffer is an offer that lowered a price, with what it took off in all.
type AppliedOffer struct {
	OfferID uuid.UUID
	Name    string
	Code    string
	Scope   Scope
	Label   string
	Amount  int64 // minor units taken off (per unit for UnitPrice, per order for a Quote)
	// Limited: the offer has usage limits, so redeeming it counts its uses (Service.RedemptionTx).
	Limited bool
}

// UnitPrice is what one unit costs the caller at a quantity, before tax, and why.
type UnitPrice struct {
	Unit        int64
	List        int64 // the product's base price
	Currency    string
	Source      Source
	Explanation []string
	Offers      []AppliedOffer // product and category offers applied, Amount per unit
}

// Unit resolves the unit price of an item at quantity qty (rules 1 and 2):
//  1. the list price (see listPrice);
//  2. every non-stackable product/category offer gives "base price minus its discount"; the best
//     of those competes with the list price and the lower wins (a tie keeps the list price) —
//     offers never apply on top of a price list, so there is no double dipping;
//  3. stackable offers then apply to whichever won, percent ones first, then fixed ones (each
//     group by name), each on the price left by the previous one, never below 0.
func (r *Resolver) Unit(it Item, qty int) UnitPrice {
	lp := r.listPrice(it, qty)
	out := UnitPrice{Unit: lp.amount, List: it.Base, Currency: it.Currency, Source: lp.source, Explanation: []string{lp.label}}
	var stack []*Offer
	var bestOffer *Offer
	bestPrice := int64(math.MaxInt64)
	for i := range r.Offers {
		o := &r.Offers[i]
		if o.Scope == ScopeOrder || !r.offerFor(o) || !covers(o, it, qty) {
			continue
		}
		if o.Stackable {
			stack = append(stack, o)
			continue
		}
		p := it.Base - discount(o, it.Base)
		if p < bestPrice || (p == bestPrice && bestOffer != nil && o.ID.String() < bestOffer.ID.String()) {
			bestOffer, bestPrice = o, p
		}
	}
	if bestOffer != nil && bestPrice < lp.amount {
		out.Unit, out.Source = bestPrice, SourceOffer
		out.Explanation = []string{"List price", OfferLabel(bestOffer)}
		out.Offers = append(out.Offers, applied(bestOffer, it.Base-bestPrice))
	}
	sortStack(stack)
	for _, o := range stack {
		d := discount(o, out.Unit)
		if d == 0 {
			continue
		}
		out.Unit -= d
		out.Explanation = append(out.Explanation, OfferLabel(o))
		out.Offers = append(out.Offers, applied(o, d))
	}
	return out
}

// sortStack puts stackable offers in their documented order: percent before fixed, then by
// name, then by id.
func sortStack(offers []*Offer) {
	slices.SortFunc(offers, func(a, b *Offer) int {
		if a.Kind != b.Kind {
			if a.Kind == Percent {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID.String(), b.ID.String()))
	})
}

func applied(o *Offer, amount int64) AppliedOffer {
	a := AppliedOffer{OfferID: o.ID, Name: o.Name, Scope: o.Scope, Label: OfferLabel(o), Amount: amount, Limited: o.MaxUses != nil || o.MaxUsesPerCustomer != nil}
	if o.Code != nil {
		a.Code = *o.Code
	}
	return a
}

// Tier is one row of a caller's quantity-break table: from MinQty up to MaxQty (nil: no end).
type Tier struct {
	MinQty int
	MaxQty *int
	Unit   int64
	Source string
}

// Tiers returns the caller's quantity-break table for an item: the resolved unit price at every
// quantity where any price list tier or offer minimum starts, with equal neighbours merged.
// The price is constant between those quantities, so the table is exact. Empty when the price
// does not depend on quantity.
func (r *Resolver) Tiers(it Item) []Tier {
	breaks := []int{1}
	for i := range r.Lists {
		l := &r.Lists[i]
		if _, ok := r.listApplies(l, it.Currency); !ok {
			continue
		}
		for _, t := range tiersOf(l, it.ProductID) {
			breaks = append(breaks, t.MinQty)
		}
	}
	for i := range r.Offers {
		o := &r.Offers[i]
		if o.Scope != ScopeOrder && o.MinQuantity > 1 && r.offerFor(o) && covers(o, it, o.MinQuantity) {
			breaks = append(breaks, o.MinQuantity)
		}
	}
	slices.Sort(breaks)
	breaks = slices.Compact(breaks)
	var out []Tier
	for _, q := range breaks {
		u := r.Unit(it, q)
		if len(out) > 0 && out[len(out)-1].Unit == u.Unit {
			continue
		}
		if len(out) > 0 {
			upTo := q - 1
			out[len(out)-1].MaxQty = &upTo
		}
		out = append(out, Tier{MinQty: q, Unit: u.Unit, Source: strings.Join(u.Explanation, ", ")})
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// Line is one item of an order to quote.
type Line struct {
	Item     Item
	Quantity int
}

// QuotedLine is a priced order line. Net = Unit × Quantity; OrderDiscount is this line's share
// of the order-level discounts; Tax is on Net − OrderDiscount; Total = Net − OrderDiscount + Tax.
type QuotedLine struct {
	ProductID     uuid.UUID
	Quantity      int
	Unit          int64
	ListUnit      int64
	Net           int64
	OrderDiscount int64
	TaxRateBP     int64
	Tax           int64
	Total         int64
	Explanation   []string
	Offers        []AppliedOffer // line offers, Amount per unit
}

// Quote is a priced order. Subtotal = Σ line Net (line prices already include product offers);
// Discount = order-level offers and coupons; Total = Subtotal − Discount + Tax.
type Quote struct {
	Lines    []QuotedLine
	Currency string
	Subtotal int64
	Discount int64
	Tax      int64
	Total    int64
	Applied  []AppliedOffer // every offer that lowered the order, Amount in total
	Notices  []string       // e.g. a valid coupon that gave nothing more
}

// couponError is a 422 on the coupon_code field.
func couponError(msg string) error {
	return apperr.Invalid("the coupon cannot be used", apperr.FieldError{Field: "coupon_code", Message: msg})
}

// checkCoupon finds the entered coupon among r.Offers and says why it cannot be used, if so.
func (r *Resolver) checkCoupon(currency string) (*Offer, error) {
	code := r.coupon()
	if code == "" {
		return nil, nil
	}
	var o *Offer
	for i := range r.Offers {
		if r.Offers[i].Code != nil && *r.Offers[i].Code == code {
			o = &r.Offers[i]
		}
	}
	switch {
	case o == nil || !o.Active:
		return nil, couponError("is not a valid coupon code")
	case o.ValidFrom != nil && r.At.Before(*o.ValidFrom):
		return nil, couponError("is not valid yet: it starts " + o.ValidFrom.UTC().Format("2 Jan 2006 15:04 MST"))
	case o.ValidTo != nil && !r.At.Before(*o.ValidTo):
		return nil, couponError("has expired")
	case r.Viewer.Staff || !r.audienceOK(o) || !r.groupOK(o):
		return nil, couponError("is not available for your account")
	case o.Kind == Fixed && (o.Currency == nil || *o.Currency != currency):
		return nil, couponError("is not valid for orders in " + currency)
	}
	if msg := r.limitReached(o); msg != "" {
		return nil, couponError(msg)
	}
	return o, nil
}

// Quote prices an order (rules 1–4): each line by Unit at its quantity; then order-scope offers
// on the subtotal — the best single non-stackable one plus every stackable one (percent first,
// then fixed, each on what is left), never more than the subtotal; the order discount is split
// over the lines in proportion to their net (largest remainder, so the parts sum exactly); tax
// per line is round_half_up((net − share) × rate / 10000). Prices are tax-exclusive. A coupon
// that cannot be used is a 422 on coupon_code; an offer without a code applies by itself.
func (r *Resolver) Quote(lines []Line) (Quote, error) {
	if len(lines) == 0 {
		return Quote{}, apperr.Field("items", "must name at least one product")
	}
	q := Quote{Currency: lines[0].Item.Currency}
	for _, l := range lines {
		if l.Item.Currency != q.Currency {
			return Quote{}, apperr.Field("items", "must all be priced in one currency (found "+q.Currency+" and "+l.Item.Currency+")")
		}
	}
	coupon, err := r.checkCoupon(q.Currency)
	if err != nil {
		return Quote{}, err
	}
	totalQty := 0
	byOffer := map[uuid.UUID]int{} // index in q.Applied
	addApplied := func(a AppliedOffer) {
		if i, ok := byOffer[a.OfferID]; ok {
			q.Applied[i].Amount += a.Amount
			return
		}
		byOffer[a.OfferID] = len(q.Applied)
		q.Applied = append(q.Applied, a)
	}
	couponCovers := false
	for _, l := range lines {
		u := r.Unit(l.Item, l.Quantity)
		net, ok := mulQty(u.Unit, l.Quantity)
		if !ok || q.Subtotal > math.MaxInt64-net {
			return Quote{}, apperr.Field("items", "the order total is too large")
		}
		q.Subtotal += net
		totalQty += l.Quantity
		ql := QuotedLine{ProductID: l.Item.ProductID, Quantity: l.Quantity, Unit: u.Unit, ListUnit: u.List, Net: net,
			TaxRateBP: r.TaxRates[l.Item.TaxClass], Explanation: u.Explanation, Offers: u.Offers}
		for _, a := range u.Offers {
			lineAmount, _ := mulQty(a.Amount, l.Quantity)
			addApplied(AppliedOffer{OfferID: a.OfferID, Name: a.Name, Code: a.Code, Scope: a.Scope, Label: a.Label, Amount: lineAmount, Limited: a.Limited})
		}
		if coupon != nil && coupon.Scope != ScopeOrder && covers(coupon, l.Item, max(l.Quantity, coupon.MinQuantity)) {
			couponCovers = true
			if l.Quantity < coupon.MinQuantity {
				return Quote{}, couponError(fmt.Sprintf("needs at least %d of the product it is for", coupon.MinQuantity))
			}
		}
		q.Lines = append(q.Lines, ql)
	}
	if coupon != nil && coupon.Scope != ScopeOrder {
		if !couponCovers {
			return Quote{}, couponError("does not apply to any item in your order")
		}
		if _, used := byOffer[coupon.ID]; !used {
			q.Notices = append(q.Notices, "Coupon "+*coupon.Code+" gives no further discount: your price is already lower")
		}
	}
	if coupon != nil && coupon.Scope == ScopeOrder {
		if q.Subtotal < coupon.MinOrderAmount {
			return Quote{}, couponError(fmt.Sprintf("needs an order of at least %s (yours is %s)",
				FormatMoney(coupon.MinOrderAmount, q.Currency), FormatMoney(q.Subtotal, q.Currency)))
		}
		if totalQty < coupon.MinQuantity {
			return Quote{}, couponError(fmt.Sprintf("needs at least %d items in the order (yours has %d)", coupon.MinQuantity, totalQty))
		}
	}

	// Order-scope offers: the best single non-stackable one, then the stackable ones.
	var best *Offer
	var bestAmount int64
	var stack []*Offer
	for i := range r.Offers {
		o := &r.Offers[i]
		if o.Scope != ScopeOrder || !r.offerFor(o) || q.Subtotal < o.MinOrderAmount || totalQty < o.MinQuantity ||
			(o.Kind == Fixed && (o.Currency == nil || *o.Currency != q.Currency)) {
			continue
		}
		if o.Stackable {
			stack = append(stack, o)
			continue
		}
		d := discount(o, q.Subtotal)
		if d > bestAmount || (d == bestAmount && best != nil && d > 0 && o.ID.String() < best.ID.String()) {
			best, bestAmount = o, d
		}
	}
	left := q.Subtotal
	if best != nil && bestAmount > 0 {
		left -= bestAmount
		addApplied(applied(best, bestAmount))
	}
	sortStack(stack)
	for _, o := range stack {
		d := discount(o, left)
		if d == 0 {
			continue
		}
		left -= d
		addApplied(applied(o, d))
	}
	q.Discount = q.Subtotal - left
	if coupon != nil && coupon.Scope == ScopeOrder {
		if _, used := byOffer[coupon.ID]; !used {
			q.Notices = append(q.Notices, "Coupon "+*coupon.Code+" was not applied: a better offer already applies to your order")
		}
	}

	nets := make([]int64, len(q.Lines))
	for i, l := range q.Lines {
		nets[i] = l.Net
	}
	shares := Allocate(q.Discount, nets)
	for i := range q.Lines {
		l := &q.Lines[i]
		l.OrderDiscount = shares[i]
		l.Tax = roundHalfUp(l.Net-l.OrderDiscount, l.TaxRateBP)
		l.Total = l.Net - l.OrderDiscount + l.Tax
		q.Tax += l.Tax
	}
	q.Total = q.Subtotal - q.Discount + q.Tax
	return q, nil
}

// String names a source for logs and tests.
func (s Source) String() string {
	switch s {
	case SourceBase:
		return "base"
	case SourceCatalog:
		return "catalog"
	case SourceGroup:
		return "group"
	case SourceCustomer:
		return "customer"
	case SourceOffer:
		return "offer"
	}
	return "source(" + strconv.Itoa(int(s)) + ")"
}
