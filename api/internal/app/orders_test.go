package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/idempotency"
)

func (e *apiEnv) placeOrder(token, key, body string) response {
	e.t.Helper()
	if key == "" {
		return e.do("POST", "/api/v1/orders", token, body)
	}
	return e.do("POST", "/api/v1/orders", token, body, "Idempotency-Key", key)
}

// product returns the staff view of a product by SKU.
func (e *apiEnv) product(staff, sku string) catalog.ProductView {
	e.t.Helper()
	for _, p := range e.products(staff, "q="+sku+"&status=active&status=draft").Items {
		if p.SKU == sku {
			var full catalog.ProductView
			e.do("GET", "/api/v1/products/"+p.ID, staff, "").json(&full)
			return full
		}
	}
	e.t.Fatalf("no product %s", sku)
	return catalog.ProductView{}
}

// setStock makes a product's available stock exactly n (nothing reserved in these tests).
func (e *apiEnv) setStock(staff, sku string, n int) {
	e.t.Helper()
	p := e.product(staff, sku)
	if delta := n - *p.Stock.OnHand; delta != 0 {
		if res := e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", staff, fmt.Sprintf(`{"delta":%d,"reason":"test setup"}`, delta)); res.Code != 200 {
			e.t.Fatalf("set stock: %d %s", res.Code, res.Body)
		}
	}
}

func TestPlaceOrder(t *testing.T) {
	e := newAPI(t)
	casey := e.loginAs("casey@example.com", DemoPassword)
	admin := e.login("admin@oms.example.com")
	before := e.product(admin, "POW-001")

	body := `{"items":[{"sku":"POW-001","quantity":2},{"sku":"han-009","quantity":1}],"priority":"express","notes":"Leave at the back door"}`
	res := e.placeOrder(casey, "key-1", body)
	if res.Code != 201 {
		t.Fatalf("place: %d %s", res.Code, res.Body)
	}
	var o ordering.OrderView
	res.json(&o)
	if _, err := ordering.ParseReference(o.Reference); err != nil || o.Status != ordering.Placed || len(o.Items) != 2 || o.Channel != ordering.ChannelWeb {
		t.Fatalf("order %+v", o)
	}
	// Totals add up, and match what the quote endpoint says for the same items.
	var sum int64
	for _, l := range o.Items {
		sum += l.Total.Amount
	}
	if o.Totals.Shipping != 990 || o.Totals.Total != o.Totals.Subtotal-o.Totals.Discount+o.Totals.Tax+o.Totals.Shipping || sum != o.Totals.Total-o.Totals.Shipping {
		t.Fatalf("totals %+v, lines sum %d", o.Totals, sum)
	}
	var quote struct {
		Totals struct{ Total int64 } `json:"totals"`
	}
	e.do("POST", "/api/v1/quote", casey, `{"items":[{"sku":"POW-001","quantity":2},{"sku":"HAN-009","quantity":1}]}`).json(&quote)
	if quote.Totals.Total+990 != o.Totals.Total {
		t.Fatalf("order total %d, quote %d + surcharge", o.Totals.Total, quote.Totals.Total)
	}
	// Stock is reserved, not yet taken.
	after := e.product(admin, "POW-001")
	if *after.Stock.Reserved != *before.Stock.Reserved+2 || *after.Stock.OnHand != *before.Stock.OnHand {
		t.Fatalf("stock %+v → %+v", before.Stock, after.Stock)
	}
	// The customer is told, through the outbox.
	var placed []uuid.UUID
	e.a.DB.Gorm.Model(&notify.Message{}).Where("related_type = ? AND related_id = ? AND template_key = ?", "order", o.Reference, notify.TplOrderPlaced).Pluck("id", &placed)
	if len(placed) == 0 {
		t.Fatal("no order-placed message")
	}
	// … each with its sending job (on PostgreSQL written in the order's own statement).
	var args []string
	argsText := "args::text"
	if e.a.DB.Dialect == db.SQLite {
		argsText = "json(args)" // River's SQLite driver stores binary JSONB
	}
	e.a.DB.Gorm.Raw("SELECT "+argsText+" FROM river_job WHERE kind = ?", notify.SendArgs{}.Kind()).Scan(&args)
	jobs := map[uuid.UUID]bool{}
	for _, a := range args {
		var job notify.SendArgs
		if err := json.Unmarshal([]byte(a), &job); err != nil {
			t.Fatal(err)
		}
		jobs[job.MessageID] = true
	}
	for _, id := range placed {
		if !jobs[id] {
			t.Fatalf("message %s has no sending job (jobs %v)", id, args)
		}
	}

	// Replays and refusals.
	replay := e.placeOrder(casey, "key-1", body)
	if replay.Code != 201 || replay.Body.String() != res.Body.String() {
		t.Fatalf("replay: %d %s", replay.Code, replay.Body)
	}
	for name, tc := range map[string]struct {
		token, key, body string
		want             int
	}{
		"no key":                {casey, "", body, 400},
		"key reused, new body":  {casey, "key-1", `{"items":[{"sku":"POW-001","quantity":3}]}`, 422},
		"client sends a price":  {casey, "key-2", `{"items":[{"sku":"POW-001","quantity":1,"unit_price":1}]}`, 400},
		"client sends a total":  {casey, "key-3", `{"items":[{"sku":"POW-001","quantity":1}],"total":1}`, 400},
		"guest":                 {"", "key-4", body, 401},
		"staff":                 {admin, "key-5", body, 403},
		"unknown sku":           {casey, "key-6", `{"items":[{"sku":"NOPE-1","quantity":1}]}`, 422},
		"zero quantity":         {casey, "key-7", `{"items":[{"sku":"POW-001","quantity":0}]}`, 422},
		"bad priority":          {casey, "key-8", `{"items":[{"sku":"POW-001","quantity":1}],"priority":"asap"}`, 422},
		"past delivery date":    {casey, "key-9", `{"items":[{"sku":"POW-001","quantity":1}],"requested_delivery_date":"2001-01-01"}`, 422},
		"possible duplicate":    {casey, "key-10", body, 409},
		"business-only product": {casey, "key-11", `{"items":[{"sku":"POW-004","quantity":10}]}`, 422},
	} {
		if res := e.placeOrder(tc.token, tc.key, tc.body); res.Code != tc.want {
			t.Errorf("%s: %d, want %d: %s", name, res.Code, tc.want, res.Body)
		} else if name == "possible duplicate" {
			var p httpx.Problem
			res.json(&p)
			if p.Type != ordering.ProblemPossibleDuplicate || p.Subject != o.Reference || !strings.Contains(p.Detail, o.Reference) {
				t.Errorf("duplicate answer does not name %s by type and subject: %s", o.Reference, res.Body)
			}
		} else if name == "key reused, new body" && !strings.Contains(res.Body.String(), idempotency.ProblemKeyReused) {
			t.Errorf("key reuse is not typed: %s", res.Body)
		}
	}
	if res := e.placeOrder(casey, "key-12", strings.Replace(body, `"notes"`, `"confirm_duplicate":true,"notes"`, 1)); res.Code != 201 {
		t.Fatalf("confirmed duplicate: %d %s", res.Code, res.Body)
	}
	// The refused requests changed nothing: two orders, four units reserved.
	if got := e.product(admin, "POW-001"); *got.Stock.Reserved != *before.Stock.Reserved+4 {
		t.Fatalf("reserved %d, want %d", *got.Stock.Reserved, *before.Stock.Reserved+4)
	}
	var list ordering.OrderPage
	e.do("GET", "/api/v1/orders", casey, "").json(&list)
	if len(list.Items) != 2 {
		t.Fatalf("my orders: %d", len(list.Items))
	}
}

func TestBusinessOrderRules(t *testing.T) {
	e := newAPI(t)
	northwind := e.loginAs("purchasing@northwind.example.com", DemoPassword)
	// POW-004 is a trade pack: minimum 10, packs of 5.
	for qty, want := range map[int]int{5: 422, 12: 422, 15: 201} {
		res := e.placeOrder(northwind, uuid.NewString(), fmt.Sprintf(`{"items":[{"sku":"POW-004","quantity":%d}],"purchase_order_number":"PO-4711","confirm_duplicate":true}`, qty))
		if res.Code != want {
			t.Errorf("quantity %d: %d, want %d: %s", qty, res.Code, want, res.Body)
			continue
		}
		if want == 201 {
			var o ordering.OrderView
			res.json(&o)
			if o.PaymentTerms == nil || *o.PaymentTerms != "net_30" || o.PurchaseOrderNumber == nil || *o.PurchaseOrderNumber != "PO-4711" {
				t.Errorf("business order %+v", o)
			}
		}
	}
}

// TestConcurrentOrdersNeverOversell: 200 customers' orders race for 10 units; exactly 10 win.
func TestConcurrentOrdersNeverOversell(t *testing.T) {
	e := newAPI(t)
	admin := e.login("admin@oms.example.com")
	casey := e.loginAs("casey@example.com", DemoPassword)
	e.setStock(admin, "HAN-010", 10)
	var wg sync.WaitGroup
	codes := make([]int, 200)
	for i := range 200 {
		wg.Go(func() {
			res := e.placeOrder(casey, fmt.Sprintf("race-%d", i), `{"items":[{"sku":"HAN-010","quantity":1}],"confirm_duplicate":true}`)
			codes[i] = res.Code
			if res.Code != 201 {
				var p httpx.Problem
				res.json(&p)
				if p.Type != ordering.ProblemOutOfStock || p.Subject != "HAN-010" || !strings.Contains(p.Detail, "out of stock") {
					t.Errorf("request %d: %d %s", i, res.Code, res.Body)
				}
			}
		})
	}
	wg.Wait()
	won := 0
	for _, c := range codes {
		if c == 201 {
			won++
		}
	}
	p := e.product(admin, "HAN-010")
	if won != 10 || p.Stock.Available != 0 || *p.Stock.Reserved != 10 {
		t.Fatalf("%d orders won; stock %+v (reserved %d)", won, p.Stock, *p.Stock.Reserved)
	}
}

// TestConcurrentMultiProductOrdersDoNotDeadlock: orders for the same three products listed in
// different orders; stock is reserved in SKU order, so no deadlock error ever surfaces.
func TestConcurrentMultiProductOrdersDoNotDeadlock(t *testing.T) {
	e := newAPI(t)
	admin := e.login("admin@oms.example.com")
	casey := e.loginAs("casey@example.com", DemoPassword)
	skus := []string{"HAN-009", "HAN-011", "HAN-013"}
	for _, s := range skus {
		e.setStock(admin, s, 30)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for i := range 60 {
		wg.Go(func() {
			a, b, c := skus[i%3], skus[(i+1)%3], skus[(i+2)%3]
			if i%2 == 1 {
				a, c = c, a
			}
			res := e.placeOrder(casey, fmt.Sprintf("mix-%d", i), fmt.Sprintf(`{"items":[{"sku":%q,"quantity":1},{"sku":%q,"quantity":1},{"sku":%q,"quantity":1}],"confirm_duplicate":true}`, a, b, c))
			switch {
			case res.Code == 201:
				mu.Lock()
				won++
				mu.Unlock()
			case res.Code == 409 && strings.Contains(res.Body.String(), "out of stock"):
			default:
				t.Errorf("order %d: %d %s", i, res.Code, res.Body)
			}
		})
	}
	wg.Wait()
	if won != 30 {
		t.Fatalf("%d orders won, want 30 (30 units of each product)", won)
	}
	for _, s := range skus {
		if p := e.product(admin, s); p.Stock.Available != 0 || *p.Stock.Reserved != 30 {
			t.Fatalf("%s stock %+v", s, p.Stock)
		}
	}
}

func TestOrderLifecycleOverHTTP(t *testing.T) {
	e := newAPI(t)
	casey := e.loginAs("casey@example.com", DemoPassword)
	northwind := e.loginAs("purchasing@northwind.example.com", DemoPassword)
	sales, fulfilment, support := e.login("sales@oms.example.com"), e.login("fulfilment@oms.example.com"), e.login("support@oms.example.com")
	admin := e.login("admin@oms.example.com")
	e.setStock(admin, "GAR-041", 50)
	place := func() ordering.OrderView {
		t.Helper()
		res := e.placeOrder(casey, uuid.NewString(), `{"items":[{"sku":"GAR-041","quantity":2}],"confirm_duplicate":true}`)
		if res.Code != 201 {
			t.Fatalf("place: %d %s", res.Code, res.Body)
		}
		var o ordering.OrderView
		res.json(&o)
		return o
	}
	move := func(token, ref, body string, want int) ordering.OrderView {
		t.Helper()
		res := e.do("POST", "/api/v1/admin/orders/"+ref+"/status", token, body)
		if res.Code != want {
			t.Fatalf("%s → %s: %d, want %d: %s", ref, body, res.Code, want, res.Body)
		}
		var o ordering.OrderView
		if res.Code == 200 {
			res.json(&o)
		}
		return o
	}
	o := place()
	// Somebody else's order is not found, whatever they try.
	for _, path := range []string{"/api/v1/orders/" + o.Reference} {
		if res := e.do("GET", path, northwind, ""); res.Code != 404 {
			t.Errorf("other customer GET: %d", res.Code)
		}
	}
	if res := e.do("POST", "/api/v1/orders/"+o.Reference+"/cancel", northwind, ""); res.Code != 404 {
		t.Errorf("other customer cancel: %d", res.Code)
	}
	// Conflicts carry the problem type clients act on.
	conflict := func(token, ref, body, wantType, wantSubject string) {
		t.Helper()
		res := e.do("POST", "/api/v1/admin/orders/"+ref+"/status", token, body)
		var p httpx.Problem
		res.json(&p)
		if res.Code != 409 || p.Type != wantType || p.Subject != wantSubject {
			t.Fatalf("%s → %s: %d %+v, want 409 %s (%s)", ref, body, res.Code, p, wantType, wantSubject)
		}
	}
	move(fulfilment, o.Reference, `{"status":"confirmed"}`, 403)
	conflict(sales, o.Reference, `{"status":"shipped"}`, ordering.ProblemInvalidTransition, "placed")
	o = move(sales, o.Reference, `{"status":"confirmed","note":"Thanks!","version":1}`, 200)
	conflict(fulfilment, o.Reference, `{"status":"processing","version":1}`, apperr.ProblemStaleVersion, "")
	o = move(fulfilment, o.Reference, `{"status":"processing","version":2}`, 200)
	o = move(fulfilment, o.Reference, `{"status":"shipped"}`, 200)
	if p := e.product(admin, "GAR-041"); *p.Stock.OnHand != 48 || *p.Stock.Reserved != 0 {
		t.Fatalf("after shipping: %+v", p.Stock)
	}
	if res := e.do("POST", "/api/v1/orders/"+o.Reference+"/cancel", casey, ""); res.Code != 409 || !strings.Contains(res.Body.String(), "allowed now: none") {
		t.Fatalf("cancel a shipped order: %d %s", res.Code, res.Body)
	}
	o = move(support, o.Reference, `{"status":"delivered"}`, 200)
	o = move(fulfilment, o.Reference, `{"status":"returned","restock":true,"note":"Came back unused"}`, 200)
	if p := e.product(admin, "GAR-041"); *p.Stock.OnHand != 50 {
		t.Fatalf("after restocking return: %+v", p.Stock)
	}
	var detail ordering.OrderView
	e.do("GET", "/api/v1/orders/"+strings.ToLower(o.Reference), casey, "").json(&detail)
	var steps []string
	for _, ev := range detail.Events {
		steps = append(steps, string(ev.Status))
	}
	if strings.Join(steps, ",") != "placed,confirmed,processing,shipped,delivered,returned" || detail.Events[1].Note != "Thanks!" {
		t.Fatalf("timeline %v", detail.Events)
	}

	// The customer cancels a fresh order: its stock comes back.
	o2 := place()
	if p := e.product(admin, "GAR-041"); *p.Stock.Reserved != 2 {
		t.Fatalf("reserved %+v", p.Stock)
	}
	res := e.do("POST", "/api/v1/orders/"+o2.Reference+"/cancel", casey, `{"note":"Changed my mind"}`)
	if res.Code != 200 {
		t.Fatalf("cancel: %d %s", res.Code, res.Body)
	}
	if p := e.product(admin, "GAR-041"); *p.Stock.Reserved != 0 || p.Stock.Available != 50 {
		t.Fatalf("after cancel: %+v", p.Stock)
	}

	// The staff queue: urgent first.
	e.placeOrder(casey, uuid.NewString(), `{"items":[{"sku":"GAR-041","quantity":1}],"priority":"urgent","confirm_duplicate":true}`)
	var q ordering.OrderPage
	e.do("GET", "/api/v1/admin/orders?status=placed", support, "").json(&q)
	if len(q.Items) == 0 || q.Items[0].Priority != ordering.Urgent {
		t.Fatalf("queue %+v", q.Items)
	}
	if res := e.do("GET", "/api/v1/admin/orders", casey, ""); res.Code != 403 {
		t.Fatalf("customer on the staff queue: %d", res.Code)
	}
}

func TestStaffOrderEntry(t *testing.T) {
	e := newAPI(t)
	sales := e.login("sales@oms.example.com")
	fulfilment := e.login("fulfilment@oms.example.com")
	body := `{"customer":"C000002","channel":"phone","items":[{"sku":"POW-004","quantity":10}]}`
	if res := e.do("POST", "/api/v1/admin/orders", fulfilment, body, "Idempotency-Key", "s1"); res.Code != 403 {
		t.Fatalf("fulfilment entering an order: %d", res.Code)
	}
	res := e.do("POST", "/api/v1/admin/orders", sales, body, "Idempotency-Key", "s1")
	if res.Code != 201 {
		t.Fatalf("staff entry: %d %s", res.Code, res.Body)
	}
	var o ordering.OrderView
	res.json(&o)
	if o.Channel != ordering.ChannelPhone || o.CustomerID == "" {
		t.Fatalf("entered order %+v", o)
	}
	if res := e.do("POST", "/api/v1/admin/orders", sales, strings.Replace(body, "C000002", "C999999", 1), "Idempotency-Key", "s2"); res.Code != 422 {
		t.Fatalf("unknown customer: %d", res.Code)
	}
	// The business customer sees it among their orders.
	var list ordering.OrderPage
	e.do("GET", "/api/v1/orders?q="+o.Reference[:8], e.loginAs("purchasing@northwind.example.com", DemoPassword), "").json(&list)
	if len(list.Items) != 1 || list.Items[0].Reference != o.Reference {
		t.Fatalf("customer's list %+v", list.Items)
	}
}

// TestSameKeyFiftyTimesMakesOneOrder: a client retrying one checkout 50 times at once gets one
// order; every answer is that order (byte for byte) or a 409 "still in progress".
func TestSameKeyFiftyTimesMakesOneOrder(t *testing.T) {
	e := newAPI(t)
	casey := e.loginAs("casey@example.com", DemoPassword)
	admin := e.login("admin@oms.example.com")
	e.setStock(admin, "GAR-041", 100)
	body := `{"items":[{"sku":"GAR-041","quantity":1}]}`
	codes, bodies := make([]int, 50), make([]string, 50)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			res := e.placeOrder(casey, "retry-storm", body)
			codes[i], bodies[i] = res.Code, res.Body.String()
		})
	}
	wg.Wait()
	created := ""
	for i, code := range codes {
		switch {
		case code == 201 && (created == "" || bodies[i] == created):
			created = bodies[i]
		case code == 409 && strings.Contains(bodies[i], "still being processed"):
		default:
			t.Fatalf("answer %d: %d %s", i, code, bodies[i])
		}
	}
	var n int64
	e.a.DB.Gorm.Model(&ordering.Order{}).Count(&n)
	if created == "" || n != 1 {
		t.Fatalf("%d orders, created %q", n, created)
	}
	if p := e.product(admin, "GAR-041"); *p.Stock.Reserved != 1 {
		t.Fatalf("reserved %d", *p.Stock.Reserved)
	}
	if res := e.placeOrder(casey, "retry-storm", body); res.Code != 201 || res.Body.String() != created {
		t.Fatalf("replay: %d %s", res.Code, res.Body)
	}
	if res := e.placeOrder(casey, "retry-storm", `{"items":[{"sku":"GAR-041","quantity":2}]}`); res.Code != 422 {
		t.Fatalf("same key, other body: %d", res.Code)
	}
}

// advisoryLocks counts the advisory locks held in the test's database (PostgreSQL; 0 on SQLite).
func (e *apiEnv) advisoryLocks() int64 {
	e.t.Helper()
	if e.a.DB.Dialect != db.Postgres {
		return 0
	}
	var n int64
	e.a.DB.Gorm.Raw("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").Scan(&n)
	return n
}

// On PostgreSQL an order is placed outside a transaction, holding its idempotency key's lock for
// its connection's session (ordering.Place): every way a request can end releases it. A refusal's
// answer is stored (which needs the lock) and replayed for the same key even once the refusal no
// longer holds, and no session is left holding an advisory lock.
func TestOrderRequestsReleaseTheirKey(t *testing.T) {
	e := newAPI(t)
	casey := e.loginAs("casey@example.com", DemoPassword)
	admin := e.login("admin@oms.example.com")
	e.setStock(admin, "GAR-041", 3)
	placed := `{"items":[{"sku":"GAR-041","quantity":1}]}`
	for _, tc := range []struct {
		name, key, body string
		want            int
	}{
		{"placed", "k-placed", placed, 201},
		{"out of stock", "k-short", `{"items":[{"sku":"GAR-041","quantity":5}]}`, 409},
		{"possible duplicate", "k-dup", placed, 409},
		{"unknown product", "k-unknown", `{"items":[{"sku":"NOPE-1","quantity":1}]}`, 422},
		{"under the minimum", "k-bad", `{"items":[{"sku":"GAR-041","quantity":0}]}`, 422},
		{"key reused", "k-placed", `{"items":[{"sku":"GAR-041","quantity":2}]}`, 422},
	} {
		res := e.placeOrder(casey, tc.key, tc.body)
		if res.Code != tc.want {
			t.Fatalf("%s: %d, want %d: %s", tc.name, res.Code, tc.want, res.Body)
		}
		if n := e.advisoryLocks(); n != 0 {
			t.Fatalf("%s: %d advisory locks still held", tc.name, n)
		}
		if tc.name == "out of stock" {
			// Enough stock now, but the key's first answer stands.
			e.setStock(admin, "GAR-041", 20)
			if again := e.placeOrder(casey, tc.key, tc.body); again.Code != 409 || again.Body.String() != res.Body.String() {
				t.Fatalf("out of stock, retried: %d %s, want the stored %s", again.Code, again.Body, res.Body)
			}
		}
	}
	var n int64
	e.a.DB.Gorm.Model(&ordering.Order{}).Count(&n)
	if p := e.product(admin, "GAR-041"); n != 1 || *p.Stock.Reserved != 1 {
		t.Fatalf("%d orders, %d reserved: want the one placed", n, *p.Stock.Reserved)
	}
}

// takenReference places an order as casey and returns casey's token and the order's reference.
func (e *apiEnv) takenReference() (casey, reference string) {
	e.t.Helper()
	casey = e.loginAs("casey@example.com", DemoPassword)
	res := e.placeOrder(casey, "first", `{"items":[{"sku":"POW-001","quantity":1}]}`)
	if res.Code != 201 {
		e.t.Fatalf("first order: %d %s", res.Code, res.Body)
	}
	var taken ordering.OrderView
	res.json(&taken)
	return casey, taken.Reference
}

// scriptedReferences is a reference source that draws draws in turn, counting into drawn, and
// fails the test on one draw too many.
func scriptedReferences(t *testing.T, draws []string, drawn *int) func() string {
	return func() string {
		if *drawn == len(draws) {
			t.Errorf("drew a reference %d times", *drawn+1)
			return ordering.NewReference()
		}
		*drawn++
		return draws[*drawn-1]
	}
}

// A drawn reference that is already taken makes Place draw again (the unique index says so, on
// PostgreSQL inside the one write statement); a source that only ever draws taken references
// gives up after five draws and leaves nothing behind.
func TestTakenReferenceIsDrawnAgain(t *testing.T) {
	e := newAPI(t)
	_, taken := e.takenReference()
	ctx := context.Background()
	cust, err := e.a.Customers.ForLogin(ctx, "casey@example.com")
	if err != nil {
		t.Fatal(err)
	}
	groups, err := e.a.Groups.Of(ctx, cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	buyer, err := buyerOf(cust, groups)
	if err != nil {
		t.Fatal(err)
	}
	fresh := ordering.NewReference()
	for _, tc := range []struct {
		name  string
		draws []string
		want  string // the reference placed; "" for none
	}{
		{"taken, then free", []string{taken, fresh}, fresh},
		{"always taken", slices.Repeat([]string{taken}, 5), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			drawn := 0
			opts := e.a.orderingOptions()
			opts.Reference = scriptedReferences(t, tc.draws, &drawn)
			var before int64
			e.a.DB.Gorm.Model(&ordering.Order{}).Count(&before)
			o, err := ordering.NewService(e.a.DB.Gorm, opts).Place(ctx, buyer,
				ordering.PlaceInput{Items: []ordering.ItemInput{{SKU: "HAN-009", Quantity: 1}}, Channel: ordering.ChannelWeb, ConfirmDuplicate: true})
			var after int64
			e.a.DB.Gorm.Model(&ordering.Order{}).Count(&after)
			if drawn != len(tc.draws) {
				t.Fatalf("drew %d references, want %d", drawn, len(tc.draws))
			}
			if tc.want == "" {
				if err == nil || after != before {
					t.Fatalf("placed %q (err %v); orders %d → %d", o.Reference, err, before, after)
				}
				return
			}
			if err != nil || o.Reference != tc.want || after != before+1 {
				t.Fatalf("placed %q (err %v), want %q; orders %d → %d", o.Reference, err, tc.want, before, after)
			}
		})
	}
}

// The same over HTTP with an Idempotency-Key, whose lock on PostgreSQL is the connection's
// session's across the attempts: the order is placed once with the second draw, its answer
// replays for the key without another draw, and no advisory lock is left behind.
func TestTakenReferenceIsDrawnAgainUnderAKey(t *testing.T) {
	e := newAPI(t)
	casey, taken := e.takenReference()
	fresh := ordering.NewReference()
	drawn := 0
	opts := e.a.orderingOptions()
	opts.Reference = scriptedReferences(t, []string{taken, fresh}, &drawn)
	e.a.Ordering = ordering.NewService(e.a.DB.Gorm, opts)
	e.a.routes(Build{Version: "test", Commit: "abc"}) // the handlers take the service above

	body := `{"items":[{"sku":"HAN-009","quantity":1}]}`
	first := e.placeOrder(casey, "drawn-again", body)
	if first.Code != 201 {
		t.Fatalf("order: %d %s", first.Code, first.Body)
	}
	var placed ordering.OrderView
	first.json(&placed)
	if placed.Reference != fresh || drawn != 2 {
		t.Fatalf("placed %q after %d draws, want %q after 2", placed.Reference, drawn, fresh)
	}
	again := e.placeOrder(casey, "drawn-again", body)
	if again.Code != 201 || again.Body.String() != first.Body.String() || drawn != 2 {
		t.Fatalf("retry: %d after %d draws, want the stored answer replayed: %s", again.Code, drawn, again.Body)
	}
	var n int64
	e.a.DB.Gorm.Model(&ordering.Order{}).Where("reference = ?", fresh).Count(&n)
	if n != 1 {
		t.Fatalf("%d orders %s, want 1", n, fresh)
	}
	if locks := e.advisoryLocks(); locks != 0 {
		t.Fatalf("%d advisory locks held after the order", locks)
	}
}

// Offers an order uses are recorded with it: one without limits (the demo's category offer for
// consumers) costs no check, a coupon limited to one use per customer is counted and refused the
// second time, and a refused order leaves no use behind.
func TestOrdersRecordTheOffersTheyUse(t *testing.T) {
	e := newAPI(t)
	casey := e.loginAs("casey@example.com", DemoPassword)
	admin := e.login("admin@oms.example.com")
	var garden []string
	e.a.DB.Gorm.Table("products").Joins("JOIN categories c ON c.id = products.category_id").
		Where("c.slug = ? AND products.audience <> ? AND products.status = ?", "garden", "b2b", "active").Order("products.sku").Pluck("products.sku", &garden)
	if len(garden) == 0 {
		t.Fatal("no garden product for consumers in the demo data")
	}
	e.setStock(admin, garden[0], 100)
	uses := func(ref string) (names []string) {
		e.a.DB.Gorm.Table("offer_redemptions r").Joins("JOIN offers o ON o.id = r.offer_id").Where("r.order_reference = ?", ref).
			Order("o.name").Pluck("o.name", &names)
		return names
	}
	place := func(key, body string) (response, ordering.OrderView) {
		res := e.placeOrder(casey, key, body)
		var o ordering.OrderView
		if res.Code == 201 {
			res.json(&o)
		}
		return res, o
	}

	// Five checkouts at once with the coupon: exactly one goes through, whether the others are
	// stopped by their quote (which saw its use) or by the count under the offer's lock
	// (pricing's TestRedemptionTxConcurrent races that one).
	var wg sync.WaitGroup
	results := make([]response, 5)
	views := make([]ordering.OrderView, 5)
	for i := range results {
		wg.Go(func() {
			results[i], views[i] = place(fmt.Sprint("offers-race-", i), fmt.Sprintf(`{"items":[{"sku":%q,"quantity":%d}],"coupon_code":"welcome5"}`, garden[0], 6+i))
		})
	}
	wg.Wait()
	var first ordering.OrderView
	for i, r := range results {
		switch {
		case r.Code == 201 && first.Reference == "":
			first = views[i]
		case r.Code == 422 && strings.Contains(r.Body.String(), "already used"):
		default:
			t.Fatalf("checkout %d with the coupon: %d %s", i, r.Code, r.Body)
		}
	}
	if first.Reference == "" {
		t.Fatal("no checkout with the coupon went through")
	}
	if got := uses(first.Reference); !slices.Equal(got, []string{"Garden days", "WELCOME5"}) {
		t.Fatalf("uses of %s: %v", first.Reference, got)
	}
	var before int64
	e.a.DB.Gorm.Table("offer_redemptions").Count(&before)
	res, _ := place("offers-2", fmt.Sprintf(`{"items":[{"sku":%q,"quantity":20}],"coupon_code":"WELCOME5"}`, garden[0]))
	if res.Code != 422 || !strings.Contains(res.Body.String(), "coupon_code") || !strings.Contains(res.Body.String(), "already used") {
		t.Fatalf("second use of a one-per-customer coupon: %d %s", res.Code, res.Body)
	}
	// The limited offer's orders (a transaction of their own on PostgreSQL) released their keys,
	// placed or refused.
	if n := e.advisoryLocks(); n != 0 {
		t.Fatalf("%d advisory locks still held", n)
	}
	var after int64
	e.a.DB.Gorm.Table("offer_redemptions").Count(&after)
	if after != before {
		t.Fatalf("a refused order left uses behind: %d → %d", before, after)
	}
	res, third := place("offers-3", fmt.Sprintf(`{"items":[{"sku":%q,"quantity":21}]}`, garden[0]))
	if res.Code != 201 || !slices.Equal(uses(third.Reference), []string{"Garden days"}) {
		t.Fatalf("without the coupon: %d %s, uses %v", res.Code, res.Body, uses(third.Reference))
	}
}
