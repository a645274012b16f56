package app

import (
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/customers"
)

func TestAPIKeysForBusinessCustomers(t *testing.T) {
	e := newAPI(t)
	buyer := e.loginAs("purchasing@northwind.example.com", DemoPassword)
	consumerTok := e.loginAs("casey@example.com", DemoPassword)
	staff := e.login("support@oms.example.com")

	for _, tc := range []struct {
		name, token, body string
		want              int
	}{
		{"consumer", consumerTok, `{"name":"x"}`, 403},
		{"staff", staff, `{"name":"x"}`, 403},
		{"anonymous", "", `{"name":"x"}`, 401},
		{"no name", buyer, `{"name":"  "}`, 422},
	} {
		if res := e.do("POST", "/api/v1/me/api-keys", tc.token, tc.body); res.Code != tc.want {
			t.Errorf("%s: %d %s", tc.name, res.Code, res.Body)
		}
	}
	res := e.do("POST", "/api/v1/me/api-keys", buyer, `{"name":"ERP integration"}`)
	var created customers.NewAPIKey
	res.json(&created)
	if res.Code != 201 || !strings.HasPrefix(created.Key, "oms_") || !strings.HasPrefix(created.Key, created.Prefix) {
		t.Fatalf("create: %d %+v", res.Code, created)
	}
	// The key acts as the customer.
	var me map[string]any
	if res := e.do("GET", "/api/v1/me", created.Key, ""); res.Code != 200 {
		t.Fatalf("me with key: %d", res.Code)
	} else {
		res.json(&me)
	}
	if me["email"] != "purchasing@northwind.example.com" {
		t.Fatalf("me %v", me)
	}
	if res := e.do("GET", "/api/v1/admin/messages", created.Key, ""); res.Code != 403 {
		t.Fatalf("key on a staff route: %d", res.Code)
	}
	var list customers.APIKeyList
	e.do("GET", "/api/v1/me/api-keys", buyer, "").json(&list)
	if len(list.Items) != 1 || list.Items[0].LastUsedAt == nil || strings.Contains(e.do("GET", "/api/v1/me/api-keys", buyer, "").Body.String(), created.Key) {
		t.Fatalf("list %+v", list.Items)
	}
	// Keys are only stored hashed.
	var stored customers.APIKey
	e.a.DB.Gorm.Take(&stored)
	if strings.Contains(stored.KeyHash, created.Key[4:]) || len(stored.KeyHash) != 64 {
		t.Fatalf("stored %q", stored.KeyHash)
	}
	// Another customer cannot revoke it; its owner can, and then it stops working.
	if res := e.do("DELETE", "/api/v1/me/api-keys/"+created.ID, consumerTok, ""); res.Code != 404 {
		t.Fatalf("another customer's revoke: %d", res.Code)
	}
	if res := e.do("DELETE", "/api/v1/me/api-keys/"+created.ID, buyer, ""); res.Code != 204 {
		t.Fatalf("revoke: %d", res.Code)
	}
	if res := e.do("GET", "/api/v1/me", created.Key, ""); res.Code != 401 {
		t.Fatalf("revoked key: %d", res.Code)
	}
	if res := e.do("GET", "/api/v1/me", "oms_made-up-key", ""); res.Code != 401 {
		t.Fatalf("made-up key: %d", res.Code)
	}
}
