package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Refresh tokens (DESIGN §8): opaque, hashed at rest, rotated on every use; presenting a token
// that was already rotated revokes every token descended from the same login (its family).

// RefreshTokenPrefix marks refresh tokens so that secret scanners and people recognise a leaked one.
const RefreshTokenPrefix = "ort_"

const (
	refreshTokenBytes = 32
	refreshTokenLen   = len(RefreshTokenPrefix) + 43 // base64url of 32 bytes, no padding

	maxUserAgentBytes = 512
	maxIPBytes        = 64

	// refreshPurgeBatch bounds each delete so a large backlog never holds a long lock.
	refreshPurgeBatch = 1000
)

// Reasons stored in refresh_tokens.revoked_reason.
const (
	RevokeReasonLogout          = "logout"
	RevokeReasonReuseDetected   = "reuse_detected"
	RevokeReasonPasswordChanged = "password_changed"
	RevokeReasonPasswordReset   = "password_reset"
	RevokeReasonAccountDisabled = "account_disabled"
)

// ErrInvalidRefreshToken is the one answer for an unknown, malformed, expired, revoked or reused
// refresh token: the client must log in again, and learns nothing about which case it was.
var ErrInvalidRefreshToken = apperr.Unauthorized("the refresh token is invalid or has expired: log in again")

// ErrRefreshTokenReused is also in the chain of the error Rotate returns when it detected reuse
// and revoked the family, so the caller can audit or log it. Clients only ever see
// ErrInvalidRefreshToken's message.
var ErrRefreshTokenReused = errors.New("refresh token reuse detected: token family revoked")

// RefreshToken is one row of refresh_tokens. The token itself is never stored, only its hash.
type RefreshToken struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	FamilyID      uuid.UUID
	SubjectID     uuid.UUID
	SubjectKind   Kind
	TokenHash     string
	CreatedAt     time.Time
	ExpiresAt     time.Time
	UsedAt        *time.Time
	RevokedAt     *time.Time
	RevokedReason *string
	UserAgent     string
	IP            string `gorm:"column:ip"`
}

func (RefreshToken) TableName() string { return "refresh_tokens" }

// Subject is whom a refresh token was issued to. Roles are not stored with the token: the caller
// reloads them (and checks the account is still enabled) before issuing an access token.
type Subject struct {
	ID   uuid.UUID
	Kind Kind
}

// ClientMeta describes the client a token was issued to, for the user's session list and for
// investigating abuse.
type ClientMeta struct {
	UserAgent string
	IP        string
}

// RefreshTokens issues, rotates and revokes refresh tokens.
type RefreshTokens struct {
	db    *gorm.DB
	ttl   time.Duration
	clock func() time.Time
}

// NewRefreshTokens returns the refresh-token component. ttl is the lifetime of each token; every
// rotation issues a new token with a fresh ttl.
func NewRefreshTokens(db *gorm.DB, ttl time.Duration, clock func() time.Time) *RefreshTokens {
	if ttl <= 0 {
		panic("auth: refresh token ttl must be positive")
	}
	if clock == nil {
		clock = time.Now
	}
	return &RefreshTokens{db: db, ttl: ttl, clock: clock}
}

// now is UTC with PostgreSQL's microsecond precision, so a time read back equals the one written.
func (r *RefreshTokens) now() time.Time { return r.clock().UTC().Truncate(time.Microsecond) }

// Issue starts a new token family for p (a login) and returns its first token.
func (r *RefreshTokens) Issue(ctx context.Context, p Principal, meta ClientMeta) (string, time.Time, error) {
	if p.ID == uuid.Nil || (p.Kind != KindStaff && p.Kind != KindCustomer) {
		return "", time.Time{}, fmt.Errorf("issue refresh token: invalid principal %q/%s", p.Kind, p.ID)
	}
	family, err := uuid.NewV7()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue refresh token: %w", err)
	}
	return r.insert(r.db.WithContext(ctx), family, Subject{ID: p.ID, Kind: p.Kind}, meta, r.now())
}

// Rotate exchanges a refresh token for a new one in the same family and returns the subject it
// belongs to. Everything happens in one transaction. A token that was already rotated (by
// anyone, including a concurrent call that won the race) means it has been copied: the whole
// family is revoked and the error wraps both ErrInvalidRefreshToken and ErrRefreshTokenReused.
func (r *RefreshTokens) Rotate(ctx context.Context, token string, meta ClientMeta) (Subject, string, time.Time, error) {
	if !wellFormedRefreshToken(token) {
		return Subject{}, "", time.Time{}, ErrInvalidRefreshToken
	}
	hash := hashRefreshToken(token)
	var (
		subject  Subject
		newToken string
		expires  time.Time
		reused   bool
	)
	err := r.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := r.now()
		var old RefreshToken
		err := tx.Where("token_hash = ?", hash).Take(&old).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrInvalidRefreshToken
		}
		if err != nil {
			return fmt.Errorf("find refresh token: %w", err)
		}
		switch {
		case old.RevokedAt != nil:
			return ErrInvalidRefreshToken
		case old.UsedAt != nil:
			// Checked before expiry: an old used token presented again is still a stolen copy.
			// Returning nil commits the revocation; the error is returned after the commit.
			reused = true
			return revokeRefreshWhere(tx, now, RevokeReasonReuseDetected, "family_id = ?", old.FamilyID)
		case !now.Before(old.ExpiresAt):
			return ErrInvalidRefreshToken
		}
		// The conditional update decides between concurrent rotations: on PostgreSQL the loser
		// waits for the winner's row lock and then matches no row; on SQLite the single
		// connection and BEGIN IMMEDIATE serialise them and the loser sees used_at above.
		res := tx.Model(&RefreshToken{}).
			Where("id = ? AND used_at IS NULL AND revoked_at IS NULL", old.ID).
			Update("used_at", now)
		if res.Error != nil {
			return fmt.Errorf("mark refresh token used: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			// Rotated (or revoked) by someone else since we read it: the same token was
			// presented twice at once, which is reuse too.
			reused = true
			return revokeRefreshWhere(tx, now, RevokeReasonReuseDetected, "family_id = ?", old.FamilyID)
		}
		subject = Subject{ID: old.SubjectID, Kind: old.SubjectKind}
		newToken, expires, err = r.insert(tx, old.FamilyID, subject, meta, now)
		return err
	})
	if errors.Is(err, ErrInvalidRefreshToken) {
		return Subject{}, "", time.Time{}, ErrInvalidRefreshToken
	}
	if err != nil {
		return Subject{}, "", time.Time{}, fmt.Errorf("rotate refresh token: %w", err)
	}
	if reused {
		return Subject{}, "", time.Time{}, fmt.Errorf("%w (%w)", ErrInvalidRefreshToken, ErrRefreshTokenReused)
	}
	return subject, newToken, expires, nil
}

// Revoke ends the session a token belongs to (logout): every token of its family is revoked.
// An unknown, malformed or already revoked token is not an error, so logout is idempotent.
func (r *RefreshTokens) Revoke(ctx context.Context, token string) error {
	if !wellFormedRefreshToken(token) {
		return nil
	}
	db := r.db.WithContext(ctx)
	family := db.Model(&RefreshToken{}).Select("family_id").Where("token_hash = ?", hashRefreshToken(token))
	if err := revokeRefreshWhere(db, r.now(), RevokeReasonLogout, "family_id IN (?)", family); err != nil {
		return fmt.Errorf("revoke refresh token: %w", err)
	}
	return nil
}

// RevokeAllFor revokes every refresh token of one subject (password changed or reset, account
// disabled). Tokens of other subjects, including one of the other kind with the same ID, stay.
func (r *RefreshTokens) RevokeAllFor(ctx context.Context, kind Kind, subjectID uuid.UUID, reason string) error {
	if reason == "" {
		return errors.New("revoke refresh tokens: a reason is required")
	}
	err := revokeRefreshWhere(r.db.WithContext(ctx), r.now(), reason, "subject_kind = ? AND subject_id = ?", kind, subjectID)
	if err != nil {
		return fmt.Errorf("revoke refresh tokens of %s %s: %w", kind, subjectID, err)
	}
	return nil
}

// Purge deletes tokens that expired before before and returns how many it removed. Used and
// revoked tokens stay until they expire, so reuse is still detected until then.
func (r *RefreshTokens) Purge(ctx context.Context, before time.Time) (int64, error) {
	db := r.db.WithContext(ctx)
	var total int64
	for {
		batch := db.Model(&RefreshToken{}).Select("id").Where("expires_at < ?", before.UTC()).Limit(refreshPurgeBatch)
		res := db.Where("id IN (?)", batch).Delete(&RefreshToken{})
		if res.Error != nil {
			return total, fmt.Errorf("purge expired refresh tokens: %w", res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < refreshPurgeBatch {
			return total, nil
		}
	}
}

func (r *RefreshTokens) insert(db *gorm.DB, family uuid.UUID, s Subject, meta ClientMeta, now time.Time) (string, time.Time, error) {
	token, err := newRefreshToken()
	if err != nil {
		return "", time.Time{}, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("new refresh token id: %w", err)
	}
	row := RefreshToken{
		ID:          id,
		FamilyID:    family,
		SubjectID:   s.ID,
		SubjectKind: s.Kind,
		TokenHash:   hashRefreshToken(token),
		CreatedAt:   now,
		ExpiresAt:   now.Add(r.ttl),
		UserAgent:   cleanText(meta.UserAgent, maxUserAgentBytes),
		IP:          cleanText(meta.IP, maxIPBytes),
	}
	if err := db.Create(&row).Error; err != nil {
		return "", time.Time{}, fmt.Errorf("insert refresh token: %w", err)
	}
	return token, row.ExpiresAt, nil
}

// revokeRefreshWhere revokes the live tokens matching cond. It repeats until a pass changes
// nothing: on PostgreSQL an UPDATE that waited for a concurrent rotation's row lock does not see
// the successor that rotation inserted, and the next pass (a new snapshot) does. On SQLite the
// second pass is a no-op.
func revokeRefreshWhere(db *gorm.DB, now time.Time, reason, cond string, args ...any) error {
	for {
		res := db.Model(&RefreshToken{}).
			Where("revoked_at IS NULL").
			Where(cond, args...).
			Updates(map[string]any{"revoked_at": now, "revoked_reason": reason})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return nil
		}
	}
}

func newRefreshToken() (string, error) {
	var b [refreshTokenBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate refresh token: %w", err)
	}
	return RefreshTokenPrefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

func hashRefreshToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// wellFormedRefreshToken rejects anything that cannot be one of our tokens without a query.
func wellFormedRefreshToken(token string) bool {
	if len(token) != refreshTokenLen || !strings.HasPrefix(token, RefreshTokenPrefix) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(token[len(RefreshTokenPrefix):])
	return err == nil && len(b) == refreshTokenBytes
}

// cleanText makes client-supplied text storable on both dialects: valid UTF-8 (PostgreSQL
// rejects anything else), no NUL bytes, and at most max bytes (cut on a rune boundary).
func cleanText(s string, max int) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") // drops a rune the cut split
}
