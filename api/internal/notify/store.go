package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/openoms/oms/api/internal/platform/db"
)

// GormStore keeps messages and opt-outs with GORM. Methods run on the handle the store was made
// with: the pool, or a transaction (WithTx).
type GormStore struct {
	db       *gorm.DB
	postgres bool
}

func NewStore(db *gorm.DB, postgres bool) *GormStore { return &GormStore{db: db, postgres: postgres} }

// WithTx returns the store bound to a transaction.
func (s *GormStore) WithTx(tx *gorm.DB) Store { return &GormStore{db: tx, postgres: s.postgres} }

// LockRecipient serialises rate-limit checks for one recipient until the transaction ends. On
// SQLite the single writer connection already does.
func (s *GormStore) LockRecipient(ctx context.Context, recipient string) error {
	if !s.postgres {
		return nil
	}
	if err := s.db.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock(hashtext(?))", "notify:"+recipient).Error; err != nil {
		return fmt.Errorf("lock recipient: %w", err)
	}
	return nil
}

// RecentCount counts messages to recipient created after since, and returns the oldest one's
// time (for Retry-After).
func (s *GormStore) RecentCount(ctx context.Context, ch Channel, recipient string, since time.Time) (int64, time.Time, error) {
	var rows []time.Time
	err := s.db.WithContext(ctx).Model(&Message{}).
		Where("channel = ? AND recipient = ? AND created_at > ?", ch, recipient, since.UTC()).
		Order("created_at").Pluck("created_at", &rows).Error
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("count recent messages: %w", err)
	}
	if len(rows) == 0 {
		return 0, time.Time{}, nil
	}
	return int64(len(rows)), rows[0], nil
}

func (s *GormStore) Insert(ctx context.Context, ms ...*Message) error {
	if err := s.db.WithContext(ctx).Create(ms).Error; err != nil {
		return fmt.Errorf("insert message: %w", err)
	}
	return nil
}

// InsertReachable inserts the messages but the SMS to numbers that opted out, and returns those
// it kept. On PostgreSQL the insert and the opt-out look-up are one statement; a message to a
// number found opted out is then deleted again (rare: the customer chose SMS and replied STOP).
func (s *GormStore) InsertReachable(ctx context.Context, ms ...*Message) ([]*Message, error) {
	var phones []string
	for _, m := range ms {
		if m.Channel == ChannelSMS {
			phones = append(phones, m.Recipient)
		}
	}
	if len(phones) == 0 {
		return ms, s.Insert(ctx, ms...)
	}
	opted := map[string]bool{}
	if s.postgres {
		ins := db.Built(s.db.WithContext(ctx), func(d *gorm.DB) *gorm.DB { return d.Create(ms) })
		var rows []OptOut
		err := s.db.WithContext(ctx).Raw("WITH ins AS ("+ins.SQL+") SELECT phone FROM sms_opt_outs WHERE phone IN ?", append(ins.Vars, phones)...).
			Find(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("insert messages: %w", err)
		}
		for _, r := range rows {
			opted[r.Phone] = true
		}
	} else {
		for _, p := range phones {
			out, err := s.IsOptedOut(ctx, p)
			if err != nil {
				return nil, err
			}
			opted[p] = out
		}
	}
	var kept []*Message
	var dropped []uuid.UUID
	for _, m := range ms {
		if m.Channel == ChannelSMS && opted[m.Recipient] {
			dropped = append(dropped, m.ID)
		} else {
			kept = append(kept, m)
		}
	}
	switch {
	case !s.postgres:
		if len(kept) > 0 {
			return kept, s.Insert(ctx, kept...)
		}
	case len(dropped) > 0:
		if err := s.db.WithContext(ctx).Where("id IN ?", dropped).Delete(&Message{}).Error; err != nil {
			return nil, fmt.Errorf("drop messages to opted-out numbers: %w", err)
		}
	}
	return kept, nil
}

func (s *GormStore) Get(ctx context.Context, id uuid.UUID) (Message, error) {
	var m Message
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Message{}, ErrMessageNotFound
	}
	if err != nil {
		return Message{}, fmt.Errorf("get message: %w", err)
	}
	return m, nil
}

// Update writes the given columns of one message.
func (s *GormStore) Update(ctx context.Context, id uuid.UUID, cols map[string]any) error {
	if err := s.db.WithContext(ctx).Model(&Message{}).Where("id = ?", id).Updates(cols).Error; err != nil {
		return fmt.Errorf("update message: %w", err)
	}
	return nil
}

// ByProviderID finds the message a provider callback is about.
func (s *GormStore) ByProviderID(ctx context.Context, provider, providerID string) (Message, error) {
	var m Message
	err := s.db.WithContext(ctx).Where("provider = ? AND provider_message_id = ?", provider, providerID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Message{}, ErrMessageNotFound
	}
	if err != nil {
		return Message{}, fmt.Errorf("find message by provider id: %w", err)
	}
	return m, nil
}

func (s *GormStore) IsOptedOut(ctx context.Context, phone string) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&OptOut{}).Where("phone = ?", phone).Count(&n).Error; err != nil {
		return false, fmt.Errorf("check opt-out: %w", err)
	}
	return n > 0, nil
}

func (s *GormStore) OptOut(ctx context.Context, o OptOut) error {
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&o).Error
	if err != nil {
		return fmt.Errorf("record opt-out: %w", err)
	}
	return nil
}

func (s *GormStore) OptIn(ctx context.Context, phone string) error {
	if err := s.db.WithContext(ctx).Where("phone = ?", phone).Delete(&OptOut{}).Error; err != nil {
		return fmt.Errorf("remove opt-out: %w", err)
	}
	return nil
}

// Filter narrows a message list.
type Filter struct {
	Channel   Channel
	Recipient string
	Status    Status
	Order     string     // messages about this order reference (alone or among others)
	Before    *uuid.UUID // keyset cursor: ids are UUIDv7, so id order is creation order
	Limit     int
}

// List returns messages newest first.
func (s *GormStore) List(ctx context.Context, f Filter) ([]Message, error) {
	q := s.db.WithContext(ctx).Model(&Message{}).Order("id DESC").Limit(f.Limit)
	if f.Channel != "" {
		q = q.Where("channel = ?", f.Channel)
	}
	if f.Recipient != "" {
		q = q.Where("recipient = ?", f.Recipient)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Order != "" {
		// related_id is one reference, or several joined by commas (a status text about many).
		q = q.Where("related_type = ? AND (related_id = ? OR ',' || related_id || ',' LIKE ?)", "order", f.Order, "%,"+f.Order+",%")
	}
	if f.Before != nil {
		q = q.Where("id < ?", *f.Before)
	}
	var out []Message
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return out, nil
}
