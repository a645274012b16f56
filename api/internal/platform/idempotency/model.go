// Package idempotency keeps the stored responses of requests sent with an Idempotency-Key header
// (scoped to the caller) and purges them when they expire. Orders use it to make placing an
// order safe to retry.
package idempotency

import (
	"time"

	"github.com/google/uuid"
)

// Key is one remembered request. StatusCode is nil while the first request is still running.
type Key struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	Scope        string
	IdemKey      string `gorm:"column:idem_key"`
	RequestHash  string
	StatusCode   *int
	ContentType  *string
	ResponseBody []byte
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

func (Key) TableName() string { return "idempotency_keys" }
