package pricing

import (
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// newRouter serves the pricing routes with the platform's middleware and error handling. Who is
// calling comes from an X-Test-As header (roles are app's middleware, tested there).
func newRouter(f *fixture) *echo.Echo {
	e := httpx.New(httpx.Options{Logger: slog.New(slog.DiscardHandler), Metrics: httpx.NewMetrics(prometheus.NewRegistry()), BodyLimit: 1 << 20})
	viewer := func(c echo.Context) (catalog.Viewer, error) {
		switch c.Request().Header.Get("X-Test-As") {
		case "consumer":
			return f.consumer(), nil
		case "business":
			return f.business(), nil
		case "staff":
			return catalog.Viewer{Staff: true}, nil
		}
		return f.guest(), nil
	}
	api := httpx.NewRoutes(e.Group("/api/v1"))
	NewHandler(f.svc, viewer).Register(api, api.Group("/admin"), api.Group("/admin"))
	return e
}

func TestHandlers(t *testing.T) {
	f := newFixture(t)
	e := newRouter(f)
	f.tradeList(t)
	if _, err := f.svc.SetTaxRate(bg, "standard", "Standard", 2000); err != nil {
		t.Fatal(err)
	}
	f.offer(t, OfferInput{Name: "Welcome", Code: ptr("WELCOME5"), Kind: Fixed, Value: 500, Currency: ptr("USD"), Scope: ScopeOrder, MinOrderAmount: 5000})
	f.offer(t, OfferInput{Name: "Garden days", Kind: Percent, Value: 1000, Scope: ScopeCategory, CategoryID: ptr(f.cats["garden"]), Audience: catalog.B2C})

	vars := map[string]string{"{DRL}": f.id("DRL-1").String(), "{B2B}": f.id("B2B-1").String(), "{TRADE}": f.trade.String(), "{ACME}": f.acme.String()}
	expand := func(s string) string {
		for k, v := range vars {
			s = strings.ReplaceAll(s, k, v)
		}
		return s
	}
	// Scenarios run in order; later ones use ids earlier ones created ({LIST}, {OFFER}).
	for _, tc := range []struct {
		name, as, method, path, body string
		status                       int
		want                         []string // substrings of the body
		save                         string   // remember the response's id as this placeholder
	}{
		// Quotes.
		{name: "quote as business: tier and tax", as: "business", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":10}]}`, status: 200,
			want: []string{`"explanation":["Trade price list, tier 10–49"]`, `"unit":{"amount":1080,"currency":"USD"}`, `"totals":{"subtotal":10800,"discount":0,"tax":2160,"total":12960,"currency":"USD"}`, `"discount":{"amount":1200,`}},
		{name: "quote with a coupon", as: "consumer", method: "POST", path: "/api/v1/quote", body: `{"items":[{"product_id":"{DRL}","quantity":5}],"coupon_code":"welcome5"}`, status: 200,
			want: []string{`"label":"Coupon WELCOME5 −$5.00"`, `"code":"WELCOME5"`, `"subtotal":6000,"discount":500,"tax":1100,"total":6600`, `"order_discount":{"amount":500,`}},
		{name: "coupon below its minimum", as: "consumer", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":1}],"coupon_code":"WELCOME5"}`, status: 422,
			want: []string{`"field":"coupon_code"`, `needs an order of at least $50.00 (yours is $12.00)`}},
		{name: "unknown coupon", as: "consumer", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":5}],"coupon_code":"NOPE"}`, status: 422,
			want: []string{`"field":"coupon_code","message":"is not a valid coupon code"`}},
		{name: "a B2B-only product is unknown to a consumer", as: "consumer", method: "POST", path: "/api/v1/quote", body: `{"items":[{"product_id":"{B2B}","quantity":1}]}`, status: 422,
			want: []string{`"field":"items[0].product_id","message":"unknown product"`}},
		{name: "a B2B-only product by SKU is unknown to a guest", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"B2B-1","quantity":1}]}`, status: 422,
			want: []string{`"field":"items[0].sku","message":"unknown product"`}},
		{name: "quote: no items", method: "POST", path: "/api/v1/quote", body: `{"items":[]}`, status: 422, want: []string{`"field":"items"`}},
		{name: "quote: quantity 0", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":0}]}`, status: 422, want: []string{`"field":"items[0].quantity"`}},
		{name: "quote: unknown field", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":1}],"price":1}`, status: 400, want: []string{`price`}},
		{name: "quote: bad JSON", method: "POST", path: "/api/v1/quote", body: `{"items":`, status: 400},
		{name: "public offers for a guest", method: "GET", path: "/api/v1/offers", status: 200, want: []string{`"label":"Offer Garden days −10%"`}},

		// Price lists.
		{name: "create a contract", as: "staff", method: "POST", path: "/api/v1/admin/price-lists", status: 201, save: "{LIST}",
			body: `{"name":"ACME","code":"acme","customer_id":"{ACME}","currency":"USD","active":true,"items":[{"product_id":"{DRL}","tiers":[{"min_qty":1,"amount":1000},{"min_qty":20,"amount":900}]}]}`,
			want: []string{`"code":"ACME"`, `"tiers":[{"min_qty":1,"amount":1000},{"min_qty":20,"amount":900}]`, `"version":1`, `"products":1`}},
		{name: "the contract prices the quote", as: "business", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":20}]}`, status: 200,
			want: []string{`"explanation":["Contract price (ACME), tier 20+"]`}},
		{name: "tiers out of order", as: "staff", method: "POST", path: "/api/v1/admin/price-lists", status: 422,
			body: `{"name":"X","code":"X1","customer_group_id":"{TRADE}","currency":"USD","items":[{"product_id":"{DRL}","tiers":[{"min_qty":10,"amount":1},{"min_qty":5,"amount":1}]}]}`,
			want: []string{`"field":"items[0].tiers[1].min_qty"`}},
		{name: "negative tier amount", as: "staff", method: "POST", path: "/api/v1/admin/price-lists", status: 422,
			body: `{"name":"X","code":"X1","customer_group_id":"{TRADE}","currency":"USD","items":[{"product_id":"{DRL}","tiers":[{"min_qty":1,"amount":-1}]}]}`,
			want: []string{`"field":"items[0].tiers[0].amount"`}},
		{name: "duplicate code", as: "staff", method: "POST", path: "/api/v1/admin/price-lists", status: 409,
			body: `{"name":"X","code":"trade","customer_group_id":"{TRADE}","currency":"USD","items":[]}`},
		{name: "list price lists", as: "staff", method: "GET", path: "/api/v1/admin/price-lists?page_size=1", status: 200, want: []string{`"code":"ACME"`, `"next_cursor":"`}},
		{name: "get a price list", as: "staff", method: "GET", path: "/api/v1/admin/price-lists/{LIST}", status: 200, want: []string{`"customer_id":"{ACME}"`}},
		{name: "get a price list: bad id", as: "staff", method: "GET", path: "/api/v1/admin/price-lists/nope", status: 404},
		{name: "replace without version", as: "staff", method: "PUT", path: "/api/v1/admin/price-lists/{LIST}", status: 422, want: []string{`"field":"version"`},
			body: `{"name":"ACME","code":"ACME","customer_id":"{ACME}","currency":"USD","items":[]}`},
		{name: "replace", as: "staff", method: "PUT", path: "/api/v1/admin/price-lists/{LIST}", status: 200, want: []string{`"version":2`, `"active":false`},
			body: `{"name":"ACME","code":"ACME","customer_id":"{ACME}","currency":"USD","items":[],"version":1}`},
		{name: "replace a stale version", as: "staff", method: "PUT", path: "/api/v1/admin/price-lists/{LIST}", status: 409,
			body: `{"name":"ACME","code":"ACME","customer_id":"{ACME}","currency":"USD","items":[],"version":1}`},
		{name: "delete a price list", as: "staff", method: "DELETE", path: "/api/v1/admin/price-lists/{LIST}", status: 204},
		{name: "delete it again", as: "staff", method: "DELETE", path: "/api/v1/admin/price-lists/{LIST}", status: 404},

		// Offers.
		{name: "create an offer", as: "staff", method: "POST", path: "/api/v1/admin/offers", status: 201, save: "{OFFER}",
			body: `{"name":"Drills","kind":"percent","value":1500,"scope":"product","product_id":"{DRL}","audience":"both","active":true}`,
			want: []string{`"label":"Offer Drills −15%"`, `"uses":0`, `"code":null`}},
		{name: "offer vs tier: the offer wins at 1", as: "business", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":1}]}`, status: 200,
			want: []string{`"explanation":["List price","Offer Drills −15%"]`, `"unit":{"amount":1020,`}},
		{name: "offer vs tier: the tier wins at 50", as: "business", method: "POST", path: "/api/v1/quote", body: `{"items":[{"sku":"DRL-1","quantity":50}]}`, status: 200,
			want: []string{`"explanation":["Trade price list, tier 50+"]`}},
		{name: "offer: bad kind", as: "staff", method: "POST", path: "/api/v1/admin/offers", status: 422,
			body: `{"name":"X","kind":"half","value":1,"scope":"order","audience":"both"}`, want: []string{`"field":"kind"`}},
		{name: "offer: fixed without currency", as: "staff", method: "POST", path: "/api/v1/admin/offers", status: 422,
			body: `{"name":"X","kind":"fixed","value":100,"scope":"order","audience":"both"}`, want: []string{`"field":"currency"`}},
		{name: "offer: coupon code taken", as: "staff", method: "POST", path: "/api/v1/admin/offers", status: 409,
			body: `{"name":"X","code":"welcome5","kind":"percent","value":100,"scope":"order","audience":"both"}`},
		{name: "list offers", as: "staff", method: "GET", path: "/api/v1/admin/offers", status: 200, want: []string{`"name":"Drills"`, `"code":"WELCOME5"`, `"next_cursor":null`}},
		{name: "get an offer", as: "staff", method: "GET", path: "/api/v1/admin/offers/{OFFER}", status: 200, want: []string{`"value":1500`}},
		{name: "replace an offer", as: "staff", method: "PUT", path: "/api/v1/admin/offers/{OFFER}", status: 200, want: []string{`"version":2`, `"active":false`},
			body: `{"name":"Drills","kind":"percent","value":1500,"scope":"product","product_id":"{DRL}","audience":"both","active":false,"version":1}`},
		{name: "replace an offer: stale", as: "staff", method: "PUT", path: "/api/v1/admin/offers/{OFFER}", status: 409,
			body: `{"name":"Drills","kind":"percent","value":1500,"scope":"product","product_id":"{DRL}","audience":"both","version":1}`},
		{name: "delete an offer", as: "staff", method: "DELETE", path: "/api/v1/admin/offers/{OFFER}", status: 204},
		{name: "get a deleted offer", as: "staff", method: "GET", path: "/api/v1/admin/offers/{OFFER}", status: 404},

		// Tax rates.
		{name: "tax rates", as: "staff", method: "GET", path: "/api/v1/admin/tax-rates", status: 200, want: []string{`"tax_class":"standard","name":"Standard","rate_bp":2000`}},
		{name: "set a tax rate", as: "staff", method: "PUT", path: "/api/v1/admin/tax-rates/reduced", body: `{"name":"Reduced","rate_bp":500}`, status: 200, want: []string{`"rate_bp":500`}},
		{name: "set a tax rate: negative", as: "staff", method: "PUT", path: "/api/v1/admin/tax-rates/reduced", body: `{"name":"Reduced","rate_bp":-5}`, status: 422, want: []string{`"field":"rate_bp"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, expand(tc.path), strings.NewReader(expand(tc.body)))
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			req.Header.Set("X-Test-As", tc.as)
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			body := rec.Body.String()
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, body)
			}
			if tc.status >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), httpx.ProblemContentType) {
				t.Errorf("content type %q", rec.Header().Get("Content-Type"))
			}
			for _, w := range tc.want {
				if !strings.Contains(body, expand(w)) {
					t.Errorf("body lacks %s:\n%s", expand(w), body)
				}
			}
			if tc.save != "" {
				var v struct{ ID string }
				if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || v.ID == "" {
					t.Fatalf("no id in %s", body)
				}
				vars[tc.save] = v.ID
			}
		})
	}
}
