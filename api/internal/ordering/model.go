// Package ordering owns carts, orders, the order lifecycle and stock reservation: the use cases
// from "add to cart" to "delivered". Prices come from pricing (in the same transaction), stock
// lives on catalog's products, notifications go through a small interface app implements.
package ordering

import (
	"time"

	"github.com/google/uuid"
)

// Priority orders the staff queue; express and urgent may carry a surcharge.
type Priority string

const (
	Standard Priority = "standard"
	Express  Priority = "express"
	Urgent   Priority = "urgent"
)

// Channel is how an order reached us.
type Channel string

const (
	ChannelWeb   Channel = "web"
	ChannelAPI   Channel = "api"
	ChannelPhone Channel = "phone"
	ChannelEmail Channel = "email"
	ChannelFax   Channel = "fax"
	ChannelStaff Channel = "staff"
)

// Address is where an order goes.
type Address struct {
	Name       string
	Line1      string `gorm:"column:line1"`
	Line2      string `gorm:"column:line2"`
	City       string
	PostalCode string
	Country    string // ISO 3166-1 alpha-2
	Phone      string
}

// Order is what a customer bought, at which prices, and where it is in its life.
type Order struct {
	ID                    uuid.UUID `gorm:"primaryKey"`
	Reference             string
	CustomerID            uuid.UUID
	CustomerName          string // as the customer was named when ordering (queue, CSV, invoice)
	CustomerLoginID       string
	Status                Status
	Priority              Priority
	Channel               Channel
	Currency              string
	Subtotal              int64
	Discount              int64
	Tax                   int64
	Shipping              int64
	Total                 int64
	CouponCode            *string
	AppliedOffers         string // JSON snapshot of the offers that lowered the order
	PurchaseOrderNumber   *string
	RequestedDeliveryDate *string // YYYY-MM-DD
	PaymentTerms          *string
	Notes                 string
	NotifyEmail           *bool   // overrides the account's order-update channels for this order
	NotifySMS             *bool   `gorm:"column:notify_sms"`
	Ship                  Address `gorm:"embedded;embeddedPrefix:ship_"`
	LinesHash             string
	PlacedByStaffID       *uuid.UUID
	PlacedAt              time.Time
	UpdatedAt             time.Time
	Version               int
	Lines                 []Line `gorm:"foreignKey:OrderID"`
}

// open is how many units of the line are still reserved (not shipped yet).
func (l Line) open() int { return l.Quantity - l.ShippedQty }

// ShipmentStatus is where a parcel is.
type ShipmentStatus string

const (
	ShipmentShipped   ShipmentStatus = "shipped"
	ShipmentDelivered ShipmentStatus = "delivered"
)

// Shipment is a parcel: some units of some lines that left together, with the carrier's tracking.
type Shipment struct {
	ID             uuid.UUID `gorm:"primaryKey"`
	OrderID        uuid.UUID
	Number         int
	Carrier        string
	TrackingNumber string
	TrackingURL    *string
	Status         ShipmentStatus
	ShippedAt      time.Time
	DeliveredAt    *time.Time
	CreatedBy      *uuid.UUID
	Lines          []ShipmentLine `gorm:"foreignKey:ShipmentID"`
}

func (Shipment) TableName() string { return "shipments" }

// ShipmentLine is how many units of an order line went in a shipment.
type ShipmentLine struct {
	ShipmentID  uuid.UUID `gorm:"primaryKey"`
	OrderLineID uuid.UUID `gorm:"primaryKey"`
	Quantity    int
}

func (ShipmentLine) TableName() string { return "shipment_lines" }

// ReturnStatus is where a return request is.
type ReturnStatus string

const (
	ReturnRequested ReturnStatus = "requested"
	ReturnAccepted  ReturnStatus = "accepted"
	ReturnRejected  ReturnStatus = "rejected"
	ReturnReceived  ReturnStatus = "received"
)

// Return is a customer's request to send delivered units back, and what staff made of it.
type Return struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	OrderID     uuid.UUID
	Number      int
	Status      ReturnStatus
	Reason      string
	Note        string
	Restocked   bool
	RequestedAt time.Time
	DecidedAt   *time.Time
	ReceivedAt  *time.Time
	DecidedBy   *uuid.UUID
	Lines       []ReturnLine `gorm:"foreignKey:ReturnID"`
}

func (Return) TableName() string { return "order_returns" }

// ReturnLine is how many units of an order line a return covers.
type ReturnLine struct {
	ReturnID    uuid.UUID `gorm:"primaryKey"`
	OrderLineID uuid.UUID `gorm:"primaryKey"`
	Quantity    int
}

func (ReturnLine) TableName() string { return "return_lines" }

func (Order) TableName() string { return "orders" }

// Line is one product of an order, with the price it was sold at (a snapshot: later catalog
// changes never change an order).
type Line struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	OrderID       uuid.UUID
	LineNo        int
	ProductID     uuid.UUID
	SKU           string `gorm:"column:sku"`
	Name          string
	Quantity      int
	UnitPrice     int64
	ListUnitPrice int64
	Discount      int64 // this line's share of order-level discounts
	TaxRateBP     int64 `gorm:"column:tax_rate_bp"`
	Tax           int64
	Total         int64
	Explanation   string // JSON list of strings
	ShippedQty    int
	ReturnedQty   int
}

func (Line) TableName() string { return "order_lines" }

// Event is one status change: the order's timeline.
type Event struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	OrderID    uuid.UUID
	FromStatus *Status
	ToStatus   Status
	ActorKind  string // customer, staff, system
	ActorID    *uuid.UUID
	Note       string
	CreatedAt  time.Time
}

func (Event) TableName() string { return "order_events" }

// CartItem is a product in a customer's cart.
type CartItem struct {
	CustomerID uuid.UUID `gorm:"primaryKey"`
	ProductID  uuid.UUID `gorm:"primaryKey"`
	Quantity   int
	AddedAt    time.Time
	UpdatedAt  time.Time
}

func (CartItem) TableName() string { return "cart_items" }
