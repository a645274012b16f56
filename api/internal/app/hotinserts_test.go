package app

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/pricing"
)

// The rows an order writes are inserted with statements db.InsertOf writes itself; each must be
// exactly the statement GORM's Create builds for the model (the model is the one source of its
// columns), with pointers set and unset.
func TestOrderInsertsAreGORMsCreates(t *testing.T) {
	a := newTestApp(t)
	now := time.Now().UTC()
	po, staff := "PO-1", uuid.New()
	from := ordering.Placed
	related := "order"
	order := func(full bool) *ordering.Order {
		o := &ordering.Order{ID: uuid.New(), Reference: "ORD-AAAA-BBBB", CustomerID: uuid.New(), Status: ordering.Placed, Priority: "standard", Channel: ordering.ChannelWeb,
			Currency: "USD", Total: 100, AppliedOffers: "[]", Ship: ordering.Address{Name: "A", Line1: "1 St", City: "C", PostalCode: "1", Country: "US"},
			PlacedAt: now, UpdatedAt: now, Version: 1, Lines: []ordering.Line{{ID: uuid.New()}}}
		if full {
			o.PurchaseOrderNumber, o.PlacedByStaffID = &po, &staff
		}
		return o
	}
	for _, model := range []any{&ordering.Order{}, &ordering.Line{}, &ordering.Event{}, &pricing.Redemption{}, &notify.Message{}} {
		if !db.PlainInsert(a.DB.Gorm, model) {
			t.Errorf("InsertOf leaves %T to GORM", model)
		}
	}
	for _, tc := range []struct {
		name string
		rows any
	}{
		{"order", order(false)},
		{"order with every option", order(true)},
		{"lines", &[]ordering.Line{{ID: uuid.New(), LineNo: 1, SKU: "A"}, {ID: uuid.New(), LineNo: 2, SKU: "B"}}},
		{"event", &ordering.Event{ID: uuid.New(), ToStatus: ordering.Placed, ActorKind: "customer", ActorID: &staff, CreatedAt: now}},
		{"event from a status", &ordering.Event{ID: uuid.New(), FromStatus: &from, ToStatus: ordering.Confirmed, CreatedAt: now}},
		{"redemptions", &[]pricing.Redemption{{ID: uuid.New(), OfferID: uuid.New(), CreatedAt: now}}},
		{"messages", []*notify.Message{{ID: uuid.New(), Channel: notify.ChannelEmail, RelatedType: &related, CreatedAt: now, UpdatedAt: now},
			{ID: uuid.New(), Channel: notify.ChannelSMS, SentAt: &now, CreatedAt: now, UpdatedAt: now}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := db.Built(a.DB.Gorm, func(d *gorm.DB) *gorm.DB { return d.Omit("Lines").Create(tc.rows) })
			got := db.InsertOf(a.DB.Gorm, tc.rows)
			if got.SQL != want.SQL || !reflect.DeepEqual(got.Vars, want.Vars) {
				t.Fatalf("InsertOf:\n%s\n%#v\nCreate:\n%s\n%#v", got.SQL, got.Vars, want.SQL, want.Vars)
			}
		})
	}
}
