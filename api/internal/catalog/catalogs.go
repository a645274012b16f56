package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
	platformdb "github.com/openoms/oms/api/internal/platform/db"
)

// Catalog is a named selection of products for an audience (and optionally some customer groups)
// with a validity window, e.g. "Spring 2027 trade catalog". It may carry its own prices.
type Catalog struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	Name        string
	Slug        string
	Description string
	Audience    Audience
	ValidFrom   *time.Time
	ValidTo     *time.Time
	Active      bool
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (Catalog) TableName() string { return "catalogs" }

// CatalogGroup limits a catalog to a customer group.
type CatalogGroup struct {
	CatalogID uuid.UUID `gorm:"primaryKey"`
	GroupID   uuid.UUID `gorm:"primaryKey"`
}

func (CatalogGroup) TableName() string { return "catalog_groups" }

// CatalogProduct is a product in a catalog, optionally at the catalog's own price.
type CatalogProduct struct {
	CatalogID   uuid.UUID `gorm:"primaryKey"`
	ProductID   uuid.UUID `gorm:"primaryKey"`
	Position    int
	PriceAmount *int64
}

func (CatalogProduct) TableName() string { return "catalog_products" }

// CatalogPrice is a catalog's own price for a product.
type CatalogPrice struct {
	CatalogID   uuid.UUID
	CatalogName string
	Amount      int64
}

// CatalogSummary is a catalog with what the viewer needs to list it.
type CatalogSummary struct {
	Catalog
	Products int64
	Groups   []uuid.UUID
}

var (
	ErrCatalogNotFound = apperr.NotFound("catalog not found")
	ErrCatalogStale    = apperr.Stale("the catalog was changed by someone else since you loaded it; reload and try again")
	ErrCatalogSlug     = apperr.Exists("slug", "a catalog with this slug already exists")
)

// visibleCatalogs narrows a catalogs query to those the viewer may see at t: active, for the
// viewer's audience, inside the validity window (from inclusive, to exclusive), and either open
// to everyone or given to one of the viewer's groups. Staff see every catalog.
func visibleCatalogs(db *gorm.DB, v Viewer, at time.Time) *gorm.DB {
	if v.Staff {
		return db
	}
	db = db.Where("catalogs.active = ? AND catalogs.audience IN ?", true, v.Audiences()).
		Where("(catalogs.valid_from IS NULL OR catalogs.valid_from <= ?) AND (catalogs.valid_to IS NULL OR catalogs.valid_to > ?)", at, at)
	restricted := db.Session(&gorm.Session{NewDB: true}).Model(&CatalogGroup{}).Select("1").Where("catalog_groups.catalog_id = catalogs.id")
	if len(v.Groups) == 0 {
		return db.Where("NOT EXISTS (?)", restricted)
	}
	mine := db.Session(&gorm.Session{NewDB: true}).Model(&CatalogGroup{}).Select("1").
		Where("catalog_groups.catalog_id = catalogs.id AND catalog_groups.group_id IN ?", v.Groups)
	return db.Where("NOT EXISTS (?) OR EXISTS (?)", restricted, mine)
}

// Catalogs lists the catalogs the viewer may see now, with how many of their products the viewer
// may see.
func (s *Service) Catalogs(ctx context.Context, v Viewer) ([]CatalogSummary, error) {
	at := s.clock().UTC()
	db := s.store.db.WithContext(ctx)
	var cats []Catalog
	if err := visibleCatalogs(db.Model(&Catalog{}), v, at).Order("catalogs.valid_from DESC").Order("catalogs.name").Find(&cats).Error; err != nil {
		return nil, fmt.Errorf("list catalogs: %w", err)
	}
	if len(cats) == 0 {
		return []CatalogSummary{}, nil
	}
	ids := make([]uuid.UUID, len(cats))
	for i, c := range cats {
		ids[i] = c.ID
	}
	var counts []struct {
		CatalogID uuid.UUID
		N         int64
	}
	statuses := []Status{Active}
	if v.Staff {
		statuses = []Status{Draft, Active, Archived}
	}
	err := db.Model(&CatalogProduct{}).Select("catalog_products.catalog_id, count(*) AS n").
		Joins("JOIN products ON products.id = catalog_products.product_id").
		Where("catalog_products.catalog_id IN ? AND products.audience IN ? AND products.status IN ?", ids, v.Audiences(), statuses).
		Group("catalog_products.catalog_id").Scan(&counts).Error
	if err != nil {
		return nil, fmt.Errorf("count catalog products: %w", err)
	}
	var groups []CatalogGroup
	if err := db.Where("catalog_id IN ?", ids).Find(&groups).Error; err != nil {
		return nil, fmt.Errorf("catalog groups: %w", err)
	}
	out := make([]CatalogSummary, len(cats))
	for i, c := range cats {
		out[i] = CatalogSummary{Catalog: c, Groups: []uuid.UUID{}}
		for _, n := range counts {
			if n.CatalogID == c.ID {
				out[i].Products = n.N
			}
		}
		for _, g := range groups {
			if g.CatalogID == c.ID {
				out[i].Groups = append(out[i].Groups, g.GroupID)
			}
		}
	}
	return out, nil
}

// VisibleCatalog finds one catalog by id or slug that the viewer may see now.
func (s *Service) VisibleCatalog(ctx context.Context, v Viewer, idOrSlug string) (Catalog, error) {
	db := visibleCatalogs(s.store.db.WithContext(ctx).Model(&Catalog{}), v, s.clock().UTC())
	if id, err := uuid.Parse(idOrSlug); err == nil {
		db = db.Where("catalogs.id = ?", id)
	} else {
		db = db.Where("catalogs.slug = ?", strings.ToLower(idOrSlug))
	}
	var c Catalog
	if err := db.Take(&c).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return Catalog{}, ErrCatalogNotFound
	} else if err != nil {
		return Catalog{}, fmt.Errorf("get catalog: %w", err)
	}
	return c, nil
}

// CatalogPricesRead reads, per product, the prices of catalogs the viewer may see at t that carry
// their own price for it, as one read of a batch (platformdb.ReadAll), so pricing reads it in the
// same round trip as its own tables, inside the caller's transaction or not.
// products is the product ids ([]uuid.UUID) or a subquery selecting them; prices gives the
// result once the batch has run.
func (s *Service) CatalogPricesRead(v Viewer, products any, at time.Time) (read platformdb.Read, prices func() map[uuid.UUID][]CatalogPrice) {
	var rows []struct {
		ProductID   uuid.UUID
		CatalogID   uuid.UUID
		Name        string
		PriceAmount int64
	}
	prices = func() map[uuid.UUID][]CatalogPrice {
		out := map[uuid.UUID][]CatalogPrice{}
		for _, r := range rows {
			out[r.ProductID] = append(out[r.ProductID], CatalogPrice{CatalogID: r.CatalogID, CatalogName: r.Name, Amount: r.PriceAmount})
		}
		return out
	}
	if v.Staff {
		// Staff browse as nobody in particular: they see base prices, not a customer's catalog prices.
		return platformdb.Read{}, prices
	}
	return platformdb.Read{Dest: &rows, Query: func(db *gorm.DB) *gorm.DB {
		db = db.Model(&Catalog{}).
			Select("catalog_products.product_id, catalogs.id AS catalog_id, catalogs.name, catalog_products.price_amount").
			Joins("JOIN catalog_products ON catalog_products.catalog_id = catalogs.id").
			Where("catalog_products.product_id IN (?) AND catalog_products.price_amount IS NOT NULL", products)
		return visibleCatalogs(db, v, at).Order("catalogs.name")
	}}, prices
}

// CatalogInput is a catalog as staff write it: its fields, groups and products (in order).
type CatalogInput struct {
	Name, Slug, Description string
	Audience                Audience
	ValidFrom, ValidTo      *time.Time
	Active                  bool
	Groups                  []uuid.UUID
	Products                []CatalogProduct // CatalogID and Position are filled in
}

func (in *CatalogInput) normalize() error {
	var fields []apperr.FieldError
	bad := func(f, m string) { fields = append(fields, apperr.FieldError{Field: f, Message: m}) }
	in.Name = strings.TrimSpace(in.Name)
	if in.Slug == "" {
		in.Slug = Slugify(in.Name)
	}
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	if in.Name == "" || len(in.Name) > 120 {
		bad("name", "is required (at most 120 characters)")
	}
	if !slugPattern.MatchString(in.Slug) || len(in.Slug) > 120 {
		bad("slug", "must be lower-case words joined by '-'")
	}
	switch in.Audience {
	case B2C, B2B, Both:
	default:
		bad("audience", "must be b2c, b2b or both")
	}
	if in.ValidFrom != nil && in.ValidTo != nil && !in.ValidTo.After(*in.ValidFrom) {
		bad("valid_to", "must be after valid_from")
	}
	seen := map[uuid.UUID]bool{}
	for i, p := range in.Products {
		if seen[p.ProductID] {
			bad(fmt.Sprintf("products[%d].product_id", i), "is listed twice")
		}
		seen[p.ProductID] = true
		if p.PriceAmount != nil && *p.PriceAmount < 0 {
			bad(fmt.Sprintf("products[%d].price", i), "must not be negative")
		}
		in.Products[i].Position = i
	}
	if len(fields) > 0 {
		return apperr.Invalid("the catalog has invalid fields", fields...)
	}
	return nil
}

// SaveCatalog creates (id nil) or replaces a catalog; a replace needs the version that was read.
func (s *Service) SaveCatalog(ctx context.Context, id *uuid.UUID, version int, in CatalogInput) (Catalog, error) {
	if err := in.normalize(); err != nil {
		return Catalog{}, err
	}
	now := s.clock().UTC()
	var c Catalog
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if id != nil {
			if err := tx.Where("id = ?", *id).Take(&c).Error; errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrCatalogNotFound
			} else if err != nil {
				return fmt.Errorf("load catalog: %w", err)
			}
		}
		var n int64
		q := tx.Model(&Catalog{}).Where("slug = ?", in.Slug)
		if id != nil {
			q = q.Where("id <> ?", *id)
		}
		if err := q.Count(&n).Error; err != nil {
			return fmt.Errorf("check catalog slug: %w", err)
		}
		if n > 0 {
			return ErrCatalogSlug
		}
		if err := s.checkRefs(tx, in); err != nil {
			return err
		}
		action := "catalog.created"
		if id == nil {
			c = Catalog{ID: uuid.Must(uuid.NewV7()), Version: 1, CreatedAt: now}
		} else {
			action = "catalog.updated"
			if c.Version != version {
				return ErrCatalogStale
			}
			c.Version++
		}
		c.Name, c.Slug, c.Description, c.Audience = in.Name, in.Slug, in.Description, in.Audience
		c.ValidFrom, c.ValidTo, c.Active, c.UpdatedAt = utc(in.ValidFrom), utc(in.ValidTo), in.Active, now
		if id == nil {
			if err := tx.Create(&c).Error; err != nil {
				return fmt.Errorf("create catalog: %w", err)
			}
		} else {
			res := tx.Model(&Catalog{}).Where("id = ? AND version = ?", c.ID, version).Updates(map[string]any{
				"name": c.Name, "slug": c.Slug, "description": c.Description, "audience": c.Audience, "valid_from": c.ValidFrom,
				"valid_to": c.ValidTo, "active": c.Active, "version": c.Version, "updated_at": now})
			if res.Error != nil {
				return fmt.Errorf("update catalog: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return ErrCatalogStale
			}
		}
		if err := replaceCatalogLinks(tx, c.ID, in); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: action, EntityType: "catalog", EntityID: c.ID.String(),
			After: map[string]any{"name": c.Name, "audience": c.Audience, "products": len(in.Products), "groups": len(in.Groups), "active": c.Active}})
	})
	return c, err
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// checkRefs makes unknown products or groups a 422 naming the row, not a foreign-key error.
func (s *Service) checkRefs(tx *gorm.DB, in CatalogInput) error {
	if len(in.Products) > 0 {
		ids := make([]uuid.UUID, len(in.Products))
		for i, p := range in.Products {
			ids[i] = p.ProductID
		}
		var found []uuid.UUID
		if err := tx.Model(&Product{}).Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
			return fmt.Errorf("check catalog products: %w", err)
		}
		known := map[uuid.UUID]bool{}
		for _, id := range found {
			known[id] = true
		}
		for i, id := range ids {
			if !known[id] {
				return apperr.Field(fmt.Sprintf("products[%d].product_id", i), "is not an existing product")
			}
		}
	}
	if len(in.Groups) > 0 {
		var n int64
		if err := tx.Table("customer_groups").Where("id IN ?", in.Groups).Count(&n).Error; err != nil {
			return fmt.Errorf("check catalog groups: %w", err)
		}
		if int(n) != len(uniq(in.Groups)) {
			return apperr.Field("groups", "contains an unknown customer group")
		}
	}
	return nil
}

func uniq(ids []uuid.UUID) []uuid.UUID {
	seen := map[uuid.UUID]bool{}
	var out []uuid.UUID
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func replaceCatalogLinks(tx *gorm.DB, id uuid.UUID, in CatalogInput) error {
	if err := tx.Where("catalog_id = ?", id).Delete(&CatalogGroup{}).Error; err != nil {
		return fmt.Errorf("replace catalog groups: %w", err)
	}
	if err := tx.Where("catalog_id = ?", id).Delete(&CatalogProduct{}).Error; err != nil {
		return fmt.Errorf("replace catalog products: %w", err)
	}
	for _, g := range uniq(in.Groups) {
		if err := tx.Create(&CatalogGroup{CatalogID: id, GroupID: g}).Error; err != nil {
			return fmt.Errorf("add catalog group: %w", err)
		}
	}
	if len(in.Products) > 0 {
		rows := make([]CatalogProduct, len(in.Products))
		for i, p := range in.Products {
			rows[i] = CatalogProduct{CatalogID: id, ProductID: p.ProductID, Position: p.Position, PriceAmount: p.PriceAmount}
		}
		if err := tx.CreateInBatches(rows, 200).Error; err != nil {
			return fmt.Errorf("add catalog products: %w", err)
		}
	}
	return nil
}

// CatalogDetail is a catalog with its groups and products, for staff.
type CatalogDetail struct {
	Catalog
	Groups   []uuid.UUID
	Products []CatalogProduct
}

// CatalogForStaff returns the full catalog.
func (s *Service) CatalogForStaff(ctx context.Context, id uuid.UUID) (CatalogDetail, error) {
	db := s.store.db.WithContext(ctx)
	var d CatalogDetail
	if err := db.Where("id = ?", id).Take(&d.Catalog).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return d, ErrCatalogNotFound
	} else if err != nil {
		return d, fmt.Errorf("get catalog: %w", err)
	}
	if err := db.Model(&CatalogGroup{}).Where("catalog_id = ?", id).Pluck("group_id", &d.Groups).Error; err != nil {
		return d, fmt.Errorf("catalog groups: %w", err)
	}
	if err := db.Where("catalog_id = ?", id).Order("position").Find(&d.Products).Error; err != nil {
		return d, fmt.Errorf("catalog products: %w", err)
	}
	return d, nil
}

// productCurrencies returns the currency of each product of a catalog (its prices are in it).
func (s *Service) productCurrencies(ctx context.Context, items []CatalogProduct) (map[uuid.UUID]string, error) {
	ids := make([]uuid.UUID, len(items))
	for i, it := range items {
		ids[i] = it.ProductID
	}
	var rows []struct {
		ID       uuid.UUID
		Currency string
	}
	out := map[uuid.UUID]string{}
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.store.db.WithContext(ctx).Model(&Product{}).Select("id, currency").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("product currencies: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Currency
	}
	return out, nil
}
