package ordering

import (
	"testing"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// TestEveryTransitionForEveryMover checks the whole table: each (from, to) pair for the customer
// and each staff role, allowed or not, and with which error.
func TestEveryTransitionForEveryMover(t *testing.T) {
	movers := map[string]Mover{
		"customer":   {Customer: true},
		"anonymous":  {},
		"support":    {Staff: true, Roles: []auth.Role{auth.RoleSupport}},
		"fulfilment": {Staff: true, Roles: []auth.Role{auth.RoleFulfilment}},
		"sales":      {Staff: true, Roles: []auth.Role{auth.RoleSales}},
		"admin":      {Staff: true, Roles: []auth.Role{auth.RoleAdmin}},
	}
	// allowed[from][to] lists the movers that may make the move; pairs not listed do not exist.
	allowed := map[Status]map[Status][]string{
		Placed:     {Confirmed: {"support", "sales", "admin"}, Cancelled: {"customer", "support", "sales", "admin"}},
		Confirmed:  {Processing: {"fulfilment", "admin"}, Cancelled: {"customer", "support", "sales", "admin"}},
		Processing: {Shipped: {"fulfilment", "admin"}, Cancelled: {"support", "admin"}},
		Shipped:    {Delivered: {"fulfilment", "support", "admin"}},
		Delivered:  {Returned: {"fulfilment", "support", "admin"}},
	}
	for _, from := range Statuses {
		for _, to := range Statuses {
			who, exists := allowed[from][to]
			for name, m := range movers {
				_, err := Check(from, to, m)
				ok := false
				for _, w := range who {
					ok = ok || w == name
				}
				switch {
				case ok && err != nil:
					t.Errorf("%s %s→%s: %v, want allowed", name, from, to, err)
				case !ok && exists && apperr.KindOf(err) != apperr.KindForbidden:
					t.Errorf("%s %s→%s: %v, want forbidden", name, from, to, err)
				case !exists && apperr.KindOf(err) != apperr.KindConflict:
					t.Errorf("%s %s→%s: %v, want conflict", name, from, to, err)
				}
			}
		}
	}
}

func TestIllegalMoveListsTheAllowedOnes(t *testing.T) {
	_, err := Check(Placed, Shipped, Mover{Staff: true, Roles: []auth.Role{auth.RoleAdmin}})
	if err == nil || err.Error() != "an order that is placed cannot become shipped; allowed now: confirmed, cancelled" {
		t.Fatalf("%v", err)
	}
	_, err = Check(Cancelled, Placed, Mover{Customer: true})
	if err == nil || err.Error() != "an order that is cancelled cannot become placed; allowed now: none" {
		t.Fatalf("%v", err)
	}
}

func TestStockEffects(t *testing.T) {
	admin := Mover{Staff: true, Roles: []auth.Role{auth.RoleAdmin}}
	for _, tc := range []struct {
		from, to Status
		want     StockEffect
	}{
		{Placed, Cancelled, StockRelease}, {Confirmed, Cancelled, StockRelease}, {Processing, Cancelled, StockRelease},
		{Processing, Shipped, StockShip}, {Delivered, Returned, StockRestock}, {Placed, Confirmed, StockNone},
	} {
		tr, err := Check(tc.from, tc.to, admin)
		if err != nil || tr.Stock != tc.want {
			t.Errorf("%s→%s: %v %v", tc.from, tc.to, tr.Stock, err)
		}
	}
}
