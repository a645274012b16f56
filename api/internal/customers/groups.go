package customers

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Group is a set of customers that price lists and catalogs are given to ("Trade", "Schools").
type Group struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	Code        string
	Name        string
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (Group) TableName() string { return "customer_groups" }

// GroupMember puts a customer in a group.
type GroupMember struct {
	GroupID    uuid.UUID `gorm:"primaryKey"`
	CustomerID uuid.UUID `gorm:"primaryKey"`
	CreatedAt  time.Time
}

func (GroupMember) TableName() string { return "customer_group_members" }

var (
	ErrGroupNotFound  = apperr.NotFound("customer group not found")
	ErrGroupCodeTaken = apperr.Exists("code", "a customer group with this code already exists")
	groupCodePattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Auditor records staff changes.
type Auditor interface {
	Record(ctx context.Context, tx *gorm.DB, ev audit.Event) error
}

// Groups manages customer groups and their members.
type Groups struct {
	db    *gorm.DB
	audit Auditor
	clock func() time.Time
	// MemberChanged, when set, hears after a customer joined or left a group (caches drop them).
	MemberChanged func(customerID uuid.UUID)
}

func (g *Groups) changed(err error, customerID uuid.UUID) {
	if err == nil && g.MemberChanged != nil {
		g.MemberChanged(customerID)
	}
}

func NewGroups(db *gorm.DB, audit Auditor, clock func() time.Time) *Groups {
	return &Groups{db: db, audit: audit, clock: clock}
}

// GroupSummary is a group with its member count.
type GroupSummary struct {
	Group
	Members int64
}

// List returns every group with its member count, in two queries.
func (g *Groups) List(ctx context.Context) ([]GroupSummary, error) {
	var groups []Group
	if err := g.db.WithContext(ctx).Order("name").Find(&groups).Error; err != nil {
		return nil, fmt.Errorf("list customer groups: %w", err)
	}
	var counts []struct {
		GroupID uuid.UUID
		N       int64
	}
	if err := g.db.WithContext(ctx).Model(&GroupMember{}).Select("group_id, count(*) AS n").Group("group_id").Scan(&counts).Error; err != nil {
		return nil, fmt.Errorf("count group members: %w", err)
	}
	byGroup := make(map[uuid.UUID]int64, len(counts))
	for _, c := range counts {
		byGroup[c.GroupID] = c.N
	}
	out := make([]GroupSummary, len(groups))
	for i, gr := range groups {
		out[i] = GroupSummary{Group: gr, Members: byGroup[gr.ID]}
	}
	return out, nil
}

// Create adds a group; the code is a stable lower-case handle ("trade").
func (g *Groups) Create(ctx context.Context, code, name, description string) (Group, error) {
	code, name = strings.ToLower(strings.TrimSpace(code)), strings.TrimSpace(name)
	var fields []apperr.FieldError
	if !groupCodePattern.MatchString(code) || len(code) > 40 {
		fields = append(fields, apperr.FieldError{Field: "code", Message: "must be lower-case letters and digits joined by '-', at most 40"})
	}
	if name == "" || len(name) > 100 {
		fields = append(fields, apperr.FieldError{Field: "name", Message: "is required (at most 100 characters)"})
	}
	if len(fields) > 0 {
		return Group{}, apperr.Invalid("the customer group has invalid fields", fields...)
	}
	now := g.clock().UTC()
	gr := Group{ID: uuid.Must(uuid.NewV7()), Code: code, Name: name, Description: strings.TrimSpace(description), CreatedAt: now, UpdatedAt: now}
	err := g.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Group{}).Where("code = ?", code).Count(&n).Error; err != nil {
			return fmt.Errorf("check group code: %w", err)
		}
		if n > 0 {
			return ErrGroupCodeTaken
		}
		if err := tx.Create(&gr).Error; err != nil {
			return fmt.Errorf("create customer group: %w", err)
		}
		return g.audit.Record(ctx, tx, audit.Event{Action: "customer_group.created", EntityType: "customer_group", EntityID: gr.ID.String(),
			After: map[string]any{"code": code, "name": name}})
	})
	return gr, err
}

// Members returns the customers of a group, ordered by Login ID.
func (g *Groups) Members(ctx context.Context, groupID uuid.UUID) ([]Customer, error) {
	if err := g.exists(ctx, g.db, groupID); err != nil {
		return nil, err
	}
	var out []Customer
	err := g.db.WithContext(ctx).Where("id IN (?)", g.db.Model(&GroupMember{}).Select("customer_id").Where("group_id = ?", groupID)).
		Order("login_id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list group members: %w", err)
	}
	return out, nil
}

func (g *Groups) exists(ctx context.Context, db *gorm.DB, id uuid.UUID) error {
	var n int64
	if err := db.WithContext(ctx).Model(&Group{}).Where("id = ?", id).Count(&n).Error; err != nil {
		return fmt.Errorf("find customer group: %w", err)
	}
	if n == 0 {
		return ErrGroupNotFound
	}
	return nil
}

// AddMember puts a customer (by Login ID or email) in a group; adding twice is harmless.
func (g *Groups) AddMember(ctx context.Context, groupID uuid.UUID, login string) (Customer, error) {
	var c Customer
	err := g.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := g.exists(ctx, tx, groupID); err != nil {
			return err
		}
		login = strings.TrimSpace(login)
		q := tx.Where("email = ?", strings.ToLower(login))
		if up := strings.ToUpper(login); loginIDPattern.MatchString(up) {
			q = tx.Where("login_id = ?", up)
		}
		if err := q.Take(&c).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.Field("customer", "no customer has this Login ID or email")
		} else if err != nil {
			return fmt.Errorf("find customer: %w", err)
		}
		var n int64
		if err := tx.Model(&GroupMember{}).Where("group_id = ? AND customer_id = ?", groupID, c.ID).Count(&n).Error; err != nil {
			return fmt.Errorf("check membership: %w", err)
		}
		if n > 0 {
			return nil
		}
		if err := tx.Create(&GroupMember{GroupID: groupID, CustomerID: c.ID, CreatedAt: g.clock().UTC()}).Error; err != nil {
			return fmt.Errorf("add group member: %w", err)
		}
		return g.audit.Record(ctx, tx, audit.Event{Action: "customer_group.member_added", EntityType: "customer_group", EntityID: groupID.String(),
			After: map[string]any{"customer_id": c.ID, "login_id": c.LoginID}})
	})
	g.changed(err, c.ID)
	return c, err
}

// RemoveMember takes a customer out of a group.
func (g *Groups) RemoveMember(ctx context.Context, groupID, customerID uuid.UUID) (err error) {
	defer func() { g.changed(err, customerID) }()
	return g.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("group_id = ? AND customer_id = ?", groupID, customerID).Delete(&GroupMember{})
		if res.Error != nil {
			return fmt.Errorf("remove group member: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return apperr.NotFound("this customer is not in the group")
		}
		return g.audit.Record(ctx, tx, audit.Event{Action: "customer_group.member_removed", EntityType: "customer_group", EntityID: groupID.String(),
			Before: map[string]any{"customer_id": customerID}})
	})
}

// Of returns the groups a customer belongs to.
func (g *Groups) Of(ctx context.Context, customerID uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	if err := g.db.WithContext(ctx).Model(&GroupMember{}).Where("customer_id = ?", customerID).Order("group_id").Pluck("group_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("customer groups: %w", err)
	}
	return ids, nil
}
