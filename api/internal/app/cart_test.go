package app

import (
	"testing"

	"github.com/openoms/oms/api/internal/ordering"
)

func TestCartFollowsTheCustomerAndFeedsTheOrder(t *testing.T) {
	e := newAPI(t)
	casey := e.loginAs("casey@example.com", DemoPassword)
	northwind := e.loginAs("purchasing@northwind.example.com", DemoPassword)
	admin := e.login("admin@oms.example.com")
	e.setStock(admin, "HAN-009", 3)

	for name, tc := range map[string]struct {
		token, method, path, body string
		want                      int
	}{
		"guest":               {"", "GET", "/api/v1/cart", "", 401},
		"staff":               {admin, "GET", "/api/v1/cart", "", 403},
		"unknown product":     {casey, "PUT", "/api/v1/cart/items/NOPE-1", `{"quantity":1}`, 404},
		"business-only":       {casey, "PUT", "/api/v1/cart/items/POW-004", `{"quantity":10}`, 404},
		"negative":            {casey, "PUT", "/api/v1/cart/items/HAN-009", `{"quantity":-1}`, 422},
		"add":                 {casey, "PUT", "/api/v1/cart/items/han-009", `{"quantity":5}`, 200},
		"add another":         {casey, "PUT", "/api/v1/cart/items/POW-001", `{"quantity":1}`, 200},
		"business trade pack": {northwind, "PUT", "/api/v1/cart/items/POW-004", `{"quantity":12}`, 200},
	} {
		if res := e.do(tc.method, tc.path, tc.token, tc.body); res.Code != tc.want {
			t.Errorf("%s: %d, want %d: %s", name, res.Code, tc.want, res.Body)
		}
	}
	var cart ordering.CartView
	e.do("GET", "/api/v1/cart", casey, "").json(&cart)
	if len(cart.Items) != 2 || cart.Totals == nil {
		t.Fatalf("cart %+v", cart)
	}
	for _, l := range cart.Items {
		if l.SKU == "HAN-009" && (len(l.Warnings) != 1 || l.Warnings[0] != "only 3 available" || l.UnitPrice == nil) {
			t.Errorf("stock warning: %+v", l)
		}
	}
	var nw ordering.CartView
	e.do("GET", "/api/v1/cart", northwind, "").json(&nw)
	if len(nw.Items) != 1 || len(nw.Items[0].Warnings) != 1 || nw.Items[0].Warnings[0] != "sold in packs of 5" {
		t.Fatalf("business cart %+v", nw)
	}
	// Ordering the cart's products takes them out of the cart.
	if res := e.placeOrder(casey, "cart-1", `{"items":[{"sku":"POW-001","quantity":1}]}`); res.Code != 201 {
		t.Fatalf("place: %d %s", res.Code, res.Body)
	}
	e.do("GET", "/api/v1/cart", casey, "").json(&cart)
	if len(cart.Items) != 1 || cart.Items[0].SKU != "HAN-009" {
		t.Fatalf("cart after ordering %+v", cart.Items)
	}
	if res := e.do("DELETE", "/api/v1/cart/items/HAN-009", casey, ""); res.Code != 200 {
		t.Fatalf("remove: %d", res.Code)
	}
	if res := e.do("DELETE", "/api/v1/cart", northwind, ""); res.Code != 204 {
		t.Fatalf("clear: %d", res.Code)
	}
	e.do("GET", "/api/v1/cart", casey, "").json(&cart)
	if len(cart.Items) != 0 || cart.Totals != nil {
		t.Fatalf("emptied cart %+v", cart)
	}
}
