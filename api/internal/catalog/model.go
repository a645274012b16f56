// Package catalog owns products, categories, specifications and stock: what a seller offers,
// to whom (consumers, businesses or both), and how much is available.
package catalog

import (
	"time"

	"github.com/google/uuid"
)

// Audience says who may buy a product.
type Audience string

const (
	B2C  Audience = "b2c"
	B2B  Audience = "b2b"
	Both Audience = "both"
)

// Status of a product: only active products are shown to customers.
type Status string

const (
	Draft    Status = "draft"
	Active   Status = "active"
	Archived Status = "archived"
)

// Category is a node of the category tree.
type Category struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	ParentID  *uuid.UUID
	Slug      string
	Name      string
	Position  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (Category) TableName() string { return "categories" }

// Product is one sellable item.
type Product struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	SKU           string    `gorm:"column:sku"`
	Slug          string
	Name          string
	Description   string
	CategoryID    *uuid.UUID
	Category      *Category `gorm:"foreignKey:CategoryID"`
	Status        Status
	Audience      Audience
	PriceAmount   int64
	Currency      string
	TaxClass      string
	StockOnHand   int
	StockReserved int
	MinOrderQty   int
	OrderMultiple int
	WeightGrams   *int
	LengthMM      *int `gorm:"column:length_mm"`
	WidthMM       *int `gorm:"column:width_mm"`
	HeightMM      *int `gorm:"column:height_mm"`
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Specs         []Spec `gorm:"foreignKey:ProductID"`
}

func (Product) TableName() string { return "products" }

// Available is what can still be ordered.
func (p Product) Available() int { return p.StockOnHand - p.StockReserved }

// Spec is one specification row.
type Spec struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	ProductID uuid.UUID
	Group     string `gorm:"column:spec_group"`
	Name      string
	Value     string
	Unit      string
	Position  int
}

func (Spec) TableName() string { return "product_specs" }

// StockMovement records one change of stock on hand.
type StockMovement struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	ProductID uuid.UUID
	Delta     int
	Reason    string
	ActorID   *uuid.UUID
	CreatedAt time.Time
}

func (StockMovement) TableName() string { return "stock_movements" }

// Viewer is who browses: it decides which audiences, catalogs and prices apply.
type Viewer struct {
	Staff      bool
	Business   bool
	CustomerID *uuid.UUID  // nil for guests and staff
	Groups     []uuid.UUID // the customer's groups (price lists, catalogs)
}

// Audiences a viewer may see: guests and consumers b2c and both; businesses b2b and both.
func (v Viewer) Audiences() []Audience {
	switch {
	case v.Staff:
		return []Audience{B2C, B2B, Both}
	case v.Business:
		return []Audience{B2B, Both}
	}
	return []Audience{B2C, Both}
}
