// Package customers owns approved buyers' accounts: the permanent Registration ID and Login ID,
// contact details, address and company data.
package customers

import (
	"time"

	"github.com/google/uuid"
)

// Type says whether a customer buys as a consumer or a business.
type Type string

const (
	Consumer Type = "consumer"
	Business Type = "business"
)

// Status of an account.
type Status string

const (
	Active   Status = "active"
	Disabled Status = "disabled"
)

// Address is a postal address.
type Address struct {
	Line1      string `gorm:"column:address_line1"`
	Line2      string `gorm:"column:address_line2"`
	City       string `gorm:"column:city"`
	PostalCode string `gorm:"column:postal_code"`
	Country    string `gorm:"column:country"` // ISO 3166-1 alpha-2
}

// Company holds a business customer's legal details.
type Company struct {
	LegalName          *string `gorm:"column:company_legal_name"`
	TaxID              *string `gorm:"column:tax_id"`
	RegistrationNumber *string `gorm:"column:company_registration_number"`
}

// Customer is an approved account.
type Customer struct {
	ID              uuid.UUID `gorm:"primaryKey"`
	RegistrationID  string
	LoginID         string
	Type            Type
	Name            string
	Email           string
	Phone           string
	EmailVerifiedAt *time.Time
	PhoneVerifiedAt *time.Time
	PasswordHash    string
	Address         Address `gorm:"embedded"`
	Company         Company `gorm:"embedded"`
	Status          Status
	// Order-update messages the customer wants; the "order placed" email always goes.
	NotifyOrderEmail bool
	NotifyOrderSMS   bool `gorm:"column:notify_order_sms"`
	ApplicationID    uuid.UUID
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

func (Customer) TableName() string { return "customers" }

// counter is one row of id_counters.
type counter struct {
	Name  string `gorm:"primaryKey"`
	Value int64
}

func (counter) TableName() string { return "id_counters" }
