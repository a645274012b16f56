package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/idempotency"
)

// newOrdering builds the ordering service on the pricing service and the messaging outbox.
func (a *App) newOrdering() *ordering.Service {
	return ordering.NewService(a.DB.Gorm, a.orderingOptions())
}

func (a *App) orderingOptions() ordering.Options {
	return ordering.Options{
		Pricer: a.Pricing, Notifier: orderNotices{a}, Clock: a.clock, Seller: a.seller(), Changed: a.orderChanged, Postgres: a.DB.Dialect == db.Postgres,
		Surcharge: map[ordering.Priority]int64{ordering.Express: a.cfg.ExpressSurcharge, ordering.Urgent: a.cfg.UrgentSurcharge},
	}
}

// orderRoutes registers customers' orders and the staff queue. Placing an order needs an
// Idempotency-Key, scoped to the caller.
func (a *App) orderRoutes(authed, staff *httpx.Routes) {
	keys := idempotency.NewStore(a.DB.Gorm).Middleware(idempotency.Options{
		TTL: 24 * time.Hour, Abandoned: 2 * time.Minute, Clock: a.clock, InTransaction: true,
		Scope: func(c echo.Context) (string, bool) {
			p, ok := auth.PrincipalFrom(c)
			return string(p.Kind) + ":" + p.ID.String(), ok
		},
	})
	ordering.NewHandler(a.Ordering, a.orderBuyer, a.staffChosenBuyer, a.customerIDFor).Register(authed, staff, keys, auth.RequireStaff(auth.RoleSales, auth.RoleSupport))
}

// seller is who issues order documents: the brand name and the configured address and tax ID.
func (a *App) seller() ordering.Seller {
	s := ordering.Seller{Name: a.cfg.BrandName, TaxID: a.cfg.SellerTaxID}
	for _, l := range strings.Split(a.cfg.SellerAddress, "|") {
		if l = strings.TrimSpace(l); l != "" {
			s.Address = append(s.Address, l)
		}
	}
	return s
}

// customerIDFor finds the customer a staff filter names (Login ID or email), disabled ones too.
func (a *App) customerIDFor(ctx context.Context, login string) (uuid.UUID, error) {
	cust, err := a.Customers.ForLogin(ctx, login)
	if err != nil {
		return uuid.Nil, apperr.Field("customer", "no customer has this Login ID or email")
	}
	return cust.ID, nil
}

var errCustomersOnly = apperr.Forbidden("only customer accounts have orders here; staff use /api/v1/admin/orders")

// orderBuyer is the signed-in customer placing or viewing their orders, from the account cache
// (see accountTTL).
func (a *App) orderBuyer(c echo.Context) (ordering.Buyer, error) {
	p, ok := auth.PrincipalFrom(c)
	if !ok {
		return ordering.Buyer{}, auth.ErrUnauthenticated
	}
	if p.Kind != auth.KindCustomer {
		return ordering.Buyer{}, errCustomersOnly
	}
	acc, err := a.account(c.Request().Context(), p.ID)
	if err != nil {
		return ordering.Buyer{}, err
	}
	return buyerOf(acc.cust, acc.groups)
}

// staffChosenBuyer is the customer staff enter an order for, read afresh.
func (a *App) staffChosenBuyer(c echo.Context, login string) (ordering.Buyer, error) {
	cust, err := a.Customers.ForLogin(c.Request().Context(), login)
	if err != nil {
		return ordering.Buyer{}, apperr.Field("customer", "no customer has this Login ID or email")
	}
	groups, err := a.Groups.Of(c.Request().Context(), cust.ID)
	if err != nil {
		return ordering.Buyer{}, err
	}
	return buyerOf(cust, groups)
}

func buyerOf(cust customers.Customer, groups []uuid.UUID) (ordering.Buyer, error) {
	if cust.Status != customers.Active {
		return ordering.Buyer{}, apperr.Forbidden("this account is disabled; contact us")
	}
	return ordering.Buyer{CustomerID: cust.ID, Business: cust.Type == customers.Business, Groups: groups, Name: cust.Name, LoginID: cust.LoginID,
		Address: ordering.Address{Line1: cust.Address.Line1, Line2: cust.Address.Line2, City: cust.Address.City,
			PostalCode: cust.Address.PostalCode, Country: cust.Address.Country},
		Contact: contactOf(cust)}, nil
}

func contactOf(cust customers.Customer) ordering.Contact {
	return ordering.Contact{Email: cust.Email, Phone: cust.Phone, PhoneVerified: cust.PhoneVerifiedAt != nil,
		UpdatesEmail: cust.NotifyOrderEmail, UpdatesSMS: cust.NotifyOrderSMS}
}

// orderNotices sends order messages through the outbox, with the order's writes, on the
// channels the customer chose (SMS only to a verified phone). The "order placed" email always
// goes: it is the customer's receipt.
type orderNotices struct{ a *App }

func (n orderNotices) send(ctx context.Context, tx *gorm.DB, o ordering.Order, to ordering.Contact, tpl notify.TemplateKey, data any) error {
	// A number that replied STOP gets no text; the order goes on, the notice by email only.
	if _, err := n.a.Notify.EnqueueReachable(ctx, tx, requests(o, to, tpl, data)...); err != nil {
		return fmt.Errorf("order notice: %w", err)
	}
	return nil
}

// requests are the messages of an order notice, on the channels the customer chose.
func requests(o ordering.Order, to ordering.Contact, tpl notify.TemplateKey, data any) []notify.Request {
	email, sms := to.UpdatesEmail, to.UpdatesSMS
	if o.NotifyEmail != nil {
		email = *o.NotifyEmail
	}
	if o.NotifySMS != nil {
		sms = *o.NotifySMS
	}
	req := func(ch notify.Channel, to string) notify.Request {
		return notify.Request{Channel: ch, To: to, Template: tpl, Data: data, RelatedType: "order", RelatedID: o.Reference, System: true}
	}
	var reqs []notify.Request
	if email || tpl == notify.TplOrderPlaced {
		reqs = append(reqs, req(notify.ChannelEmail, to.Email))
	}
	if sms && to.PhoneVerified && to.Phone != "" {
		reqs = append(reqs, req(notify.ChannelSMS, to.Phone))
	}
	return reqs
}

func (n orderNotices) trackURL(ref string) string { return n.a.cfg.PublicURL + "/orders/" + ref }

func (n orderNotices) OrderPlaced(ctx context.Context, tx *gorm.DB, o ordering.Order, to ordering.Contact) error {
	return n.send(ctx, tx, o, to, notify.TplOrderPlaced, n.placedData(o))
}

func (n orderNotices) placedData(o ordering.Order) notify.OrderPlacedData {
	return notify.OrderPlacedData{Reference: o.Reference, Total: catalog.FormatAmount(o.Total, o.Currency) + " " + o.Currency, TrackURL: n.trackURL(o.Reference)}
}

// PrepareOrderPlaced puts the "order placed" notice into the order's statements on PostgreSQL:
// the SMS opt-out look-up with the order's first reads, the messages and their jobs in its
// write statement (ordering.PlacedNotice).
func (n orderNotices) PrepareOrderPlaced(to ordering.Contact) (db.Read, func(*gorm.DB, ordering.Order) ([]db.Statement, error)) {
	var phones []string
	if to.Phone != "" {
		phones = append(phones, to.Phone)
	}
	read, optedOut := n.a.Notify.OptOutRead(phones...)
	return read, func(tx *gorm.DB, o ordering.Order) ([]db.Statement, error) {
		return n.a.Notify.ReachableParts(tx, optedOut(), requests(o, to, notify.TplOrderPlaced, n.placedData(o))...)
	}
}

// StatusChanged reads the account in the transaction: status moves are staff work, not the hot
// path, and the customer's latest choices apply.
func (n orderNotices) StatusChanged(ctx context.Context, tx *gorm.DB, o ordering.Order, note string) error {
	var cust customers.Customer
	if err := tx.WithContext(ctx).Where("id = ?", o.CustomerID).Take(&cust).Error; err != nil {
		return fmt.Errorf("order notice: load customer: %w", err)
	}
	return n.send(ctx, tx, o, contactOf(cust), notify.TplOrderStatusChanged, notify.OrderStatusChangedData{Reference: o.Reference,
		Status: string(o.Status), Note: note, TrackURL: n.trackURL(o.Reference)})
}
