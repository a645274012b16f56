// Package registration takes applications to become a customer, verifies the email address and
// phone number with one-time codes, screens for duplicates and risk, and approves (automatically
// or by staff) or rejects. Approval opens the customer account with its permanent IDs.
package registration

import (
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/customers"
)

// Status of an application (DESIGN §10 names).
type Status string

const (
	PendingVerification Status = "pending_verification"
	PendingReview       Status = "pending_review"
	Approved            Status = "approved"
	Rejected            Status = "rejected"
)

// Flag is a screening finding that sends an application to staff review.
type Flag string

const (
	FlagDuplicateApplication Flag = "duplicate_application" // same email, phone or tax ID as another open application
	FlagDisposableEmail      Flag = "disposable_email"
	FlagIPVelocity           Flag = "ip_velocity"    // many applications from one IP address recently
	FlagPhoneVelocity        Flag = "phone_velocity" // the phone number was used by other recent applications
	FlagCountryMismatch      Flag = "country_mismatch"
)

// Channel of a verification code.
type Channel string

const (
	ChannelEmail Channel = "email"
	ChannelSMS   Channel = "sms"
)

// Application is one row of registration_applications.
type Application struct {
	ID              uuid.UUID `gorm:"primaryKey"`
	Type            customers.Type
	Status          Status
	TokenHash       string
	Name            string
	Email           string
	Phone           string
	PasswordHash    string
	Address         customers.Address `gorm:"embedded"`
	Company         customers.Company `gorm:"embedded"`
	Flags           []Flag            `gorm:"serializer:json"`
	EmailVerifiedAt *time.Time
	PhoneVerifiedAt *time.Time
	RejectReason    *string
	ReviewedBy      *uuid.UUID
	ReviewedAt      *time.Time
	CustomerID      *uuid.UUID
	CreatedIP       string `gorm:"column:created_ip"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (Application) TableName() string { return "registration_applications" }

// Code is the live verification code of one channel, stored as an HMAC.
type Code struct {
	ApplicationID uuid.UUID `gorm:"primaryKey"`
	Channel       Channel   `gorm:"primaryKey"`
	CodeHash      string
	ExpiresAt     time.Time
	Attempts      int
	Sends         int
	LastSentAt    time.Time
	VerifiedAt    *time.Time
}

func (Code) TableName() string { return "verification_codes" }
