// Package notify sends SMS and email through an outbox: a message row and its sending job are
// written in the same transaction as the business change that caused them, and a background job
// sends them through the configured provider (console, Twilio, SMTP) with retries.
package notify

import (
	"time"

	"github.com/google/uuid"
)

// Status is where a message is in its life.
type Status string

const (
	StatusQueued        Status = "queued"
	StatusSending       Status = "sending"
	StatusSent          Status = "sent"
	StatusDelivered     Status = "delivered"
	StatusFailed        Status = "failed"        // gave up, or a provider/account problem
	StatusUndeliverable Status = "undeliverable" // the recipient cannot get it (invalid, opted out)
)

// Final reports whether no more sending will happen.
func (s Status) Final() bool {
	return s == StatusSent || s == StatusDelivered || s == StatusFailed || s == StatusUndeliverable
}

// Message is one row of outbound_messages.
type Message struct {
	ID                uuid.UUID `gorm:"primaryKey"`
	Channel           Channel
	Recipient         string
	Subject           string
	Body              string
	TemplateKey       string
	RelatedType       *string
	RelatedID         *string
	Status            Status
	Provider          string
	ProviderMessageID *string
	Attempts          int
	LastError         *string
	ErrorCode         *string
	CreatedAt         time.Time
	UpdatedAt         time.Time
	SentAt            *time.Time
	DeliveredAt       *time.Time
}

func (Message) TableName() string { return "outbound_messages" }

// OptOut records a number that replied STOP.
type OptOut struct {
	Phone      string `gorm:"primaryKey"`
	OptedOutAt time.Time
	Source     string
}

func (OptOut) TableName() string { return "sms_opt_outs" }
