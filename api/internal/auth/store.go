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
