package app

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

func (e *apiEnv) products(token, query string) catalog.ProductPage {
	e.t.Helper()
	res := e.do("GET", "/api/v1/products?"+query, token, "")
	if res.Code != 200 {
		e.t.Fatalf("products?%s: %d %s", query, res.Code, res.Body)
	}
	var page catalog.ProductPage
	res.json(&page)
	return page
}

// all pages through a list and returns every item.
func (e *apiEnv) allProducts(token, query string) []catalog.ProductView {
	e.t.Helper()
	var out []catalog.ProductView
	cursor := ""
	for range 50 {
		page := e.products(token, query+"&page_size=7&cursor="+url.QueryEscape(cursor))
		out = append(out, page.Items...)
		if page.NextCursor == nil {
			return out
		}
		cursor = *page.NextCursor
	}
	e.t.Fatal("pagination did not end")
	return nil
}

func TestCatalogVisibility(t *testing.T) {
	e := newAPI(t)
	consumerTok := e.loginAs("casey@example.com", DemoPassword)
	businessTok := e.loginAs("purchasing@northwind.example.com", DemoPassword)
	staff := e.login("sales@oms.example.com")

	count := func(items []catalog.ProductView) map[catalog.Audience]int {
		m := map[catalog.Audience]int{}
		seen := map[string]bool{}
		for _, p := range items {
			if seen[p.ID] {
				t.Fatalf("product %s listed twice across pages", p.SKU)
			}
			seen[p.ID] = true
			m[p.Audience]++
		}
		return m
	}
	guest, consumer, business, all := count(e.allProducts("", "sort=newest")), count(e.allProducts(consumerTok, "sort=price_asc")),
		count(e.allProducts(businessTok, "sort=price_desc")), count(e.allProducts(staff, "sort=newest"))
	if guest[catalog.B2B] != 0 || consumer[catalog.B2B] != 0 || guest[catalog.B2C] == 0 || guest[catalog.Both] == 0 {
		t.Fatalf("guest %v consumer %v", guest, consumer)
	}
	if business[catalog.B2C] != 0 || business[catalog.B2B] == 0 || business[catalog.Both] != guest[catalog.Both] {
		t.Fatalf("business %v", business)
	}
	if all[catalog.B2B]+all[catalog.B2C]+all[catalog.Both] != 48 {
		t.Fatalf("staff sees %v, want all 48", all)
	}

	// A B2B-only product cannot be fetched or found by guests and consumers in any way.
	var b2b catalog.ProductView
	for _, p := range e.allProducts(businessTok, "sort=newest") {
		if p.Audience == catalog.B2B {
			b2b = p
			break
		}
	}
	for name, tok := range map[string]string{"guest": "", "consumer": consumerTok} {
		for _, ref := range []string{b2b.ID, b2b.Slug} {
			if res := e.do("GET", "/api/v1/products/"+ref, tok, ""); res.Code != 404 {
				t.Errorf("%s fetching %s: %d", name, ref, res.Code)
			}
		}
		for _, q := range []string{b2b.SKU, "trade pack", strings.Fields(b2b.Name)[0]} {
			for _, p := range e.products(tok, "q="+url.QueryEscape(q)).Items {
				if p.Audience == catalog.B2B {
					t.Errorf("%s found %s searching %q", name, p.SKU, q)
				}
			}
		}
	}
	if res := e.do("GET", "/api/v1/products/"+b2b.Slug, businessTok, ""); res.Code != 200 {
		t.Fatalf("business fetching its product: %d", res.Code)
	}
}

func TestCatalogSearchFiltersAndSort(t *testing.T) {
	e := newAPI(t)
	names := func(p catalog.ProductPage) []string {
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Name)
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  string // a name that must be among the results
		none  bool
	}{
		{"q=drill", "Cordless drill 18V", false},
		{"q=dri", "Cordless drill 18V", false},              // as you type
		{"q=drills", "Cordless drill 18V", false},           // stemmed
		{"q=POW-001", "Cordless drill 18V", false},          // SKU
		{"q=warranty+sander", "Random orbit sander", false}, // description and name together
		{"q=zzzqqq", "", true},
		{"q=%27%29%3B+DROP+TABLE+products%3B--", "", true}, // SQL-looking text is just words
		{"q=%22unbalanced", "", true},
	} {
		got := names(e.products("", tc.query))
		if tc.none && len(got) != 0 {
			t.Errorf("%s: %v", tc.query, got)
		}
		if !tc.none && !strings.Contains(strings.Join(got, "|"), tc.want) {
			t.Errorf("%s: %v lacks %q", tc.query, got, tc.want)
		}
	}
	// The best match comes first.
	if first := e.products("", "q=cordless+drill").Items[0].Name; first != "Cordless drill 18V" {
		t.Errorf("relevance: first is %q", first)
	}
	prices := e.products("", "sort=price_asc&page_size=100").Items
	for i := 1; i < len(prices); i++ {
		if prices[i].ListPrice.Amount < prices[i-1].ListPrice.Amount { // price sorts use the list price
			t.Fatalf("price_asc out of order at %d", i)
		}
	}
	for _, p := range e.products("", "category=garden&min_price=1000&max_price=5000&in_stock=true&page_size=100").Items {
		if p.Category == nil || p.Category.Slug != "garden" || p.ListPrice.Amount < 1000 || p.ListPrice.Amount > 5000 || p.Stock.Available <= 0 || p.Stock.OnHand != nil {
			t.Fatalf("filtered item %+v", p)
		}
	}
	for _, bad := range []string{"sort=cheapest", "min_price=-1", "category=nope", "page_size=0", "cursor=%21"} {
		if res := e.do("GET", "/api/v1/products?"+bad, "", ""); res.Code != 422 {
			t.Errorf("%s: %d", bad, res.Code)
		}
	}
	var cats catalog.CategoryList
	e.do("GET", "/api/v1/categories", "", "").json(&cats)
	if len(cats.Items) != 6 {
		t.Fatalf("%d categories", len(cats.Items))
	}
	p := e.products("", "q=multimeter").Items[0]
	var full catalog.ProductView
	e.do("GET", "/api/v1/products/"+p.Slug, "", "").json(&full)
	if len(full.Specs) != 2 || full.Specs[0].Name != "DC voltage" || full.Images == nil {
		t.Fatalf("product detail %+v", full)
	}
}

// Search follows a product's text, on both databases: a new name is found and the old one no
// longer is, and a stock change (which, on PostgreSQL, no longer recomputes the search vector)
// leaves it findable by what it is now called.
func TestSearchFollowsProductEdits(t *testing.T) {
	e := newAPI(t)
	admin := e.login("admin@oms.example.com")
	found := func(q string) bool {
		t.Helper()
		return slices.ContainsFunc(e.allProducts(admin, "q="+url.QueryEscape(q)), func(p catalog.ProductView) bool { return p.SKU == "SRC-100" })
	}
	body := `{"sku":"src-100","name":"Walnut mallet","description":"A joiner's mallet, oiled by hand.","status":"active","audience":"both","price":{"amount":1999,"currency":"usd"},"stock_on_hand":5}`
	res := e.do("POST", "/api/v1/admin/products", admin, body)
	if res.Code != 201 {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	var p catalog.ProductView
	res.json(&p)
	if !found("walnut") || !found("joiner") || !found("SRC-100") || found("beech") {
		t.Fatal("the new product is not found by its name, description and SKU only")
	}
	update := strings.Replace(body, "Walnut mallet", "Beech mallet", 1)
	update = strings.Replace(update, `"stock_on_hand":5}`, `"stock_on_hand":5,"version":1}`, 1)
	if res := e.do("PUT", "/api/v1/admin/products/"+p.ID, admin, update); res.Code != 200 {
		t.Fatalf("rename: %d %s", res.Code, res.Body)
	}
	e.setStock(admin, "SRC-100", 40)
	if !found("beech") || found("walnut") || !found("joiner") {
		t.Fatalf("after the rename and a stock change, search does not follow the new name: beech %v walnut %v joiner %v", found("beech"), found("walnut"), found("joiner"))
	}
}

func TestCatalogEditing(t *testing.T) {
	e := newAPI(t)
	sales, support, fulfilment := e.login("sales@oms.example.com"), e.login("support@oms.example.com"), e.login("fulfilment@oms.example.com")
	body := `{"sku":"drl-900","name":"Drill press 900W","status":"active","audience":"both","price":{"amount":24999,"currency":"usd"},"stock_on_hand":5,
		"specs":[{"group":"Electrical","name":"Power","value":"900","unit":"W"}]}`
	if res := e.do("POST", "/api/v1/admin/products", support, body); res.Code != 403 {
		t.Fatalf("support creating a product: %d", res.Code)
	}
	res := e.do("POST", "/api/v1/admin/products", sales, body)
	var p catalog.ProductView
	res.json(&p)
	if res.Code != 201 || p.SKU != "DRL-900" || p.Slug != "drill-press-900w" || p.Price.Currency != "USD" || p.Version != 1 || *p.Stock.OnHand != 5 {
		t.Fatalf("create: %d %+v", res.Code, p)
	}
	for _, tc := range []struct {
		name, body string
		want       int
	}{
		{"same SKU", strings.Replace(body, "Drill press 900W", "Other", 1), 409},
		{"bad SKU", strings.Replace(body, "drl-900", "!!", 1), 422},
		{"negative price", strings.Replace(body, "24999", "-1", 1), 422},
		{"bad audience", strings.Replace(body, `"both"`, `"everyone"`, 1), 422},
	} {
		if res := e.do("POST", "/api/v1/admin/products", sales, tc.body); res.Code != tc.want {
			t.Errorf("%s: %d %s", tc.name, res.Code, res.Body)
		}
	}
	update := strings.Replace(body, "Drill press 900W", "Drill press 900W pro", 1)
	update = strings.Replace(update, `"stock_on_hand":5,`, `"stock_on_hand":5,"version":1,`, 1)
	if res := e.do("PUT", "/api/v1/admin/products/"+p.ID, sales, update); res.Code != 200 {
		t.Fatalf("update: %d %s", res.Code, res.Body)
	}
	if res := e.do("PUT", "/api/v1/admin/products/"+p.ID, sales, update); res.Code != 409 || !strings.Contains(res.Body.String(), "changed by someone else") ||
		!strings.Contains(res.Body.String(), `"type":"`+apperr.ProblemStaleVersion+`"`) {
		t.Fatalf("stale version: %d %s", res.Code, res.Body)
	}
	if res := e.do("POST", "/api/v1/admin/products", sales, strings.Replace(body, "Drill press 900W", "Other", 1)); res.Code != 409 || !strings.Contains(res.Body.String(), `"type":"`+apperr.ProblemAlreadyExists+`"`) || !strings.Contains(res.Body.String(), `"subject":"sku"`) {
		t.Fatalf("SKU taken: %d %s", res.Code, res.Body)
	}
	// Stock: fulfilment adjusts with a reason; never below zero.
	if res := e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", sales, `{"delta":1,"reason":"count"}`); res.Code != 403 {
		t.Fatalf("sales adjusting stock: %d", res.Code)
	}
	if res := e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", fulfilment, `{"delta":-2,"reason":""}`); res.Code != 422 {
		t.Fatalf("no reason: %d", res.Code)
	}
	if res := e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", fulfilment, `{"delta":-6,"reason":"stocktake"}`); res.Code != 409 {
		t.Fatalf("below zero: %d", res.Code)
	}
	res = e.do("POST", "/api/v1/admin/products/"+p.ID+"/stock", fulfilment, `{"delta":-2,"reason":"2 damaged in transit"}`)
	var after catalog.ProductView
	res.json(&after)
	if res.Code != 200 || after.Stock.Available != 3 {
		t.Fatalf("adjust: %d %+v", res.Code, after.Stock)
	}
	var moves int64
	e.a.DB.Gorm.Model(&catalog.StockMovement{}).Where("product_id = ? AND reason = ?", p.ID, "2 damaged in transit").Count(&moves)
	if moves != 1 {
		t.Fatalf("%d stock movements recorded", moves)
	}
	// It appears in the shop at once, found by search.
	if got := e.products("", "q=press"); len(got.Items) != 1 || got.Items[0].Name != "Drill press 900W pro" {
		t.Fatalf("shop search after create: %+v", got.Items)
	}
}

func TestCategoryCreation(t *testing.T) {
	e := newAPI(t)
	sales, support := e.login("sales@oms.example.com"), e.login("support@oms.example.com")
	var parent catalog.CategoryView
	for _, tc := range []struct {
		name, token, body string
		want              int
	}{
		{"support may not", support, `{"name":"Fasteners"}`, 403},
		{"anonymous", "", `{"name":"Fasteners"}`, 401},
		{"created", sales, `{"name":"Fasteners"}`, 201},
		{"same slug", sales, `{"name":"Fasteners!"}`, 409},
		{"no name", sales, `{"name":"  "}`, 422},
		{"unknown parent", sales, `{"name":"Screws","parent_id":"0190d0a0-0000-7000-8000-000000000000"}`, 422},
	} {
		res := e.do("POST", "/api/v1/admin/categories", tc.token, tc.body)
		if res.Code != tc.want {
			t.Fatalf("%s: %d %s", tc.name, res.Code, res.Body)
		}
		if tc.want == 201 {
			res.json(&parent)
		}
	}
	res := e.do("POST", "/api/v1/admin/categories", sales, `{"name":"Wood screws","parent_id":"`+parent.ID+`"}`)
	var child catalog.CategoryView
	res.json(&child)
	if res.Code != 201 || child.ParentID == nil || *child.ParentID != parent.ID || child.Slug != "wood-screws" {
		t.Fatalf("child category: %d %+v", res.Code, child)
	}
}

// TestSearchIsTheSameOnBothDatabases pins the exact result sets of the demo catalog for a set of
// searches. The suite runs on SQLite (FTS5) and on PostgreSQL (tsvector), so both must give these.
func TestSearchIsTheSameOnBothDatabases(t *testing.T) {
	e := newAPI(t)
	for q, want := range map[string]string{
		"drill":       "POW-001",
		"dri":         "POW-001 POW-002", // prefix: "drill", "driver"
		"saw":         "POW-003",
		"18v":         "POW-001 POW-002",
		"pipe":        "PLU-033 PLU-035 PLU-037",
		"glove":       "SAF-018",
		"gloves":      "SAF-018",
		"safety":      "SAF-017 SAF-023",
		"led light":   "ELE-026",
		"copper 15mm": "PLU-035",
		"POW-001":     "POW-001",
		"trade pack":  "", // business-only products are invisible to a guest
		"hammer":      "HAN-009 POW-007",
	} {
		var skus []string
		for _, p := range e.allProducts("", "q="+url.QueryEscape(q)) {
			skus = append(skus, p.SKU)
		}
		slices.Sort(skus)
		if got := strings.Join(skus, " "); got != want {
			t.Errorf("search %q: %q, want %q", q, got, want)
		}
	}
}
