package catalog

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Pricer tells what a viewer pays. The pricing package implements it (it sits above catalog,
// so catalog only declares what it needs); without one, every price is the product's base price.
type Pricer interface {
	// Prices returns the unit price at quantity 1 (and the quantity breaks) of each product for
	// the viewer at the given time, keyed by product ID, in a bounded number of queries.
	Prices(ctx context.Context, v Viewer, products []Product, at time.Time) (map[uuid.UUID]Price, error)
}

// Price is what the viewer pays for one unit before tax, and why.
type Price struct {
	Unit        int64 // minor units, after the winning price list / offer
	List        int64 // the product's base price, for a struck-through "was" price
	Currency    string
	Explanation []string // e.g. "Trade price list, tier 10–49", "Offer SPRING10 −10%"
	Tiers       []Tier   // quantity breaks for this viewer, ascending by MinQty (empty when none)
}

// Tier is one quantity break: from MinQty up to MaxQty (nil: no upper bound) a unit costs Unit.
type Tier struct {
	MinQty int
	MaxQty *int
	Unit   int64
	Source string // the price list's name
}

// basePrices is the Pricer used when none is configured.
type basePrices struct{}

func (basePrices) Prices(_ context.Context, _ Viewer, products []Product, _ time.Time) (map[uuid.UUID]Price, error) {
	out := make(map[uuid.UUID]Price, len(products))
	for _, p := range products {
		out[p.ID] = Price{Unit: p.PriceAmount, List: p.PriceAmount, Currency: p.Currency, Explanation: []string{"List price"}}
	}
	return out, nil
}
