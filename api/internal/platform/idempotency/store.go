package idempotency

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Store is the GORM access to idempotency keys.
type Store struct{ db *gorm.DB }

func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

// purgeBatch bounds each delete so a large backlog never holds a long lock.
const purgeBatch = 1000

// PurgeExpired deletes every key that expired before now and returns how many it removed.
func (s *Store) PurgeExpired(ctx context.Context, now time.Time) (int64, error) {
	var total int64
	for {
		sub := s.db.WithContext(ctx).Model(&Key{}).Select("id").Where("expires_at < ?", now.UTC()).Limit(purgeBatch)
		res := s.db.WithContext(ctx).Where("id IN (?)", sub).Delete(&Key{})
		if res.Error != nil {
			return total, fmt.Errorf("purge expired idempotency keys: %w", res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < purgeBatch {
			return total, nil
		}
	}
}
