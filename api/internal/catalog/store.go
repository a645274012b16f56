package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// GormStore keeps the catalog with GORM. Full-text search differs by dialect: a weighted
// tsvector column with a GIN index on PostgreSQL, an FTS5 table on SQLite.
type GormStore struct {
	db       *gorm.DB
	postgres bool
}

func NewStore(db *gorm.DB, postgres bool) *GormStore { return &GormStore{db: db, postgres: postgres} }

// Sort orders a product list.
type Sort string

const (
	SortRelevance Sort = "relevance"
	SortNewest    Sort = "newest"
	SortPriceAsc  Sort = "price_asc"
	SortPriceDesc Sort = "price_desc"
)

// Query selects products.
type Query struct {
	Audiences  []Audience
	Statuses   []Status
	Text       string
	CategoryID *uuid.UUID
	CatalogID  *uuid.UUID
	Audience   Audience // narrows Audiences to one (still within what the viewer may see)
	MinPrice   *int64
	MaxPrice   *int64
	InStock    bool
	Sort       Sort
	After      Cursor
	Limit      int
}

// Cursor is a position in a list: an offset for relevance (ranks are not keys), otherwise the
// last row's sort key.
type Cursor struct {
	Offset int    `json:"o,omitempty"`
	Price  int64  `json:"p,omitempty"`
	ID     string `json:"i,omitempty"`
}

// terms splits search text into at most 8 lower-case words of letters and digits; everything
// else is dropped, so the text never reaches the query syntax.
func terms(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 8 {
		words = words[:8]
	}
	return words
}

// List returns products matching q with their categories, in one query (categories joined).
func (s *GormStore) List(ctx context.Context, q Query) ([]Product, error) {
	db := s.db.WithContext(ctx).Model(&Product{}).Joins("Category").
		Where("products.audience IN ? AND products.status IN ?", q.Audiences, q.Statuses)
	if q.CategoryID != nil {
		db = db.Where("products.category_id = ?", *q.CategoryID)
	}
	if q.CatalogID != nil {
		db = db.Where("products.id IN (?)", s.db.Model(&CatalogProduct{}).Select("product_id").Where("catalog_id = ?", *q.CatalogID))
	}
	if q.Audience != "" {
		db = db.Where("products.audience = ?", q.Audience)
	}
	if q.MinPrice != nil {
		db = db.Where("products.price_amount >= ?", *q.MinPrice)
	}
	if q.MaxPrice != nil {
		db = db.Where("products.price_amount <= ?", *q.MaxPrice)
	}
	if q.InStock {
		db = db.Where("products.stock_on_hand - products.stock_reserved > 0")
	}
	words := terms(q.Text)
	sort := q.Sort
	if sort == SortRelevance && len(words) == 0 {
		sort = SortNewest
	}
	if len(words) > 0 {
		if s.postgres {
			parts := make([]string, len(words))
			for i, w := range words {
				parts[i] = w + ":*"
			}
			tsq := strings.Join(parts, " & ")
			db = db.Where("products.search @@ to_tsquery('english', ?)", tsq)
			if sort == SortRelevance {
				db = db.Order(gorm.Expr("ts_rank(products.search, to_tsquery('english', ?)) DESC", tsq))
			}
		} else {
			parts := make([]string, len(words))
			for i, w := range words {
				parts[i] = `"` + w + `"*`
			}
			match := strings.Join(parts, " ")
			db = db.Joins("JOIN (SELECT product_id, bm25(products_fts, 0, 10.0, 10.0, 1.0) AS rank FROM products_fts WHERE products_fts MATCH ?) fts ON fts.product_id = products.id", match)
			if sort == SortRelevance {
				db = db.Order("fts.rank")
			}
		}
	}
	switch sort {
	case SortRelevance:
		db = db.Order("products.id DESC").Offset(q.After.Offset)
	case SortPriceAsc:
		if q.After.ID != "" {
			db = db.Where("(products.price_amount > ?) OR (products.price_amount = ? AND products.id > ?)", q.After.Price, q.After.Price, q.After.ID)
		}
		db = db.Order("products.price_amount ASC").Order("products.id ASC")
	case SortPriceDesc:
		if q.After.ID != "" {
			db = db.Where("(products.price_amount < ?) OR (products.price_amount = ? AND products.id < ?)", q.After.Price, q.After.Price, q.After.ID)
		}
		db = db.Order("products.price_amount DESC").Order("products.id DESC")
	default:
		if q.After.ID != "" {
			db = db.Where("products.id < ?", q.After.ID)
		}
		db = db.Order("products.id DESC")
	}
	var out []Product
	if err := db.Limit(q.Limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	return out, nil
}

// Get finds one product by id or slug, with category and specs, if its audience and status are
// among those given (so a hidden product is simply not found).
func (s *GormStore) Get(ctx context.Context, idOrSlug string, audiences []Audience, statuses []Status) (Product, error) {
	db := s.db.WithContext(ctx).Preload("Category").Preload("Specs", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).
		Where("audience IN ? AND status IN ?", audiences, statuses)
	if id, err := uuid.Parse(idOrSlug); err == nil {
		db = db.Where("id = ?", id)
	} else {
		db = db.Where("slug = ?", strings.ToLower(idOrSlug))
	}
	var p Product
	err := db.Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Product{}, ErrProductNotFound
	}
	if err != nil {
		return Product{}, fmt.Errorf("get product: %w", err)
	}
	return p, nil
}

// Categories returns every category, ordered for display.
func (s *GormStore) Categories(ctx context.Context) ([]Category, error) {
	var out []Category
	if err := s.db.WithContext(ctx).Order("position").Order("name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	return out, nil
}
