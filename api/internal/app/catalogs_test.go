package app

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/customers"
)

func (e *apiEnv) catalogSlugs(token string) map[string]bool {
	e.t.Helper()
	res := e.do("GET", "/api/v1/catalogs", token, "")
	if res.Code != 200 {
		e.t.Fatalf("catalogs: %d %s", res.Code, res.Body)
	}
	var list catalog.CatalogList
	res.json(&list)
	out := map[string]bool{}
	for _, c := range list.Items {
		out[c.Slug] = true
	}
	return out
}

func (e *apiEnv) productOf(token string, aud catalog.Audience) catalog.ProductView {
	e.t.Helper()
	for _, p := range e.allProducts(token, "sort=newest") {
		if p.Audience == aud {
			return p
		}
	}
	e.t.Fatalf("no %s product", aud)
	return catalog.ProductView{}
}

func TestCustomerGroupsAndCatalogVisibility(t *testing.T) {
	e := newAPI(t)
	sales := e.login("sales@oms.example.com")
	consumer := e.loginAs("casey@example.com", DemoPassword)
	business := e.loginAs("purchasing@northwind.example.com", DemoPassword)

	// A group with the demo business customer in it.
	res := e.do("POST", "/api/v1/admin/customer-groups", sales, `{"code":"schools","name":"Schools"}`)
	if res.Code != 201 {
		t.Fatalf("create group: %d %s", res.Code, res.Body)
	}
	var group customers.GroupView
	res.json(&group)
	for _, tc := range []struct {
		body string
		want int
	}{
		{`{"code":"schools","name":"Again"}`, 409},
		{`{"code":"Not A Code","name":"x"}`, 422},
		{`{"code":"ok","name":""}`, 422},
	} {
		if res := e.do("POST", "/api/v1/admin/customer-groups", sales, tc.body); res.Code != tc.want {
			t.Errorf("create group %s: %d, want %d", tc.body, res.Code, tc.want)
		}
	}
	members := "/api/v1/admin/customer-groups/" + group.ID + "/members"
	if res := e.do("POST", members, sales, `{"customer":"c000002"}`); res.Code != 200 {
		t.Fatalf("add member: %d %s", res.Code, res.Body)
	}
	if res := e.do("POST", members, sales, `{"customer":"nobody@example.com"}`); res.Code != 422 {
		t.Errorf("add unknown member: %d", res.Code)
	}
	if res := e.do("POST", members, consumer, `{"customer":"C000001"}`); res.Code != 403 {
		t.Errorf("customer managing groups: %d", res.Code)
	}

	b2b, b2c := e.productOf(sales, catalog.B2B), e.productOf(sales, catalog.B2C)
	now := time.Now().UTC()
	mk := func(slug, audience string, groups []string, from, to time.Time, items ...string) string {
		t.Helper()
		body := map[string]any{"name": slug, "slug": slug, "audience": audience, "active": true, "groups": groups,
			"valid_from": from, "valid_to": to, "items": []map[string]any{}}
		for _, id := range items {
			body["items"] = append(body["items"].([]map[string]any), map[string]any{"product_id": id})
		}
		raw, _ := json.Marshal(body)
		res := e.do("POST", "/api/v1/admin/catalogs", sales, string(raw))
		if res.Code != 201 {
			t.Fatalf("create catalog %s: %d %s", slug, res.Code, res.Body)
		}
		var d catalog.CatalogDetailView
		res.json(&d)
		return d.ID
	}
	mk("schools-now", "b2b", []string{group.ID}, now.Add(-time.Hour), now.Add(time.Hour), b2b.ID)
	mk("trade-open", "b2b", nil, now.Add(-time.Hour), now.Add(time.Hour), b2b.ID)
	mk("consumer-now", "b2c", nil, now.Add(-time.Hour), now.Add(24*time.Hour), b2c.ID)
	mk("consumer-later", "b2c", nil, now.Add(time.Hour), now.Add(48*time.Hour), b2c.ID)
	mk("consumer-over", "b2c", nil, now.Add(-48*time.Hour), now.Add(-time.Hour), b2c.ID)

	for name, tc := range map[string]struct {
		token      string
		see, blind []string
	}{
		"guest":    {"", []string{"consumer-now"}, []string{"schools-now", "trade-open", "consumer-later", "consumer-over"}},
		"consumer": {consumer, []string{"consumer-now"}, []string{"schools-now", "trade-open", "consumer-later"}},
		"business": {business, []string{"schools-now", "trade-open"}, []string{"consumer-now", "consumer-later"}},
	} {
		got := e.catalogSlugs(tc.token)
		for _, s := range tc.see {
			if !got[s] {
				t.Errorf("%s does not see %s (sees %v)", name, s, got)
			}
		}
		for _, s := range tc.blind {
			if got[s] {
				t.Errorf("%s sees %s", name, s)
			}
		}
	}

	// A catalog's products are browsed through the product list; a hidden catalog is not a filter.
	page := e.products(business, "catalog=schools-now")
	if len(page.Items) != 1 || page.Items[0].ID != b2b.ID {
		t.Fatalf("schools catalog products: %+v", page.Items)
	}
	if res := e.do("GET", "/api/v1/products?catalog=schools-now", consumer, ""); res.Code != 422 {
		t.Errorf("consumer filtering by a business catalog: %d", res.Code)
	}
	if res := e.do("GET", "/api/v1/catalogs/schools-now", consumer, ""); res.Code != 404 {
		t.Errorf("consumer fetching a business catalog: %d", res.Code)
	}

	// Taking the customer out of the group hides the group's catalog from them again.
	var cust customers.MemberView
	e.do("POST", members, sales, `{"customer":"C000002"}`).json(&cust)
	if res := e.do("DELETE", members+"/"+cust.ID, sales, ""); res.Code != 204 {
		t.Fatalf("remove member: %d %s", res.Code, res.Body)
	}
	if e.catalogSlugs(business)["schools-now"] {
		t.Error("business still sees the group's catalog after leaving the group")
	}
}

func TestCatalogEditingRules(t *testing.T) {
	e := newAPI(t)
	sales := e.login("sales@oms.example.com")
	p := e.productOf(sales, catalog.Both)
	res := e.do("POST", "/api/v1/admin/catalogs", sales, fmt.Sprintf(`{"name":"Summer","audience":"both","active":true,"items":[{"product_id":%q,"price_amount":999}]}`, p.ID))
	if res.Code != 201 {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	var d catalog.CatalogDetailView
	res.json(&d)
	if d.Slug != "summer" || len(d.Items) != 1 || d.Items[0].Price == nil || d.Items[0].Price.Amount != 999 || d.Items[0].Price.Currency != p.Price.Currency {
		t.Fatalf("created %+v", d)
	}
	url := "/api/v1/admin/catalogs/" + d.ID
	for name, tc := range map[string]struct {
		body string
		want int
	}{
		"stale version":    {`{"name":"Summer","audience":"both","version":7}`, 409},
		"no version":       {`{"name":"Summer","audience":"both"}`, 422},
		"window backwards": {`{"name":"Summer","audience":"both","version":1,"valid_from":"2027-02-01T00:00:00Z","valid_to":"2027-01-01T00:00:00Z"}`, 422},
		"unknown product":  {`{"name":"Summer","audience":"both","version":1,"items":[{"product_id":"0190a0a0-0000-7000-8000-000000000000"}]}`, 422},
		"product twice":    {fmt.Sprintf(`{"name":"Summer","audience":"both","version":1,"items":[{"product_id":%q},{"product_id":%q}]}`, p.ID, p.ID), 422},
		"negative price":   {fmt.Sprintf(`{"name":"Summer","audience":"both","version":1,"items":[{"product_id":%q,"price_amount":-1}]}`, p.ID), 422},
		"unknown group":    {`{"name":"Summer","audience":"both","version":1,"groups":["0190a0a0-0000-7000-8000-000000000000"]}`, 422},
		"bad audience":     {`{"name":"Summer","audience":"everyone","version":1}`, 422},
		"slug of another":  {`{"name":"Other","audience":"both"}`, 0},
		"missing catalog":  {`{"name":"Summer","audience":"both","version":1}`, 404},
	} {
		target := url
		if name == "missing catalog" {
			target = "/api/v1/admin/catalogs/0190a0a0-0000-7000-8000-000000000000"
		}
		if name == "slug of another" {
			if res := e.do("POST", "/api/v1/admin/catalogs", sales, `{"name":"Summer","audience":"both"}`); res.Code != 409 {
				t.Errorf("duplicate slug: %d %s", res.Code, res.Body)
			}
			continue
		}
		if res := e.do("PUT", target, sales, tc.body); res.Code != tc.want {
			t.Errorf("%s: %d, want %d: %s", name, res.Code, tc.want, res.Body)
		}
	}
	// Nothing above changed the catalog.
	var after catalog.CatalogDetailView
	e.do("GET", url, sales, "").json(&after)
	if after.Version != 1 || len(after.Items) != 1 {
		t.Fatalf("rejected edits changed the catalog: %+v", after)
	}
	res = e.do("PUT", url, sales, `{"name":"Summer sale","audience":"b2c","version":1,"active":false}`)
	if res.Code != 200 {
		t.Fatalf("update: %d %s", res.Code, res.Body)
	}
	res.json(&after)
	if after.Version != 2 || after.Name != "Summer sale" || len(after.Items) != 0 || after.Active {
		t.Fatalf("updated %+v", after)
	}
	if res := e.do("POST", "/api/v1/admin/catalogs", e.login("fulfilment@oms.example.com"), `{"name":"X","audience":"both"}`); res.Code != 403 {
		t.Errorf("fulfilment creating a catalog: %d", res.Code)
	}
}
