package catalog

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Auditor records staff changes (the audit package).
type Auditor interface {
	Record(ctx context.Context, tx *gorm.DB, ev audit.Event) error
}

// Service holds the catalog rules.
type Service struct {
	store  *GormStore
	audit  Auditor
	clock  func() time.Time
	pricer Pricer
	// CategoriesChanged, when set, hears after the category tree changed (pricing caches it).
	CategoriesChanged func()
}

func NewService(store *GormStore, audit Auditor, clock func() time.Time) *Service {
	return &Service{store: store, audit: audit, clock: clock, pricer: basePrices{}}
}

// SetPricer installs the price rules (the pricing package, built after catalog because it
// depends on it). Call before serving.
func (s *Service) SetPricer(p Pricer) { s.pricer = p }

// Prices returns the viewer's prices for products, now.
func (s *Service) Prices(ctx context.Context, v Viewer, products []Product) (map[uuid.UUID]Price, error) {
	prices, err := s.pricer.Prices(ctx, v, products, s.clock().UTC())
	if err != nil {
		return nil, fmt.Errorf("price products: %w", err)
	}
	return prices, nil
}

// Browse lists what the viewer may see (customers: active products of their audiences).
func (s *Service) Browse(ctx context.Context, v Viewer, q Query) ([]Product, error) {
	q.Audiences = v.Audiences()
	if !v.Staff || len(q.Statuses) == 0 {
		q.Statuses = []Status{Active}
	}
	return s.store.List(ctx, q)
}

// Product returns one product the viewer may see; anything else is "not found".
func (s *Service) Product(ctx context.Context, v Viewer, idOrSlug string) (Product, error) {
	statuses := []Status{Active}
	if v.Staff {
		statuses = []Status{Draft, Active, Archived}
	}
	return s.store.Get(ctx, idOrSlug, v.Audiences(), statuses)
}

// Categories returns the category list (the tree is built by the client from parent ids).
func (s *Service) Categories(ctx context.Context) ([]Category, error) { return s.store.Categories(ctx) }

var (
	skuPattern  = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]{1,39}$`)
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Slugify makes a URL slug from a name.
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// ProductInput is a product as staff write it.
type ProductInput struct {
	SKU, Slug, Name, Description string
	CategoryID                   *uuid.UUID
	Status                       Status
	Audience                     Audience
	PriceAmount                  int64
	Currency                     string
	TaxClass                     string
	StockOnHand                  int // create only; later changes go through AdjustStock
	MinOrderQty, OrderMultiple   int
	WeightGrams                  *int
	LengthMM, WidthMM, HeightMM  *int
	Specs                        []Spec
}

func (in *ProductInput) normalize() error {
	var fields []apperr.FieldError
	bad := func(f, m string) { fields = append(fields, apperr.FieldError{Field: f, Message: m}) }
	in.SKU = strings.ToUpper(strings.TrimSpace(in.SKU))
	in.Name = strings.TrimSpace(in.Name)
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if in.Slug == "" {
		in.Slug = Slugify(in.Name)
	}
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	if !skuPattern.MatchString(in.SKU) {
		bad("sku", "must be 2–40 characters: A–Z, 0–9, '.', '_' or '-', starting with a letter or digit")
	}
	if in.Name == "" || len(in.Name) > 200 {
		bad("name", "is required (at most 200 characters)")
	}
	if !slugPattern.MatchString(in.Slug) || len(in.Slug) > 120 {
		bad("slug", "must be lower-case words joined by '-'")
	}
	switch in.Status {
	case Draft, Active, Archived:
	default:
		bad("status", "must be draft, active or archived")
	}
	switch in.Audience {
	case B2C, B2B, Both:
	default:
		bad("audience", "must be b2c, b2b or both")
	}
	if in.PriceAmount < 0 {
		bad("price.amount", "must not be negative")
	}
	if len(in.Currency) != 3 {
		bad("price.currency", "must be a three-letter ISO code like USD")
	}
	if in.TaxClass == "" {
		in.TaxClass = "standard"
	}
	if in.MinOrderQty == 0 {
		in.MinOrderQty = 1
	}
	if in.OrderMultiple == 0 {
		in.OrderMultiple = 1
	}
	if in.MinOrderQty < 1 || in.OrderMultiple < 1 {
		bad("min_order_qty", "minimum quantity and order multiple must be at least 1")
	}
	if in.StockOnHand < 0 {
		bad("stock_on_hand", "must not be negative")
	}
	for i := range in.Specs {
		sp := &in.Specs[i]
		sp.Group, sp.Name, sp.Value, sp.Unit = strings.TrimSpace(sp.Group), strings.TrimSpace(sp.Name), strings.TrimSpace(sp.Value), strings.TrimSpace(sp.Unit)
		if sp.Name == "" || sp.Value == "" {
			bad(fmt.Sprintf("specs[%d]", i), "needs a name and a value")
		}
		sp.Position = i
	}
	if len(fields) > 0 {
		return apperr.Invalid("the product has invalid fields", fields...)
	}
	return nil
}

func (in ProductInput) apply(p *Product) {
	p.SKU, p.Slug, p.Name, p.Description, p.CategoryID = in.SKU, in.Slug, in.Name, in.Description, in.CategoryID
	p.Status, p.Audience, p.PriceAmount, p.Currency, p.TaxClass = in.Status, in.Audience, in.PriceAmount, in.Currency, in.TaxClass
	p.MinOrderQty, p.OrderMultiple, p.WeightGrams, p.LengthMM, p.WidthMM, p.HeightMM = in.MinOrderQty, in.OrderMultiple, in.WeightGrams, in.LengthMM, in.WidthMM, in.HeightMM
}

func duplicate(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		msg := strings.ToLower(err.Error())
		if strings.Contains(msg, "slug") {
			return ErrSlugTaken
		}
		return ErrSKUTaken
	}
	return err
}

// CreateProduct adds a product with its specs.
func (s *Service) CreateProduct(ctx context.Context, in ProductInput) (Product, error) {
	if err := in.normalize(); err != nil {
		return Product{}, err
	}
	now := s.clock().UTC()
	p := Product{ID: uuid.Must(uuid.NewV7()), StockOnHand: in.StockOnHand, Version: 1, CreatedAt: now, UpdatedAt: now}
	in.apply(&p)
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.checkCategory(ctx, tx, p.CategoryID); err != nil {
			return err
		}
		if err := s.taken(ctx, tx, p); err != nil {
			return err
		}
		if err := tx.Omit("Category", "Specs").Create(&p).Error; err != nil {
			return fmt.Errorf("create product: %w", duplicate(err))
		}
		if err := replaceSpecs(tx, p.ID, in.Specs); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.created", EntityType: "product", EntityID: p.ID.String(), After: map[string]any{"sku": p.SKU, "name": p.Name}})
	})
	if err != nil {
		return Product{}, err
	}
	return s.Product(ctx, Viewer{Staff: true}, p.ID.String())
}

// taken checks SKU and slug first, so the answer names the clash on every database.
func (s *Service) taken(ctx context.Context, tx *gorm.DB, p Product) error {
	var n int64
	if err := tx.WithContext(ctx).Model(&Product{}).Where("sku = ? AND id <> ?", p.SKU, p.ID).Count(&n).Error; err != nil || n > 0 {
		if err == nil {
			err = ErrSKUTaken
		}
		return err
	}
	if err := tx.WithContext(ctx).Model(&Product{}).Where("slug = ? AND id <> ?", p.Slug, p.ID).Count(&n).Error; err != nil || n > 0 {
		if err == nil {
			err = ErrSlugTaken
		}
		return err
	}
	return nil
}

func (s *Service) checkCategory(ctx context.Context, tx *gorm.DB, id *uuid.UUID) error {
	if id == nil {
		return nil
	}
	var n int64
	if err := tx.WithContext(ctx).Model(&Category{}).Where("id = ?", *id).Count(&n).Error; err != nil {
		return fmt.Errorf("check category: %w", err)
	}
	if n == 0 {
		return apperr.Field("category_id", "is not an existing category")
	}
	return nil
}

func replaceSpecs(tx *gorm.DB, productID uuid.UUID, specs []Spec) error {
	if err := tx.Where("product_id = ?", productID).Delete(&Spec{}).Error; err != nil {
		return fmt.Errorf("replace specs: %w", err)
	}
	if len(specs) == 0 {
		return nil
	}
	for i := range specs {
		specs[i].ID, specs[i].ProductID = uuid.Must(uuid.NewV7()), productID
	}
	if err := tx.Create(&specs).Error; err != nil {
		return fmt.Errorf("insert specs: %w", err)
	}
	return nil
}

// UpdateProduct replaces a product's data if nobody changed it since version was read.
func (s *Service) UpdateProduct(ctx context.Context, id uuid.UUID, version int, in ProductInput) (Product, error) {
	if err := in.normalize(); err != nil {
		return Product{}, err
	}
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p Product
		if err := tx.Where("id = ?", id).Take(&p).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrProductNotFound
		} else if err != nil {
			return fmt.Errorf("load product: %w", err)
		}
		before := map[string]any{"sku": p.SKU, "name": p.Name, "status": p.Status, "audience": p.Audience, "price": p.PriceAmount}
		in.apply(&p)
		if err := s.checkCategory(ctx, tx, p.CategoryID); err != nil {
			return err
		}
		if err := s.taken(ctx, tx, p); err != nil {
			return err
		}
		res := tx.Model(&Product{}).Where("id = ? AND version = ?", id, version).Updates(map[string]any{
			"sku": p.SKU, "slug": p.Slug, "name": p.Name, "description": p.Description, "category_id": p.CategoryID, "status": p.Status,
			"audience": p.Audience, "price_amount": p.PriceAmount, "currency": p.Currency, "tax_class": p.TaxClass,
			"min_order_qty": p.MinOrderQty, "order_multiple": p.OrderMultiple, "weight_grams": p.WeightGrams,
			"length_mm": p.LengthMM, "width_mm": p.WidthMM, "height_mm": p.HeightMM,
			"version": gorm.Expr("version + 1"), "updated_at": s.clock().UTC(),
		})
		if res.Error != nil {
			return fmt.Errorf("update product: %w", duplicate(res.Error))
		}
		if res.RowsAffected == 0 {
			return ErrStaleVersion
		}
		if err := replaceSpecs(tx, id, in.Specs); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.updated", EntityType: "product", EntityID: id.String(), Before: before,
			After: map[string]any{"sku": p.SKU, "name": p.Name, "status": p.Status, "audience": p.Audience, "price": p.PriceAmount}})
	})
	if err != nil {
		return Product{}, err
	}
	return s.Product(ctx, Viewer{Staff: true}, id.String())
}

// AdjustStock changes stock on hand by delta with a recorded reason. It never takes stock below
// what is reserved, with one conditional update (no read-then-write race).
func (s *Service) AdjustStock(ctx context.Context, id uuid.UUID, delta int, reason string, actor *uuid.UUID) (Product, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 200 {
		return Product{}, apperr.Field("reason", "is required (at most 200 characters): say why the stock changes")
	}
	if delta == 0 {
		return Product{}, apperr.Field("delta", "must not be zero")
	}
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&Product{}).Where("id = ? AND stock_on_hand + ? >= stock_reserved", id, delta).
			Updates(map[string]any{"stock_on_hand": gorm.Expr("stock_on_hand + ?", delta), "updated_at": s.clock().UTC()})
		if res.Error != nil {
			return fmt.Errorf("adjust stock: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			var n int64
			tx.Model(&Product{}).Where("id = ?", id).Count(&n)
			if n == 0 {
				return ErrProductNotFound
			}
			return ErrStockBelowZero
		}
		m := StockMovement{ID: uuid.Must(uuid.NewV7()), ProductID: id, Delta: delta, Reason: reason, ActorID: actor, CreatedAt: s.clock().UTC()}
		if err := tx.Create(&m).Error; err != nil {
			return fmt.Errorf("record stock movement: %w", err)
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.stock_adjusted", EntityType: "product", EntityID: id.String(), After: map[string]any{"delta": delta, "reason": reason}})
	})
	if err != nil {
		return Product{}, err
	}
	return s.Product(ctx, Viewer{Staff: true}, id.String())
}

// CreateCategory adds a category under an optional parent.
func (s *Service) CreateCategory(ctx context.Context, name, slug string, parent *uuid.UUID, position int) (Category, error) {
	name = strings.TrimSpace(name)
	if slug == "" {
		slug = Slugify(name)
	}
	if name == "" || !slugPattern.MatchString(slug) {
		return Category{}, apperr.Invalid("the category has invalid fields", apperr.FieldError{Field: "name", Message: "is required and must make a slug"})
	}
	now := s.clock().UTC()
	c := Category{ID: uuid.Must(uuid.NewV7()), ParentID: parent, Slug: slug, Name: name, Position: position, CreatedAt: now, UpdatedAt: now}
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.checkCategory(ctx, tx, parent); err != nil {
			return apperr.Field("parent_id", "is not an existing category")
		}
		var n int64
		tx.Model(&Category{}).Where("slug = ?", slug).Count(&n)
		if n > 0 {
			return ErrSlugTaken
		}
		if err := tx.Create(&c).Error; err != nil {
			return fmt.Errorf("create category: %w", err)
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "category.created", EntityType: "category", EntityID: c.ID.String(), After: map[string]any{"name": name, "slug": slug}})
	})
	if err == nil && s.CategoriesChanged != nil {
		s.CategoriesChanged()
	}
	return c, err
}

// CategoryBySlug finds a category (for filters given by slug).
func (s *Service) CategoryBySlug(ctx context.Context, slug string) (Category, error) {
	var c Category
	err := s.store.db.WithContext(ctx).Where("slug = ?", slug).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Category{}, ErrCategoryNotFound
	}
	return c, err
}
