package registration

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// GormStore keeps applications and codes with GORM, on the pool or a transaction (WithTx).
type GormStore struct{ db *gorm.DB }

func NewStore(db *gorm.DB) *GormStore { return &GormStore{db: db} }

func (s *GormStore) WithTx(tx *gorm.DB) *GormStore { return &GormStore{db: tx} }

var openStatuses = []Status{PendingVerification, PendingReview}

func (s *GormStore) Insert(ctx context.Context, a *Application, codes []Code) error {
	if err := s.db.WithContext(ctx).Create(a).Error; err != nil {
		return fmt.Errorf("insert application: %w", err)
	}
	if len(codes) == 0 {
		return nil
	}
	if err := s.db.WithContext(ctx).Create(&codes).Error; err != nil {
		return fmt.Errorf("insert verification codes: %w", err)
	}
	return nil
}

func (s *GormStore) Get(ctx context.Context, id uuid.UUID) (Application, error) {
	var a Application
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Application{}, ErrNotFound
	}
	if err != nil {
		return Application{}, fmt.Errorf("get application: %w", err)
	}
	return a, nil
}

// Transition moves an application from one status to another with the given column changes,
// only if it is still in from; it reports whether it did (a concurrent decision loses).
func (s *GormStore) Transition(ctx context.Context, id uuid.UUID, from []Status, cols map[string]any) (bool, error) {
	res := s.db.WithContext(ctx).Model(&Application{}).Where("id = ? AND status IN ?", id, from).Updates(cols)
	if res.Error != nil {
		return false, fmt.Errorf("update application: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

func (s *GormStore) Code(ctx context.Context, id uuid.UUID, ch Channel) (Code, error) {
	var c Code
	err := s.db.WithContext(ctx).Where("application_id = ? AND channel = ?", id, ch).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Code{}, ErrNotFound
	}
	if err != nil {
		return Code{}, fmt.Errorf("get verification code: %w", err)
	}
	return c, nil
}

// CountAttempt records one try at a code, only while fewer than max were made; false means the
// code is used up.
func (s *GormStore) CountAttempt(ctx context.Context, id uuid.UUID, ch Channel, max int) (bool, error) {
	res := s.db.WithContext(ctx).Model(&Code{}).Where("application_id = ? AND channel = ? AND attempts < ?", id, ch, max).
		Update("attempts", gorm.Expr("attempts + 1"))
	if res.Error != nil {
		return false, fmt.Errorf("count code attempt: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

func (s *GormStore) UpdateCode(ctx context.Context, id uuid.UUID, ch Channel, cols map[string]any) error {
	err := s.db.WithContext(ctx).Model(&Code{}).Where("application_id = ? AND channel = ?", id, ch).Updates(cols).Error
	if err != nil {
		return fmt.Errorf("update verification code: %w", err)
	}
	return nil
}

// Related returns other applications that share the email, phone or tax ID of a (open ones only
// when openOnly).
func (s *GormStore) Related(ctx context.Context, a Application, openOnly bool) ([]Application, error) {
	q := s.db.WithContext(ctx).Where("id <> ?", a.ID)
	match := s.db.Where("email = ?", a.Email).Or("phone = ?", a.Phone)
	if a.Company.TaxID != nil {
		match = match.Or("tax_id = ?", *a.Company.TaxID)
	}
	q = q.Where(match)
	if openOnly {
		q = q.Where("status IN ?", openStatuses)
	}
	var out []Application
	if err := q.Order("id DESC").Limit(20).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("related applications: %w", err)
	}
	return out, nil
}

// RecentFrom counts applications created since from one IP address and with one phone number.
func (s *GormStore) RecentFrom(ctx context.Context, ip, phone string, since time.Time) (fromIP, withPhone int64, err error) {
	db := s.db.WithContext(ctx).Model(&Application{})
	if err = db.Where("created_ip = ? AND created_at > ?", ip, since).Count(&fromIP).Error; err != nil {
		return 0, 0, fmt.Errorf("count applications from ip: %w", err)
	}
	if err = s.db.WithContext(ctx).Model(&Application{}).Where("phone = ? AND created_at > ?", phone, since).Count(&withPhone).Error; err != nil {
		return 0, 0, fmt.Errorf("count applications with phone: %w", err)
	}
	return fromIP, withPhone, nil
}

// List returns applications newest first, optionally of one status, before a keyset cursor.
func (s *GormStore) List(ctx context.Context, status Status, before *uuid.UUID, limit int) ([]Application, error) {
	q := s.db.WithContext(ctx).Order("id DESC").Limit(limit)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	if before != nil {
		q = q.Where("id < ?", *before)
	}
	var out []Application
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list applications: %w", err)
	}
	return out, nil
}
