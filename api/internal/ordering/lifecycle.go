package ordering

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Status is where an order is in its life (DESIGN.md §6).
type Status string

const (
	Placed     Status = "placed"
	Confirmed  Status = "confirmed"
	Processing Status = "processing"
	Shipped    Status = "shipped"
	Delivered  Status = "delivered"
	Cancelled  Status = "cancelled"
	Returned   Status = "returned"
)

// Statuses in lifecycle order.
var Statuses = []Status{Placed, Confirmed, Processing, Shipped, Delivered, Cancelled, Returned}

// StockEffect is what a transition does to the stock of the order's lines.
type StockEffect int

const (
	StockNone    StockEffect = iota
	StockRelease             // cancel: reserved units go back to available
	StockShip                // ship: reserved units leave on-hand stock
	StockRestock             // return received: units may come back on hand (staff decide)
)

// Transition is one allowed move. Customer says the order's own customer may make it; Roles
// lists the staff roles that may (admin may always).
type Transition struct {
	From, To Status
	Customer bool
	Roles    []auth.Role
	Stock    StockEffect
}

// transitions is the one table of the lifecycle: every status change is checked against it.
var transitions = []Transition{
	{From: Placed, To: Confirmed, Roles: []auth.Role{auth.RoleSales, auth.RoleSupport}},
	{From: Confirmed, To: Processing, Roles: []auth.Role{auth.RoleFulfilment}},
	{From: Processing, To: Shipped, Roles: []auth.Role{auth.RoleFulfilment}, Stock: StockShip},
	{From: Shipped, To: Delivered, Roles: []auth.Role{auth.RoleFulfilment, auth.RoleSupport}},
	{From: Placed, To: Cancelled, Customer: true, Roles: []auth.Role{auth.RoleSales, auth.RoleSupport}, Stock: StockRelease},
	{From: Confirmed, To: Cancelled, Customer: true, Roles: []auth.Role{auth.RoleSales, auth.RoleSupport}, Stock: StockRelease},
	{From: Processing, To: Cancelled, Roles: []auth.Role{auth.RoleSupport}, Stock: StockRelease},
	{From: Delivered, To: Returned, Roles: []auth.Role{auth.RoleFulfilment, auth.RoleSupport}, Stock: StockRestock},
}

// Mover is who asks for a transition.
type Mover struct {
	Customer bool        // the order's own customer
	Staff    bool        // a staff member with Roles
	Roles    []auth.Role // staff roles
}

func (m Mover) may(t Transition) bool {
	if m.Customer {
		return t.Customer
	}
	if !m.Staff {
		return false
	}
	if slices.Contains(m.Roles, auth.RoleAdmin) {
		return true
	}
	for _, r := range m.Roles {
		if slices.Contains(t.Roles, r) {
			return true
		}
	}
	return false
}

// Next lists the statuses the mover may move an order to from `from`, in lifecycle order.
func Next(from Status, m Mover) []Status {
	var out []Status
	for _, t := range transitions {
		if t.From == from && m.may(t) {
			out = append(out, t.To)
		}
	}
	return out
}

// Check finds the transition from → to for the mover. A move the lifecycle does not allow at all
// is a conflict naming the moves that are possible now; one that exists but not for this mover
// is forbidden.
func Check(from, to Status, m Mover) (Transition, error) {
	for _, t := range transitions {
		if t.From == from && t.To == to {
			if !m.may(t) {
				return Transition{}, apperr.Forbidden(fmt.Sprintf("you may not move an order from %s to %s", from, to))
			}
			return t, nil
		}
	}
	next := Next(from, m)
	names := make([]string, len(next))
	for i, s := range next {
		names[i] = string(s)
	}
	allowed := "none"
	if len(names) > 0 {
		allowed = strings.Join(names, ", ")
	}
	return Transition{}, apperr.Conflict(fmt.Sprintf("an order that is %s cannot become %s; allowed now: %s", from, to, allowed)).
		Typed(ProblemInvalidTransition, string(from))
}
