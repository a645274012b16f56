// Package auth owns staff accounts, roles and password hashing; login, tokens and middleware
// join it with the registration work.
package auth

import (
	"time"

	"github.com/google/uuid"
)

// Role is a staff role (DESIGN §8). Customers are not staff and have no row here.
type Role string

const (
	RoleSupport    Role = "support"
	RoleFulfilment Role = "fulfilment"
	RoleSales      Role = "sales"
	RoleAdmin      Role = "admin"
	// RoleCustomer is every customer's one role; it is never a staff role.
	RoleCustomer Role = "customer"
)

// StaffRoles lists every staff role.
var StaffRoles = []Role{RoleSupport, RoleFulfilment, RoleSales, RoleAdmin}

func (r Role) Valid() bool {
	for _, s := range StaffRoles {
		if r == s {
			return true
		}
	}
	return false
}

// StaffUser is a back-office account.
type StaffUser struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	DisabledAt   *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (StaffUser) TableName() string { return "staff_users" }
