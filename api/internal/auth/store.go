package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// GormStore keeps staff users with GORM.
type GormStore struct{ db *gorm.DB }

func NewStore(db *gorm.DB) *GormStore { return &GormStore{db: db} }

func (s *GormStore) CreateStaff(ctx context.Context, u *StaffUser) error {
	err := s.db.WithContext(ctx).Create(u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrStaffEmailTaken
	}
	if err != nil {
		return fmt.Errorf("insert staff user: %w", err)
	}
	return nil
}

func (s *GormStore) StaffByEmail(ctx context.Context, email string) (StaffUser, bool, error) {
	return s.staffWhere(ctx, "email = ?", email)
}

func (s *GormStore) StaffByID(ctx context.Context, id uuid.UUID) (StaffUser, bool, error) {
	return s.staffWhere(ctx, "id = ?", id)
}

func (s *GormStore) staffWhere(ctx context.Context, cond string, arg any) (StaffUser, bool, error) {
	var u StaffUser
	err := s.db.WithContext(ctx).Where(cond, arg).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return StaffUser{}, false, nil
	}
	if err != nil {
		return StaffUser{}, false, fmt.Errorf("find staff user: %w", err)
	}
	return u, true, nil
}

// ListStaff returns every staff user, newest first (a seller has tens, not thousands).
func (s *GormStore) ListStaff(ctx context.Context) ([]StaffUser, error) {
	var out []StaffUser
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list staff users: %w", err)
	}
	return out, nil
}

// UpdateStaff writes the given columns of one staff user.
func (s *GormStore) UpdateStaff(ctx context.Context, id uuid.UUID, cols map[string]any) error {
	if err := s.db.WithContext(ctx).Model(&StaffUser{}).Where("id = ?", id).Updates(cols).Error; err != nil {
		return fmt.Errorf("update staff user: %w", err)
	}
	return nil
}
