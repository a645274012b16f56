// Package pricing owns price lists with quantity tiers, contract prices, offers, coupons and tax
// rates, and resolves what a caller pays — in one place. The rules live in resolve.go as pure
// functions over plain structs (no database, no clock) and are covered by table tests; the
// service loads what can apply in a fixed number of queries and hands it to the resolver.
//
// # Rules
//
// Validity. A price list, offer or coupon applies from valid_from (inclusive) until valid_to
// (exclusive); a missing bound is open. Inactive ones never apply.
//
//  1. List price. The unit price at quantity q (before tax) is the LOWEST of: the product's base
//     price; the prices of the catalogs the caller may see now (catalog.Service.CatalogPricesRead);
//     the tiers of the active, valid price lists of the caller's customer groups; the tiers of the
//     caller's own contract lists. Within a list the tier with the highest min_qty ≤ q applies
//     (tiers 1:1200, 10:1080, 50:990 mean 1–9 at 12.00, 10–49 at 10.80, 50+ at 9.90); a list
//     whose first tier starts above q offers nothing at q. Lists in a currency other than the
//     product's are ignored. Ties go to the more specific source: customer > group > catalog >
//     base. Staff browse as nobody in particular and see base prices.
//  2. Offers. Product and category offers (a category offer covers its subcategories) for the
//     caller's audience (businesses: b2b|both; guests and consumers: b2c|both) and group, valid,
//     active, with min_quantity ≤ the line's quantity, and — for fixed offers — in the product's
//     currency. Non-stackable offers compete: each gives "base price minus its discount"; the
//     best of those competes with the list price from rule 1 and the lower wins (a tie keeps the
//     list price). An offer never applies on top of a price list: no double dipping. Stackable
//     offers then apply to whichever won, percent ones first, then fixed ones (each group by name,
//     then id), each on the price the previous one left, never below 0.
//  3. Order offers and coupons. Order-scope offers apply to the subtotal (the sum of the line
//     nets after rules 1–2): the best single non-stackable one plus every stackable one (percent,
//     then fixed, each on what is left), never more than the subtotal. min_order_amount compares
//     with that subtotal, min_quantity with the order's total quantity; for product and category
//     offers min_quantity is the line's quantity, and they cannot have a min_order_amount (a
//     shop price cannot depend on an order nobody placed yet). An offer without a code applies
//     by itself; an offer with a code (a coupon, stored upper-case, matched case-insensitively)
//     only when that code is entered — a product or category coupon is just an offer that needs
//     its code. A coupon that cannot be used is a 422 on coupon_code that says why: unknown (or
//     inactive), not valid yet, expired, not for this account (audience or group), usage limit
//     reached in total or by this customer, minimum order or quantity not met, wrong currency, no
//     item it applies to. A valid coupon that loses to a better offer is not an error: the quote
//     carries a notice. Guests have no per-customer count; the order (always by a customer)
//     checks it again.
//  4. Money. int64 minor units. Percent discounts are computed per unit (order offers: on the
//     subtotal) and rounded half up to the minor unit: round_half_up(x × bp / 10000), with a
//     128-bit product, so 10 % of 19.95 is 2.00. Line net = unit × quantity. An order discount is
//     split over the lines in proportion to their net by the largest-remainder method (ties to the
//     earlier line), so the parts sum exactly and no line goes below 0. Tax per line =
//     round_half_up((net − its share of the order discount) × rate_bp / 10000), with rate_bp from
//     tax_rates by the product's tax class (a class without a row is taxed at 0). Prices are
//     tax-exclusive: total = subtotal − discount + tax. Nothing is ever negative.
//  5. Explanations say which rule won, for people: "List price", "Spring trade catalog price",
//     "Trade price list, tier 10–49", "Contract price (ACME)", "Offer Spring sale −10%",
//     "Coupon WELCOME5 −$5.00" (money is formatted from minor units, never through floats).
//
// # Usage limits
//
// offer_redemptions has one row per order that used an offer; max_uses and
// max_uses_per_customer count them. Ordering gets a redemption from Service.RedemptionTx inside
// its order transaction and writes it with the order; for an offer with limits RedemptionTx counts
// under a per-offer lock held until that transaction ends (a transaction-scoped advisory lock on
// PostgreSQL; SQLite's single writer with BEGIN IMMEDIATE), so two orders can never both take the
// last use.
//
// # Visibility
//
// A quote prices only products the caller may buy, by the catalog's rule (the viewer's
// audiences, active status); any other product is "unknown product", exactly like one that does
// not exist, so the API never reveals a business-only product to a consumer.
package pricing
