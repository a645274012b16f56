package registration

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/mail"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/phone"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
)

// Verification rules.
const (
	codeTTL        = 10 * time.Minute
	maxAttempts    = 5
	resendCooldown = time.Minute
	maxSends       = 5
	velocityWindow = 24 * time.Hour
	maxPerIP       = 3 // applications from one IP in the window before it is flagged
)

// Notifier queues messages inside a transaction.
type Notifier interface {
	Enqueue(ctx context.Context, tx *gorm.DB, req notify.Request) (notify.Message, error)
}

// Auditor records staff decisions (the audit package).
type Auditor interface {
	Record(ctx context.Context, tx *gorm.DB, ev audit.Event) error
}

// TxRunner runs a function in a transaction.
type TxRunner interface {
	InTx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Options configure the service.
type Options struct {
	Customers            *customers.Service
	Notify               Notifier
	Audit                Auditor
	Passwords            *auth.PasswordPolicy
	Disposable           *DisposableDomains
	CodeKey              []byte // HMAC key for stored codes
	DefaultRegion        string
	AutoApproveConsumers bool
	LoginURL             string
	Limiter              ratelimit.Limiter
	PerIP                ratelimit.Limit // applications per client IP
	Clock                func() time.Time
	Log                  *slog.Logger
}

// Service runs applications from submission to decision.
type Service struct {
	store *GormStore
	tx    TxRunner
	opt   Options
}

func NewService(store *GormStore, tx TxRunner, opt Options) *Service {
	return &Service{store: store, tx: tx, opt: opt}
}

// CompanyInput is a business applicant's legal data.
type CompanyInput struct {
	LegalName, TaxID, RegistrationNumber string
}

// ApplyInput is an application as submitted.
type ApplyInput struct {
	Type     customers.Type
	Name     string
	Email    string
	Phone    string
	Password string
	Address  customers.Address
	Company  *CompanyInput
	IP       string
}

// Apply validates and stores an application, screens it, and sends both verification codes.
// It returns the application and the secret token every later step needs (shown only here).
func (s *Service) Apply(ctx context.Context, in ApplyInput) (Application, string, error) {
	if err := ratelimit.Check(ctx, s.opt.Limiter, "registration:ip:"+in.IP, s.opt.PerIP, "registrations from your network"); err != nil {
		return Application{}, "", err
	}
	in, err := s.normalize(in)
	if err != nil {
		return Application{}, "", err
	}
	var taxID *string
	if in.Company != nil {
		taxID = &in.Company.TaxID
	}
	emailTaken, phoneTaken, taxTaken, err := s.opt.Customers.Taken(ctx, in.Email, in.Phone, taxID)
	switch {
	case err != nil:
		return Application{}, "", err
	case emailTaken:
		return Application{}, "", customers.ErrEmailTaken
	case phoneTaken:
		return Application{}, "", customers.ErrPhoneTaken
	case taxTaken:
		return Application{}, "", customers.ErrTaxIDTaken
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return Application{}, "", err
	}
	token, tokenHash, err := newToken()
	if err != nil {
		return Application{}, "", err
	}
	now := s.opt.Clock().UTC()
	a := Application{
		ID: uuid.Must(uuid.NewV7()), Type: in.Type, Status: PendingVerification, TokenHash: tokenHash,
		Name: in.Name, Email: in.Email, Phone: in.Phone, PasswordHash: hash, Address: in.Address,
		CreatedIP: in.IP, CreatedAt: now, UpdatedAt: now, Flags: []Flag{},
	}
	if in.Company != nil {
		a.Company = customers.Company{LegalName: &in.Company.LegalName, TaxID: &in.Company.TaxID, RegistrationNumber: &in.Company.RegistrationNumber}
	}
	if a.Flags, err = s.screen(ctx, a); err != nil {
		return Application{}, "", err
	}
	err = s.tx.InTx(ctx, func(tx *gorm.DB) error {
		var codes []Code
		send := map[Channel]string{}
		for _, ch := range []Channel{ChannelEmail, ChannelSMS} {
			code, err := newCode()
			if err != nil {
				return err
			}
			send[ch] = code
			codes = append(codes, Code{ApplicationID: a.ID, Channel: ch, CodeHash: s.codeHash(a.ID, ch, code), ExpiresAt: now.Add(codeTTL), Sends: 1, LastSentAt: now})
		}
		if err := s.store.WithTx(tx).Insert(ctx, &a, codes); err != nil {
			return err
		}
		for _, ch := range []Channel{ChannelEmail, ChannelSMS} {
			if err := s.sendCode(ctx, tx, a, ch, send[ch]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Application{}, "", fmt.Errorf("apply: %w", err)
	}
	return a, token, nil
}

func (s *Service) normalize(in ApplyInput) (ApplyInput, error) {
	var fields []apperr.FieldError
	bad := func(field, msg string) { fields = append(fields, apperr.FieldError{Field: field, Message: msg}) }
	in.Name = strings.TrimSpace(in.Name)
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || !strings.Contains(in.Email[strings.LastIndex(in.Email, "@")+1:], ".") {
		bad("email", "must be a valid email address")
	}
	in.Address.Country = strings.ToUpper(strings.TrimSpace(in.Address.Country))
	region := in.Address.Country
	if region == "" {
		region = s.opt.DefaultRegion
	}
	if p, err := phone.Normalize(in.Phone, region); err != nil {
		bad("phone", "must be a valid phone number; include the country code, e.g. +14155550100")
	} else {
		in.Phone = p
	}
	for _, f := range []*string{&in.Address.Line1, &in.Address.Line2, &in.Address.City, &in.Address.PostalCode} {
		*f = strings.TrimSpace(*f)
	}
	if in.Type == customers.Business {
		if in.Company == nil {
			bad("company", "is required for a business")
		} else {
			in.Company.LegalName = strings.TrimSpace(in.Company.LegalName)
			in.Company.TaxID = strings.ToUpper(strings.Join(strings.Fields(in.Company.TaxID), ""))
			in.Company.RegistrationNumber = strings.TrimSpace(in.Company.RegistrationNumber)
			if in.Company.LegalName == "" {
				bad("company.legal_name", "is required for a business")
			}
			if in.Company.TaxID == "" {
				bad("company.tax_id", "is required for a business")
			}
			if in.Company.RegistrationNumber == "" {
				bad("company.registration_number", "is required for a business")
			}
		}
	} else {
		in.Company = nil // a consumer has no company; a sent one is ignored
	}
	if err := s.opt.Passwords.Check(in.Password, in.Name, in.Email); err != nil {
		ae, _ := apperr.As(err)
		fields = append(fields, ae.Fields...)
	}
	if len(fields) > 0 {
		return in, apperr.Invalid("the application has invalid fields", fields...)
	}
	return in, nil
}

// screen returns the risk flags of a new application.
func (s *Service) screen(ctx context.Context, a Application) ([]Flag, error) {
	flags := []Flag{}
	if s.opt.Disposable.Contains(a.Email) {
		flags = append(flags, FlagDisposableEmail)
	}
	related, err := s.store.Related(ctx, a, true)
	if err != nil {
		return nil, err
	}
	if len(related) > 0 {
		flags = append(flags, FlagDuplicateApplication)
	}
	fromIP, withPhone, err := s.store.RecentFrom(ctx, a.CreatedIP, a.Phone, a.CreatedAt.Add(-velocityWindow))
	if err != nil {
		return nil, err
	}
	if fromIP >= maxPerIP {
		flags = append(flags, FlagIPVelocity)
	}
	if withPhone > 0 {
		flags = append(flags, FlagPhoneVelocity)
	}
	if r := phone.Region(a.Phone); r != "" && r != a.Address.Country {
		flags = append(flags, FlagCountryMismatch)
	}
	return flags, nil
}

func (s *Service) sendCode(ctx context.Context, tx *gorm.DB, a Application, ch Channel, code string) error {
	req := notify.Request{Template: notify.TplVerificationCode, Data: notify.VerificationCodeData{Code: code, Minutes: int(codeTTL.Minutes())},
		RelatedType: "registration", RelatedID: a.ID.String()}
	if ch == ChannelEmail {
		req.Channel, req.To = notify.ChannelEmail, a.Email
	} else {
		req.Channel, req.To = notify.ChannelSMS, a.Phone
	}
	_, err := s.opt.Notify.Enqueue(ctx, tx, req)
	return err
}

// authorize loads an application and checks its token; a wrong token is a 404 like a missing id.
func (s *Service) authorize(ctx context.Context, id uuid.UUID, token string) (Application, error) {
	a, err := s.store.Get(ctx, id)
	if err != nil {
		return Application{}, err
	}
	sum := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(a.TokenHash)) != 1 {
		return Application{}, ErrNotFound
	}
	return a, nil
}

// Status returns the application (for its owner, who holds the token).
func (s *Service) Status(ctx context.Context, id uuid.UUID, token string) (Application, *customers.Customer, error) {
	a, err := s.authorize(ctx, id, token)
	if err != nil {
		return Application{}, nil, err
	}
	return s.withCustomer(ctx, a)
}

func (s *Service) withCustomer(ctx context.Context, a Application) (Application, *customers.Customer, error) {
	if a.CustomerID == nil {
		return a, nil, nil
	}
	c, err := s.opt.Customers.Get(ctx, *a.CustomerID)
	if err != nil {
		return Application{}, nil, err
	}
	return a, &c, nil
}

// Verify checks one code. When both channels are verified the application is decided: approved
// at once (a consumer without risk flags, when the policy allows) or sent to staff review.
func (s *Service) Verify(ctx context.Context, id uuid.UUID, token string, ch Channel, code string) (Application, *customers.Customer, error) {
	a, err := s.authorize(ctx, id, token)
	if err != nil {
		return Application{}, nil, err
	}
	if a.Status != PendingVerification {
		return Application{}, nil, ErrNotVerifying
	}
	c, err := s.store.Code(ctx, a.ID, ch)
	if err != nil {
		return Application{}, nil, err
	}
	now := s.opt.Clock().UTC()
	switch {
	case c.VerifiedAt != nil:
		return Application{}, nil, ErrAlreadyVerified
	case !now.Before(c.ExpiresAt):
		return Application{}, nil, ErrCodeExpired
	}
	// The attempt is counted outside any transaction, so a wrong code cannot roll it back.
	ok, err := s.store.CountAttempt(ctx, a.ID, ch, maxAttempts)
	if err != nil {
		return Application{}, nil, err
	}
	if !ok {
		return Application{}, nil, ErrTooManyAttempts
	}
	if !hmac.Equal([]byte(s.codeHash(a.ID, ch, strings.TrimSpace(code))), []byte(c.CodeHash)) {
		return Application{}, nil, ErrWrongCode
	}
	err = s.tx.InTx(ctx, func(tx *gorm.DB) error {
		store := s.store.WithTx(tx)
		if err := store.UpdateCode(ctx, a.ID, ch, map[string]any{"verified_at": now}); err != nil {
			return err
		}
		col := "email_verified_at"
		if ch == ChannelSMS {
			col = "phone_verified_at"
		}
		if ok, err := store.Transition(ctx, a.ID, []Status{PendingVerification}, map[string]any{col: now, "updated_at": now}); err != nil || !ok {
			if err == nil {
				err = ErrNotVerifying
			}
			return err
		}
		if a, err = store.Get(ctx, a.ID); err != nil {
			return err
		}
		if a.EmailVerifiedAt == nil || a.PhoneVerifiedAt == nil {
			return nil
		}
		if s.opt.AutoApproveConsumers && a.Type == customers.Consumer && len(a.Flags) == 0 {
			return s.approve(ctx, tx, &a, nil, []Status{PendingVerification})
		}
		_, err := store.Transition(ctx, a.ID, []Status{PendingVerification}, map[string]any{"status": PendingReview, "updated_at": now})
		a.Status = PendingReview
		return err
	})
	if err != nil {
		return Application{}, nil, err
	}
	return s.withCustomer(ctx, a)
}

// Resend sends a fresh code for one channel, at most once a minute and five times in all.
func (s *Service) Resend(ctx context.Context, id uuid.UUID, token string, ch Channel) error {
	a, err := s.authorize(ctx, id, token)
	if err != nil {
		return err
	}
	if a.Status != PendingVerification {
		return ErrNotVerifying
	}
	c, err := s.store.Code(ctx, a.ID, ch)
	if err != nil {
		return err
	}
	now := s.opt.Clock().UTC()
	switch {
	case c.VerifiedAt != nil:
		return ErrAlreadyVerified
	case c.Sends >= maxSends:
		return apperr.RateLimited("no more codes can be sent for this application; contact support", 24*time.Hour)
	case now.Sub(c.LastSentAt) < resendCooldown:
		return apperr.RateLimited("a code was sent less than a minute ago; wait for it or try again shortly", resendCooldown-now.Sub(c.LastSentAt))
	}
	code, err := newCode()
	if err != nil {
		return err
	}
	return s.tx.InTx(ctx, func(tx *gorm.DB) error {
		err := s.store.WithTx(tx).UpdateCode(ctx, a.ID, ch, map[string]any{
			"code_hash": s.codeHash(a.ID, ch, code), "expires_at": now.Add(codeTTL), "attempts": 0, "sends": c.Sends + 1, "last_sent_at": now,
		})
		if err != nil {
			return err
		}
		return s.sendCode(ctx, tx, a, ch, code)
	})
}

// SeedApproved registers and approves an applicant in one step, as if both codes had been
// verified and staff had approved. Only demo seeding uses it; an existing customer with the same
// email is returned as it is (created=false), so seeding twice changes nothing.
func (s *Service) SeedApproved(ctx context.Context, in ApplyInput) (c customers.Customer, created bool, err error) {
	in, err = s.normalize(in)
	if err != nil {
		return customers.Customer{}, false, err
	}
	if existing, err := s.opt.Customers.ForLogin(ctx, in.Email); err == nil {
		return existing, false, nil
	} else if !errors.Is(err, customers.ErrNotFound) {
		return customers.Customer{}, false, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return customers.Customer{}, false, err
	}
	_, tokenHash, err := newToken()
	if err != nil {
		return customers.Customer{}, false, err
	}
	now := s.opt.Clock().UTC()
	a := Application{ID: uuid.Must(uuid.NewV7()), Type: in.Type, Status: PendingReview, TokenHash: tokenHash, Name: in.Name, Email: in.Email,
		Phone: in.Phone, PasswordHash: hash, Address: in.Address, Flags: []Flag{}, EmailVerifiedAt: &now, PhoneVerifiedAt: &now,
		CreatedIP: in.IP, CreatedAt: now, UpdatedAt: now}
	if in.Company != nil {
		a.Company = customers.Company{LegalName: &in.Company.LegalName, TaxID: &in.Company.TaxID, RegistrationNumber: &in.Company.RegistrationNumber}
	}
	err = s.tx.InTx(ctx, func(tx *gorm.DB) error {
		if err := s.store.WithTx(tx).Insert(ctx, &a, nil); err != nil {
			return err
		}
		return s.approve(ctx, tx, &a, nil, []Status{PendingReview})
	})
	if err != nil {
		return customers.Customer{}, false, err
	}
	c, err = s.opt.Customers.Get(ctx, *a.CustomerID)
	return c, err == nil, err
}

// List returns up to limit+1 applications for the review queue, with the customers of the
// approved ones (for their IDs), in two queries.
func (s *Service) List(ctx context.Context, status Status, before *uuid.UUID, limit int) ([]Application, map[uuid.UUID]customers.Customer, error) {
	apps, err := s.store.List(ctx, status, before, limit+1)
	if err != nil {
		return nil, nil, err
	}
	var ids []uuid.UUID
	for _, a := range apps {
		if a.CustomerID != nil {
			ids = append(ids, *a.CustomerID)
		}
	}
	custs, err := s.opt.Customers.ByIDs(ctx, ids)
	return apps, custs, err
}

// Review is an application with what a reviewer needs beside it.
type Review struct {
	Application Application
	Customer    *customers.Customer
	Related     []Application // other applications with the same email, phone or tax ID
}

// Detail returns one application for staff.
func (s *Service) Detail(ctx context.Context, id uuid.UUID) (Review, error) {
	a, err := s.store.Get(ctx, id)
	if err != nil {
		return Review{}, err
	}
	a, c, err := s.withCustomer(ctx, a)
	if err != nil {
		return Review{}, err
	}
	related, err := s.store.Related(ctx, a, false)
	if err != nil {
		return Review{}, err
	}
	return Review{Application: a, Customer: c, Related: related}, nil
}

// Approve opens the customer account for an application waiting for review.
func (s *Service) Approve(ctx context.Context, reviewer uuid.UUID, id uuid.UUID) (Application, *customers.Customer, error) {
	var a Application
	err := s.tx.InTx(ctx, func(tx *gorm.DB) error {
		var err error
		if a, err = s.store.WithTx(tx).Get(ctx, id); err != nil {
			return err
		}
		if a.Status != PendingReview {
			return ErrNotReviewable
		}
		return s.approve(ctx, tx, &a, &reviewer, []Status{PendingReview})
	})
	if err != nil {
		return Application{}, nil, err
	}
	return s.withCustomer(ctx, a)
}

func (s *Service) approve(ctx context.Context, tx *gorm.DB, a *Application, reviewer *uuid.UUID, from []Status) error {
	c, err := s.opt.Customers.Create(ctx, tx, customers.New{
		Type: a.Type, Name: a.Name, Email: a.Email, Phone: a.Phone, PasswordHash: a.PasswordHash, Address: a.Address, Company: a.Company,
		EmailVerifiedAt: a.EmailVerifiedAt, PhoneVerifiedAt: a.PhoneVerifiedAt, ApplicationID: a.ID,
	})
	if err != nil {
		return err
	}
	now := s.opt.Clock().UTC()
	ok, err := s.store.WithTx(tx).Transition(ctx, a.ID, from, map[string]any{
		"status": Approved, "customer_id": c.ID, "reviewed_by": reviewer, "reviewed_at": now, "updated_at": now,
	})
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotReviewable
	}
	before := map[string]any{"status": a.Status}
	a.Status, a.CustomerID, a.ReviewedBy, a.ReviewedAt = Approved, &c.ID, reviewer, &now
	err = s.opt.Audit.Record(ctx, tx, audit.Event{Action: "registration.approved", EntityType: "registration", EntityID: a.ID.String(), Before: before,
		After: map[string]any{"status": a.Status, "automatic": reviewer == nil, "customer_id": c.ID, "registration_id": c.RegistrationID, "login_id": c.LoginID}})
	if err != nil {
		return err
	}
	data := notify.RegistrationApprovedData{Name: c.Name, RegistrationID: c.RegistrationID, LoginID: c.LoginID, LoginURL: s.opt.LoginURL}
	return s.tell(ctx, tx, *a, notify.TplRegistrationApproved, data)
}

// Reject closes an application with a reason the applicant is told.
func (s *Service) Reject(ctx context.Context, reviewer uuid.UUID, id uuid.UUID, reason string) (Application, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Application{}, apperr.Field("reason", "is required: the applicant is told why")
	}
	var a Application
	err := s.tx.InTx(ctx, func(tx *gorm.DB) error {
		store := s.store.WithTx(tx)
		var err error
		if a, err = store.Get(ctx, id); err != nil {
			return err
		}
		now := s.opt.Clock().UTC()
		ok, err := store.Transition(ctx, id, []Status{PendingReview, PendingVerification}, map[string]any{
			"status": Rejected, "reject_reason": reason, "reviewed_by": reviewer, "reviewed_at": now, "updated_at": now,
		})
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotReviewable
		}
		before := map[string]any{"status": a.Status}
		a.Status, a.RejectReason, a.ReviewedBy, a.ReviewedAt = Rejected, &reason, &reviewer, &now
		err = s.opt.Audit.Record(ctx, tx, audit.Event{Action: "registration.rejected", EntityType: "registration", EntityID: a.ID.String(),
			Before: before, After: map[string]any{"status": a.Status, "reason": reason}})
		if err != nil {
			return err
		}
		return s.tell(ctx, tx, a, notify.TplRegistrationRejected, notify.RegistrationRejectedData{Name: a.Name, Reason: reason})
	})
	return a, err
}

// tell sends a decision by email and SMS. An SMS the number opted out of is skipped: the email
// still goes, and the decision stands.
func (s *Service) tell(ctx context.Context, tx *gorm.DB, a Application, tpl notify.TemplateKey, data any) error {
	for _, ch := range []notify.Channel{notify.ChannelEmail, notify.ChannelSMS} {
		to := a.Email
		if ch == notify.ChannelSMS {
			to = a.Phone
		}
		_, err := s.opt.Notify.Enqueue(ctx, tx, notify.Request{Channel: ch, To: to, Template: tpl, Data: data,
			RelatedType: "registration", RelatedID: a.ID.String(), System: true})
		if errors.Is(err, notify.ErrOptedOut) {
			s.opt.Log.InfoContext(ctx, "decision SMS skipped: number opted out", "application_id", a.ID)
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) codeHash(id uuid.UUID, ch Channel, code string) string {
	mac := hmac.New(sha256.New, s.opt.CodeKey)
	mac.Write([]byte(id.String() + ":" + string(ch) + ":" + code))
	return hex.EncodeToString(mac.Sum(nil))
}

// newCode returns a uniformly random 6-digit code.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("generate code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// newToken returns a 256-bit application token and its SHA-256 (the only form stored).
func newToken() (token, hash string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", fmt.Errorf("generate token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b[:])
	sum := sha256.Sum256([]byte(token))
	return token, hex.EncodeToString(sum[:]), nil
}
