package pricing

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// browseRefsTTL bounds how long a replica browses with offers or a category tree it read
// earlier. Checkout never uses the cache: it reads both in its own transaction.
const browseRefsTTL = 10 * time.Second

// browseRefs caches, for catalog browsing, the reference data every page needs and that changes
// rarely: the live offers without a code and the category tree. Offer edits through this service
// clear it at once; other replicas (and category edits) catch up within browseRefsTTL.
type browseRefs struct {
	mu      sync.Mutex
	at      time.Time
	offers  []Offer
	parents map[uuid.UUID]*uuid.UUID
}

func (b *browseRefs) clear() {
	b.mu.Lock()
	b.at = time.Time{}
	b.mu.Unlock()
}

// get returns the cached offers (all scopes) and category tree, loading them when stale.
func (b *browseRefs) get(ctx context.Context, s *Store, now time.Time) ([]Offer, map[uuid.UUID]*uuid.UUID, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.at.IsZero() && now.Sub(b.at) < browseRefsTTL && now.After(b.at) {
		return b.offers, b.parents, nil
	}
	offers, err := s.LiveOffers(ctx, []Scope{ScopeProduct, ScopeCategory, ScopeOrder}, "")
	if err != nil {
		return nil, nil, err
	}
	parents, err := s.CategoryParents(ctx)
	if err != nil {
		return nil, nil, err
	}
	b.offers, b.parents, b.at = offers, parents, now
	return offers, parents, nil
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
