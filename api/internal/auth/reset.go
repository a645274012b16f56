package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
)

// Reset rules: a 6-digit code by email, valid 15 minutes, 5 tries, at most 3 requests an hour
// per account.
const (
	resetTTL         = 15 * time.Minute
	resetMaxAttempts = 5
)

var resetRequests = ratelimit.Limit{Events: 3, Window: time.Hour}

// ErrBadResetCode answers every failed confirmation alike: unknown account, wrong, expired or
// used-up code.
var ErrBadResetCode = apperr.Field("code", "is wrong or has expired; ask for a new code")

// ResetMailer emails a reset code inside the request's transaction (the notify outbox, via app).
type ResetMailer interface {
	SendPasswordReset(ctx context.Context, tx *gorm.DB, email, code, link string) error
}

// PasswordReset is one row of password_resets.
type PasswordReset struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	SubjectKind Kind
	SubjectID   uuid.UUID
	CodeHash    string
	Attempts    int
	CreatedAt   time.Time
	ExpiresAt   time.Time
	UsedAt      *time.Time
}

func (PasswordReset) TableName() string { return "password_resets" }

// Resets runs "forgot my password".
type Resets struct {
	db      *gorm.DB
	svc     *Service
	mailer  ResetMailer
	key     []byte
	baseURL string // the SPA's reset page, e.g. https://shop.example.com/reset-password
}

func NewResets(db *gorm.DB, svc *Service, mailer ResetMailer, key []byte, baseURL string) *Resets {
	return &Resets{db: db, svc: svc, mailer: mailer, key: key, baseURL: baseURL}
}

type resetTarget struct {
	kind        Kind
	id          uuid.UUID
	email, name string
}

// find resolves a login to one account (staff by email first, then customers).
func (r *Resets) find(ctx context.Context, login string) (resetTarget, bool, error) {
	email := strings.ToLower(strings.TrimSpace(login))
	if strings.Contains(email, "@") {
		u, found, err := r.svc.store.StaffByEmail(ctx, email)
		if err != nil {
			return resetTarget{}, false, err
		}
		if found && u.DisabledAt == nil {
			return resetTarget{KindStaff, u.ID, u.Email, u.Name}, true, nil
		}
	}
	acct, found, err := r.svc.customers.ForLogin(ctx, login)
	if err != nil || !found || !acct.Active {
		return resetTarget{}, false, err
	}
	return resetTarget{KindCustomer, acct.ID, acct.Profile.Email, acct.Profile.Name}, true, nil
}

// Request emails a reset code when the login names an account. The answer is the same whether
// or not it does, so the endpoint cannot be used to find accounts.
func (r *Resets) Request(ctx context.Context, login string) error {
	t, found, err := r.find(ctx, login)
	if err != nil || !found {
		return err
	}
	key := "password_reset:" + string(t.kind) + ":" + t.id.String()
	if err := ratelimit.Check(ctx, r.svc.throttle.Limiter, key, resetRequests, "password reset requests for this account"); err != nil {
		if apperr.KindOf(err) == apperr.KindRateLimited {
			return nil // silently: a 429 here would reveal that the account exists
		}
		return err
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return fmt.Errorf("generate reset code: %w", err)
	}
	code := fmt.Sprintf("%06d", n.Int64())
	now := r.svc.clock().UTC()
	row := PasswordReset{ID: uuid.Must(uuid.NewV7()), SubjectKind: t.kind, SubjectID: t.id, CodeHash: r.hash(t.kind, t.id, code), CreatedAt: now, ExpiresAt: now.Add(resetTTL)}
	link := r.baseURL + "?" + url.Values{"login": {login}, "code": {code}}.Encode()
	return r.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// One live code per account: older ones stop working.
		if err := tx.Model(&PasswordReset{}).Where("subject_kind = ? AND subject_id = ? AND used_at IS NULL", t.kind, t.id).Update("used_at", now).Error; err != nil {
			return fmt.Errorf("retire reset codes: %w", err)
		}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("store reset code: %w", err)
		}
		if err := r.mailer.SendPasswordReset(ctx, tx, t.email, code, link); err != nil {
			return err
		}
		return r.svc.audit.Record(ctx, tx, audit.Event{Action: "auth.password_reset_requested", EntityType: string(t.kind), EntityID: t.id.String()})
	})
}

// Confirm sets a new password with a valid code and ends every login of the account.
func (r *Resets) Confirm(ctx context.Context, login, code, newPassword string) error {
	t, found, err := r.find(ctx, login)
	if err != nil {
		return err
	}
	if !found {
		return ErrBadResetCode
	}
	now := r.svc.clock().UTC()
	var row PasswordReset
	err = r.db.WithContext(ctx).Where("subject_kind = ? AND subject_id = ? AND used_at IS NULL AND expires_at > ?", t.kind, t.id, now).
		Order("id DESC").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrBadResetCode
	}
	if err != nil {
		return fmt.Errorf("find reset code: %w", err)
	}
	// Count the try first and on its own, so a wrong code cannot roll the count back.
	res := r.db.WithContext(ctx).Model(&PasswordReset{}).Where("id = ? AND attempts < ?", row.ID, resetMaxAttempts).Update("attempts", gorm.Expr("attempts + 1"))
	if res.Error != nil {
		return fmt.Errorf("count reset attempt: %w", res.Error)
	}
	if res.RowsAffected == 0 || !hmac.Equal([]byte(r.hash(t.kind, t.id, strings.TrimSpace(code))), []byte(row.CodeHash)) {
		return ErrBadResetCode
	}
	if err := r.svc.policy.Check(newPassword, t.name, t.email); err != nil {
		ae, _ := apperr.As(err)
		return apperr.Field("new_password", ae.Fields[0].Message)
	}
	hash, err := HashPassword(newPassword)
	if err != nil {
		return err
	}
	used := r.db.WithContext(ctx).Model(&PasswordReset{}).Where("id = ? AND used_at IS NULL", row.ID).Update("used_at", now)
	if used.Error != nil {
		return fmt.Errorf("use reset code: %w", used.Error)
	}
	if used.RowsAffected == 0 {
		return ErrBadResetCode // a concurrent confirmation won
	}
	if t.kind == KindCustomer {
		err = r.svc.customers.SetPasswordHash(ctx, t.id, hash)
	} else {
		err = r.svc.store.UpdateStaff(ctx, t.id, map[string]any{"password_hash": hash, "updated_at": now})
	}
	if err != nil {
		return err
	}
	if err := r.svc.sessions.RevokeAllFor(ctx, t.kind, t.id, RevokeReasonPasswordReset); err != nil {
		return err
	}
	return r.svc.audit.Record(ctx, nil, audit.Event{Action: "auth.password_reset", EntityType: string(t.kind), EntityID: t.id.String()})
}

// Purge deletes reset rows that expired before now.
func (r *Resets) Purge(ctx context.Context, now time.Time) (int64, error) {
	res := r.db.WithContext(ctx).Where("expires_at < ?", now.UTC()).Delete(&PasswordReset{})
	if res.Error != nil {
		return 0, fmt.Errorf("purge password resets: %w", res.Error)
	}
	return res.RowsAffected, nil
}

func (r *Resets) hash(kind Kind, id uuid.UUID, code string) string {
	mac := hmac.New(sha256.New, r.key)
	mac.Write([]byte("reset:" + string(kind) + ":" + id.String() + ":" + code))
	return hex.EncodeToString(mac.Sum(nil))
}
