package app

import (
	"context"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/catalog"
)

// Pricing's routes are wired with the right roles, and quotes follow the caller's visibility.
func TestPricingRoutes(t *testing.T) {
	e := newAPI(t)
	admin, sales, support := e.login("admin@oms.example.com"), e.login("sales@oms.example.com"), e.login("support@oms.example.com")
	consumer, business := e.loginAs("casey@example.com", DemoPassword), e.loginAs("purchasing@northwind.example.com", DemoPassword)
	all, err := e.a.Catalog.Browse(context.Background(), catalog.Viewer{Staff: true}, catalog.Query{Sort: catalog.SortNewest, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var b2b catalog.Product
	for _, p := range all {
		if p.Audience == catalog.B2B {
			b2b = p
		}
	}
	quote := `{"items":[{"sku":"` + b2b.SKU + `","quantity":1}]}`
	offer := `{"name":"Roles test","kind":"percent","value":500,"scope":"order","audience":"both","active":true}`
	for _, tc := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string
	}{
		{"offers are public", "GET", "/api/v1/offers", "", "", 200, `"items"`},
		{"guest cannot price a business product", "POST", "/api/v1/quote", "", quote, 422, `unknown product`},
		{"consumer cannot price a business product", "POST", "/api/v1/quote", consumer, quote, 422, `unknown product`},
		{"business prices it", "POST", "/api/v1/quote", business, quote, 200, `"explanation"`},
		{"price lists need a token", "GET", "/api/v1/admin/price-lists", "", "", 401, ""},
		{"support may not see price lists", "GET", "/api/v1/admin/price-lists", support, "", 403, ""},
		{"customers may not see price lists", "GET", "/api/v1/admin/price-lists", business, "", 403, ""},
		{"sales see price lists", "GET", "/api/v1/admin/price-lists", sales, "", 200, `"items"`},
		{"admins see offers", "GET", "/api/v1/admin/offers", admin, "", 200, `"items"`},
		{"support may not create offers", "POST", "/api/v1/admin/offers", support, offer, 403, ""},
		{"sales create offers", "POST", "/api/v1/admin/offers", sales, offer, 201, `"label":"Offer Roles test −5%"`},
		{"sales read tax rates", "GET", "/api/v1/admin/tax-rates", sales, "", 200, `"standard"`},
		{"sales may not set tax rates", "PUT", "/api/v1/admin/tax-rates/standard", sales, `{"name":"Standard","rate_bp":2000}`, 403, ""},
		{"admins set tax rates", "PUT", "/api/v1/admin/tax-rates/standard", admin, `{"name":"Standard","rate_bp":2000}`, 200, `"rate_bp":2000`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do(tc.method, tc.path, tc.token, tc.body)
			if res.Code != tc.status || !strings.Contains(res.Body.String(), tc.want) {
				t.Fatalf("%d %s", res.Code, res.Body)
			}
		})
	}
	var n int64
	if err := e.a.DB.Gorm.Model(&audit.Entry{}).Where("action IN ? AND actor_kind = ?", []string{"offer.created", "tax_rate.updated"}, "staff").Count(&n).Error; err != nil || n != 2 {
		t.Errorf("%d staff audit rows for pricing changes, want 2 (%v)", n, err)
	}
}
