package tracking

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
)

// maxSegments keeps a status text to two SMS segments; more orders get a link instead.
const maxSegments = 2

// SentSMS is a queued status text.
type SentSMS struct {
	MessageID uuid.UUID
	To        string // masked
}

var errNoVerifiedPhone = apperr.Conflict("your account has no verified phone number to text; add one in your account first")

// RequestSMS texts the customer the status of their orders, to the account's verified phone only
// (a number given in the request is never used). Limited per customer, and by the messaging
// rate limit per number; an opted-out number is refused with the reason.
func (s *Service) RequestSMS(ctx context.Context, customerID uuid.UUID, refs []string) (SentSMS, error) {
	refs, err := References(refs)
	if err != nil {
		return SentSMS{}, err
	}
	phone, ok, err := s.opt.Customers.VerifiedPhone(ctx, customerID)
	if err != nil {
		return SentSMS{}, err
	}
	if !ok {
		return SentSMS{}, errNoVerifiedPhone
	}
	details, err := s.opt.Orders.Details(ctx, customerID, refs)
	if err != nil {
		return SentSMS{}, err
	}
	if len(details) == 0 {
		return SentSMS{}, apperr.NotFound("none of these orders is one of yours")
	}
	if err := ratelimit.Check(ctx, s.opt.Limiter, "tracking-sms:"+customerID.String(), s.opt.SMSLimit, "status texts"); err != nil {
		return SentSMS{}, err
	}
	found := s.result(refs, details)
	data, err := s.fit(found.Items)
	if err != nil {
		return SentSMS{}, err
	}
	var m notify.Message
	err = s.opt.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, err = s.opt.Notify.Enqueue(ctx, tx, notify.Request{Channel: notify.ChannelSMS, To: phone, Template: notify.TplTrackingSummary,
			Data: data, RelatedType: "order", RelatedID: strings.Join(refsOf(found.Items), ",")})
		return err
	})
	if err != nil {
		return SentSMS{}, err
	}
	return SentSMS{MessageID: m.ID, To: notify.MaskRecipient(notify.ChannelSMS, m.Recipient)}, nil
}

func refsOf(items []Tracking) []string {
	out := make([]string, len(items))
	for i, t := range items {
		out[i] = t.Reference
	}
	return out
}

// fit lists as many orders as two segments hold; when some do not fit, the text ends with a link
// to the tracking page for all of them.
func (s *Service) fit(items []Tracking) (notify.TrackingSummaryData, error) {
	all := make([]notify.TrackedOrder, len(items))
	for i, t := range items {
		all[i] = notify.TrackedOrder{Reference: t.Reference, Status: string(t.Status)}
	}
	link := s.opt.PublicURL + "/track?r=" + strings.Join(refsOf(items), ",")
	if len(link) > 60 { // a link that itself eats a segment is no help: the board has them all
		link = s.opt.PublicURL + "/orders"
	}
	for n := len(all); n >= 1; n-- {
		d := notify.TrackingSummaryData{Orders: all[:n]}
		if n < len(all) {
			d.MoreURL = link
		}
		_, body, err := s.opt.Templates.Render(notify.TplTrackingSummary, notify.ChannelSMS, d)
		if err != nil {
			return d, err
		}
		if notify.Segments(body) <= maxSegments {
			return d, nil
		}
	}
	return notify.TrackingSummaryData{Orders: all[:1], MoreURL: link}, nil
}

// maxInboundReferences bounds what one inbound text asks about.
const maxInboundReferences = 5

// InboundStatus answers a text "STATUS ORD-XXXX-XXXX [ORD-…]" from a phone. Only orders of the
// customer whose verified phone sent it are told; an unknown number gets a neutral answer that
// says nothing about any order. ok is false when the text is not a STATUS request.
func (s *Service) InboundStatus(ctx context.Context, from, text string) (reply string, ok bool, err error) {
	words := strings.FieldsFunc(strings.ToUpper(text), func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\n' || r == '\t' })
	if len(words) == 0 || words[0] != "STATUS" {
		return "", false, nil
	}
	neutral := "We could not find orders for this number. Track your orders at " + s.opt.PublicURL + "/track"
	id, found, err := s.opt.Customers.ByVerifiedPhone(ctx, from)
	if err != nil || !found {
		return neutral, true, err
	}
	var refs []string
	for _, w := range words[1:] {
		if ref, err := ordering.ParseReference(w); err == nil && len(refs) < maxInboundReferences {
			refs = append(refs, ref)
		}
	}
	var res Result
	if len(refs) == 0 {
		if res, err = s.Board(ctx, id); err != nil {
			return "", true, err
		}
		if len(res.Items) == 0 {
			return "You have no open orders. Reply STATUS followed by an order reference, e.g. STATUS ORD-7K3F-9QXM.", true, nil
		}
	} else if res, err = s.Track(ctx, id, refs); err != nil {
		return "", true, err
	}
	var parts []string
	for _, t := range res.Items {
		parts = append(parts, fmt.Sprintf("%s %s", t.Reference, t.Status))
	}
	for _, r := range res.NotFound {
		parts = append(parts, r+" not found")
	}
	reply = strings.Join(parts, "; ")
	for notify.Segments(reply) > maxSegments && len(parts) > 1 {
		parts = parts[:len(parts)-1]
		reply = strings.Join(parts, "; ") + "; more at " + s.opt.PublicURL + "/orders"
	}
	return reply, true, nil
}
