package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm/schema"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/backup"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/idempotency"
	"github.com/openoms/oms/api/internal/pricing"
	"github.com/openoms/oms/api/internal/registration"
)

// models lists every GORM model the product persists; each must match its migrated table.
var models = []any{&auth.StaffUser{}, &auth.RefreshToken{}, &auth.PasswordReset{}, &idempotency.Key{}, &notify.Message{}, &notify.OptOut{},
	&customers.Customer{}, &customers.APIKey{}, &registration.Application{}, &registration.Code{}, &registration.Document{}, &audit.Entry{},
	&catalog.Category{}, &catalog.Product{}, &catalog.Spec{}, &catalog.StockMovement{}, &catalog.ProductMedia{},
	&customers.Group{}, &customers.GroupMember{}, &catalog.Catalog{}, &catalog.CatalogGroup{}, &catalog.CatalogProduct{},
	&pricing.TaxRate{}, &pricing.PriceList{}, &pricing.PriceListItem{}, &pricing.Offer{}, &pricing.Redemption{},
	&ordering.Order{}, &ordering.Line{}, &ordering.Event{}, &ordering.CartItem{},
	&ordering.Shipment{}, &ordering.ShipmentLine{}, &ordering.Return{}, &ordering.ReturnLine{}, &backup.Backup{}}

var testSPA = fstest.MapFS{
	"index.html":           {Data: []byte(`<!doctype html><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script>`)},
	"assets/app-abc123.js": {Data: []byte(`console.log("app")`)},
	"favicon.svg":          {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
}

func testConfig(t testing.TB) config.Config {
	t.Helper()
	return config.Config{
		DatabaseURL: dbtest.URL(t), DataDir: t.TempDir(), HTTPAddr: "127.0.0.1:0", PublicURL: "http://localhost",
		BodyLimit: 1 << 20, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second, ShutdownTimeout: 10 * time.Second,
		JWTSecret: strings.Repeat("s", 32), LogLevel: "info", LogFormat: "json",
		BrandName: "OMS", SMSProvider: "console", EmailProvider: "console", TwilioAuthToken: testTwilioToken,
		DefaultRegion: "US", ExpressSurcharge: 990, UrgentSurcharge: 2490, SMSRateLimit: 5, OrderUpdatesEmail: true, OrderUpdatesSMS: true,
		ServiceLevels: map[string]config.ServiceLevel{"standard": {DispatchDays: 2, DeliveryDays: 5}, "express": {DispatchDays: 1, DeliveryDays: 2}, "urgent": {DeliveryDays: 1}}, SMSRateWindow: 10 * time.Minute, AutoApproveConsumers: true,
		LoginRateLimit: config.Rate{Events: 10, Window: 15 * time.Minute}, LoginIPRateLimit: config.Rate{Events: 50, Window: 15 * time.Minute},
		// Every test request comes from one address; the per-IP registration limit has its own test.
		RegistrationRateLimit: config.Rate{Events: 1000, Window: time.Hour},
	}
}

func newTestApp(t testing.TB, tweak ...func(*config.Config)) *App {
	t.Helper()
	cfg := testConfig(t)
	for _, f := range tweak {
		f(&cfg)
	}
	a, err := New(context.Background(), cfg, slog.New(slog.DiscardHandler), Build{Version: "test", Commit: "abc"}, testSPA)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestModelsMatchTheirTables(t *testing.T) {
	a := newTestApp(t)
	m := a.DB.Gorm.Migrator()
	for _, model := range models {
		s, err := schema.Parse(model, &sync.Map{}, a.DB.Gorm.NamingStrategy)
		if err != nil {
			t.Fatal(err)
		}
		if !m.HasTable(s.Table) {
			t.Errorf("table %s missing on %s", s.Table, a.DB.Dialect)
			continue
		}
		for _, f := range s.Fields {
			if f.DBName != "" && !m.HasColumn(model, f.DBName) {
				t.Errorf("%s.%s: column missing on %s", s.Table, f.DBName, a.DB.Dialect)
			}
		}
	}
}

func TestRoutes(t *testing.T) {
	a := newTestApp(t)
	for _, tc := range []struct {
		name, method, path, body string
		wantStatus               int
		wantType                 string // Content-Type prefix
		wantBody                 string // substring
		wantCache                string
	}{
		{"liveness", "GET", "/healthz", "", 200, "application/json", `"status":"ok"`, "no-store"},
		{"readiness", "GET", "/readyz", "", 200, "application/json", `"migrations":"ok"`, "no-store"},
		{"version", "GET", "/api/v1/version", "", 200, "application/json", `"version":"test"`, ""},
		{"unknown API route", "POST", "/api/v1/nope", "", 404, httpx.ProblemContentType, `"request_id"`, ""},
		{"unknown API GET is not the SPA", "GET", "/api/x", "", 404, httpx.ProblemContentType, `"status":404`, ""},
		{"wrong method on API route", "DELETE", "/api/v1/version", "", 405, httpx.ProblemContentType, `"status":405`, ""},
		{"oversize body", "POST", "/api/v1/nope", strings.Repeat("x", 1<<20+1), 413, httpx.ProblemContentType, `"status":413`, ""},
		{"HEAD of a client route", "HEAD", "/admin", "", 200, "text/html", "", "no-cache"},
		{"SPA root", "GET", "/", "", 200, "text/html", `id="root"`, "no-cache"},
		{"SPA client route", "GET", "/admin/x", "", 200, "text/html", `id="root"`, "no-cache"},
		{"SPA deep client route", "GET", "/orders/ORD-7K3F-9QXM", "", 200, "text/html", `id="root"`, "no-cache"},
		{"hashed asset cached", "GET", "/assets/app-abc123.js", "", 200, "text/javascript", "console.log", "public, max-age=31536000, immutable"},
		{"other file not cached", "GET", "/favicon.svg", "", 200, "image/svg+xml", "<svg", "no-cache"},
		{"dotfiles are not served", "GET", "/.gitkeep", "", 404, httpx.ProblemContentType, "", ""},
		{"missing asset is 404 not HTML", "GET", "/assets/gone.js", "", 404, httpx.ProblemContentType, "", ""},
		{"POST to a client route", "POST", "/admin/x", "", 404, httpx.ProblemContentType, "", ""},
		{"swagger UI", "GET", "/swagger/index.html", "", 200, "text/html", "swagger", ""},
		{"swagger spec", "GET", "/swagger/doc.json", "", 200, "application/json", `"/api/v1/version"`, ""},
		{"metrics", "GET", "/metrics", "", 200, "text/plain", "oms_http_requests_total", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			a.Echo().ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.wantStatus, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, tc.wantType) {
				t.Fatalf("Content-Type %q, want %q", ct, tc.wantType)
			}
			if !strings.Contains(rec.Body.String(), tc.wantBody) {
				t.Fatalf("body lacks %q: %.300s", tc.wantBody, rec.Body)
			}
			if tc.wantCache != "" && rec.Header().Get("Cache-Control") != tc.wantCache {
				t.Fatalf("Cache-Control %q, want %q", rec.Header().Get("Cache-Control"), tc.wantCache)
			}
			if rec.Header().Get("X-Request-ID") == "" {
				t.Fatal("no X-Request-ID")
			}
		})
	}
}

func TestReadinessFailsWithPendingMigrationsOrDeadDatabase(t *testing.T) {
	a, err := New(context.Background(), testConfig(t), slog.New(slog.DiscardHandler), Build{}, testSPA)
	if err != nil {
		t.Fatal(err)
	}
	get := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		a.Echo().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec
	}
	if rec := get(); rec.Code != 503 || !strings.Contains(rec.Body.String(), "migrations: pending") || !strings.Contains(rec.Body.String(), `"checks":{"database":"ok","migrations":"pending"}`) {
		t.Fatalf("unmigrated: %d %s", rec.Code, rec.Body)
	}
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rec := get(); rec.Code != 200 {
		t.Fatalf("migrated: %d %s", rec.Code, rec.Body)
	}
	_ = a.Close()
	if rec := get(); rec.Code != 503 || !strings.Contains(rec.Body.String(), "database: unreachable") {
		t.Fatalf("closed database: %d %s", rec.Code, rec.Body)
	}
}

func TestSPANotBuiltSaysHowToBuildIt(t *testing.T) {
	a, err := New(context.Background(), testConfig(t), slog.New(slog.DiscardHandler), Build{}, fstest.MapFS{".gitkeep": {}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	rec := httptest.NewRecorder()
	a.Echo().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), "make build") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

// Cancelling the serve context (what SIGTERM does in main) lets every in-flight request finish
// and refuses new connections.
func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	a := newTestApp(t)
	started := make(chan struct{}, 16)
	a.Echo().GET("/test/slow", func(c echo.Context) error {
		started <- struct{}{}
		time.Sleep(700 * time.Millisecond)
		return c.String(http.StatusOK, "done")
	})
	addr, err := a.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- a.Serve(ctx) }()

	const n = 8
	client := &http.Client{Timeout: 10 * time.Second}
	results := make(chan string, n)
	for range n {
		go func() {
			res, err := client.Get("http://" + addr.String() + "/test/slow")
			if err != nil {
				results <- "error: " + err.Error()
				return
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			results <- res.Status + " " + string(b)
		}()
	}
	for range n {
		select {
		case <-started:
		case <-time.After(5 * time.Second):
			t.Fatal("requests did not start")
		}
	}
	cancel()
	for range n {
		if r := <-results; r != "200 OK done" {
			t.Errorf("in-flight request got %q", r)
		}
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve returned %v", err)
	}
	if _, err := client.Get("http://" + addr.String() + "/healthz"); err == nil {
		t.Fatal("server still accepts connections after shutdown")
	}
}

// The account cache (browsing and ordering) reads an account and its groups in one query, keeps
// no password hashes in memory, and drops an account whose groups change.
func TestAccountCache(t *testing.T) {
	e := newAPI(t)
	ctx := context.Background()
	cust, err := e.a.Customers.ForLogin(ctx, "casey@example.com")
	if err != nil || cust.PasswordHash == "" {
		t.Fatalf("customer %v (hash set: %v)", err, cust.PasswordHash != "")
	}
	want, err := e.a.Groups.Of(ctx, cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	byID := func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) }
	if _, err := e.a.account(ctx, cust.ID); err != nil { // cached now: a new membership must drop it
		t.Fatal(err)
	}
	for i, code := range []string{"ZETA", "ALPHA"} {
		g, err := e.a.Groups.Create(ctx, code, "Group "+code, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.a.Groups.AddMember(ctx, g.ID, "casey@example.com"); err != nil {
			t.Fatal(err)
		}
		want = append(want, g.ID)
		slices.SortFunc(want, byID)
		if i == 0 {
			// The first membership alone, through the cache.
			acc, err := e.a.account(ctx, cust.ID)
			if err != nil || !slices.Equal(acc.groups, want) {
				t.Fatalf("groups %v (%v), want %v", acc.groups, err, want)
			}
		}
	}
	acc, err := e.a.account(ctx, cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	cached, ok := e.a.accounts.get(cust.ID, e.a.clock())
	if !ok || acc.cust.ID != cust.ID || acc.cust.LoginID != cust.LoginID || !slices.Equal(acc.groups, want) {
		t.Fatalf("cached %v; account %s %v, want groups %v", ok, acc.cust.LoginID, acc.groups, want)
	}
	if acc.cust.PasswordHash != "" || cached.cust.PasswordHash != "" {
		t.Fatal("the cache keeps a password hash")
	}
	if _, err := e.a.account(ctx, uuid.Must(uuid.NewV7())); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Fatalf("unknown account: %v", err)
	}
}
