package notify

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// Channel is how a message travels.
type Channel string

const (
	ChannelSMS   Channel = "sms"
	ChannelEmail Channel = "email"
)

// Outgoing is one message handed to a provider.
type Outgoing struct {
	ID      uuid.UUID // our outbound_messages id
	Channel Channel
	To      string // E.164 for SMS, an address for email
	Subject string // email only
	Body    string // plain text
}

// Receipt is what a provider accepted.
type Receipt struct {
	ProviderID string // Twilio message SID, SMTP Message-ID, or a console id
}

// PermanentError is a send failure that retrying cannot fix. Undeliverable marks failures about
// the recipient (invalid or unsubscribed number, unknown mailbox); the rest are failures of the
// request or the account (e.g. bad credentials) that need a person to act.
type PermanentError struct {
	Code          string // provider's error code, e.g. "21211" or "550"
	Undeliverable bool
	Err           error
}

func (e *PermanentError) Error() string {
	return fmt.Sprintf("permanent send failure (code %s): %v", e.Code, e.Err)
}
func (e *PermanentError) Unwrap() error { return e.Err }

// AsPermanent reports whether err is a permanent send failure.
func AsPermanent(err error) (*PermanentError, bool) {
	var p *PermanentError
	ok := errors.As(err, &p)
	return p, ok
}

// Sender sends one message through one provider. Any error that is not a *PermanentError is
// treated as transient (network, timeouts, 429, 5xx) and the job is retried with backoff.
type Sender interface {
	Send(ctx context.Context, m Outgoing) (Receipt, error)
	// Name is the provider's name as shown to staff: "console", "twilio", "smtp".
	Name() string
}
