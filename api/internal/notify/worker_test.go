package notify

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// scriptedTwilio is a fake Twilio API that answers each request with the next scripted reply.
type scriptedTwilio struct {
	*httptest.Server
	mu      sync.Mutex
	replies []reply
	calls   int
}

type reply struct {
	status int
	body   string
	delay  time.Duration
}

func newScriptedTwilio(t *testing.T, replies ...reply) *scriptedTwilio {
	t.Helper()
	s := &scriptedTwilio{replies: replies}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		rep := s.replies[min(s.calls, len(s.replies)-1)]
		s.calls++
		s.mu.Unlock()
		select {
		case <-time.After(rep.delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		_, _ = w.Write([]byte(rep.body))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *scriptedTwilio) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

var (
	created      = reply{status: 201, body: `{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"}`}
	unavailable  = reply{status: 503, body: `{"code":20500,"message":"Service unavailable","status":503}`}
	invalidTo    = reply{status: 400, body: `{"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}`}
	badAuth      = reply{status: 401, body: `{"code":20003,"message":"Authenticate","status":401}`}
	slowResponse = reply{status: 201, body: `{"sid":"SMslow"}`, delay: 2 * time.Second}
)

func job(id Message, attempt int) *river.Job[SendArgs] {
	return &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: attempt, MaxAttempts: sendMaxAttempts}, Args: SendArgs{MessageID: id.ID}}
}

// The worker drives the real Twilio sender (twilio-go) against a fake Twilio API.
func TestSendWorkerOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		replies    []reply
		attempts   []int // job attempt numbers to run, in order
		wantStatus Status
		wantCode   string
		wantCalls  int
		cancelled  bool // the last attempt stopped retries
	}{
		{"accepted", []reply{created}, []int{1}, StatusSent, "", 1, false},
		{"invalid number is undeliverable at once", []reply{invalidTo}, []int{1}, StatusUndeliverable, "21211", 1, true},
		{"bad credentials fail without retry", []reply{badAuth}, []int{1}, StatusFailed, "20003", 1, true},
		{"503 then accepted", []reply{unavailable, created}, []int{1, 2}, StatusSent, "", 2, false},
		{"timeout then accepted", []reply{slowResponse, created}, []int{1, 2}, StatusSent, "", 2, false},
		{"still failing on the last attempt", []reply{unavailable}, []int{sendMaxAttempts}, StatusFailed, "", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newScriptedTwilio(t, tc.replies...)
			sender := NewTwilioSender(TwilioConfig{AccountSID: testTwilioSID, AuthToken: testTwilioToken, FromNumber: "+15005550006", Timeout: 300 * time.Millisecond},
				NewRewritingHTTPClient(srv.URL, 300*time.Millisecond))
			f := newFixture(t, map[Channel]Sender{ChannelSMS: sender})
			w := NewSendWorker(f.store, map[Channel]Sender{ChannelSMS: sender}, time.Now, slog.New(slog.DiscardHandler), time.Second)
			m, err := f.enqueue(t, sms("+14155552671"))
			if err != nil {
				t.Fatal(err)
			}
			for i, attempt := range tc.attempts {
				err = w.Work(context.Background(), job(m, attempt))
				last := i == len(tc.attempts)-1
				if !last {
					if err == nil {
						t.Fatalf("attempt %d succeeded, want a transient error", attempt)
					}
					mid, _ := f.svc.Get(context.Background(), m.ID)
					if mid.Status != StatusQueued || mid.LastError == nil {
						t.Fatalf("after a transient failure: %s, last_error %v", mid.Status, mid.LastError)
					}
				}
			}
			var cancel *rivertype.JobCancelError
			if errors.As(err, &cancel) != tc.cancelled {
				t.Fatalf("last error %v; cancelled=%v, want %v", err, !tc.cancelled, tc.cancelled)
			}
			if tc.wantStatus == StatusSent && err != nil {
				t.Fatalf("sent but Work returned %v", err)
			}
			got, _ := f.svc.Get(context.Background(), m.ID)
			if got.Status != tc.wantStatus {
				t.Fatalf("status %s, want %s (last error %v)", got.Status, tc.wantStatus, got.LastError)
			}
			if code := deref(got.ErrorCode); code != tc.wantCode {
				t.Fatalf("error code %q, want %q", code, tc.wantCode)
			}
			if tc.wantStatus == StatusSent && (got.ProviderMessageID == nil || got.SentAt == nil || got.LastError != nil) {
				t.Fatalf("sent message %+v", got)
			}
			if got.Attempts != len(tc.attempts) || srv.count() != tc.wantCalls {
				t.Fatalf("attempts %d, Twilio calls %d; want %d and %d", got.Attempts, srv.count(), len(tc.attempts), tc.wantCalls)
			}
		})
	}
}

func TestSendWorkerSkipsOptedOutAndFinishedMessages(t *testing.T) {
	srv := newScriptedTwilio(t, created)
	sender := NewTwilioSender(TwilioConfig{AccountSID: testTwilioSID, AuthToken: testTwilioToken, FromNumber: "+15005550006"}, NewRewritingHTTPClient(srv.URL, time.Second))
	f := newFixture(t, map[Channel]Sender{ChannelSMS: sender})
	w := NewSendWorker(f.store, map[Channel]Sender{ChannelSMS: sender}, time.Now, slog.New(slog.DiscardHandler), time.Second)
	ctx := context.Background()

	optedOut, _ := f.enqueue(t, sms("+14155552671"))
	if err := f.svc.OptOut(ctx, "+14155552671", "sms:STOP"); err != nil {
		t.Fatal(err)
	}
	var cancel *rivertype.JobCancelError
	if err := w.Work(ctx, job(optedOut, 1)); !errors.As(err, &cancel) {
		t.Fatalf("opted out: %v", err)
	}
	if got, _ := f.svc.Get(ctx, optedOut.ID); got.Status != StatusUndeliverable || deref(got.ErrorCode) != "opted_out" {
		t.Fatalf("opted-out message %s %v", got.Status, got.ErrorCode)
	}

	done, _ := f.enqueue(t, sms("+14155552672"))
	if err := w.Work(ctx, job(done, 1)); err != nil {
		t.Fatal(err)
	}
	if err := w.Work(ctx, job(done, 2)); err != nil {
		t.Fatalf("duplicate job: %v", err)
	}
	if srv.count() != 1 {
		t.Fatalf("Twilio called %d times; a finished message must not be sent again", srv.count())
	}
}

func TestNextRetryBacksOffExponentially(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	w := NewSendWorker(nil, nil, func() time.Time { return now }, slog.New(slog.DiscardHandler), 10*time.Second)
	prev := time.Duration(0)
	for attempt := 1; attempt <= 12; attempt++ {
		d := w.NextRetry(&river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: attempt}}).Sub(now)
		base := min(10*time.Second<<(attempt-1), time.Hour)
		if d < base*8/10 || d > base*12/10 {
			t.Fatalf("attempt %d: retry in %s, want %s ± 20%%", attempt, d, base)
		}
		if base < time.Hour && d <= prev*8/10 {
			t.Fatalf("attempt %d: %s is not longer than %s", attempt, d, prev)
		}
		prev = d
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
