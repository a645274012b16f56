package pricing

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// refsTTL bounds how long a replica prices with reference data it read earlier. Edits through
// this service clear the cache at once; other replicas (and category edits, which the catalog
// makes) catch up within refsTTL.
const refsTTL = 10 * time.Second

// ttlValue is one cached value, loaded again when older than refsTTL. The loader gets the store
// the caller uses: inside an order's transaction on SQLite, the pool's only connection is held,
// so the load must go through the transaction. No lock is held while loading: a browsing request
// waiting on the pool while holding it would deadlock with a checkout that holds the connection
// and waits for the lock. (Two requests may load at once when it expires; the tables are tiny.)
type ttlValue[T any] struct {
	mu  sync.Mutex
	at  time.Time
	v   T
	gen uint64 // bumped by clear: a load that started before a clear is not kept
}

func (c *ttlValue[T]) clear() {
	c.mu.Lock()
	c.at = time.Time{}
	c.gen++
	c.mu.Unlock()
}

func (c *ttlValue[T]) get(now time.Time, load func() (T, error)) (T, error) {
	c.mu.Lock()
	if !c.at.IsZero() && now.Sub(c.at) < refsTTL && now.After(c.at) {
		defer c.mu.Unlock()
		return c.v, nil
	}
	gen := c.gen
	c.mu.Unlock()
	v, err := load()
	if err != nil {
		var zero T
		return zero, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.v, c.at = v, now
	}
	c.mu.Unlock()
	return v, nil
}

// refCache holds the reference data pricing needs on every request and that changes rarely:
//   - offers: the live offers without a code, for catalog browsing only — checkout reads offers in
//     its own transaction (their limits and a staff member switching one off must hold there);
//   - parents: the category tree (category offers cover subcategories), for browsing and checkout;
//   - taxRates: the rate of every tax class, for checkout.
type refCache struct {
	offers   ttlValue[[]Offer]
	parents  ttlValue[map[uuid.UUID]*uuid.UUID]
	taxRates ttlValue[map[string]int64]
}

func (r *refCache) browseOffers(ctx context.Context, s *Store, now time.Time) ([]Offer, error) {
	return r.offers.get(now, func() ([]Offer, error) {
		return s.LiveOffers(ctx, []Scope{ScopeProduct, ScopeCategory, ScopeOrder}, "")
	})
}

func (r *refCache) categoryParents(ctx context.Context, s *Store, now time.Time) (map[uuid.UUID]*uuid.UUID, error) {
	return r.parents.get(now, func() (map[uuid.UUID]*uuid.UUID, error) { return s.CategoryParents(ctx) })
}

func (r *refCache) rates(ctx context.Context, s *Store, now time.Time) (map[string]int64, error) {
	return r.taxRates.get(now, func() (map[string]int64, error) {
		rates, err := s.TaxRates(ctx)
		if err != nil {
			return nil, err
		}
		out := make(map[string]int64, len(rates))
		for _, t := range rates {
			out[t.TaxClass] = t.RateBP
		}
		return out, nil
	})
}

// offersIn keeps the offers of the given scopes.
func offersIn(all []Offer, scopes []Scope) []Offer {
	var out []Offer
	for _, o := range all {
		if slices.Contains(scopes, o.Scope) {
			out = append(out, o)
		}
	}
	return out
}
