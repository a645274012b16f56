package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
)

// sendMaxAttempts bounds retries: with the backoff below the last try is about 3 h after the first.
const sendMaxAttempts = 10

// SendArgs is the job that sends one queued message.
type SendArgs struct {
	MessageID uuid.UUID `json:"message_id"`
}

func (SendArgs) Kind() string { return "notify_send" }

// SendWorker sends messages through the configured providers.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	store     Store
	senders   map[Channel]Sender
	clock     func() time.Time
	log       *slog.Logger
	retryBase time.Duration
}

// NewSendWorker builds the worker; retryBase is the first backoff step (e.g. 10s; tests use less).
func NewSendWorker(store Store, senders map[Channel]Sender, clock func() time.Time, log *slog.Logger, retryBase time.Duration) *SendWorker {
	return &SendWorker{store: store, senders: senders, clock: clock, log: log, retryBase: retryBase}
}

// Timeout bounds one attempt; providers have their own shorter HTTP timeouts.
func (w *SendWorker) Timeout(*river.Job[SendArgs]) time.Duration { return time.Minute }

// NextRetry backs off exponentially (base · 2^(attempt-1), at most an hour) with ±20 % jitter, so
// a provider outage is not hammered and retries of many messages spread out.
func (w *SendWorker) NextRetry(job *river.Job[SendArgs]) time.Time {
	d := w.retryBase << min(job.Attempt-1, 16)
	if d > time.Hour || d <= 0 {
		d = time.Hour
	}
	jitter := time.Duration(float64(d) * (rand.Float64()*0.4 - 0.2))
	return w.clock().Add(d + jitter)
}

// Work sends the message once. Sending is at-least-once: a crash between the provider accepting
// and the row update can send a message twice, never zero times.
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	m, err := w.store.Get(ctx, job.Args.MessageID)
	if errors.Is(err, ErrMessageNotFound) {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if m.Status.Final() {
		return nil // already done (a duplicate job, or a callback got there first)
	}
	now := w.clock().UTC()
	if m.Channel == ChannelSMS {
		out, err := w.store.IsOptedOut(ctx, m.Recipient)
		if err != nil {
			return err
		}
		if out {
			return w.giveUp(ctx, m, StatusUndeliverable, "opted_out", ErrOptedOut, now)
		}
	}
	sender, ok := w.senders[m.Channel]
	if !ok {
		return w.giveUp(ctx, m, StatusFailed, "no_provider", fmt.Errorf("no %s provider configured", m.Channel), now)
	}
	if err := w.store.Update(ctx, m.ID, map[string]any{"status": StatusSending, "attempts": m.Attempts + 1, "updated_at": now}); err != nil {
		return err
	}
	receipt, sendErr := sender.Send(ctx, Outgoing{ID: m.ID, Channel: m.Channel, To: m.Recipient, Subject: m.Subject, Body: m.Body})
	now = w.clock().UTC()
	if sendErr == nil {
		// "sent" until the provider's delivery callback says more.
		return w.store.Update(ctx, m.ID, map[string]any{"status": StatusSent, "provider_message_id": receipt.ProviderID,
			"sent_at": now, "updated_at": now, "last_error": nil, "error_code": nil})
	}
	if p, ok := AsPermanent(sendErr); ok {
		status := StatusFailed
		if p.Undeliverable {
			status = StatusUndeliverable
		}
		return w.giveUp(ctx, m, status, p.Code, sendErr, now)
	}
	// Transient: keep the error for staff and let River retry, or fail on the last attempt.
	status := StatusQueued
	if job.Attempt >= job.MaxAttempts {
		status = StatusFailed
	}
	if err := w.store.Update(ctx, m.ID, map[string]any{"status": status, "last_error": truncate(sendErr.Error(), 500), "updated_at": now}); err != nil {
		return errors.Join(sendErr, err)
	}
	w.log.WarnContext(ctx, "message send failed; will retry", "message_id", m.ID, "channel", m.Channel, "attempt", job.Attempt, "error", sendErr)
	return sendErr
}

func (w *SendWorker) giveUp(ctx context.Context, m Message, status Status, code string, cause error, now time.Time) error {
	err := w.store.Update(ctx, m.ID, map[string]any{"status": status, "error_code": code, "last_error": truncate(cause.Error(), 500), "updated_at": now})
	if err != nil {
		return err
	}
	w.log.WarnContext(ctx, "message not sent", "message_id", m.ID, "channel", m.Channel, "status", status, "code", code)
	return river.JobCancel(cause)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
