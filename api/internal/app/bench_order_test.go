package app

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/ordering"
	dbpkg "github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

// What the order benchmark places (the issue asks for ≥ 1,000 SKUs and ≥ 100 logged-in customers).
const (
	benchOrderSKUs      = 1000
	benchOrderCustomers = 100
	benchOrderLines     = 3
	benchOrderStock     = 10_000_000 // nothing runs out, whatever the machine's speed
	benchCountedOrders  = 50         // placed one by one to count round trips, statements and CPU
)

// benchProduct is what both sides of the order benchmark need to know about a product.
type benchProduct struct {
	ID    uuid.UUID
	SKU   string
	Name  string
	Price int64
}

// seedOrderProducts adds n active products visible to both audiences, with plenty of stock.
func seedOrderProducts(b *testing.B, a *App, n int) []benchProduct {
	b.Helper()
	cats, err := a.Catalog.Categories(context.Background())
	if err != nil || len(cats) == 0 {
		b.Fatalf("categories: %v", err)
	}
	now := time.Now().UTC()
	out := make([]benchProduct, 0, n)
	var batch []catalog.Product
	for i := range n {
		p := catalog.Product{ID: uuid.Must(uuid.NewV7()), SKU: fmt.Sprintf("ORDB-%05d", i), Slug: fmt.Sprintf("order-bench-%05d", i),
			Name: fmt.Sprintf("Order bench product %d", i), Description: "A product for the order benchmark.",
			CategoryID: &cats[i%len(cats)].ID, Status: catalog.Active, Audience: catalog.Both, PriceAmount: int64(100 + i%9000), Currency: "USD",
			TaxClass: "standard", StockOnHand: benchOrderStock, MinOrderQty: 1, OrderMultiple: 1, Version: 1, CreatedAt: now, UpdatedAt: now}
		batch = append(batch, p)
		out = append(out, benchProduct{ID: p.ID, SKU: p.SKU, Name: p.Name, Price: p.PriceAmount})
	}
	if err := a.DB.Gorm.Omit("Category", "Specs").CreateInBatches(batch, 250).Error; err != nil {
		b.Fatal(err)
	}
	return out
}

// seedOrderCustomers opens n approved accounts (half consumers, half businesses, both channels
// verified, as registration leaves them) through the customers service, sharing one password
// hash so seeding does not spend a minute in argon2.
func seedOrderCustomers(b *testing.B, a *App, n int) []customers.Customer {
	b.Helper()
	hash, err := auth.HashPassword(DemoPassword)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC()
	out := make([]customers.Customer, 0, n)
	err = a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
		for i := range n {
			in := customers.New{Type: customers.Consumer, Name: fmt.Sprintf("Bench Buyer %d", i), Email: fmt.Sprintf("bench-buyer-%03d@example.com", i),
				Phone: fmt.Sprintf("+1415555%04d", 2000+i), PasswordHash: hash, EmailVerifiedAt: &now, PhoneVerifiedAt: &now,
				Address:       customers.Address{Line1: fmt.Sprintf("%d Market Street", 100+i), City: "San Francisco", PostalCode: "94105", Country: "US"},
				ApplicationID: uuid.Must(uuid.NewV7())}
			if i%2 == 1 {
				legal, tax, reg := fmt.Sprintf("Bench Trading %d LLC", i), fmt.Sprintf("US98-%07d", i), fmt.Sprintf("B%07d", i)
				in.Type, in.Company = customers.Business, customers.Company{LegalName: &legal, TaxID: &tax, RegistrationNumber: &reg}
			}
			c, err := a.Customers.Create(context.Background(), tx, in)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		b.Fatalf("seed customers: %v", err)
	}
	return out
}

// loginAll signs every customer in through the login endpoint (in process: argon2 is not what
// the benchmark measures), each from their own address, and returns their access tokens.
func loginAll(b *testing.B, a *App, cs []customers.Customer) []string {
	b.Helper()
	tokens := make([]string, len(cs))
	var failed atomic.Value
	var wg sync.WaitGroup
	var next atomic.Int64
	for range 4 {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(cs); i = int(next.Add(1) - 1) {
				req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(fmt.Sprintf(`{"login":%q,"password":%q}`, cs[i].LoginID, DemoPassword)))
				req.Header.Set("Content-Type", "application/json")
				// Each customer from their own network: the per-IP login limit counts every attempt.
				req.RemoteAddr = fmt.Sprintf("10.0.%d.%d:40000", i/250, 1+i%250)
				rec := httptest.NewRecorder()
				a.Echo().ServeHTTP(rec, req)
				var tok auth.TokenResponse
				if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &tok) != nil {
					failed.Store(fmt.Sprintf("login %s: %d %s", cs[i].LoginID, rec.Code, rec.Body))
					return
				}
				tokens[i] = tok.AccessToken
			}
		})
	}
	wg.Wait()
	if msg := failed.Load(); msg != nil {
		b.Fatal(msg)
	}
	return tokens
}

// pickLines draws benchOrderLines distinct products with quantities 1–3: random, so orders spread
// over the catalog like real ones and the same customer practically never repeats an order
// (which the duplicate guard would refuse).
func pickLines(r *rand.Rand, products []benchProduct) ([]benchProduct, []int) {
	idx := r.Perm(len(products))[:benchOrderLines]
	ps, qty := make([]benchProduct, benchOrderLines), make([]int, benchOrderLines)
	for i, j := range idx {
		ps[i], qty[i] = products[j], 1+r.IntN(3)
	}
	return ps, qty
}

// orderPlacer returns a function that places one fresh 3-line order over HTTP as the next
// customer (round robin), with a new Idempotency-Key each time, and expects 201.
func orderPlacer(client *http.Client, base string, tokens []string, products []benchProduct) func() error {
	var n atomic.Int64
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(1, 2))
	return func() error {
		i := n.Add(1)
		mu.Lock()
		ps, qty := pickLines(r, products)
		mu.Unlock()
		var body strings.Builder
		body.WriteString(`{"items":[`)
		for j, p := range ps {
			if j > 0 {
				body.WriteByte(',')
			}
			fmt.Fprintf(&body, `{"sku":%q,"quantity":%d}`, p.SKU, qty[j])
		}
		body.WriteString(`]}`)
		req, _ := http.NewRequestWithContext(context.Background(), "POST", base+"/api/v1/orders", strings.NewReader(body.String()))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tokens[int(i)%len(tokens)])
		req.Header.Set("Idempotency-Key", uuid.NewString())
		// Asked for explicitly, a gzip answer reaches us as it was sent: a load generator needs
		// its status, not its text, and inflating it would charge the server's side of the
		// comparison with CPU that a real client spends on its own machine.
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			body := io.Reader(res.Body)
			if res.Header.Get("Content-Encoding") == "gzip" {
				if body, err = gzip.NewReader(res.Body); err != nil {
					return fmt.Errorf("status %d: %w", res.StatusCode, err)
				}
			}
			msg, _ := io.ReadAll(body)
			return fmt.Errorf("status %d: %.200s", res.StatusCode, msg)
		}
		_, err = io.Copy(io.Discard, res.Body)
		return err
	}
}

// rawOrderSQL returns the database ceiling: the same order transaction written by hand with pgx
// (3 conditional stock updates in SKU order, the order, its 3 lines in one INSERT, its first
// event), one statement per round trip like the app, on db (a pool as large as the app's, or one
// connection). UUIDs go as [16]byte, which pgx encodes directly (a uuid.UUID first fails the
// binary encoding and falls back to text).
func rawOrderSQL(db interface {
	Begin(context.Context) (pgx.Tx, error)
}, cs []customers.Customer, products []benchProduct) func() error {
	var n atomic.Int64
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(3, 4))
	return func() error {
		i := n.Add(1)
		mu.Lock()
		ps, qty := pickLines(r, products)
		mu.Unlock()
		c := cs[int(i)%len(cs)]
		ctx := context.Background()
		tx, err := db.Begin(ctx)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback(ctx) }()
		order := []int{0, 1, 2}
		slices.SortFunc(order, func(x, y int) int { return cmp.Compare(ps[x].SKU, ps[y].SKU) })
		for _, j := range order {
			tag, err := tx.Exec(ctx, `UPDATE products SET stock_reserved = stock_reserved + $1 WHERE id = $2 AND stock_on_hand - stock_reserved >= $1`, qty[j], [16]byte(ps[j].ID))
			if err != nil {
				return err
			}
			if tag.RowsAffected() != 1 {
				return fmt.Errorf("out of stock: %s", ps[j].SKU)
			}
		}
		now := time.Now().UTC()
		id := [16]byte(uuid.Must(uuid.NewV7()))
		var subtotal int64
		for j, p := range ps {
			subtotal += p.Price * int64(qty[j])
		}
		if _, err := tx.Exec(ctx, `INSERT INTO orders (id, reference, customer_id, status, priority, channel, currency, subtotal, discount, tax, shipping, total,
			applied_offers, notes, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, ship_phone, lines_hash, placed_at, updated_at, version)
			VALUES ($1, $2, $3, 'placed', 'standard', 'web', 'USD', $4, 0, 0, 0, $4, '[]', '', $5, $6, '', $7, $8, $9, $10, $11, $12, $12, 1)`,
			id, ordering.NewReference(), [16]byte(c.ID), subtotal, c.Name, c.Address.Line1, c.Address.City, c.Address.PostalCode, c.Address.Country, c.Phone,
			uuid.NewString(), now); err != nil {
			return err
		}
		args := []any{id}
		for j, p := range ps {
			args = append(args, [16]byte(uuid.Must(uuid.NewV7())), j+1, [16]byte(p.ID), p.SKU, p.Name, qty[j], p.Price, p.Price*int64(qty[j]))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO order_lines (id, order_id, line_no, product_id, sku, name, quantity, unit_price, list_unit_price, discount, tax_rate_bp, tax, total, explanation)
			VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $8, 0, 0, 0, $9, '[]'), ($10, $1, $11, $12, $13, $14, $15, $16, $16, 0, 0, 0, $17, '[]'),
			($18, $1, $19, $20, $21, $22, $23, $24, $24, 0, 0, 0, $25, '[]')`, args...); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO order_events (id, order_id, to_status, actor_kind, actor_id, note, created_at) VALUES ($1, $2, 'placed', 'customer', $3, '', $4)`,
			[16]byte(uuid.Must(uuid.NewV7())), id, [16]byte(c.ID), now); err != nil {
			return err
		}
		return tx.Commit(ctx)
	}
}

// BenchmarkOrderPlace places 3-line orders over real HTTP (login token, Idempotency-Key, pricing,
// duplicate guard, stock reservation, order, lines, event, outbox messages) as 100 customers over
// 1,000 products, and in the same run the equivalent raw-SQL transaction with pgx: the database's
// ceiling on this machine. Then it places orders one at a time on one connection, both ways, to
// report what one order costs (wall time, CPU of this process and of the PostgreSQL backend,
// round trips, bytes) and which statements the app runs (orderAnatomy). PostgreSQL only: run with
// OMS_TEST_POSTGRES_URL set (make bench does when a local server answers). Results go to
// docs/benchmarks.md.
func BenchmarkOrderPlace(b *testing.B) {
	if os.Getenv(dbtest.EnvPostgresURL) == "" {
		b.Skip("the order benchmark runs on PostgreSQL: set " + dbtest.EnvPostgresURL)
	}
	defer TuneGC(os.Getenv)() // as omsd serve runs
	a := newTestApp(b)
	a.skipDemoMedia = true
	ctx := context.Background()
	if _, err := a.SeedDemo(ctx); err != nil {
		b.Fatal(err)
	}
	products := seedOrderProducts(b, a, benchOrderSKUs)
	cs := seedOrderCustomers(b, a, benchOrderCustomers)
	a.DB.Gorm.Exec("ANALYZE")
	tokens := loginAll(b, a, cs)
	srv := httptest.NewServer(a.Echo())
	defer srv.Close()

	poolCfg, err := pgxpool.ParseConfig(a.cfg.DatabaseURL)
	if err != nil {
		b.Fatal(err)
	}
	poolCfg.MaxConns = int32(a.DB.SQL.Stats().MaxOpenConnections) // the same pool size as the app's
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 10 * time.Second}
	subject := orderPlacer(client, srv.URL, tokens, products)
	if err := subject(); err != nil {
		b.Fatal(err)
	}
	reference := rawOrderSQL(pool, cs, products)
	if err := reference(); err != nil {
		b.Fatal(err)
	}
	// A shop's order tables are not empty, and autovacuum keeps their statistics current. Seeded
	// empty and analyzed, they are neither: the planner, told the orders table has no rows, plans
	// the duplicate guard's and the idempotency key's lookups as sequential scans, whose cost then
	// grows with every order either side places. So place a history first (both ways, for as long
	// as one measurement) and analyze, as autovacuum would have by then.
	saturate(16, 3*time.Second, subject)
	saturate(16, 3*time.Second, reference)
	a.DB.Gorm.Exec("ANALYZE")
	b.ResetTimer()
	for range b.N {
		compare(b, "place order (3 lines)", 16, 3*time.Second, subject, reference)
	}
	b.StopTimer()
	orderAnatomy(b, a, cs, tokens, products)
}

// orderAnatomy places orders one at a time on a single database connection, over the app (in
// process, through the whole middleware chain) and as the raw-SQL transaction, and prints for
// each the wall time and the CPU this process and the PostgreSQL backend spend on one order,
// then (on a second connection that passes through a proxy counting what the client sends) the
// round trips and bytes. GORM callbacks on the app name its statements and time them.
func orderAnatomy(b *testing.B, a *App, cs []customers.Customer, tokens []string, products []benchProduct) {
	b.Helper()
	ctx := context.Background()
	u, err := url.Parse(a.cfg.DatabaseURL)
	if err != nil {
		b.Fatal(err)
	}
	proxy := newPGCountingProxy(b, u.Host)
	u.Host = proxy.addr
	proxied := u.String()
	oneConnApp := func(dbURL string) *App {
		cfg := a.cfg
		cfg.DatabaseURL, cfg.DBMaxOpenConns, cfg.DBMaxIdleConns = dbURL, 1, 1
		x, err := New(ctx, cfg, slog.New(slog.DiscardHandler), Build{Version: "bench", Commit: "bench"}, testSPA)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = x.Close() })
		return x
	}
	direct, counted := oneConnApp(a.cfg.DatabaseURL), oneConnApp(proxied)
	stmts := newStatementTally(direct.DB.Gorm)
	r := rand.New(rand.NewPCG(5, 6))
	placeOn := func(x *App) func(int) {
		e := x.Echo()
		return func(i int) {
			ps, qty := pickLines(r, products)
			items := make([]string, len(ps))
			for j, p := range ps {
				items[j] = fmt.Sprintf(`{"sku":%q,"quantity":%d}`, p.SKU, qty[j])
			}
			// A deadline, so a path that wanted a second connection fails instead of hanging.
			rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			req := httptest.NewRequestWithContext(rctx, "POST", "/api/v1/orders", strings.NewReader(`{"items":[`+strings.Join(items, ",")+`]}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tokens[i%len(tokens)])
			req.Header.Set("Idempotency-Key", uuid.NewString())
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != http.StatusCreated {
				b.Fatalf("order on one connection: %d %s", rec.Code, rec.Body)
			}
		}
	}
	var pid int
	if err := direct.DB.Gorm.Raw("SELECT pg_backend_pid()").Scan(&pid).Error; err != nil {
		b.Fatal(err)
	}
	app := measureSerial(pid, benchCountedOrders, placeOn(direct), stmts.reset)
	app.roundTrips, app.bytesSent = countTrips(proxy, benchCountedOrders, placeOn(counted))

	connect := func(dbURL string) *pgx.Conn {
		c, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = c.Close(ctx) })
		return c
	}
	rawOn := func(c *pgx.Conn) func(int) {
		fn := rawOrderSQL(c, cs, products)
		return func(int) {
			if err := fn(); err != nil {
				b.Fatal(err)
			}
		}
	}
	rawDirect := connect(a.cfg.DatabaseURL)
	ref := measureSerial(int(rawDirect.PgConn().PID()), 5*benchCountedOrders, rawOn(rawDirect))
	ref.roundTrips, ref.bytesSent = countTrips(proxy, 5*benchCountedOrders, rawOn(connect(proxied)))

	var out strings.Builder
	fmt.Fprintf(&out, "\nBenchmarkOrderPlace: one order at a time, on one connection\n")
	fmt.Fprintf(&out, "  %-22s %s\n  %-22s %s\n", "place order (3 lines)", app, "raw SQL transaction", ref)
	fmt.Fprintf(&out, "  GORM statements of the HTTP order, per order (BEGIN/COMMIT and River's job inserts are not GORM's):\n")
	var total time.Duration
	var totalN int
	for _, s := range stmts.sorted() {
		fmt.Fprintf(&out, "  %5.2f× %6.2f ms  %s\n", float64(s.n)/float64(app.n), ms(s.d)/float64(app.n), s.sql)
		total += s.d
		totalN += s.n
	}
	fmt.Fprintf(&out, "  %5.2f statements, %.2f ms waiting on them per order: %.0f %% of the order's wall time\n",
		float64(totalN)/float64(app.n), ms(total)/float64(app.n), 100*float64(total)/float64(app.wall))
	fmt.Print(out.String())
	b.ReportMetric(app.trips(), "round-trips/order")
	b.ReportMetric(ref.trips(), "ref-round-trips/order")
}

// serial is what one order costs, measured over n in a row.
type serial struct {
	n                     int
	wall, goCPU, pgCPU    time.Duration // pgCPU -1: the backend is not on this host
	roundTrips, bytesSent int64
}

func (s serial) trips() float64 { return float64(s.roundTrips) / float64(s.n) }

func (s serial) String() string {
	per := float64(s.n)
	pg := "n/a (not on this host)"
	if s.pgCPU >= 0 {
		pg = fmt.Sprintf("%.2f ms", ms(s.pgCPU)/per)
	}
	return fmt.Sprintf("%6.2f ms wall  CPU: Go %.2f ms, PostgreSQL backend %s  %5.1f round trips  %6.0f bytes sent  (mean of %d)",
		ms(s.wall)/per, ms(s.goCPU)/per, pg, s.trips(), float64(s.bytesSent)/per, s.n)
}

// measureSerial warms up, then runs fn n times in a row: wall time, this process's CPU
// (getrusage) and the PostgreSQL backend's (/proc/<pid>/stat counts clock ticks: hence many runs).
func measureSerial(backendPID, n int, fn func(i int), afterWarmUp ...func()) serial {
	for i := range 10 { // fill the connection's statement cache: steady state prepares nothing
		fn(i)
	}
	for _, f := range afterWarmUp {
		f()
	}
	runtime.GC()
	pg0, pgOK := procCPU(backendPID)
	go0 := selfCPU()
	t0 := time.Now()
	for i := range n {
		fn(i)
	}
	s := serial{n: n, wall: time.Since(t0), goCPU: selfCPU() - go0, pgCPU: -1}
	if pg1, ok := procCPU(backendPID); ok && pgOK {
		s.pgCPU = pg1 - pg0
	}
	return s
}

// countTrips warms up, then runs fn n times in a row through the proxy and returns the round
// trips and bytes the client sent.
func countTrips(proxy *pgCountingProxy, n int, fn func(i int)) (trips, sent int64) {
	for i := range 10 {
		fn(i)
	}
	proxy.reset()
	for i := range n {
		fn(i)
	}
	return proxy.counts()
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procCPU reads a local process's user+system CPU time (Linux; false elsewhere or when the
// database runs on another host or in a container this process cannot see).
func procCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || !strings.Contains(s[:i], "postgres") {
		return 0, false // not a PostgreSQL backend of ours (another host's PID)
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3 (state); utime and stime are fields 14 and 15
	if len(f) < 13 {
		return 0, false
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	const clockTicks = 100 // USER_HZ on Linux
	return time.Duration(ut+st) * time.Second / clockTicks, true
}

// pgCountingProxy forwards PostgreSQL connections and counts, from the client's side, the
// messages that make the server answer (Sync, Query): one each per round trip.
type pgCountingProxy struct {
	addr  string
	trips atomic.Int64
	bytes atomic.Int64
}

func newPGCountingProxy(b *testing.B, upstream string) *pgCountingProxy {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	p := &pgCountingProxy{addr: l.Addr().String()}
	b.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go p.serve(c, upstream)
		}
	}()
	return p
}

func (p *pgCountingProxy) reset() { p.trips.Store(0); p.bytes.Store(0) }

func (p *pgCountingProxy) counts() (trips, sent int64) { return p.trips.Load(), p.bytes.Load() }

func (p *pgCountingProxy) serve(client net.Conn, upstream string) {
	defer client.Close()
	server, err := net.Dial("tcp", upstream)
	if err != nil {
		return
	}
	defer server.Close()
	go func() { _, _ = io.Copy(client, server); _ = client.Close() }()
	// The startup message (and an SSL or GSS request before it) has no type byte; every later
	// message is a type byte and a length that counts itself.
	var hdr [5]byte
	for startup := true; startup; {
		if _, err := io.ReadFull(client, hdr[:4]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint32(hdr[:4]))
		body := make([]byte, n-4)
		if _, err := io.ReadFull(client, body); err != nil {
			return
		}
		if _, err := server.Write(append(hdr[:4:4], body...)); err != nil {
			return
		}
		code := binary.BigEndian.Uint32(body[:4])
		startup = code == 80877103 || code == 80877104 // SSLRequest, GSSENCRequest: the real startup follows
	}
	var buf bytes.Buffer
	for {
		if _, err := io.ReadFull(client, hdr[:]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint32(hdr[1:]))
		buf.Reset()
		buf.Write(hdr[:])
		if _, err := io.CopyN(&buf, client, int64(n-4)); err != nil {
			return
		}
		if hdr[0] == 'S' || hdr[0] == 'Q' {
			p.trips.Add(1)
		}
		p.bytes.Add(int64(buf.Len()))
		if _, err := server.Write(buf.Bytes()); err != nil {
			return
		}
	}
}

// statementTally counts and times the app's statements by their SQL (parameters, not values):
// GORM's, and those db.Query runs.
type statementTally struct {
	mu sync.Mutex
	by map[string]*stmtStat
}

type stmtStat struct {
	sql string
	n   int
	d   time.Duration
}

func newStatementTally(g *gorm.DB) *statementTally {
	t := &statementTally{by: map[string]*stmtStat{}}
	start := func(db *gorm.DB) { db.InstanceSet("bench:t0", time.Now()) }
	add := func(sql string, took time.Duration) {
		if len(sql) > 110 {
			sql = sql[:110] + "…"
		}
		t.mu.Lock()
		s := t.by[sql]
		if s == nil {
			s = &stmtStat{sql: sql}
			t.by[sql] = s
		}
		s.n++
		s.d += took
		t.mu.Unlock()
	}
	done := func(db *gorm.DB) {
		v, ok := db.InstanceGet("bench:t0")
		if !ok || db.DryRun {
			return // a dry run builds SQL that becomes part of another statement (ordering/place_pg.go)
		}
		add(db.Statement.SQL.String(), time.Since(v.(time.Time)))
	}
	dbpkg.ObserveQueries(g, add) // the statements db.Query runs without GORM's callbacks
	cb := g.Callback()
	_ = cb.Create().Before("gorm:create").Register("bench:start", start)
	_ = cb.Create().After("gorm:create").Register("bench:done", done)
	_ = cb.Query().Before("gorm:query").Register("bench:start", start)
	_ = cb.Query().After("gorm:query").Register("bench:done", done)
	_ = cb.Update().Before("gorm:update").Register("bench:start", start)
	_ = cb.Update().After("gorm:update").Register("bench:done", done)
	_ = cb.Delete().Before("gorm:delete").Register("bench:start", start)
	_ = cb.Delete().After("gorm:delete").Register("bench:done", done)
	_ = cb.Row().Before("gorm:row").Register("bench:start", start)
	_ = cb.Row().After("gorm:row").Register("bench:done", done)
	_ = cb.Raw().Before("gorm:raw").Register("bench:start", start)
	_ = cb.Raw().After("gorm:raw").Register("bench:done", done)
	return t
}

func (t *statementTally) reset() {
	t.mu.Lock()
	t.by = map[string]*stmtStat{}
	t.mu.Unlock()
}

// sorted lists the statements, most time first.
func (t *statementTally) sorted() []stmtStat {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]stmtStat, 0, len(t.by))
	for _, s := range t.by {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(x, y stmtStat) int { return cmp.Compare(y.d, x.d) })
	return out
}
