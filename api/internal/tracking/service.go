// Package tracking answers "where are my orders?": one order's timeline, many orders at once (for
// customers, and for guests who prove the contact), a board of open orders, a status SMS on
// request and by inbound text, and live change notices. It reads orders through ordering and
// writes nothing of its own except messages.
package tracking

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
)

// MaxReferences is the most orders one call tracks.
const MaxReferences = 50

// Level promises, for one priority, business days from placing to dispatch and to delivery.
type Level struct {
	DispatchDays int
	DeliveryDays int
}

// Customers finds accounts by contact; app implements it with customers.
type Customers interface {
	// ByContact is the customer whose email (or phone, in any common format) this is.
	ByContact(ctx context.Context, email, phone string) (uuid.UUID, bool, error)
	// ByVerifiedPhone is the customer whose verified phone this E.164 number is.
	ByVerifiedPhone(ctx context.Context, phone string) (uuid.UUID, bool, error)
	// VerifiedPhone is the customer's phone when it has been verified.
	VerifiedPhone(ctx context.Context, customerID uuid.UUID) (string, bool, error)
}

// Options configure the service.
type Options struct {
	Orders    *ordering.Service
	Customers Customers
	Notify    *notify.Service
	Templates *notify.Templates
	DB        *gorm.DB // the transaction a status SMS is queued in
	Levels    map[ordering.Priority]Level
	PublicURL string
	Clock     func() time.Time
	Limiter   ratelimit.Limiter
	// LookupLimit bounds guest lookups per IP address; SMSLimit bounds status texts asked for per
	// customer (on top of the messaging rate limit per number).
	LookupLimit, SMSLimit ratelimit.Limit
}

// Service answers tracking questions.
type Service struct{ opt Options }

func NewService(opt Options) *Service { return &Service{opt: opt} }

// References reads a list of references as typed: each must be a reference (any case, dashes
// optional); duplicates collapse; the order is kept.
func References(in []string) ([]string, error) {
	if len(in) == 0 {
		return nil, apperr.Field("references", "name at least one order")
	}
	if len(in) > MaxReferences {
		return nil, apperr.Field("references", fmt.Sprintf("at most %d orders at a time", MaxReferences))
	}
	var out []string
	seen := map[string]bool{}
	var errs []apperr.FieldError
	for i, r := range in {
		ref, err := ordering.ParseReference(r)
		if err != nil {
			errs = append(errs, apperr.FieldError{Field: fmt.Sprintf("references[%d]", i), Message: "not an order reference (ORD-XXXX-XXXX)"})
			continue
		}
		if !seen[ref] {
			seen[ref] = true
			out = append(out, ref)
		}
	}
	if len(errs) > 0 {
		return nil, apperr.Invalid("some references are not valid", errs...)
	}
	return out, nil
}

// Result is what a tracking call found, in the order asked, and what it did not.
type Result struct {
	Items    []Tracking
	NotFound []string
}

// Track looks up a customer's own orders; others' and unknown ones are "not found" alike.
func (s *Service) Track(ctx context.Context, customerID uuid.UUID, refs []string) (Result, error) {
	refs, err := References(refs)
	if err != nil {
		return Result{}, err
	}
	details, err := s.opt.Orders.Details(ctx, customerID, refs)
	if err != nil {
		return Result{}, err
	}
	return s.result(refs, details), nil
}

// Board is a customer's open orders, oldest first.
func (s *Service) Board(ctx context.Context, customerID uuid.UUID) (Result, error) {
	details, err := s.opt.Orders.OpenOrders(ctx, customerID, 200)
	if err != nil {
		return Result{}, err
	}
	out := Result{Items: make([]Tracking, len(details)), NotFound: []string{}}
	for i, d := range details {
		out.Items[i] = s.tracking(d)
	}
	return out, nil
}

// One is a single order's tracking for its customer (anyone else: not found).
func (s *Service) One(ctx context.Context, customerID uuid.UUID, reference string) (Tracking, error) {
	ref, err := ordering.ParseReference(reference)
	if err != nil {
		return Tracking{}, ordering.ErrOrderNotFound
	}
	details, err := s.opt.Orders.Details(ctx, customerID, []string{ref})
	if err != nil {
		return Tracking{}, err
	}
	if len(details) == 0 {
		return Tracking{}, ordering.ErrOrderNotFound
	}
	return s.tracking(details[0]), nil
}

// Lookup lets a guest track orders by proving the customer's email or phone: only orders of the
// customer with that contact are returned, in the same shape as "not found" otherwise, so the
// answer never tells whether an order or an account exists. Limited per IP address.
func (s *Service) Lookup(ctx context.Context, ip string, refs []string, email, phone string) (Result, error) {
	email, phone = strings.TrimSpace(email), strings.TrimSpace(phone)
	if (email == "") == (phone == "") {
		return Result{}, apperr.Field("email", "give the email address or the phone number the order was placed with")
	}
	refs, err := References(refs)
	if err != nil {
		return Result{}, err
	}
	if err := ratelimit.Check(ctx, s.opt.Limiter, "tracking-lookup:"+ip, s.opt.LookupLimit, "tracking lookups"); err != nil {
		return Result{}, err
	}
	id, ok, err := s.opt.Customers.ByContact(ctx, email, phone)
	if err != nil {
		return Result{}, err
	}
	var details []ordering.Detail
	if ok {
		if details, err = s.opt.Orders.Details(ctx, id, refs); err != nil {
			return Result{}, err
		}
	}
	return s.result(refs, details), nil
}

func (s *Service) result(refs []string, details []ordering.Detail) Result {
	by := map[string]ordering.Detail{}
	for _, d := range details {
		by[d.Reference] = d
	}
	out := Result{Items: []Tracking{}, NotFound: []string{}}
	for _, r := range refs {
		if d, ok := by[r]; ok {
			out.Items = append(out.Items, s.tracking(d))
		} else {
			out.NotFound = append(out.NotFound, r)
		}
	}
	return out
}
