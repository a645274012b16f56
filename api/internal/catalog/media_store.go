package catalog

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"
)

var lockForUpdate = clause.Locking{Strength: "UPDATE"}

// MediaOf returns the media of the given products in display order, keyed by product, in one
// query whatever the number of products (a list page never queries per product).
func (s *Service) MediaOf(ctx context.Context, productIDs []uuid.UUID) (map[uuid.UUID][]ProductMedia, error) {
	out := make(map[uuid.UUID][]ProductMedia, len(productIDs))
	if len(productIDs) == 0 {
		return out, nil
	}
	var rows []ProductMedia
	if err := s.store.db.WithContext(ctx).Where("product_id IN ?", productIDs).Order("product_id").Order("position").Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load product media: %w", err)
	}
	for _, m := range rows {
		out[m.ProductID] = append(out[m.ProductID], m)
	}
	return out, nil
}
