package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
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
// it kept. On PostgreSQL it also writes their sending jobs (jobsWritten), and the inserts and the
// opt-out look-up are one statement; a message to a number found opted out is then deleted again
// (rare: the customer chose SMS and replied STOP), and it got no job.
func (s *GormStore) InsertReachable(ctx context.Context, ms ...*Message) (kept []*Message, jobsWritten bool, err error) {
	var phones []string
	for _, m := range ms {
		if m.Channel == ChannelSMS {
			phones = append(phones, m.Recipient)
		}
	}
	if len(phones) == 0 && !s.postgres {
		return ms, false, s.Insert(ctx, ms...)
	}
	opted := map[string]bool{}
	if s.postgres {
		ins := db.InsertOf(s.db.WithContext(ctx), ms)
		jobs := sendJobsSQL(ms, true)
		var rows []OptOut
		err := s.db.WithContext(ctx).Raw("WITH ins AS ("+ins.SQL+"), jobs AS ("+jobs.SQL+") SELECT phone FROM sms_opt_outs WHERE phone IN ?",
			slices.Concat(ins.Vars, jobs.Vars, []any{phones})...).Find(&rows).Error
		if err != nil {
			return nil, false, fmt.Errorf("insert messages: %w", err)
		}
		for _, r := range rows {
			opted[r.Phone] = true
		}
	} else {
		for _, p := range phones {
			out, err := s.IsOptedOut(ctx, p)
			if err != nil {
				return nil, false, err
			}
			opted[p] = out
		}
	}
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
			return kept, false, s.Insert(ctx, kept...)
		}
	case len(dropped) > 0:
		if err := s.db.WithContext(ctx).Where("id IN ?", dropped).Delete(&Message{}).Error; err != nil {
			return nil, false, fmt.Errorf("drop messages to opted-out numbers: %w", err)
		}
	}
	return kept, s.postgres, nil
}

// OptOutRead: see Store.
func (s *GormStore) OptOutRead(phones []string) (db.Read, func() map[string]bool) {
	rows := new([]OptOut)
	optedOut := func() map[string]bool {
		out := map[string]bool{}
		for _, r := range *rows {
			out[r.Phone] = true
		}
		return out
	}
	if len(phones) == 0 {
		return db.Read{}, optedOut
	}
	return db.Read{Dest: rows, Query: func(q *gorm.DB) *gorm.DB { return q.Model(&OptOut{}).Where("phone IN ?", phones) }}, optedOut
}

// InsertParts: see Store. The statements are built on the store's handle (the caller's
// transaction, WithTx). Every message gets its job: the caller left out the numbers that had
// opted out when it read them, and one that opts out after that is refused by the worker, which
// checks again when it sends and records the message undeliverable — never left queued.
func (s *GormStore) InsertParts(ms []*Message) []db.Statement {
	return []db.Statement{db.InsertOf(s.db, ms), sendJobsSQL(ms, false)}
}

// sendJobsSQL inserts the messages' sending jobs as rows of River's job table — River documents
// that table as the contract between its clients in every language, and this writes what its Go
// client's InsertTx writes for SendArgs with sendMaxAttempts (TestSendJobRowsAreRiversOwn compares
// the two) — with skipOptedOut, none for an SMS to a number that opted out (InsertReachable
// deletes those messages in the same statement). Written in the messages' own
// statement, it saves River's insert and its pg_notify (two round trips per order); the workers
// poll (docs/architecture.md → Jobs), so they find the jobs as soon as they would River's.
func sendJobsSQL(ms []*Message, skipOptedOut bool) db.Statement {
	var b strings.Builder
	vars := []any{SendArgs{}.Kind(), sendMaxAttempts, river.PriorityDefault, river.QueueDefault}
	b.WriteString(`INSERT INTO river_job (args, kind, max_attempts, priority, queue, state, scheduled_at, tags, metadata)
		SELECT jsonb_build_object('message_id', m.id), ?, ?, ?, ?, 'available', now(), '{}', '{}' FROM (VALUES `)
	for i, m := range ms {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?::uuid, ?::text)")
		var phone *string
		if m.Channel == ChannelSMS {
			phone = &m.Recipient
		}
		vars = append(vars, m.ID, phone)
	}
	b.WriteString(") m (id, phone)")
	if skipOptedOut {
		b.WriteString(" WHERE NOT EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.phone = m.phone)")
	}
	return db.Statement{SQL: b.String(), Vars: vars}
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
