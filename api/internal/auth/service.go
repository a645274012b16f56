package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
)

// Store is what the service needs from persistence.
type Store interface {
	CreateStaff(ctx context.Context, u *StaffUser) error
	StaffByEmail(ctx context.Context, email string) (StaffUser, bool, error)
	StaffByID(ctx context.Context, id uuid.UUID) (StaffUser, bool, error)
	ListStaff(ctx context.Context) ([]StaffUser, error)
	UpdateStaff(ctx context.Context, id uuid.UUID, cols map[string]any) error
}

// CustomerAccount is what signing in needs to know about a customer.
type CustomerAccount struct {
	ID           uuid.UUID
	PasswordHash string
	Active       bool
	Profile      Profile
}

// Profile is a signed-in caller's own identity.
type Profile struct {
	Type           string // "staff", "consumer" or "business"
	Name           string
	Email          string
	Phone          string
	RegistrationID string
	LoginID        string
}

// CustomerAccounts finds customers; the customers package provides it (through app), so auth
// does not import a higher domain.
type CustomerAccounts interface {
	// ForLogin finds the account a login names (Login ID or email); found is false when none.
	ForLogin(ctx context.Context, login string) (acct CustomerAccount, found bool, err error)
	ByID(ctx context.Context, id uuid.UUID) (CustomerAccount, error)
	SetPasswordHash(ctx context.Context, id uuid.UUID, hash string) error
}

// Throttle limits login attempts per account and per client IP. A successful login clears the
// account's count, so the limits are on failures in a row.
type Throttle struct {
	Limiter    ratelimit.Limiter
	PerAccount ratelimit.Limit
	PerIP      ratelimit.Limit
}

// Auditor records security events (the audit package).
type Auditor interface {
	Record(ctx context.Context, tx *gorm.DB, ev audit.Event) error
}

// Sessions ends every login of an account (the refresh tokens).
type Sessions interface {
	RevokeAllFor(ctx context.Context, kind Kind, subjectID uuid.UUID, reason string) error
}

// Service holds the account rules: staff accounts, and signing in for staff and customers.
type Service struct {
	store     Store
	customers CustomerAccounts
	policy    *PasswordPolicy
	throttle  Throttle
	audit     Auditor
	sessions  Sessions
	clock     func() time.Time
}

func NewService(store Store, customers CustomerAccounts, policy *PasswordPolicy, throttle Throttle, audit Auditor, sessions Sessions, clock func() time.Time) *Service {
	return &Service{store: store, customers: customers, policy: policy, throttle: throttle, audit: audit, sessions: sessions, clock: clock}
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
	err = s.audit.Record(ctx, nil, audit.Event{Action: "staff.created", EntityType: "staff", EntityID: u.ID.String(),
		After: map[string]string{"email": u.Email, "name": u.Name, "role": string(u.Role)}})
	return u, err
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

// Login checks credentials. Staff sign in with their email; customers with their Login ID or
// email. Every failure gets the same answer in about the same time; too many failures for one
// account or from one IP address get 429 with Retry-After, before the password is even checked.
func (s *Service) Login(ctx context.Context, login, password, ip string) (Principal, error) {
	login = strings.TrimSpace(login)
	accountKey := "login:account:" + strings.ToUpper(login)
	attempt := map[string]string{"login": login}
	for _, chk := range []struct {
		key   string
		limit ratelimit.Limit
		what  string
	}{{"login:ip:" + ip, s.throttle.PerIP, "failed logins from your network"}, {accountKey, s.throttle.PerAccount, "failed logins for this account"}} {
		if err := ratelimit.Check(ctx, s.throttle.Limiter, chk.key, chk.limit, chk.what); err != nil {
			if apperr.KindOf(err) == apperr.KindRateLimited {
				err = errors.Join(err, s.audit.Record(ctx, nil, audit.Event{Action: "auth.login.throttled", After: attempt}))
			}
			return Principal{}, err
		}
	}
	p, err := s.checkCredentials(ctx, login, password)
	if errors.Is(err, ErrBadCredentials) {
		if aerr := s.audit.Record(ctx, nil, audit.Event{Action: "auth.login.failed", After: attempt}); aerr != nil {
			return Principal{}, aerr
		}
	}
	if err != nil {
		return Principal{}, err
	}
	// Clear the account's count; the IP's stays, so one address cannot try many accounts.
	if err := s.throttle.Limiter.Reset(ctx, accountKey); err != nil {
		return Principal{}, fmt.Errorf("login: %w", err)
	}
	ctx = audit.WithActor(ctx, audit.Actor{Kind: string(p.Kind), ID: &p.ID, Label: login, IP: ip, RequestID: audit.ActorFrom(ctx).RequestID})
	if err := s.audit.Record(ctx, nil, audit.Event{Action: "auth.login.succeeded", EntityType: string(p.Kind), EntityID: p.ID.String(), After: attempt}); err != nil {
		return Principal{}, err
	}
	return p, nil
}

func (s *Service) checkCredentials(ctx context.Context, login, password string) (Principal, error) {
	type candidate struct {
		hash     string
		disabled bool
		p        Principal
	}
	var candidates []candidate
	email := strings.ToLower(strings.TrimSpace(login))
	if strings.Contains(email, "@") {
		u, found, err := s.store.StaffByEmail(ctx, email)
		if err != nil {
			return Principal{}, err
		}
		if found {
			candidates = append(candidates, candidate{u.PasswordHash, u.DisabledAt != nil, Principal{ID: u.ID, Kind: KindStaff, Roles: []Role{u.Role}}})
		}
	}
	acct, found, err := s.customers.ForLogin(ctx, login)
	if err != nil {
		return Principal{}, err
	}
	if found {
		candidates = append(candidates, candidate{acct.PasswordHash, !acct.Active, Principal{ID: acct.ID, Kind: KindCustomer, Roles: []Role{RoleCustomer}}})
	}
	if len(candidates) == 0 {
		_, _ = VerifyPassword(equaliserHash, password)
		return Principal{}, ErrBadCredentials
	}
	for _, c := range candidates {
		ok, err := VerifyPassword(c.hash, password)
		if err != nil {
			return Principal{}, fmt.Errorf("login: %w", err)
		}
		if ok && !c.disabled {
			return c.p, nil
		}
	}
	return Principal{}, ErrBadCredentials
}

// Principal reloads a refresh token's subject with its current roles; a disabled or deleted
// account is a 401.
func (s *Service) Principal(ctx context.Context, sub Subject) (Principal, error) {
	if sub.Kind == KindCustomer {
		acct, err := s.customers.ByID(ctx, sub.ID)
		if err != nil || !acct.Active {
			return Principal{}, ErrInvalidRefreshToken
		}
		return Principal{ID: acct.ID, Kind: KindCustomer, Roles: []Role{RoleCustomer}}, nil
	}
	u, found, err := s.store.StaffByID(ctx, sub.ID)
	if err != nil {
		return Principal{}, err
	}
	if !found || u.DisabledAt != nil {
		return Principal{}, ErrInvalidRefreshToken
	}
	return Principal{ID: u.ID, Kind: KindStaff, Roles: []Role{u.Role}}, nil
}

// Me returns the caller's own profile.
func (s *Service) Me(ctx context.Context, p Principal) (Profile, error) {
	if p.Kind == KindCustomer {
		acct, err := s.customers.ByID(ctx, p.ID)
		if err != nil || !acct.Active {
			return Profile{}, ErrUnauthenticated
		}
		return acct.Profile, nil
	}
	u, err := s.Staff(ctx, p.ID)
	if err != nil || u.DisabledAt != nil {
		return Profile{}, ErrUnauthenticated
	}
	return Profile{Type: string(KindStaff), Name: u.Name, Email: u.Email}, nil
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

// ListStaff returns every staff account.
func (s *Service) ListStaff(ctx context.Context) ([]StaffUser, error) { return s.store.ListStaff(ctx) }

var ErrSelfLockout = apperr.Conflict("you cannot disable your own account or take away your own admin role")

// StaffChange is an admin's edit of a staff account; nil fields stay as they are.
type StaffChange struct {
	Role     *Role
	Disabled *bool
}

// UpdateStaff changes a staff account's role or disables/enables it. Disabling ends its logins.
func (s *Service) UpdateStaff(ctx context.Context, by Principal, id uuid.UUID, ch StaffChange) (StaffUser, error) {
	u, found, err := s.store.StaffByID(ctx, id)
	if err != nil {
		return StaffUser{}, err
	}
	if !found {
		return StaffUser{}, ErrStaffNotFound
	}
	if id == by.ID && ((ch.Disabled != nil && *ch.Disabled) || (ch.Role != nil && *ch.Role != RoleAdmin)) {
		return StaffUser{}, ErrSelfLockout
	}
	before := staffSnapshot(u)
	now := s.clock().UTC()
	cols := map[string]any{"updated_at": now}
	if ch.Role != nil {
		if !ch.Role.Valid() {
			return StaffUser{}, apperr.Field("role", "must be one of support, fulfilment, sales, admin")
		}
		cols["role"], u.Role = *ch.Role, *ch.Role
	}
	if ch.Disabled != nil {
		if *ch.Disabled && u.DisabledAt == nil {
			cols["disabled_at"], u.DisabledAt = now, &now
		} else if !*ch.Disabled {
			cols["disabled_at"], u.DisabledAt = nil, nil
		}
	}
	if err := s.store.UpdateStaff(ctx, id, cols); err != nil {
		return StaffUser{}, err
	}
	if u.DisabledAt != nil {
		if err := s.sessions.RevokeAllFor(ctx, KindStaff, id, RevokeReasonAccountDisabled); err != nil {
			return StaffUser{}, err
		}
	}
	err = s.audit.Record(ctx, nil, audit.Event{Action: "staff.updated", EntityType: "staff", EntityID: id.String(), Before: before, After: staffSnapshot(u)})
	return u, err
}

func staffSnapshot(u StaffUser) map[string]any {
	return map[string]any{"email": u.Email, "role": u.Role, "disabled": u.DisabledAt != nil}
}

var ErrWrongPassword = apperr.Field("current_password", "is not your current password")

// ChangePassword replaces the caller's password after checking the current one, and ends every
// login of the account (other devices must sign in again).
func (s *Service) ChangePassword(ctx context.Context, p Principal, current, next string) error {
	var hash, name, email string
	if p.Kind == KindCustomer {
		acct, err := s.customers.ByID(ctx, p.ID)
		if err != nil {
			return err
		}
		hash, name, email = acct.PasswordHash, acct.Profile.Name, acct.Profile.Email
	} else {
		u, err := s.Staff(ctx, p.ID)
		if err != nil {
			return err
		}
		hash, name, email = u.PasswordHash, u.Name, u.Email
	}
	ok, err := VerifyPassword(hash, current)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if !ok {
		return ErrWrongPassword
	}
	if err := s.policy.Check(next, name, email); err != nil {
		ae, _ := apperr.As(err)
		return apperr.Field("new_password", ae.Fields[0].Message)
	}
	newHash, err := HashPassword(next)
	if err != nil {
		return err
	}
	if p.Kind == KindCustomer {
		err = s.customers.SetPasswordHash(ctx, p.ID, newHash)
	} else {
		err = s.store.UpdateStaff(ctx, p.ID, map[string]any{"password_hash": newHash, "updated_at": s.clock().UTC()})
	}
	if err != nil {
		return err
	}
	if err := s.sessions.RevokeAllFor(ctx, p.Kind, p.ID, RevokeReasonPasswordChanged); err != nil {
		return err
	}
	return s.audit.Record(ctx, nil, audit.Event{Action: "auth.password_changed", EntityType: string(p.Kind), EntityID: p.ID.String()})
}
