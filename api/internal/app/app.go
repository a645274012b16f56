// Package app is the composition root: database → migrations → services → HTTP routes → jobs.
// It is the only package that imports every domain, and nothing imports it but main.
package app

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	echoSwagger "github.com/swaggo/echo-swagger"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/backup"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/filestore"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/idempotency"
	"github.com/openoms/oms/api/internal/platform/jobs"
	"github.com/openoms/oms/api/internal/platform/live"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
	"github.com/openoms/oms/api/internal/platform/system"
	"github.com/openoms/oms/api/internal/pricing"
	"github.com/openoms/oms/api/internal/registration"
	"github.com/openoms/oms/api/internal/tracking"
	_ "github.com/openoms/oms/docs" // registers the generated OpenAPI spec with swag
)

// ProductName is shown in the SPA, the API and the logs.
const ProductName = "Order Management System"

// Build identifies the binary.
type Build struct {
	Version string
	Commit  string
}

// App is the wired-up service.
type App struct {
	cfg           config.Config
	log           *slog.Logger
	clock         func() time.Time
	DB            *db.DB
	Jobs          *jobs.Client
	echo          *echo.Echo
	system        *system.Handler
	Audit         *audit.Log
	Staff         *auth.Service
	Tokens        *auth.Tokens
	refresh       *auth.RefreshTokens
	resets        *auth.Resets
	Notify        *notify.Service
	Customers     *customers.Service
	Groups        *customers.Groups
	Registrations *registration.Service
	documents     *registration.Documents
	Catalog       *catalog.Service
	Media         *catalog.MediaService
	Pricing       *pricing.Service
	Ordering      *ordering.Service
	senders       map[notify.Channel]notify.Sender
	spa           *httpx.SPA
	lis           net.Listener
	Tracking      *tracking.Service
	Backups       *backup.Service
	hub           *live.Hub      // this process's live-update subscribers
	publisher     live.Publisher // reaches every replica's hub
	stopPublisher func()         // sends what the publisher has queued (nil: nothing to stop)
	accounts      accountCache
	pages         *pageCache     // recent catalog answers
	closers       []func() error // released after the database on shutdown
	// skipDemoMedia leaves out the generated demo images and videos (the slowest part of the
	// demo). Only tests set it: none of the API tests reads demo media, and each seeds the demo.
	skipDemoMedia bool
}

// New opens the database and wires every service, route and job. It does not migrate or listen.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, build Build, spa fs.FS) (_ *App, err error) {
	d, err := db.Open(ctx, db.Options{
		URL: cfg.DatabaseURL, MaxOpenConns: cfg.DBMaxOpenConns, MaxIdleConns: cfg.DBMaxIdleConns,
		ConnMaxLifetime: cfg.DBConnMaxLifetime, Logger: log.With("component", "db"),
	})
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log, clock: time.Now, DB: d, spa: httpx.NewSPA(spa)}
	defer func() {
		if err != nil {
			_ = a.Close()
		}
	}()
	policy, err := auth.NewPasswordPolicy()
	if err != nil {
		return nil, err
	}
	limiter, closeLimiter, err := ratelimit.Open(ctx, cfg.RedisURL, a.clock)
	if err != nil {
		return nil, &config.Error{Var: ratelimit.EnvRedisURL, Msg: strings.TrimPrefix(err.Error(), ratelimit.EnvRedisURL+" ")}
	}
	a.closers = append(a.closers, closeLimiter)
	a.Audit = audit.New(d.Gorm, a.clock)
	a.Customers = customers.NewService(customers.NewStore(d.Gorm), a.clock).
		WithNotificationDefaults(customers.NotificationPrefs{Email: cfg.OrderUpdatesEmail, SMS: cfg.OrderUpdatesSMS})
	a.refresh = auth.NewRefreshTokens(d.Gorm, 30*24*time.Hour, a.clock)
	a.Staff = auth.NewService(auth.NewStore(d.Gorm), customerAccounts{a.Customers}, policy, auth.Throttle{
		Limiter: limiter, PerAccount: limit(cfg.LoginRateLimit), PerIP: limit(cfg.LoginIPRateLimit),
	}, a.Audit, a.refresh, a.clock)
	a.Tokens = auth.NewTokens(cfg.JWTSecret, a.clock)
	if a.senders, err = senders(cfg, log); err != nil {
		return nil, err
	}
	templates, err := notify.NewTemplates(cfg.BrandName)
	if err != nil {
		return nil, err
	}
	notifyStore := notify.NewStore(d.Gorm, d.Dialect == db.Postgres)

	workers := river.NewWorkers()
	jobLog := log.With("component", "jobs")
	a.resets = auth.NewResets(d.Gorm, a.Staff, resetMailer{a}, a.secretKey("password resets"), cfg.PublicURL+"/reset-password")
	purges := map[string]jobs.Purger{
		"idempotency_keys": idempotency.NewStore(d.Gorm).PurgeExpired,
		"refresh_tokens":   a.refresh.Purge,
		"password_resets":  a.resets.Purge,
	}
	river.AddWorker(workers, jobs.NewPurgeWorker(purges, a.clock, jobLog))
	river.AddWorker(workers, notify.NewSendWorker(notifyStore, a.senders, a.clock, jobLog, 10*time.Second))
	a.Jobs, err = jobs.NewClient(d, jobs.Options{
		Workers:      workers,
		PeriodicJobs: jobs.PeriodicPurges(purges, time.Hour),
		Logger:       log.With("component", "river"),
	})
	if err != nil {
		return nil, err
	}
	a.Notify = notify.NewService(notifyStore, a.Jobs, d, notify.Options{Audit: a.Audit,
		Senders: a.senders, Templates: templates, DefaultRegion: cfg.DefaultRegion,
		SMSRateLimit: cfg.SMSRateLimit, SMSRateWindow: cfg.SMSRateWindow, Clock: a.clock, Log: log.With("component", "notify"),
	})
	disposable, err := registration.LoadDisposableDomains()
	if err != nil {
		return nil, err
	}
	codeKey := a.secretKey("verification codes")
	a.Registrations = registration.NewService(registration.NewStore(d.Gorm), d, registration.Options{
		Customers: a.Customers, Notify: a.Notify, Audit: a.Audit, Passwords: policy, Disposable: disposable, CodeKey: codeKey,
		DefaultRegion: cfg.DefaultRegion, AutoApproveConsumers: cfg.AutoApproveConsumers, LoginURL: cfg.PublicURL + "/login",
		Limiter: limiter, PerIP: limit(cfg.RegistrationRateLimit),
		Clock: a.clock, Log: log.With("component", "registration"),
	})
	files, err := filestore.NewLocal(filepath.Join(cfg.DataDir, "uploads"))
	if err != nil {
		return nil, err
	}
	a.documents = registration.NewDocuments(d.Gorm, a.Registrations, files, a.clock)
	a.Groups = customers.NewGroups(d.Gorm, a.Audit, a.clock)
	a.Groups.MemberChanged = a.accounts.forget
	a.Customers.Changed = a.accounts.forget
	a.Catalog = catalog.NewService(catalog.NewStore(d.Gorm, d.Dialect == db.Postgres), a.Audit, a.clock)
	mediaFiles, err := mediaStore(cfg)
	if err != nil {
		return nil, err
	}
	a.Media = catalog.NewMediaService(d.Gorm, catalog.MediaOptions{Files: mediaFiles, Audit: a.Audit, Clock: a.clock, Limits: mediaLimits(cfg), Log: log.With("component", "media")})
	a.Pricing = pricing.NewService(d.Gorm, d.Dialect == db.Postgres, a.Catalog, a.Audit, a.clock)
	a.Catalog.CategoriesChanged = a.Pricing.CategoriesChanged
	a.Catalog.SetPricer(a.Pricing)
	a.newLive()
	a.Ordering = a.newOrdering()
	a.Tracking = a.newTracking(templates, limiter)
	if err := a.newBackups(workers, build); err != nil {
		return nil, err
	}
	a.routes(build)
	return a, nil
}

// senders picks the message providers the configuration names.
func senders(cfg config.Config, log *slog.Logger) (map[notify.Channel]notify.Sender, error) {
	out := map[notify.Channel]notify.Sender{}
	plog := log.With("component", "notify")
	switch cfg.SMSProvider {
	case "twilio":
		out[notify.ChannelSMS] = notify.NewTwilioSender(notify.TwilioConfig{
			AccountSID: cfg.TwilioAccountSID, AuthToken: cfg.TwilioAuthToken, FromNumber: cfg.TwilioFromNumber,
			MessagingServiceSID: cfg.TwilioMessagingServiceSID, StatusCallbackURL: cfg.PublicURL + "/api/v1/webhooks/twilio/status",
		}, nil)
	default:
		out[notify.ChannelSMS] = notify.NewConsoleSender("console", plog)
	}
	switch cfg.EmailProvider {
	case "smtp":
		s, err := notify.NewSMTPSender(notify.SMTPConfig{URL: cfg.SMTPURL, From: cfg.SMTPFrom})
		var se *notify.SettingError
		if errors.As(err, &se) {
			return nil, &config.Error{Var: se.Var, Msg: se.Msg}
		}
		if err != nil {
			return nil, err
		}
		out[notify.ChannelEmail] = s
	default:
		out[notify.ChannelEmail] = notify.NewConsoleSender("console", plog)
	}
	return out, nil
}

func (a *App) routes(build Build) {
	reg := prometheus.NewRegistry()
	metrics := httpx.NewMetrics(reg)
	e := httpx.New(httpx.Options{Logger: a.log, Metrics: metrics, BodyLimit: a.cfg.BodyLimit, CORSOrigins: a.cfg.CORSOrigins,
		RouteBodyLimits: a.withMediaLimits(map[string]int64{registration.DocumentRoute: registration.MaxDocumentBytes + 64<<10, catalog.ImportRoute: catalog.MaxImportBytes})})
	a.echo = e
	a.pages = newPageCache(a.clock)
	e.Use(a.pages.invalidateOnWrite)
	api := e.Group("/api/v1")

	a.system = system.NewHandler(
		system.Info{Name: ProductName, Version: build.Version, Commit: build.Commit, Demo: a.cfg.Demo},
		system.Check{Name: "database", Fn: a.checkDatabase},
		system.Check{Name: "migrations", Fn: a.checkMigrations},
	)
	a.system.Register(e, api)

	// Middleware goes on routes, not groups: see httpx.Routes.
	public := httpx.NewRoutes(api, auditActor)
	authed := httpx.NewRoutes(api, auth.Authenticate(a.Tokens, customerAccounts{a.Customers}), auditActor)
	staff := authed.Group("/admin", auth.RequireStaff())
	admins := authed.Group("/admin", auth.RequireStaff(auth.RoleAdmin))
	audit.NewHandler(a.Audit).Register(admins)
	auth.NewStaffHandler(a.Staff).Register(admins)
	customers.NewHandler(a.Customers).Register(authed)
	customers.NewGroupsHandler(a.Groups).Register(authed.Group("/admin", auth.RequireStaff(auth.RoleSales)))
	catalog.NewHandler(a.Catalog, a.viewer, actorID).Register(authed.Group("", a.pages.serve),
		authed.Group("/admin", auth.RequireStaff(auth.RoleSales)), authed.Group("/admin", auth.RequireStaff(auth.RoleFulfilment)))
	media := catalog.NewMediaHandler(a.Media)
	media.Register(authed.Group("/admin", auth.RequireStaff(auth.RoleSales)))
	media.RegisterFiles(e) // /media/{key}: public, outside /api
	pricing.NewHandler(a.Pricing, a.viewer).Register(authed, authed.Group("/admin", auth.RequireStaff(auth.RoleSales)), admins)
	auth.NewHandler(a.Staff, a.resets, a.Tokens, a.refresh, strings.HasPrefix(a.cfg.PublicURL, "https://")).Register(public, authed)
	notify.NewHandler(a.Notify, a.staffName).Register(staff, auth.RequireStaff(auth.RoleAdmin))
	registration.NewHandler(a.Registrations, a.documents, staffID).Register(public, authed.Group("/admin", auth.RequireStaff(auth.RoleSupport, auth.RoleSales)))
	a.orderRoutes(authed, staff)
	tracking.NewHandler(a.Tracking, a.hub).Register(public, authed)
	a.backupRoutes(admins, reg)
	notify.NewWebhookHandler(a.Notify, a.cfg.TwilioAuthToken, a.cfg.PublicURL, a.cfg.BrandName).WithCommand(a.Tracking.InboundStatus).Register(public)
	e.GET("/metrics", metrics.Handler(a.cfg.MetricsToken))
	e.GET("/swagger/*", echoSwagger.WrapHandler)
	e.GET("/swagger", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/swagger/index.html") })
	// Everything no route took: the SPA for browser GETs, a problem+json 404 for the rest.
	e.Use(a.spa.Fallback)
}

// auditActor puts who is calling, from where, into the request context for audit entries.
func auditActor(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		actor := audit.Actor{Kind: "anonymous", IP: c.RealIP(), RequestID: c.Response().Header().Get(echo.HeaderXRequestID)}
		if p, ok := auth.PrincipalFrom(c); ok {
			id := p.ID
			actor.Kind, actor.ID = string(p.Kind), &id
		}
		req := c.Request()
		c.SetRequest(req.WithContext(audit.WithActor(req.Context(), actor)))
		return next(c)
	}
}

// secretKey derives a key for one purpose from the server secret, so no two uses share a key.
func (a *App) secretKey(purpose string) []byte {
	k := sha256.Sum256([]byte("oms " + purpose + "\x00" + a.cfg.JWTSecret))
	return k[:]
}

// resetMailer sends password reset codes through the outbox (a.Notify exists by the first use).
type resetMailer struct{ a *App }

func (m resetMailer) SendPasswordReset(ctx context.Context, tx *gorm.DB, email, code, link string) error {
	_, err := m.a.Notify.Enqueue(ctx, tx, notify.Request{Channel: notify.ChannelEmail, To: email, Template: notify.TplPasswordReset,
		Data: notify.PasswordResetData{Code: code, Link: link, Minutes: 15}, System: true})
	return err
}

func limit(r config.Rate) ratelimit.Limit { return ratelimit.Limit{Events: r.Events, Window: r.Window} }

// viewer says who browses the catalog: staff see everything; a customer's type decides between
// the consumer and the business range.
func (a *App) viewer(c echo.Context) (catalog.Viewer, error) {
	p, ok := auth.PrincipalFrom(c)
	if !ok {
		return catalog.Viewer{}, nil
	}
	if p.Kind == auth.KindStaff {
		return catalog.Viewer{Staff: true}, nil
	}
	acc, err := a.account(c.Request().Context(), p.ID)
	if err != nil {
		return catalog.Viewer{}, err
	}
	return catalog.Viewer{Business: acc.cust.Type == customers.Business, CustomerID: &acc.cust.ID, Groups: acc.groups}, nil
}

// account returns a signed-in customer's account and groups, from the cache when it is fresh.
// A customer who no longer exists is unauthenticated.
func (a *App) account(ctx context.Context, id uuid.UUID) (cachedAccount, error) {
	now := a.clock()
	if acc, ok := a.accounts.get(id, now); ok {
		return acc, nil
	}
	cust, groups, err := a.Customers.WithGroups(ctx, id)
	if errors.Is(err, customers.ErrNotFound) {
		return cachedAccount{}, auth.ErrUnauthenticated
	}
	if err != nil {
		return cachedAccount{}, err
	}
	cust.PasswordHash = "" // nothing served from the cache checks passwords: keep hashes out of memory
	acc := cachedAccount{cust: cust, groups: groups, at: now}
	a.accounts.put(id, acc)
	return acc, nil
}

// accountTTL bounds how long a replica uses a customer's account and groups read earlier: a
// change made through this replica drops the entry at once (customers.Service.Changed,
// Groups.MemberChanged); one made through another replica shows here within accountTTL. Catalog
// browsing and order placement both read accounts through it: two account reads fewer per
// order (docs/benchmarks.md).
const accountTTL = 10 * time.Second

// accountCache keeps recently read customer accounts with their groups.
type accountCache struct {
	mu sync.Mutex
	m  map[uuid.UUID]cachedAccount
}

type cachedAccount struct {
	cust   customers.Customer
	groups []uuid.UUID
	at     time.Time
}

func (c *accountCache) get(id uuid.UUID, now time.Time) (cachedAccount, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	if !ok || now.Sub(e.at) >= accountTTL || now.Before(e.at) {
		return cachedAccount{}, false
	}
	return e, true
}

// forget drops one customer's entry (their account or groups changed on this replica).
func (c *accountCache) forget(id uuid.UUID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, id)
}

func (c *accountCache) put(id uuid.UUID, acc cachedAccount) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= 10_000 { // bounded: start over rather than grow without end
		c.m = map[uuid.UUID]cachedAccount{}
	}
	c.m[id] = acc
}

func actorID(c echo.Context) *uuid.UUID {
	if p, ok := auth.PrincipalFrom(c); ok {
		return &p.ID
	}
	return nil
}

func staffID(c echo.Context) (uuid.UUID, bool) {
	p, ok := auth.PrincipalFrom(c)
	return p.ID, ok && p.Kind == auth.KindStaff
}

// customerAccounts lets auth sign customers in without importing the customers package.
type customerAccounts struct{ svc *customers.Service }

func (c customerAccounts) ForLogin(ctx context.Context, login string) (auth.CustomerAccount, bool, error) {
	cust, err := c.svc.ForLogin(ctx, login)
	if errors.Is(err, customers.ErrNotFound) {
		return auth.CustomerAccount{}, false, nil
	}
	if err != nil {
		return auth.CustomerAccount{}, false, err
	}
	return account(cust), true, nil
}

func (c customerAccounts) ByID(ctx context.Context, id uuid.UUID) (auth.CustomerAccount, error) {
	cust, err := c.svc.Get(ctx, id)
	if err != nil {
		return auth.CustomerAccount{}, err
	}
	return account(cust), nil
}

func (c customerAccounts) VerifyAPIKey(ctx context.Context, key string) (auth.Principal, error) {
	cust, err := c.svc.AuthenticateAPIKey(ctx, key)
	if err != nil {
		return auth.Principal{}, err
	}
	return auth.Principal{ID: cust.ID, Kind: auth.KindCustomer, Roles: []auth.Role{auth.RoleCustomer}}, nil
}

func (c customerAccounts) SetPasswordHash(ctx context.Context, id uuid.UUID, hash string) error {
	return c.svc.SetPasswordHash(ctx, id, hash)
}

func account(c customers.Customer) auth.CustomerAccount {
	return auth.CustomerAccount{ID: c.ID, PasswordHash: c.PasswordHash, Active: c.Status == customers.Active, Profile: auth.Profile{
		Type: string(c.Type), Name: c.Name, Email: c.Email, Phone: c.Phone, RegistrationID: c.RegistrationID, LoginID: c.LoginID,
	}}
}

// staffName names the signed-in staff member (for "sent by" lines).
func (a *App) staffName(c echo.Context) string {
	if p, ok := auth.PrincipalFrom(c); ok {
		if u, err := a.Staff.Staff(c.Request().Context(), p.ID); err == nil {
			return u.Name
		}
	}
	return "staff"
}

func (a *App) checkDatabase(ctx context.Context) error {
	if err := a.DB.Ping(ctx); err != nil {
		a.log.WarnContext(ctx, "readiness: database unreachable", "error", err)
		return errors.New("unreachable")
	}
	return nil
}

func (a *App) checkMigrations(ctx context.Context) error {
	pending, err := a.PendingMigrations(ctx)
	if err != nil {
		a.log.WarnContext(ctx, "readiness: migration status", "error", err)
		return errors.New("status unknown")
	}
	if pending {
		return errors.New("pending")
	}
	return nil
}

// Echo exposes the router (tests drive it with httptest).
func (a *App) Echo() *echo.Echo { return a.echo }

// Migrate applies the product's migrations and River's, in that order.
func (a *App) Migrate(ctx context.Context) ([]string, error) {
	applied, err := a.DB.MigrateUp(ctx)
	if err != nil {
		return applied, err
	}
	river, err := jobs.MigrateUp(ctx, a.DB)
	return append(applied, river...), err
}

// PendingMigrations reports whether either schema is behind the binary.
func (a *App) PendingMigrations(ctx context.Context) (bool, error) {
	if p, err := a.DB.HasPendingMigrations(ctx); err != nil || p {
		return p, err
	}
	return jobs.HasPendingMigrations(ctx, a.DB)
}

// Listen binds the HTTP address (port 0 picks a free port; see Addr).
func (a *App) Listen() (net.Addr, error) {
	lis, err := net.Listen("tcp", a.cfg.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", a.cfg.HTTPAddr, err)
	}
	a.lis = lis
	return lis.Addr(), nil
}

// Serve runs the HTTP server and the job workers until ctx is cancelled, then shuts down
// gracefully: readiness turns 503 (for the drain delay), the listener closes, in-flight requests finish, running jobs
// finish (or are cancelled after the soft-stop timeout), and the database closes.
func (a *App) Serve(ctx context.Context) error {
	if a.lis == nil {
		if _, err := a.Listen(); err != nil {
			return err
		}
	}
	if err := a.Jobs.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start job workers: %w", err)
	}
	srv := &http.Server{
		Handler:           a.echo,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       a.cfg.ReadTimeout,
		WriteTimeout:      a.cfg.WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	liveCtx, stopLive := context.WithCancel(context.WithoutCancel(ctx))
	defer stopLive()
	if a.DB.Dialect == db.Postgres {
		go live.Listen(liveCtx, a.cfg.DatabaseURL, a.hub, a.log.With("component", "live"))
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(a.lis) }()
	a.log.Info("server started", "addr", a.lis.Addr().String(), "dialect", a.DB.Dialect, "demo", a.cfg.Demo)

	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
		err = fmt.Errorf("http server: %w", err)
	}
	a.log.Info("shutting down", "drain", a.cfg.DrainDelay.String(), "grace", a.cfg.ShutdownTimeout.String())
	a.system.Drain()
	if a.cfg.DrainDelay > 0 && err == nil {
		// Keep accepting while load balancers see /readyz fail and stop routing here; closing the
		// listener at once would reset connections still queued in the kernel's accept backlog.
		time.Sleep(a.cfg.DrainDelay)
	}
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	a.hub.Close() // open event streams end, so Shutdown need not wait for them
	stopLive()
	if serr := srv.Shutdown(sctx); serr != nil {
		err = errors.Join(err, fmt.Errorf("http shutdown: %w", serr))
	}
	if jerr := a.Jobs.Stop(sctx); jerr != nil {
		err = errors.Join(err, fmt.Errorf("stop job workers: %w", jerr))
	}
	if cerr := a.Close(); cerr != nil {
		err = errors.Join(err, fmt.Errorf("close database: %w", cerr))
	}
	a.log.Info("stopped")
	return err
}

// Close releases the database for commands that never Serve.
func (a *App) Close() error {
	if a.stopPublisher != nil {
		a.stopPublisher()
	}
	err := a.DB.Close()
	for _, c := range a.closers {
		err = errors.Join(err, c())
	}
	return err
}
