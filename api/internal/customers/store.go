package customers

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// GormStore keeps customers with GORM, on the pool or on a transaction (WithTx).
type GormStore struct{ db *gorm.DB }

func NewStore(db *gorm.DB) *GormStore { return &GormStore{db: db} }

func (s *GormStore) WithTx(tx *gorm.DB) *GormStore { return &GormStore{db: tx} }

// NextValue increments a named counter and returns the new value. The row lock taken by the
// UPDATE serialises concurrent callers until their transactions end, so no two get one value.
func (s *GormStore) NextValue(ctx context.Context, name string) (int64, error) {
	db := s.db.WithContext(ctx)
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&counter{Name: name, Value: 0}).Error; err != nil {
		return 0, fmt.Errorf("create counter %s: %w", name, err)
	}
	if err := db.Model(&counter{}).Where("name = ?", name).Update("value", gorm.Expr("value + 1")).Error; err != nil {
		return 0, fmt.Errorf("advance counter %s: %w", name, err)
	}
	var c counter
	if err := db.Where("name = ?", name).Take(&c).Error; err != nil {
		return 0, fmt.Errorf("read counter %s: %w", name, err)
	}
	return c.Value, nil
}

func (s *GormStore) Insert(ctx context.Context, c *Customer) error {
	err := s.db.WithContext(ctx).Create(c).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return s.whichDuplicate(ctx, c)
	}
	if err != nil {
		return fmt.Errorf("insert customer: %w", err)
	}
	return nil
}

// whichDuplicate names the field a unique violation was about (drivers word it differently).
func (s *GormStore) whichDuplicate(ctx context.Context, c *Customer) error {
	for _, chk := range []struct {
		cond string
		arg  any
		err  error
	}{{"email = ?", c.Email, ErrEmailTaken}, {"phone = ?", c.Phone, ErrPhoneTaken}, {"tax_id = ?", c.Company.TaxID, ErrTaxIDTaken}} {
		if chk.arg == nil || chk.arg == (*string)(nil) {
			continue
		}
		var n int64
		if err := s.db.WithContext(ctx).Model(&Customer{}).Where(chk.cond, chk.arg).Count(&n).Error; err == nil && n > 0 {
			return chk.err
		}
	}
	return fmt.Errorf("insert customer: duplicate identifier")
}

func (s *GormStore) By(ctx context.Context, column string, value any) (Customer, error) {
	var c Customer
	err := s.db.WithContext(ctx).Where(column+" = ?", value).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Customer{}, ErrNotFound
	}
	if err != nil {
		return Customer{}, fmt.Errorf("find customer by %s: %w", column, err)
	}
	return c, nil
}

// Exists reports which of email, phone and tax ID already belong to a customer.
func (s *GormStore) Exists(ctx context.Context, email, phone string, taxID *string) (emailTaken, phoneTaken, taxTaken bool, err error) {
	count := func(cond string, arg any) (bool, error) {
		var n int64
		err := s.db.WithContext(ctx).Model(&Customer{}).Where(cond, arg).Count(&n).Error
		return n > 0, err
	}
	if emailTaken, err = count("email = ?", email); err != nil {
		return
	}
	if phoneTaken, err = count("phone = ?", phone); err != nil {
		return
	}
	if taxID != nil {
		taxTaken, err = count("tax_id = ?", *taxID)
	}
	if err != nil {
		err = fmt.Errorf("check existing customers: %w", err)
	}
	return
}

func (s *GormStore) ByID(ctx context.Context, id uuid.UUID) (Customer, error) {
	return s.By(ctx, "id", id)
}

// customerInGroup is one row of a customer joined with one of their group memberships.
type customerInGroup struct {
	Customer
	MemberGroupID *uuid.UUID
}

// WithGroups returns a customer and the groups they belong to (sorted), in one query.
func (s *GormStore) WithGroups(ctx context.Context, id uuid.UUID) (Customer, []uuid.UUID, error) {
	var rows []customerInGroup
	err := s.db.WithContext(ctx).Model(&Customer{}).
		Select("customers.*, customer_group_members.group_id AS member_group_id").
		Joins("LEFT JOIN customer_group_members ON customer_group_members.customer_id = customers.id").
		Where("customers.id = ?", id).Order("customer_group_members.group_id").Find(&rows).Error
	if err != nil {
		return Customer{}, nil, fmt.Errorf("find customer with groups: %w", err)
	}
	if len(rows) == 0 {
		return Customer{}, nil, ErrNotFound
	}
	var groups []uuid.UUID
	for _, r := range rows {
		if r.MemberGroupID != nil {
			groups = append(groups, *r.MemberGroupID)
		}
	}
	return rows[0].Customer, groups, nil
}

// Update writes the given columns of one customer.
func (s *GormStore) Update(ctx context.Context, id uuid.UUID, cols map[string]any) error {
	res := s.db.WithContext(ctx).Model(&Customer{}).Where("id = ?", id).Updates(cols)
	if res.Error != nil {
		return fmt.Errorf("update customer: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
