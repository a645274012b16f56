// Package audit keeps the audit log: who did what to which record, when and from where. Every
// staff action and every login attempt writes a row, in the same transaction as the change when
// there is one, so a change is never recorded without happening or happen without a record.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Actor is who acts: a staff member, a customer, an anonymous caller, or the system.
type Actor struct {
	Kind      string // staff | customer | anonymous | system
	ID        *uuid.UUID
	Label     string // an email or Login ID, for people reading the log
	IP        string
	RequestID string
}

type actorKey struct{}

// WithActor returns ctx carrying the actor; the HTTP layer sets it once per request.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or the system when there is none (jobs, the CLI).
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Kind: "system"}
}

// Entry is one row of audit_log.
type Entry struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	At         time.Time
	ActorKind  string
	ActorID    *uuid.UUID
	ActorLabel string
	IP         string `gorm:"column:ip"`
	RequestID  string
	Action     string
	EntityType string
	EntityID   string
	Before     *string
	After      *string
}

func (Entry) TableName() string { return "audit_log" }

// Event describes what happened; Before and After are any JSON-serialisable snapshots (never
// secrets: callers pass views without password hashes or tokens).
type Event struct {
	Action     string // e.g. "registration.approved", "auth.login.failed"
	EntityType string
	EntityID   string
	Before     any
	After      any
}

// Log writes and reads the audit log.
type Log struct {
	db    *gorm.DB
	clock func() time.Time
}

func New(db *gorm.DB, clock func() time.Time) *Log { return &Log{db: db, clock: clock} }

// Record writes one entry for the actor in ctx. tx is the caller's transaction, or nil to write
// on its own (e.g. a failed login, which changes nothing else).
func (l *Log) Record(ctx context.Context, tx *gorm.DB, ev Event) error {
	actor := ActorFrom(ctx)
	e := Entry{ID: uuid.Must(uuid.NewV7()), At: l.clock().UTC(), ActorKind: actor.Kind, ActorID: actor.ID, ActorLabel: actor.Label,
		IP: actor.IP, RequestID: actor.RequestID, Action: ev.Action, EntityType: ev.EntityType, EntityID: ev.EntityID}
	var err error
	if e.Before, err = snapshot(ev.Before); err != nil {
		return err
	}
	if e.After, err = snapshot(ev.After); err != nil {
		return err
	}
	db := l.db
	if tx != nil {
		db = tx
	}
	if err := db.WithContext(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("write audit entry %s: %w", ev.Action, err)
	}
	return nil
}

func snapshot(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit snapshot: %w", err)
	}
	s := string(b)
	return &s, nil
}

// Query filters the log.
type Query struct {
	ActorID    *uuid.UUID
	Action     string
	EntityType string
	EntityID   string
	Before     *uuid.UUID
	Limit      int
}

// List returns entries newest first.
func (l *Log) List(ctx context.Context, q Query) ([]Entry, error) {
	db := l.db.WithContext(ctx).Order("id DESC").Limit(q.Limit)
	if q.ActorID != nil {
		db = db.Where("actor_id = ?", *q.ActorID)
	}
	if q.Action != "" {
		db = db.Where("action = ?", q.Action)
	}
	if q.EntityType != "" {
		db = db.Where("entity_type = ?", q.EntityType)
	}
	if q.EntityID != "" {
		db = db.Where("entity_id = ?", q.EntityID)
	}
	if q.Before != nil {
		db = db.Where("id < ?", *q.Before)
	}
	var out []Entry
	if err := db.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list audit entries: %w", err)
	}
	return out, nil
}
