package app

import (
	"testing"
	"time"
)

func TestCatalogPageCache(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	e := newAPI(t)
	e.a.pages.clock = func() time.Time { return now }
	casey := e.loginAs("casey@example.com", DemoPassword)
	northwind := e.loginAs("purchasing@northwind.example.com", DemoPassword)
	admin := e.login("admin@oms.example.com")
	const path = "/api/v1/products?page_size=24&q=HAN"
	get := func(token string) (string, bool) {
		t.Helper()
		res := e.do("GET", path, token, "")
		if res.Code != 200 {
			t.Fatalf("GET: %d %s", res.Code, res.Body)
		}
		return res.Body.String(), res.Header().Get("X-Cache") == "hit"
	}
	first, hit := get(casey)
	if hit {
		t.Fatal("first read came from the cache")
	}
	if again, hit := get(casey); !hit || again != first {
		t.Fatalf("second read: hit %v, same %v", hit, again == first)
	}
	// Each caller has their own answer (prices and visibility are the caller's).
	if nw, hit := get(northwind); hit || nw == first {
		t.Fatalf("northwind got casey's page (hit %v)", hit)
	}
	if _, hit := get(""); hit {
		t.Fatal("a guest got a customer's page")
	}
	// Staff are never served from the cache.
	get(admin)
	if _, hit := get(admin); hit {
		t.Fatal("staff served from the cache")
	}
	// A write anywhere on this replica empties it at once: the new price shows.
	p := e.product(admin, "HAN-009")
	if res := e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", admin, `{"delta":7,"reason":"count"}`); res.Code != 200 {
		t.Fatalf("stock: %d %s", res.Code, res.Body)
	}
	// A refused write changes nothing and keeps the cache.
	get(casey)
	if res := e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", admin, `{"delta":0}`); res.Code < 400 {
		t.Fatalf("bad stock change: %d", res.Code)
	}
	if _, hit := get(casey); !hit {
		t.Fatal("a refused write emptied the cache")
	}
	if res := e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", admin, `{"delta":1,"reason":"count"}`); res.Code != 200 {
		t.Fatalf("stock: %d %s", res.Code, res.Body)
	}
	after, hit := get(casey)
	if hit || after == first {
		t.Fatalf("after a stock change: hit %v, changed %v", hit, after != first)
	}
	// Entries expire.
	get(casey)
	now = now.Add(pageTTL)
	if _, hit := get(casey); hit {
		t.Fatal("an expired entry was served")
	}
}

// An answer computed while a write happened is not kept (it may predate the write).
func TestPageCacheDropsAnswersRacingAWrite(t *testing.T) {
	c := newPageCache(time.Now)
	_, gen, _, _ := c.lookup("k", time.Now())
	c.invalidate()
	c.store("k", cachedPage{at: time.Now(), body: []byte("old")}, gen)
	c.done("k")
	if _, _, ok, _ := c.lookup("k", time.Now()); ok {
		t.Fatal("a page computed before an invalidation was stored")
	}
	// The caller above now computes "k"; a second caller waits for it.
	_, gen, _, _ = c.lookup("k", time.Now())
	if _, _, _, wait := c.lookup("k", time.Now()); wait == nil {
		t.Fatal("a second caller computes the same page at the same time")
	}
	c.store("k", cachedPage{at: time.Now(), body: []byte("new")}, gen)
	c.done("k")
	if e, _, ok, _ := c.lookup("k", time.Now()); !ok || string(e.body) != "new" {
		t.Fatal("a fresh page was not stored")
	}
}
