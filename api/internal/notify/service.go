package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/phone"
)

// Store is the persistence the service needs.
type Store interface {
	WithTx(tx *gorm.DB) Store
	LockRecipient(ctx context.Context, recipient string) error
	RecentCount(ctx context.Context, ch Channel, recipient string, since time.Time) (int64, time.Time, error)
	Insert(ctx context.Context, ms ...*Message) error
	InsertReachable(ctx context.Context, ms ...*Message) (kept []*Message, jobsWritten bool, err error)
	// OptOutRead and InsertParts put messages into a caller's statements (PostgreSQL): the
	// opt-out look-up of normalised numbers as one read of its batch, and the messages with their
	// sending jobs as parts of its data-modifying statement (built, not run).
	OptOutRead(phones []string) (read db.Read, optedOut func() map[string]bool)
	InsertParts(ms []*Message) []db.Statement
	Get(ctx context.Context, id uuid.UUID) (Message, error)
	Update(ctx context.Context, id uuid.UUID, cols map[string]any) error
	ByProviderID(ctx context.Context, provider, providerID string) (Message, error)
	IsOptedOut(ctx context.Context, phone string) (bool, error)
	OptOut(ctx context.Context, o OptOut) error
	OptIn(ctx context.Context, phone string) error
	List(ctx context.Context, f Filter) ([]Message, error)
}

// JobInserter inserts a job inside an open transaction (River's client does).
type JobInserter interface {
	InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Auditor records staff actions (the audit package).
type Auditor interface {
	Record(ctx context.Context, tx *gorm.DB, ev audit.Event) error
}

// Options configure the service.
type Options struct {
	Audit         Auditor
	Senders       map[Channel]Sender
	Templates     *Templates
	DefaultRegion string
	SMSRateLimit  int
	SMSRateWindow time.Duration
	Clock         func() time.Time
	Log           *slog.Logger
}

// TxRunner runs a function in a database transaction.
type TxRunner interface {
	InTx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Service queues, sends and tracks messages.
type Service struct {
	store  Store
	jobs   JobInserter
	tx     TxRunner
	opt    Options
	phones phoneCache
}

func NewService(store Store, jobs JobInserter, tx TxRunner, opt Options) *Service {
	return &Service{store: store, jobs: jobs, tx: tx, opt: opt, phones: phoneCache{m: map[string]string{}}}
}

// phoneCache remembers the E.164 form of valid numbers: libphonenumber takes ~50 µs a number,
// and every order notice normalises its customer's number again. Bounded: emptied when full.
type phoneCache struct {
	mu sync.Mutex
	m  map[string]string
}

const phoneCacheSize = 10_000

func (c *phoneCache) normalize(raw, region string) (string, error) {
	c.mu.Lock()
	n, ok := c.m[raw]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	n, err := phone.Normalize(raw, region)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	if len(c.m) >= phoneCacheSize {
		clear(c.m)
	}
	c.m[raw] = n
	c.mu.Unlock()
	return n, nil
}

// Request asks for one message.
type Request struct {
	Channel     Channel
	To          string // phone in any common format, or an email address
	Template    TemplateKey
	Data        any // the template's *Data type
	RelatedType string
	RelatedID   string
	// System marks a notice the system sends on its own (an approval, a status change): it is
	// counted, but not refused, by the per-number rate limit, which exists to stop floods that
	// someone triggers on purpose.
	System bool
}

// NormalizeRecipient returns the one spelling of a recipient: E.164 for phones, lower-case for
// email addresses. A bad one is a 422 on field "to".
func (s *Service) NormalizeRecipient(ch Channel, to string) (string, error) {
	switch ch {
	case ChannelSMS:
		n, err := s.phones.normalize(to, s.opt.DefaultRegion)
		if err != nil {
			return "", apperr.Field("to", "must be a valid phone number, e.g. +14155550100")
		}
		return n, nil
	case ChannelEmail:
		addr := strings.ToLower(strings.TrimSpace(to))
		if a, err := mail.ParseAddress(addr); err != nil || a.Address != addr {
			return "", apperr.Field("to", "must be a valid email address")
		}
		return addr, nil
	}
	return "", apperr.Field("channel", "must be sms or email")
}

// Enqueue renders the message and writes it and its sending job in tx, the caller's transaction:
// if the caller rolls back, neither exists. SMS to an opted-out number is refused (409), and more
// SMS to one number than the rate limit allows is refused (429 with Retry-After).
func (s *Service) Enqueue(ctx context.Context, tx *gorm.DB, req Request) (Message, error) {
	ms, err := s.EnqueueAll(ctx, tx, req)
	if err != nil {
		return Message{}, err
	}
	return ms[0], nil
}

// jobBatcher is River's client: several jobs in one statement.
type jobBatcher interface {
	InsertManyTx(ctx context.Context, tx *sql.Tx, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// EnqueueAll is Enqueue for several messages at once (e.g. an order notice by email and SMS):
// each is checked as Enqueue checks it, then all rows go in one insert and all jobs in one more.
func (s *Service) EnqueueAll(ctx context.Context, tx *gorm.DB, reqs ...Request) ([]Message, error) {
	store := s.store.WithTx(tx)
	ms, err := s.prepare(reqs, func(req Request, to string, now time.Time) error {
		if req.Channel != ChannelSMS {
			return nil
		}
		return s.checkSMSAllowed(ctx, store, to, now, req.System)
	})
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	if err := store.Insert(ctx, ms...); err != nil {
		return nil, err
	}
	return s.enqueueJobs(ctx, tx, ms)
}

// EnqueueReachable is EnqueueAll for notices the system sends on its own, where an opted-out
// number is no reason to refuse: the SMS to such a number is left out (the rest still goes), in
// one statement with the insert on PostgreSQL. No rate limit applies (see Request.System).
func (s *Service) EnqueueReachable(ctx context.Context, tx *gorm.DB, reqs ...Request) ([]Message, error) {
	ms, err := s.prepare(reqs, nil)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	ms, jobsWritten, err := s.store.WithTx(tx).InsertReachable(ctx, ms...)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	if jobsWritten {
		return derefAll(ms), nil
	}
	return s.enqueueJobs(ctx, tx, ms)
}

// OptOutRead reads which of the phones (as the caller has them; normalised here) replied STOP,
// as one read of the caller's batch (db.ReadAll); optedOut gives them, normalised, once it ran.
// With ReachableParts it puts a notice into the caller's own statements (see ordering's
// PlacedNotice): the look-up in its first round trip, the rows in its write statement.
func (s *Service) OptOutRead(phones ...string) (read db.Read, optedOut func() map[string]bool) {
	var norm []string
	for _, p := range phones {
		if n, err := s.NormalizeRecipient(ChannelSMS, p); err == nil {
			norm = append(norm, n)
		}
	}
	return s.store.OptOutRead(norm)
}

// ReachableParts is EnqueueReachable as parts of the caller's data-modifying statement on
// PostgreSQL (built on tx, not run): the messages but the SMS to numbers in optedOut (from
// OptOutRead), and their sending jobs. A number that opts out between the read and the write
// still gets its message and job; the worker checks again before sending and records the message
// undeliverable (opted out).
func (s *Service) ReachableParts(tx *gorm.DB, optedOut map[string]bool, reqs ...Request) ([]db.Statement, error) {
	ms, err := s.prepare(reqs, nil)
	if err != nil {
		return nil, err
	}
	ms = slices.DeleteFunc(ms, func(m *Message) bool { return m.Channel == ChannelSMS && optedOut[m.Recipient] })
	if len(ms) == 0 {
		return nil, nil
	}
	return s.store.WithTx(tx).InsertParts(ms), nil
}

// prepare checks and renders the messages; check (optional) vets each one further.
func (s *Service) prepare(reqs []Request, check func(req Request, to string, now time.Time) error) ([]*Message, error) {
	now := s.opt.Clock().UTC()
	ms := make([]*Message, len(reqs))
	for i, req := range reqs {
		to, err := s.NormalizeRecipient(req.Channel, req.To)
		if err != nil {
			return nil, err
		}
		sender, ok := s.opt.Senders[req.Channel]
		if !ok {
			return nil, fmt.Errorf("no sender configured for %s", req.Channel)
		}
		subject, body, err := s.opt.Templates.Render(req.Template, req.Channel, req.Data)
		if err != nil {
			return nil, err
		}
		if check != nil {
			if err := check(req, to, now); err != nil {
				return nil, err
			}
		}
		m := &Message{
			ID: uuid.Must(uuid.NewV7()), Channel: req.Channel, Recipient: to, Subject: subject, Body: body,
			TemplateKey: string(req.Template), Status: StatusQueued, Provider: sender.Name(), CreatedAt: now, UpdatedAt: now,
		}
		if req.RelatedType != "" {
			m.RelatedType, m.RelatedID = &req.RelatedType, &req.RelatedID
		}
		ms[i] = m
	}
	return ms, nil
}

// enqueueJobs writes the sending jobs of the messages in tx: one statement for all of them.
func (s *Service) enqueueJobs(ctx context.Context, tx *gorm.DB, ms []*Message) ([]Message, error) {
	sqlTx, err := db.SQLTx(tx)
	if err != nil {
		return nil, fmt.Errorf("enqueue message: %w", err)
	}
	opts := &river.InsertOpts{MaxAttempts: sendMaxAttempts}
	if batch, ok := s.jobs.(jobBatcher); ok && len(ms) > 1 {
		params := make([]river.InsertManyParams, len(ms))
		for i, m := range ms {
			params[i] = river.InsertManyParams{Args: SendArgs{MessageID: m.ID}, InsertOpts: opts}
		}
		if _, err := batch.InsertManyTx(ctx, sqlTx, params); err != nil {
			return nil, fmt.Errorf("enqueue send jobs: %w", err)
		}
	} else {
		for _, m := range ms {
			if _, err := s.jobs.InsertTx(ctx, sqlTx, SendArgs{MessageID: m.ID}, opts); err != nil {
				return nil, fmt.Errorf("enqueue send job: %w", err)
			}
		}
	}
	return derefAll(ms), nil
}

func derefAll(ms []*Message) []Message {
	out := make([]Message, len(ms))
	for i, m := range ms {
		out[i] = *m
	}
	return out
}

func (s *Service) checkSMSAllowed(ctx context.Context, store Store, to string, now time.Time, system bool) error {
	out, err := store.IsOptedOut(ctx, to)
	if err != nil {
		return err
	}
	if out {
		return ErrOptedOut
	}
	if system {
		return nil
	}
	if err := store.LockRecipient(ctx, to); err != nil {
		return err
	}
	n, oldest, err := store.RecentCount(ctx, ChannelSMS, to, now.Add(-s.opt.SMSRateWindow))
	if err != nil {
		return err
	}
	if n >= int64(s.opt.SMSRateLimit) {
		retry := oldest.Add(s.opt.SMSRateWindow).Sub(now)
		return apperr.RateLimited(fmt.Sprintf("this number already received %d text messages in the last %s; try again later", n, humanDuration(s.opt.SMSRateWindow)), retry)
	}
	return nil
}

// SendTest queues a test message so staff can check a provider's configuration end to end.
func (s *Service) SendTest(ctx context.Context, ch Channel, to, sentBy string) (Message, error) {
	var m Message
	err := s.tx.InTx(ctx, func(tx *gorm.DB) error {
		var err error
		m, err = s.Enqueue(ctx, tx, Request{Channel: ch, To: to, Template: TplTestMessage, Data: TestMessageData{SentBy: sentBy}})
		if err != nil {
			return err
		}
		return s.opt.Audit.Record(ctx, tx, audit.Event{Action: "message.test_queued", EntityType: "message", EntityID: m.ID.String(),
			After: map[string]string{"channel": string(ch), "to": MaskRecipient(ch, m.Recipient)}})
	})
	return m, err
}

// OptOut stops SMS to a number (it replied STOP).
func (s *Service) OptOut(ctx context.Context, phoneNumber, source string) error {
	return s.store.OptOut(ctx, OptOut{Phone: phoneNumber, OptedOutAt: s.opt.Clock().UTC(), Source: source})
}

// OptIn allows SMS to a number again (it replied START).
func (s *Service) OptIn(ctx context.Context, phoneNumber string) error {
	return s.store.OptIn(ctx, phoneNumber)
}

// providerStatus maps a provider's delivery status to ours.
var providerStatus = map[string]Status{
	"sent":        StatusSent,
	"delivered":   StatusDelivered,
	"undelivered": StatusUndeliverable,
	"failed":      StatusFailed,
}

// statusRank orders statuses so a late or repeated callback never moves a message backwards.
var statusRank = map[Status]int{StatusQueued: 0, StatusSending: 1, StatusSent: 2, StatusDelivered: 3, StatusFailed: 3, StatusUndeliverable: 3}

// ApplyDeliveryStatus records a provider's delivery callback. Unknown messages and statuses we do
// not track (queued, accepted, sending) are ignored.
func (s *Service) ApplyDeliveryStatus(ctx context.Context, provider, providerID, status, errorCode string) error {
	next, tracked := providerStatus[status]
	if !tracked {
		return nil
	}
	m, err := s.store.ByProviderID(ctx, provider, providerID)
	if errors.Is(err, ErrMessageNotFound) {
		s.opt.Log.WarnContext(ctx, "delivery status for an unknown message", "provider", provider, "provider_message_id", providerID)
		return nil
	}
	if err != nil {
		return err
	}
	if statusRank[next] <= statusRank[m.Status] {
		return nil
	}
	now := s.opt.Clock().UTC()
	cols := map[string]any{"status": next, "updated_at": now}
	if next == StatusDelivered {
		cols["delivered_at"] = now
	}
	if errorCode != "" {
		cols["error_code"] = errorCode
	}
	return s.store.Update(ctx, m.ID, cols)
}

// ListQuery filters the message log.
type ListQuery struct {
	Channel  Channel
	To       string
	Status   Status
	Order    string // an order reference, canonical (ORD-XXXX-XXXX)
	Cursor   *uuid.UUID
	PageSize int
}

// List returns up to PageSize+1 messages, newest first (the extra one tells a next page exists).
func (s *Service) List(ctx context.Context, q ListQuery) ([]Message, error) {
	f := Filter{Channel: q.Channel, Status: q.Status, Order: strings.ToUpper(strings.TrimSpace(q.Order)), Before: q.Cursor, Limit: q.PageSize + 1}
	if q.To != "" {
		ch := q.Channel
		if ch == "" {
			ch = ChannelSMS
			if strings.Contains(q.To, "@") {
				ch = ChannelEmail
			}
		}
		to, err := s.NormalizeRecipient(ch, q.To)
		if err != nil {
			return nil, err
		}
		f.Recipient = to
	}
	return s.store.List(ctx, f)
}

// Get returns one message.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Message, error) {
	return s.store.Get(ctx, id)
}

// humanDuration writes a window the way people say it: "10 minutes", "1 hour".
func humanDuration(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int(d/time.Minute), "minute")
	}
	return plural(int(d.Round(time.Second)/time.Second), "second")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
