package app

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

// benchTrackedOrders is how many orders the tracking benchmark's database holds (the issue asks
// for ≥ 100k); half are the tracking customer's.
const benchTrackedOrders = 100_000

// crockford spells i as the 8 characters of a reference, so seeded references parse like real ones.
func crockford(i int) string {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	var b [8]byte
	for k := 7; k >= 0; k-- {
		b[k] = alphabet[i%32]
		i /= 32
	}
	return "ORD-" + string(b[:4]) + "-" + string(b[4:])
}

// seedTrackedOrders writes n orders (one line, two events each) alternating between two
// customers, in multi-row inserts; it returns the first customer's references.
func seedTrackedOrders(b *testing.B, a *App, n int, mine, theirs uuid.UUID, product catalog.Product) []string {
	b.Helper()
	ctx := context.Background()
	statuses := []ordering.Status{ordering.Placed, ordering.Confirmed, ordering.Processing, ordering.Shipped, ordering.Delivered}
	var refs []string
	base := time.Now().UTC().Add(-90 * 24 * time.Hour)
	const batch = 1000
	for start := 0; start < n; start += batch {
		var orders, lines, events strings.Builder
		var oa, la, ea []any
		for i := start; i < min(start+batch, n); i++ {
			id, ref := uuid.Must(uuid.NewV7()), crockford(1_000_000+i)
			cust := theirs
			if i%2 == 0 {
				cust = mine
				refs = append(refs, ref)
			}
			st := statuses[i%len(statuses)]
			at := base.Add(time.Duration(i) * time.Minute)
			sep := func(sb *strings.Builder) {
				if sb.Len() > 0 {
					sb.WriteString(",")
				}
			}
			sep(&orders)
			orders.WriteString("(?,?,?,?,'standard','web','USD',1000,0,0,0,1000,'Bench','1 Bench St','Town','12345','US',?,?,?,1)")
			oa = append(oa, id, ref, cust, st, ref, at, at)
			sep(&lines)
			lines.WriteString("(?,?,1,?,?,'Bench item',1,1000,1000,0,0,0,1000)")
			la = append(la, uuid.Must(uuid.NewV7()), id, product.ID, product.SKU)
			sep(&events)
			events.WriteString("(?,?,NULL,'placed','system','',?),(?,?,'placed',?,'staff','',?)")
			ea = append(ea, uuid.Must(uuid.NewV7()), id, at, uuid.Must(uuid.NewV7()), id, st, at.Add(time.Hour))
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"INSERT INTO orders (id, reference, customer_id, status, priority, channel, currency, subtotal, discount, tax, shipping, total, " +
				"ship_name, ship_line1, ship_city, ship_postal_code, ship_country, lines_hash, placed_at, updated_at, version) VALUES " + orders.String(), oa},
			{"INSERT INTO order_lines (id, order_id, line_no, product_id, sku, name, quantity, unit_price, list_unit_price, discount, tax_rate_bp, tax, total) VALUES " +
				lines.String(), la},
			{"INSERT INTO order_events (id, order_id, from_status, to_status, actor_kind, note, created_at) VALUES " + events.String(), ea},
		} {
			if err := a.DB.Gorm.WithContext(ctx).Exec(q.sql, q.args...).Error; err != nil {
				b.Fatalf("seed orders: %v", err)
			}
		}
	}
	if err := a.DB.Gorm.Exec("ANALYZE orders, order_lines, order_events").Error; err != nil {
		b.Fatal(err)
	}
	return refs
}

// BenchmarkTrackMany measures POST /api/v1/tracking with 50 of the customer's references per
// call over real HTTP, on PostgreSQL with 100k orders, against an Echo+GORM one-row read in the
// same run. Results go to docs/benchmarks.md.
func BenchmarkTrackMany(b *testing.B) {
	defer TuneGC(os.Getenv)() // as omsd serve runs
	if os.Getenv(dbtest.EnvPostgresURL) == "" {
		b.Skip("the tracking benchmark runs on PostgreSQL: set " + dbtest.EnvPostgresURL)
	}
	a := newTestApp(b)
	a.skipDemoMedia = true
	if _, err := a.SeedDemo(context.Background()); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	casey, err := a.Customers.ForLogin(ctx, "casey@example.com")
	if err != nil {
		b.Fatal(err)
	}
	northwind, err := a.Customers.ForLogin(ctx, "purchasing@northwind.example.com")
	if err != nil {
		b.Fatal(err)
	}
	var product catalog.Product
	if err := a.DB.Gorm.Where("sku = ?", "GAR-041").Take(&product).Error; err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	refs := seedTrackedOrders(b, a, benchTrackedOrders, casey.ID, northwind.ID, product)
	b.Logf("seeded %d orders in %s", benchTrackedOrders, time.Since(t0).Round(time.Second))
	srv := httptest.NewServer(a.Echo())
	defer srv.Close()
	token := benchLogin(b, a, "casey@example.com")

	ref := echo.New()
	ref.GET("/order/:reference", func(c echo.Context) error {
		var o ordering.Order
		if err := a.DB.Gorm.WithContext(c.Request().Context()).Where("reference = ?", c.Param("reference")).Take(&o).Error; err != nil {
			return err
		}
		return c.JSON(http.StatusOK, o)
	})
	refSrv := httptest.NewServer(ref)
	defer refSrv.Close()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 10 * time.Second}
	subject := requester(client, "POST", srv.URL+"/api/v1/tracking", token, func() []byte {
		pick := make([]string, 50)
		for i := range pick {
			pick[i] = refs[rand.IntN(len(refs))]
		}
		body, _ := json.Marshal(map[string][]string{"references": pick})
		return body
	})
	if err := subject(); err != nil {
		b.Fatal(err)
	}
	reference := getter(client, refSrv.URL+"/order/"+refs[len(refs)/2], "")
	b.ResetTimer()
	for range b.N {
		compare(b, "track 50 orders", 16, 3*time.Second, subject, reference)
	}
}
