package notify

import (
	"context"
	"log/slog"
	"strings"
	"unicode/utf8"
)

// ConsoleSender is the development and demo provider: it "sends" by writing one structured log
// line and reports the message as delivered. The outbox row keeps the body for staff to read; the
// log never does, because bodies carry verification codes.
type ConsoleSender struct {
	name string
	log  *slog.Logger
}

// NewConsoleSender returns a console provider. One instance serves one channel; name is what
// staff see as the provider ("console" when empty).
func NewConsoleSender(name string, log *slog.Logger) *ConsoleSender {
	if name == "" {
		name = "console"
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &ConsoleSender{name: name, log: log}
}

// Name implements Sender.
func (s *ConsoleSender) Name() string { return s.name }

// Send implements Sender. It cannot fail.
func (s *ConsoleSender) Send(ctx context.Context, m Outgoing) (Receipt, error) {
	s.log.InfoContext(ctx, "message sent to console",
		"provider", s.name,
		"channel", m.Channel,
		"message_id", m.ID,
		"to", MaskRecipient(m.Channel, m.To),
		"body_length", utf8.RuneCountInString(m.Body),
	)
	// Nothing left the machine: the message counts as sent, and staff read it in the back office.
	return Receipt{ProviderID: "console-" + m.ID.String()}, nil
}

// maskDots stands for the hidden part of a masked recipient.
const maskDots = "•••"

// MaskRecipient hides most of a phone number or email address so it can be shown in logs and
// API responses: "+14155550100" → "+1415•••0100", "alice@example.com" → "a•••@example.com".
// Numbers shorter than E.164 with an area code show at most a quarter of their characters at each
// end. It returns "" for "".
func MaskRecipient(channel Channel, to string) string {
	to = strings.TrimSpace(to)
	if to == "" {
		return ""
	}
	if channel == ChannelEmail {
		if at := strings.LastIndexByte(to, '@'); at >= 0 {
			local, domain := to[:at], to[at+1:]
			if local == "" {
				return maskDots + "@" + domain
			}
			first, _ := utf8.DecodeRuneInString(local)
			return string(first) + maskDots + "@" + domain
		}
	}
	r := []rune(to)
	keepHead, keepTail := 5, 4 // "+1415" … "0100": country and area code, last four digits
	if len(r) < 11 {
		keepHead, keepTail = len(r)/4, len(r)/4
	}
	return string(r[:keepHead]) + maskDots + string(r[len(r)-keepTail:])
}
