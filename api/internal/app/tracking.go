package app

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/live"
	"github.com/openoms/oms/api/internal/platform/phone"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
	"github.com/openoms/oms/api/internal/tracking"
)

// newLive picks how change notices reach every replica: PostgreSQL NOTIFY (each replica listens
// while it serves) or, on SQLite's single process, the hub itself.
func (a *App) newLive() {
	a.hub = live.NewHub()
	a.publisher = a.hub
	if a.DB.Dialect == db.Postgres {
		pg := live.NewPG(a.DB.SQL, a.log.With("component", "live"))
		a.publisher = pg
		a.stopPublisher = func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			pg.Close(ctx)
		}
	}
}

// orderChanged publishes a committed order change to its customer's live streams. A lost notice
// costs a client a stale view until its next reload, so failures are logged, not returned.
func (a *App) orderChanged(o ordering.Order) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := a.publisher.Publish(ctx, tracking.Topic(o.CustomerID), orderNotice(o)); err != nil && !errors.Is(err, live.ErrQueueFull) {
		a.log.Warn("live update not published", "order", o.Reference, "err", err)
	}
}

func orderNotice(o ordering.Order) []byte {
	payload, _ := json.Marshal(map[string]any{"reference": o.Reference, "status": o.Status, "updated_at": o.UpdatedAt, "version": o.Version})
	return payload
}

func (a *App) newTracking(templates *notify.Templates, limiter ratelimit.Limiter) *tracking.Service {
	levels := map[ordering.Priority]tracking.Level{}
	for p, l := range a.cfg.ServiceLevels {
		levels[ordering.Priority(p)] = tracking.Level{DispatchDays: l.DispatchDays, DeliveryDays: l.DeliveryDays}
	}
	return tracking.NewService(tracking.Options{
		Orders: a.Ordering, Customers: trackingCustomers{a}, Notify: a.Notify, Templates: templates, DB: a.DB.Gorm,
		Levels: levels, PublicURL: a.cfg.PublicURL, Clock: a.clock, Limiter: limiter,
		LookupLimit: ratelimit.Limit{Events: 20, Window: 10 * time.Minute},
		SMSLimit:    ratelimit.Limit{Events: 3, Window: time.Hour},
	})
}

// trackingCustomers finds accounts by contact for tracking.
type trackingCustomers struct{ a *App }

func (t trackingCustomers) ByContact(ctx context.Context, email, ph string) (uuid.UUID, bool, error) {
	var c customers.Customer
	var err error
	if email != "" {
		c, err = t.a.Customers.ForLogin(ctx, email)
	} else {
		n, perr := phone.Normalize(ph, t.a.cfg.DefaultRegion)
		if perr != nil {
			return uuid.Nil, false, nil
		}
		c, err = t.a.Customers.ByPhone(ctx, n)
	}
	return found(c, err, true)
}

func (t trackingCustomers) ByVerifiedPhone(ctx context.Context, e164 string) (uuid.UUID, bool, error) {
	c, err := t.a.Customers.ByPhone(ctx, e164)
	return found(c, err, c.PhoneVerifiedAt != nil)
}

func (t trackingCustomers) VerifiedPhone(ctx context.Context, id uuid.UUID) (string, bool, error) {
	c, err := t.a.Customers.Get(ctx, id)
	if err != nil {
		return "", false, err
	}
	return c.Phone, c.PhoneVerifiedAt != nil && c.Phone != "", nil
}

// found turns a lookup into (id, whether it counts); "no such customer" is not an error here.
func found(c customers.Customer, err error, counts bool) (uuid.UUID, bool, error) {
	if errors.Is(err, customers.ErrNotFound) {
		return uuid.Nil, false, nil
	}
	if err != nil {
		return uuid.Nil, false, err
	}
	return c.ID, counts && c.Status == customers.Active, nil
}
