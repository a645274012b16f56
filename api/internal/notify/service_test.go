package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/jobs"
)

type fixture struct {
	db    *db.DB
	store *GormStore
	svc   *Service
	jobs  *jobs.Client
	now   time.Time
}

// newFixture wires the service to a fresh database and a real River client (not started: jobs
// are inserted, not worked, unless a test starts it). senders default to console providers.
func newFixture(t *testing.T, senders map[Channel]Sender) *fixture {
	t.Helper()
	d := dbtest.New(t)
	log := slog.New(slog.DiscardHandler)
	if senders == nil {
		senders = map[Channel]Sender{ChannelSMS: NewConsoleSender("console", log), ChannelEmail: NewConsoleSender("console", log)}
	}
	store := NewStore(d.Gorm, d.Dialect == db.Postgres)
	tpl, err := NewTemplates("Acme")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: d, store: store, now: time.Now().UTC().Truncate(time.Microsecond)} // PostgreSQL keeps µs
	clock := func() time.Time { return f.now }
	workers := river.NewWorkers()
	river.AddWorker(workers, NewSendWorker(store, senders, clock, log, 10*time.Millisecond))
	f.jobs, err = jobs.NewClient(d, jobs.Options{Workers: workers, PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f.svc = NewService(store, f.jobs, d, Options{Audit: audit.New(d.Gorm, clock), Senders: senders, Templates: tpl, DefaultRegion: "US", SMSRateLimit: 3, SMSRateWindow: 10 * time.Minute, Clock: clock, Log: log})
	return f
}

func (f *fixture) enqueue(t *testing.T, req Request) (Message, error) {
	t.Helper()
	var m Message
	err := f.db.InTx(context.Background(), func(tx *gorm.DB) error {
		var err error
		m, err = f.svc.Enqueue(context.Background(), tx, req)
		return err
	})
	return m, err
}

func (f *fixture) counts(t *testing.T) (messages, sendJobs int64) {
	t.Helper()
	if err := f.db.Gorm.Model(&Message{}).Count(&messages).Error; err != nil {
		t.Fatal(err)
	}
	if err := f.db.Gorm.Raw("SELECT count(*) FROM river_job WHERE kind = ?", SendArgs{}.Kind()).Scan(&sendJobs).Error; err != nil {
		t.Fatal(err)
	}
	return messages, sendJobs
}

func sms(to string) Request {
	return Request{Channel: ChannelSMS, To: to, Template: TplVerificationCode, Data: VerificationCodeData{Code: "123456", Minutes: 10}}
}

func TestEnqueueWritesMessageAndJobInTheCallersTransaction(t *testing.T) {
	f := newFixture(t, nil)
	m, err := f.enqueue(t, Request{Channel: ChannelSMS, To: "(415) 555-2671", Template: TplVerificationCode,
		Data: VerificationCodeData{Code: "123456", Minutes: 10}, RelatedType: "registration", RelatedID: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Recipient != "+14155552671" || m.Status != StatusQueued || m.Provider != "console" || m.Body != "Acme code: 123456. It expires in 10 minutes. Never share it." {
		t.Fatalf("message %+v", m)
	}
	if msgs, js := f.counts(t); msgs != 1 || js != 1 {
		t.Fatalf("%d messages, %d jobs; want 1 and 1", msgs, js)
	}

	// A business change that rolls back takes its message and job with it.
	boom := errors.New("business rule failed after the message was queued")
	err = f.db.InTx(context.Background(), func(tx *gorm.DB) error {
		if _, err := f.svc.Enqueue(context.Background(), tx, sms("+14155552672")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if msgs, js := f.counts(t); msgs != 1 || js != 1 {
		t.Fatalf("after rollback: %d messages, %d jobs; want still 1 and 1", msgs, js)
	}
}

func TestEnqueueRefusals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		req   Request
		kind  apperr.Kind
		field string
	}{
		{"invalid phone", sms("12"), apperr.KindInvalid, "to"},
		{"invalid email", Request{Channel: ChannelEmail, To: "not-an-email", Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}}, apperr.KindInvalid, "to"},
		{"unknown channel", Request{Channel: "fax", To: "+14155552671", Template: TplTestMessage, Data: TestMessageData{}}, apperr.KindInvalid, "channel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, nil)
			_, err := f.enqueue(t, tc.req)
			ae, ok := apperr.As(err)
			if !ok || ae.Kind != tc.kind || len(ae.Fields) != 1 || ae.Fields[0].Field != tc.field {
				t.Fatalf("err = %v", err)
			}
			if msgs, js := f.counts(t); msgs != 0 || js != 0 {
				t.Fatalf("refused request left %d messages, %d jobs", msgs, js)
			}
		})
	}
}

func TestSMSRateLimitPerRecipient(t *testing.T) {
	f := newFixture(t, nil)
	for i := range 3 {
		if _, err := f.enqueue(t, sms("+14155552671")); err != nil {
			t.Fatalf("message %d: %v", i+1, err)
		}
		f.now = f.now.Add(time.Minute)
	}
	_, err := f.enqueue(t, sms("+1 415 555 2671"))
	ae, ok := apperr.As(err)
	if !ok || ae.Kind != apperr.KindRateLimited {
		t.Fatalf("4th SMS: %v, want rate limited", err)
	}
	if ae.RetryAfter != 7*time.Minute {
		t.Fatalf("RetryAfter = %s, want 7m (the oldest leaves the window then)", ae.RetryAfter)
	}
	// Other numbers and email are not affected; the window moves on.
	if _, err := f.enqueue(t, sms("+14155552672")); err != nil {
		t.Fatalf("other number: %v", err)
	}
	if _, err := f.enqueue(t, Request{Channel: ChannelEmail, To: "a@example.com", Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}}); err != nil {
		t.Fatalf("email: %v", err)
	}
	f.now = f.now.Add(7*time.Minute + time.Second)
	if _, err := f.enqueue(t, sms("+14155552671")); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestOptedOutNumbersGetNoSMS(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	if err := f.svc.OptOut(ctx, "+14155552671", "sms:STOP"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.OptOut(ctx, "+14155552671", "sms:STOP"); err != nil {
		t.Fatalf("second STOP: %v", err)
	}
	if _, err := f.enqueue(t, sms("(415) 555-2671")); !errors.Is(err, ErrOptedOut) {
		t.Fatalf("err = %v, want ErrOptedOut", err)
	}
	if msgs, _ := f.counts(t); msgs != 0 {
		t.Fatal("a refused SMS was stored")
	}
	if _, err := f.enqueue(t, Request{Channel: ChannelEmail, To: "a@example.com", Template: TplTestMessage, Data: TestMessageData{}}); err != nil {
		t.Fatalf("email to an SMS opt-out: %v", err)
	}
	if err := f.svc.OptIn(ctx, "+14155552671"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.enqueue(t, sms("+14155552671")); err != nil {
		t.Fatalf("after START: %v", err)
	}
}

// System notices leave out the SMS to a number that opted out and send the rest; each message
// kept has its sending job.
func TestEnqueueReachableLeavesOutOptedOutNumbers(t *testing.T) {
	email := func(to string) Request {
		return Request{Channel: ChannelEmail, To: to, Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}, System: true}
	}
	text := func(to string) Request { r := sms(to); r.System = true; return r }
	for _, tc := range []struct {
		name string
		reqs []Request
		want []string // recipients written
	}{
		{"email and SMS, nobody opted out", []Request{email("a@example.com"), text("+14155552672")}, []string{"a@example.com", "+14155552672"}},
		{"the SMS number opted out: email only", []Request{email("a@example.com"), text("(415) 555-2671")}, []string{"a@example.com"}},
		{"two numbers, one opted out", []Request{text("+14155552671"), text("+14155552672")}, []string{"+14155552672"}},
		{"only an opted-out number: nothing", []Request{text("+14155552671")}, nil},
		{"email only", []Request{email("b@example.com")}, []string{"b@example.com"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, nil)
			ctx := context.Background()
			if err := f.svc.OptOut(ctx, "+14155552671", "sms:STOP"); err != nil {
				t.Fatal(err)
			}
			var got []Message
			err := f.db.InTx(ctx, func(tx *gorm.DB) error {
				var err error
				got, err = f.svc.EnqueueReachable(ctx, tx, tc.reqs...)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var returned, stored []string
			for _, m := range got {
				returned = append(returned, m.Recipient)
			}
			if err := f.db.Gorm.Model(&Message{}).Order("id").Pluck("recipient", &stored).Error; err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(returned, tc.want) || !slices.Equal(stored, tc.want) {
				t.Fatalf("returned %v, stored %v; want %v", returned, stored, tc.want)
			}
			if msgs, js := f.counts(t); msgs != js {
				t.Fatalf("%d messages but %d sending jobs", msgs, js)
			}
		})
	}
}

// On PostgreSQL, EnqueueReachable writes the sending jobs itself (sendJobsSQL): its rows are what
// River's own insert writes (but for the job's id, times and message), and River works them.
func TestSendJobRowsAreRiversOwn(t *testing.T) {
	f := newFixture(t, nil)
	if f.db.Dialect != db.Postgres {
		t.Skip("on SQLite every job goes through River's insert")
	}
	ctx := context.Background()
	if _, err := f.enqueue(t, Request{Channel: ChannelEmail, To: "river@example.com", Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}}); err != nil {
		t.Fatal(err)
	}
	var ours []Message
	err := f.db.InTx(ctx, func(tx *gorm.DB) error {
		var err error
		ours, err = f.svc.EnqueueReachable(ctx, tx,
			Request{Channel: ChannelEmail, To: "sql@example.com", Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}, System: true},
			Request{Channel: ChannelSMS, To: "+14155552672", Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}, System: true})
		return err
	})
	if err != nil || len(ours) != 2 {
		t.Fatalf("%d messages, %v", len(ours), err)
	}
	var rows []struct {
		MessageID string
		Rest      string // every column but id, args and times, as JSON
		Keys      string // args' keys
	}
	err = f.db.Gorm.Raw(`SELECT args->>'message_id' AS message_id,
			(to_jsonb(j) - 'id' - 'args' - 'created_at' - 'scheduled_at')::text AS rest,
			(SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(args) k) AS keys
		FROM river_job j WHERE kind = ? AND scheduled_at <= now() ORDER BY id`, SendArgs{}.Kind()).Find(&rows).Error
	if err != nil || len(rows) != 3 {
		t.Fatalf("%d job rows, %v", len(rows), err)
	}
	for i, r := range rows[1:] {
		if r.MessageID != ours[i].ID.String() {
			t.Errorf("job %d is for message %s, want %s", i+1, r.MessageID, ours[i].ID)
		}
		if r.Rest != rows[0].Rest || r.Keys != rows[0].Keys {
			t.Errorf("job %d differs from River's:\n ours  %s %s\n River %s %s", i+1, r.Rest, r.Keys, rows[0].Rest, rows[0].Keys)
		}
	}

	if err := f.jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.jobs.Stop(context.Background()) })
	deadline := time.Now().Add(15 * time.Second)
	for _, m := range ours {
		for {
			got, err := f.svc.Get(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status == StatusSent {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("message %s still %s: River did not work its job", m.Recipient, got.Status)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// A number that opts out between a caller's opt-out read and its write (ReachableParts inside
// another statement, as an order's notice is) still gets its message and job, and the worker
// records the message undeliverable instead of leaving it queued with nothing to send it.
func TestReachablePartsWhenANumberOptsOutMeanwhile(t *testing.T) {
	f := newFixture(t, nil)
	if f.db.Dialect != db.Postgres {
		t.Skip("the parts are PostgreSQL statements")
	}
	ctx := context.Background()
	const phone = "+14155552673"
	read, optedOut := f.svc.OptOutRead(phone)
	if err := db.ReadAll(ctx, f.db.Gorm, read, db.Read{}); err != nil || optedOut()[phone] {
		t.Fatalf("read: %v %v", optedOut(), err)
	}
	if err := f.db.Gorm.Create(&OptOut{Phone: phone, OptedOutAt: f.now, Source: "test"}).Error; err != nil { // STOP arrives now
		t.Fatal(err)
	}
	err := f.db.InTx(ctx, func(tx *gorm.DB) error {
		parts, err := f.svc.ReachableParts(tx, optedOut(),
			Request{Channel: ChannelSMS, To: phone, Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}, System: true},
			Request{Channel: ChannelEmail, To: "mail@example.com", Template: TplTestMessage, Data: TestMessageData{SentBy: "x"}, System: true})
		if err != nil || len(parts) != 2 {
			return fmt.Errorf("%d parts, %w", len(parts), err)
		}
		return tx.Exec("WITH a AS ("+parts[0].SQL+"), b AS ("+parts[1].SQL+") SELECT 1", slices.Concat(parts[0].Vars, parts[1].Vars)...).Error
	})
	if err != nil {
		t.Fatal(err)
	}
	if msgs, js := f.counts(t); msgs != 2 || js != 2 {
		t.Fatalf("%d messages, %d sending jobs; want 2 and 2", msgs, js)
	}
	if err := f.jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.jobs.Stop(context.Background()) })
	deadline := time.Now().Add(15 * time.Second)
	for {
		var m Message
		if err := f.db.Gorm.Where("recipient = ?", phone).Take(&m).Error; err != nil {
			t.Fatal(err)
		}
		if m.Status == StatusUndeliverable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the SMS to a number that opted out is %s, want undeliverable", m.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestDeliveryStatusNeverMovesBackwards(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	m, err := f.enqueue(t, sms("+14155552671"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.Update(ctx, m.ID, map[string]any{"status": StatusSent, "provider": "twilio", "provider_message_id": "SM1"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		status, code string
		want         Status
	}{
		{"queued", "", StatusSent},
		{"delivered", "", StatusDelivered},
		{"sent", "", StatusDelivered},
		{"undelivered", "30003", StatusDelivered},
	} {
		if err := f.svc.ApplyDeliveryStatus(ctx, "twilio", "SM1", tc.status, tc.code); err != nil {
			t.Fatal(err)
		}
		got, _ := f.svc.Get(ctx, m.ID)
		if got.Status != tc.want {
			t.Fatalf("after %q: %s, want %s", tc.status, got.Status, tc.want)
		}
	}
	if err := f.svc.ApplyDeliveryStatus(ctx, "twilio", "SM-unknown", "delivered", ""); err != nil {
		t.Fatalf("unknown SID: %v", err)
	}
}

func TestListFiltersAndPages(t *testing.T) {
	f := newFixture(t, nil)
	for _, to := range []string{"+14155552671", "+14155552672", "+14155552671"} {
		if _, err := f.enqueue(t, sms(to)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.enqueue(t, Request{Channel: ChannelEmail, To: "A@Example.com", Template: TplTestMessage, Data: TestMessageData{}}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		q    ListQuery
		want int
	}{
		{ListQuery{PageSize: 10}, 4},
		{ListQuery{PageSize: 10, Channel: ChannelSMS}, 3},
		{ListQuery{PageSize: 10, To: "(415) 555-2671"}, 2},
		{ListQuery{PageSize: 10, To: "a@example.com"}, 1},
		{ListQuery{PageSize: 10, Status: StatusSent}, 0},
		{ListQuery{PageSize: 1}, 2}, // one page plus the look-ahead row
	} {
		rows, err := f.svc.List(ctx, tc.q)
		if err != nil || len(rows) != tc.want {
			t.Errorf("%+v: %d rows, %v; want %d", tc.q, len(rows), err, tc.want)
		}
	}
	all, _ := f.svc.List(ctx, ListQuery{PageSize: 10})
	rest, _ := f.svc.List(ctx, ListQuery{PageSize: 10, Cursor: &all[1].ID})
	if len(rest) != 2 || rest[0].ID != all[2].ID {
		t.Fatalf("keyset page after the 2nd row: %d rows", len(rest))
	}
}
