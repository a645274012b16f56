package pricing

import (
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/catalog"
)

// TaxRate is the rate of one tax class, in basis points of the net price (2000 = 20 %).
type TaxRate struct {
	TaxClass  string `gorm:"primaryKey"`
	Name      string
	RateBP    int64 `gorm:"column:rate_bp"`
	UpdatedAt time.Time
}

func (TaxRate) TableName() string { return "tax_rates" }

// PriceList gives prices to one customer group, or to one customer (a contract) — never both.
type PriceList struct {
	ID              uuid.UUID `gorm:"primaryKey"`
	Name            string
	Code            string
	CustomerGroupID *uuid.UUID
	CustomerID      *uuid.UUID
	Currency        string
	ValidFrom       *time.Time
	ValidTo         *time.Time
	Active          bool
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Items           []PriceListItem `gorm:"foreignKey:PriceListID"`
}

func (PriceList) TableName() string { return "price_lists" }

// PriceListItem is one quantity tier of one product: from MinQty units up, a unit costs Amount.
type PriceListItem struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	PriceListID uuid.UUID
	ProductID   uuid.UUID
	MinQty      int
	Amount      int64
}

func (PriceListItem) TableName() string { return "price_list_items" }

// OfferKind says how an offer's value is read.
type OfferKind string

const (
	Percent OfferKind = "percent" // value in basis points (1000 = 10 %)
	Fixed   OfferKind = "fixed"   // value in minor units of the offer's currency
)

// Scope says what an offer discounts.
type Scope string

const (
	ScopeProduct  Scope = "product"
	ScopeCategory Scope = "category"
	ScopeOrder    Scope = "order"
)

// Offer is a discount; with a Code it is a coupon the buyer must enter.
type Offer struct {
	ID                 uuid.UUID `gorm:"primaryKey"`
	Name               string
	Code               *string
	Kind               OfferKind
	Value              int64
	Currency           *string
	Scope              Scope
	ProductID          *uuid.UUID
	CategoryID         *uuid.UUID
	Audience           catalog.Audience
	CustomerGroupID    *uuid.UUID
	ValidFrom          *time.Time
	ValidTo            *time.Time
	MinOrderAmount     int64
	MinQuantity        int
	MaxUses            *int
	MaxUsesPerCustomer *int
	Stackable          bool
	Active             bool
	Version            int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

func (Offer) TableName() string { return "offers" }

// Redemption records that an order used an offer; usage limits count these rows.
type Redemption struct {
	ID             uuid.UUID `gorm:"primaryKey"`
	OfferID        uuid.UUID
	CustomerID     uuid.UUID
	OrderReference string
	CreatedAt      time.Time
}

func (Redemption) TableName() string { return "offer_redemptions" }
