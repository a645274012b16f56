package auth

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Store is what the service needs from persistence.
type Store interface {
	CreateStaff(ctx context.Context, u *StaffUser) error
	StaffByEmail(ctx context.Context, email string) (StaffUser, bool, error)
	StaffByID(ctx context.Context, id uuid.UUID) (StaffUser, bool, error)
}

// Service holds the staff account rules.
type Service struct {
	store  Store
	policy *PasswordPolicy
	clock  func() time.Time
}

func NewService(store Store, policy *PasswordPolicy, clock func() time.Time) *Service {
	return &Service{store: store, policy: policy, clock: clock}
}

// NewStaff is the input for creating a staff account.
type NewStaff struct {
	Email    string
	Name     string
	Password string
	Role     Role
}

// MinPasswordLength follows NIST SP 800-63B's advice for memorised secrets chosen by users.
const MinPasswordLength = 12

func (s *Service) normalize(in NewStaff) (NewStaff, error) {
	var fields []apperr.FieldError
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || !strings.Contains(in.Email[strings.LastIndex(in.Email, "@"):], ".") {
		fields = append(fields, apperr.FieldError{Field: "email", Message: "must be a valid email address"})
	}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 200 {
		fields = append(fields, apperr.FieldError{Field: "name", Message: "is required (at most 200 characters)"})
	}
	if err := s.policy.Check(in.Password, in.Name, in.Email); err != nil {
		ae, _ := apperr.As(err)
		fields = append(fields, ae.Fields...)
	}
	if !in.Role.Valid() {
		fields = append(fields, apperr.FieldError{Field: "role", Message: "must be one of support, fulfilment, sales, admin"})
	}
	if len(fields) > 0 {
		return in, apperr.Invalid("invalid staff user", fields...)
	}
	return in, nil
}

// CreateStaff validates and stores a new staff account with a hashed password.
func (s *Service) CreateStaff(ctx context.Context, in NewStaff) (StaffUser, error) {
	in, err := s.normalize(in)
	if err != nil {
		return StaffUser{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return StaffUser{}, err
	}
	now := s.clock().UTC()
	u := StaffUser{ID: uuid.Must(uuid.NewV7()), Email: in.Email, Name: in.Name, Role: in.Role, PasswordHash: hash, CreatedAt: now, UpdatedAt: now}
	if err := s.store.CreateStaff(ctx, &u); err != nil {
		return StaffUser{}, fmt.Errorf("create staff user %s: %w", in.Email, err)
	}
	return u, nil
}

// EnsureStaff creates the account unless one with that email exists; it reports whether it
// created one. Demo seeding uses it so that re-running never duplicates anyone.
func (s *Service) EnsureStaff(ctx context.Context, in NewStaff) (StaffUser, bool, error) {
	norm, err := s.normalize(in)
	if err != nil {
		return StaffUser{}, false, err
	}
	if u, ok, err := s.store.StaffByEmail(ctx, norm.Email); err != nil || ok {
		return u, false, err
	}
	u, err := s.CreateStaff(ctx, in)
	return u, err == nil, err
}

// ErrBadCredentials is the one answer to every failed login, so it never tells whether an
// account exists.
var ErrBadCredentials = apperr.Unauthorized("the login or password is wrong")

// equaliserHash is verified when no account matches, so a missing account takes as long as a
// wrong password (no user enumeration by timing).
const equaliserHash = "$argon2id$v=19$m=19456,t=2,p=1$gzF9atvEg/CwE8ChggKZCg$ghMNaRVKFT6VXz1yzvtzuQCe8N1Q8GTWm3lm0JN1he8"

// Login checks staff credentials (the login is the staff email) and returns the principal.
// Customers log in with their Login ID or email once registration exists.
func (s *Service) Login(ctx context.Context, login, password string) (Principal, error) {
	email := strings.ToLower(strings.TrimSpace(login))
	u, found, err := s.store.StaffByEmail(ctx, email)
	if err != nil {
		return Principal{}, err
	}
	hash := equaliserHash
	if found {
		hash = u.PasswordHash
	}
	ok, err := VerifyPassword(hash, password)
	if err != nil {
		return Principal{}, fmt.Errorf("login: %w", err)
	}
	if !found || !ok || u.DisabledAt != nil {
		return Principal{}, ErrBadCredentials
	}
	return Principal{ID: u.ID, Kind: KindStaff, Roles: []Role{u.Role}}, nil
}

// Staff returns one staff user.
func (s *Service) Staff(ctx context.Context, id uuid.UUID) (StaffUser, error) {
	u, found, err := s.store.StaffByID(ctx, id)
	if err != nil {
		return StaffUser{}, err
	}
	if !found {
		return StaffUser{}, ErrUnauthenticated
	}
	return u, nil
}
