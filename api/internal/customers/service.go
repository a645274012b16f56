package customers

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Service creates and finds customer accounts.
type Service struct {
	store *GormStore
	clock func() time.Time
	// defaults are the order-update channels a new account starts with.
	defaults NotificationPrefs
	// Changed, when set, hears after an account changed (caches of accounts drop it). Whoever
	// adds a way to change an account's status, type or contact must call it too.
	Changed func(id uuid.UUID)
}

func NewService(store *GormStore, clock func() time.Time) *Service {
	return &Service{store: store, clock: clock, defaults: NotificationPrefs{Email: true, SMS: true}}
}

// WithNotificationDefaults sets the order-update channels new accounts start with.
func (s *Service) WithNotificationDefaults(p NotificationPrefs) *Service {
	s.defaults = p
	return s
}

// New is what an approved application brings.
type New struct {
	Type            Type
	Name            string
	Email           string
	Phone           string
	PasswordHash    string
	Address         Address
	Company         Company
	EmailVerifiedAt *time.Time
	PhoneVerifiedAt *time.Time
	ApplicationID   uuid.UUID
}

// Create opens the account inside tx (the approval's transaction) and issues its permanent
// Registration ID (REG-<year>-<6 digits>, counted per year) and Login ID (C + at least 6 digits).
func (s *Service) Create(ctx context.Context, tx *gorm.DB, in New) (Customer, error) {
	store := s.store.WithTx(tx)
	now := s.clock().UTC()
	year := now.Year()
	regSeq, err := store.NextValue(ctx, fmt.Sprintf("registration_id:%d", year))
	if err != nil {
		return Customer{}, err
	}
	loginSeq, err := store.NextValue(ctx, "login_id")
	if err != nil {
		return Customer{}, err
	}
	c := Customer{
		ID: uuid.Must(uuid.NewV7()), RegistrationID: fmt.Sprintf("REG-%d-%06d", year, regSeq), LoginID: fmt.Sprintf("C%06d", loginSeq),
		Type: in.Type, Name: in.Name, Email: in.Email, Phone: in.Phone, PasswordHash: in.PasswordHash,
		EmailVerifiedAt: in.EmailVerifiedAt, PhoneVerifiedAt: in.PhoneVerifiedAt, Address: in.Address, Company: in.Company,
		Status: Active, NotifyOrderEmail: s.defaults.Email, NotifyOrderSMS: s.defaults.SMS, ApplicationID: in.ApplicationID, CreatedAt: now, UpdatedAt: now, Version: 1,
	}
	if err := store.Insert(ctx, &c); err != nil {
		return Customer{}, err
	}
	return c, nil
}

// ByPhone finds the account with this phone number (E.164).
func (s *Service) ByPhone(ctx context.Context, e164 string) (Customer, error) {
	return s.store.By(ctx, "phone", e164)
}

// NotificationPrefs are the order updates a customer wants, by channel.
type NotificationPrefs struct {
	Email bool
	SMS   bool
}

// SetNotificationPrefs stores what order updates the customer wants.
func (s *Service) SetNotificationPrefs(ctx context.Context, id uuid.UUID, p NotificationPrefs) error {
	err := s.store.Update(ctx, id, map[string]any{"notify_order_email": p.Email, "notify_order_sms": p.SMS, "updated_at": s.clock().UTC()})
	if err == nil && s.Changed != nil {
		s.Changed(id)
	}
	return err
}

var loginIDPattern = regexp.MustCompile(`^C[0-9]{6,}$`)

// ForLogin finds the account a login names: a Login ID (C000123, any case) or an email address.
func (s *Service) ForLogin(ctx context.Context, login string) (Customer, error) {
	login = strings.TrimSpace(login)
	if up := strings.ToUpper(login); loginIDPattern.MatchString(up) {
		return s.store.By(ctx, "login_id", up)
	}
	return s.store.By(ctx, "email", strings.ToLower(login))
}

// Get returns one customer.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Customer, error) {
	return s.store.ByID(ctx, id)
}

// WithGroups returns a customer and the groups they belong to, in one read.
func (s *Service) WithGroups(ctx context.Context, id uuid.UUID) (Customer, []uuid.UUID, error) {
	return s.store.WithGroups(ctx, id)
}

// Taken reports which identifiers already belong to a customer.
func (s *Service) Taken(ctx context.Context, email, phone string, taxID *string) (emailTaken, phoneTaken, taxTaken bool, err error) {
	return s.store.Exists(ctx, email, phone, taxID)
}

// SetPasswordHash replaces a customer's password hash.
func (s *Service) SetPasswordHash(ctx context.Context, id uuid.UUID, hash string) error {
	return s.store.Update(ctx, id, map[string]any{"password_hash": hash, "updated_at": s.clock().UTC(), "version": gorm.Expr("version + 1")})
}

// ByIDs returns the customers with the given ids, keyed by id (one query for a whole page).
func (s *Service) ByIDs(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]Customer, error) {
	out := make(map[uuid.UUID]Customer, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Customer
	if err := s.store.db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("customers by id: %w", err)
	}
	for _, c := range rows {
		out[c.ID] = c
	}
	return out, nil
}
