package customers

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

// APIKeyPrefix starts every key, so leaked keys are easy to recognise and scan for.
const APIKeyPrefix = "oms_"

var (
	ErrAPIKeyNotFound   = apperr.NotFound("API key not found")
	ErrAPIKeysBusiness  = apperr.Forbidden("API keys are for business accounts")
	ErrInvalidAPIKey    = apperr.Unauthorized("the API key is invalid or revoked")
	maxKeysPerCustomer  = 20
	lastUsedGranularity = time.Minute
)

// APIKey lets a business customer's own systems act as that customer.
type APIKey struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	CustomerID uuid.UUID
	Name       string
	Prefix     string
	KeyHash    string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (APIKey) TableName() string { return "api_keys" }

// CreateAPIKey makes a key for a business customer and returns it with its secret, which is
// shown this once and never stored.
func (s *Service) CreateAPIKey(ctx context.Context, customerID uuid.UUID, name string) (APIKey, string, error) {
	c, err := s.store.ByID(ctx, customerID)
	if err != nil {
		return APIKey{}, "", err
	}
	if c.Type != Business {
		return APIKey{}, "", ErrAPIKeysBusiness
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return APIKey{}, "", apperr.Field("name", "is required (at most 100 characters), e.g. the system that will use the key")
	}
	var n int64
	if err := s.store.db.WithContext(ctx).Model(&APIKey{}).Where("customer_id = ? AND revoked_at IS NULL", customerID).Count(&n).Error; err != nil {
		return APIKey{}, "", fmt.Errorf("count api keys: %w", err)
	}
	if n >= int64(maxKeysPerCustomer) {
		return APIKey{}, "", apperr.Conflict(fmt.Sprintf("an account can have at most %d active API keys; revoke one first", maxKeysPerCustomer))
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return APIKey{}, "", fmt.Errorf("generate api key: %w", err)
	}
	secret := APIKeyPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	k := APIKey{ID: uuid.Must(uuid.NewV7()), CustomerID: customerID, Name: name, Prefix: secret[:len(APIKeyPrefix)+6],
		KeyHash: hashKey(secret), CreatedAt: s.clock().UTC()}
	if err := s.store.db.WithContext(ctx).Create(&k).Error; err != nil {
		return APIKey{}, "", fmt.Errorf("store api key: %w", err)
	}
	return k, secret, nil
}

// APIKeys lists a customer's keys, newest first.
func (s *Service) APIKeys(ctx context.Context, customerID uuid.UUID) ([]APIKey, error) {
	var out []APIKey
	if err := s.store.db.WithContext(ctx).Where("customer_id = ?", customerID).Order("id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list api keys: %w", err)
	}
	return out, nil
}

// RevokeAPIKey stops a key from working; another customer's key is "not found".
func (s *Service) RevokeAPIKey(ctx context.Context, customerID, id uuid.UUID) error {
	res := s.store.db.WithContext(ctx).Model(&APIKey{}).Where("id = ? AND customer_id = ?", id, customerID).
		Where("revoked_at IS NULL").Update("revoked_at", s.clock().UTC())
	if res.Error != nil {
		return fmt.Errorf("revoke api key: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		var n int64
		s.store.db.WithContext(ctx).Model(&APIKey{}).Where("id = ? AND customer_id = ?", id, customerID).Count(&n)
		if n == 0 {
			return ErrAPIKeyNotFound
		}
	}
	return nil
}

// AuthenticateAPIKey returns the active business customer a key belongs to.
func (s *Service) AuthenticateAPIKey(ctx context.Context, secret string) (Customer, error) {
	if !strings.HasPrefix(secret, APIKeyPrefix) || len(secret) > 100 {
		return Customer{}, ErrInvalidAPIKey
	}
	var k APIKey
	err := s.store.db.WithContext(ctx).Where("key_hash = ? AND revoked_at IS NULL", hashKey(secret)).Take(&k).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Customer{}, ErrInvalidAPIKey
	}
	if err != nil {
		return Customer{}, fmt.Errorf("find api key: %w", err)
	}
	c, err := s.store.ByID(ctx, k.CustomerID)
	if err != nil || c.Status != Active || c.Type != Business {
		return Customer{}, ErrInvalidAPIKey
	}
	now := s.clock().UTC()
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) > lastUsedGranularity {
		// Best effort, at most once a minute: the timestamp helps owners spot unused keys.
		_ = s.store.db.WithContext(ctx).Model(&APIKey{}).Where("id = ?", k.ID).Update("last_used_at", now).Error
	}
	return c, nil
}

func hashKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
