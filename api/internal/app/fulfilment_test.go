package app

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
)

// fulfilmentEnv is a demo API with an order of two lines, confirmed and processing.
type fulfilmentEnv struct {
	*apiEnv
	casey, northwind, sales, fulfilment, support, admin string
	order                                               ordering.OrderView
}

func newFulfilment(t *testing.T) *fulfilmentEnv {
	e := &fulfilmentEnv{apiEnv: newAPI(t)}
	e.casey = e.loginAs("casey@example.com", DemoPassword)
	e.northwind = e.loginAs("purchasing@northwind.example.com", DemoPassword)
	e.sales, e.fulfilment = e.login("sales@oms.example.com"), e.login("fulfilment@oms.example.com")
	e.support, e.admin = e.login("support@oms.example.com"), e.login("admin@oms.example.com")
	e.setStock(e.admin, "GAR-041", 20)
	e.setStock(e.admin, "POW-001", 20)
	res := e.placeOrder(e.casey, uuid.NewString(), `{"items":[{"sku":"GAR-041","quantity":3},{"sku":"POW-001","quantity":2}]}`)
	if res.Code != 201 {
		t.Fatalf("place: %d %s", res.Code, res.Body)
	}
	res.json(&e.order)
	e.order = e.post(e.sales, "status", `{"status":"confirmed","version":1}`, 200)
	e.order = e.post(e.fulfilment, "status", fmt.Sprintf(`{"status":"processing","version":%d}`, e.order.Version), 200)
	return e
}

// post sends a staff request about the order and returns the order it answers with.
func (e *fulfilmentEnv) post(token, path, body string, want int) ordering.OrderView {
	e.t.Helper()
	res := e.do("POST", "/api/v1/admin/orders/"+e.order.Reference+"/"+path, token, body)
	if res.Code != want {
		e.t.Fatalf("POST %s %s: %d, want %d: %s", path, body, res.Code, want, res.Body)
	}
	var o ordering.OrderView
	if res.Code < 300 {
		res.json(&o)
	}
	return o
}

func (e *fulfilmentEnv) stock(sku string) (onHand, reserved int) {
	e.t.Helper()
	p := e.product(e.admin, sku)
	return *p.Stock.OnHand, *p.Stock.Reserved
}

func (e *fulfilmentEnv) customerView() ordering.OrderView {
	e.t.Helper()
	var o ordering.OrderView
	if res := e.do("GET", "/api/v1/orders/"+e.order.Reference, e.casey, ""); res.Code != 200 {
		e.t.Fatalf("customer GET: %d %s", res.Code, res.Body)
	} else {
		res.json(&o)
	}
	return o
}

func TestShipmentsPartialAndComplete(t *testing.T) {
	e := newFulfilment(t)
	v := e.order.Version
	// Bad shipments change nothing.
	for _, c := range []struct {
		name, token, body string
		want              int
		detail            string
	}{
		{"sales may not ship", e.sales, `{"carrier":"UPS","tracking_number":"1Z1","version":%d}`, 403, ""},
		{"carrier is required", e.fulfilment, `{"tracking_number":"1Z1","version":%d}`, 422, "carrier"},
		{"tracking link must be http(s)", e.fulfilment, `{"carrier":"UPS","tracking_number":"1Z1","tracking_url":"javascript:alert(1)","version":%d}`, 422, "tracking_url"},
		{"not a line of the order", e.fulfilment, `{"carrier":"UPS","tracking_number":"1Z1","lines":[{"sku":"HAN-010","quantity":1}],"version":%d}`, 422, "lines[0].sku"},
		{"more than ordered", e.fulfilment, `{"carrier":"UPS","tracking_number":"1Z1","lines":[{"sku":"GAR-041","quantity":4}],"version":%d}`, 422, "lines[0].quantity"},
		{"line twice", e.fulfilment, `{"carrier":"UPS","tracking_number":"1Z1","lines":[{"sku":"GAR-041","quantity":1},{"sku":"gar-041","quantity":1}],"version":%d}`, 422, "lines[1].sku"},
	} {
		res := e.do("POST", "/api/v1/admin/orders/"+e.order.Reference+"/shipments", c.token, fmt.Sprintf(c.body, v))
		if res.Code != c.want || !strings.Contains(res.Body.String(), c.detail) {
			t.Errorf("%s: %d %s", c.name, res.Code, res.Body)
		}
	}
	if res := e.do("POST", "/api/v1/admin/orders/"+e.order.Reference+"/shipments", e.fulfilment,
		fmt.Sprintf(`{"carrier":"UPS","tracking_number":"1Z1","version":%d}`, v-1)); res.Code != 409 {
		t.Errorf("stale version: %d %s", res.Code, res.Body)
	}
	if on, res := e.stock("GAR-041"); on != 20 || res != 3 {
		t.Fatalf("bad shipments moved stock: %d/%d", on, res)
	}

	// A partial shipment keeps the order processing and takes just those units.
	o := e.post(e.fulfilment, "shipments", fmt.Sprintf(`{"carrier":"UPS","tracking_number":"1Z999AA1","tracking_url":"https://ups.example/t/1Z999AA1",
		"lines":[{"sku":"GAR-041","quantity":1}],"version":%d}`, v), 201)
	if o.Status != ordering.Processing || len(o.Shipments) != 1 || o.Shipments[0].Lines[0].Quantity != 1 || o.Items[0].ShippedQty != 1 {
		t.Fatalf("after partial shipment: %+v", o)
	}
	if on, res := e.stock("GAR-041"); on != 19 || res != 2 {
		t.Fatalf("partial shipment stock: %d/%d", on, res)
	}
	// The rest: the order is shipped, nothing stays reserved.
	e.order = o
	o = e.post(e.fulfilment, "shipments", fmt.Sprintf(`{"carrier":"DHL","tracking_number":"JD0002","version":%d}`, o.Version), 201)
	if o.Status != ordering.Shipped || len(o.Shipments) != 2 || len(o.Shipments[1].Lines) != 2 {
		t.Fatalf("after second shipment: %+v", o)
	}
	for _, sku := range []string{"GAR-041", "POW-001"} {
		if _, res := e.stock(sku); res != 0 {
			t.Errorf("%s still reserved %d", sku, res)
		}
	}
	e.order = o
	e.post(e.fulfilment, "shipments", fmt.Sprintf(`{"carrier":"DHL","tracking_number":"X","version":%d}`, o.Version), 409)

	// The customer sees it shipped, with tracking; the timeline tells the story.
	c := e.customerView()
	if c.Status != ordering.Shipped || c.Shipments[0].TrackingNumber != "1Z999AA1" || *c.Shipments[0].TrackingURL != "https://ups.example/t/1Z999AA1" {
		t.Fatalf("customer view %+v", c.Shipments)
	}
	last := c.Events[len(c.Events)-1]
	if last.Status != ordering.Shipped || !strings.Contains(last.Note, "DHL, tracking number JD0002") {
		t.Fatalf("last event %+v", last)
	}
	var n int64
	e.a.DB.Gorm.Model(&notify.Message{}).Where("related_id = ? AND template_key = ?", o.Reference, notify.TplOrderStatusChanged).Count(&n)
	if n < 4 { // confirmed, processing, partial, shipped
		t.Fatalf("%d status messages", n)
	}

	// Delivery: one parcel is not enough; both make the order delivered.
	o = e.post(e.support, "shipments/1/delivered", fmt.Sprintf(`{"version":%d}`, o.Version), 200)
	if o.Status != ordering.Shipped || o.Shipments[0].Status != ordering.ShipmentDelivered {
		t.Fatalf("after first delivery: %+v", o)
	}
	e.post(e.support, "shipments/1/delivered", fmt.Sprintf(`{"version":%d}`, o.Version), 409)
	e.post(e.support, "shipments/9/delivered", fmt.Sprintf(`{"version":%d}`, o.Version), 404)
	e.post(e.sales, "shipments/2/delivered", fmt.Sprintf(`{"version":%d}`, o.Version), 403)
	o = e.post(e.support, "shipments/2/delivered", fmt.Sprintf(`{"version":%d}`, o.Version), 200)
	if o.Status != ordering.Delivered {
		t.Fatalf("after both deliveries: %s", o.Status)
	}
}

func TestReturns(t *testing.T) {
	e := newFulfilment(t)
	ref := e.order.Reference
	ret := func(token, body string, want int) ordering.OrderView {
		t.Helper()
		res := e.do("POST", "/api/v1/orders/"+ref+"/returns", token, body)
		if res.Code != want {
			t.Fatalf("return %s: %d, want %d: %s", body, res.Code, want, res.Body)
		}
		var o ordering.OrderView
		if res.Code < 300 {
			res.json(&o)
		}
		return o
	}
	ret(e.casey, `{"reason":"Too many","lines":[{"sku":"GAR-041","quantity":1}]}`, 409) // not delivered yet
	o := e.post(e.fulfilment, "status", fmt.Sprintf(`{"status":"shipped","version":%d}`, e.order.Version), 200)
	o = e.post(e.support, "status", fmt.Sprintf(`{"status":"delivered","version":%d}`, o.Version), 200)
	if len(o.Shipments) != 1 || o.Shipments[0].Status != ordering.ShipmentDelivered {
		t.Fatalf("status moves keep shipments in step: %+v", o.Shipments)
	}

	ret(e.northwind, `{"reason":"Not mine","lines":[{"sku":"GAR-041","quantity":1}]}`, 404)
	ret(e.casey, `{"lines":[{"sku":"GAR-041","quantity":1}]}`, 422)
	ret(e.casey, `{"reason":"Too many","lines":[{"sku":"GAR-041","quantity":4}]}`, 422)
	ret(e.casey, `{"reason":"Too many","lines":[]}`, 422)
	o = ret(e.casey, `{"reason":"Two arrived broken","lines":[{"sku":"GAR-041","quantity":2}]}`, 201)
	if len(o.Returns) != 1 || o.Returns[0].Status != ordering.ReturnRequested || o.Returns[0].Lines[0].Quantity != 2 {
		t.Fatalf("return %+v", o.Returns)
	}
	// Units already asked for cannot be asked for again.
	ret(e.casey, `{"reason":"And another","lines":[{"sku":"GAR-041","quantity":2}]}`, 422)

	e.order = o
	e.post(e.support, "returns/1/reject", fmt.Sprintf(`{"version":%d}`, o.Version), 422) // a rejection needs a reason
	e.post(e.sales, "returns/1/accept", fmt.Sprintf(`{"version":%d}`, o.Version), 403)
	e.post(e.support, "returns/1/refund", fmt.Sprintf(`{"version":%d}`, o.Version), 404)
	o = e.post(e.support, "returns/1/accept", fmt.Sprintf(`{"version":%d,"note":"Send them back with the label"}`, o.Version), 200)
	e.post(e.support, "returns/1/accept", fmt.Sprintf(`{"version":%d}`, o.Version), 409)
	before, _ := e.stock("GAR-041")
	o = e.post(e.fulfilment, "returns/1/receive", fmt.Sprintf(`{"version":%d,"restock":true}`, o.Version), 200)
	if after, _ := e.stock("GAR-041"); after != before+2 {
		t.Fatalf("restock: %d → %d", before, after)
	}
	if o.Status != ordering.Delivered || o.Items[0].ReturnedQty != 2 || o.Returns[0].Status != ordering.ReturnReceived || !o.Returns[0].Restocked {
		t.Fatalf("after a partial return: %+v", o)
	}
	// A second request, then staff record the rest as returned: the order is returned.
	o = ret(e.casey, `{"reason":"Also the drill","lines":[{"sku":"POW-001","quantity":1}]}`, 201)
	e.post(e.support, "status", fmt.Sprintf(`{"status":"returned","version":%d}`, o.Version), 409) // open request first
	o = e.post(e.support, "returns/2/reject", fmt.Sprintf(`{"version":%d,"note":"Used"}`, o.Version), 200)
	o = e.post(e.support, "status", fmt.Sprintf(`{"status":"returned","version":%d,"note":"Everything came back"}`, o.Version), 200)
	if o.Status != ordering.Returned || len(o.Returns) != 3 {
		t.Fatalf("returned: %+v", o)
	}
	for _, l := range o.Items {
		if l.ReturnedQty != l.ShippedQty {
			t.Errorf("%s returned %d of %d", l.SKU, l.ReturnedQty, l.ShippedQty)
		}
	}
}

func TestOrderDocuments(t *testing.T) {
	e := newFulfilment(t)
	ref := e.order.Reference
	get := func(token, path string, want int) string {
		t.Helper()
		res := e.do("GET", path, token, "")
		if res.Code != want {
			t.Fatalf("GET %s: %d, want %d: %s", path, res.Code, want, res.Body)
		}
		if want == 200 && (res.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(res.Body.Bytes(), []byte("%PDF-"))) {
			t.Fatalf("GET %s: %s %.20q", path, res.Header().Get("Content-Type"), res.Body.String())
		}
		return res.Body.String()
	}
	if len(e.order.Documents) != 1 || e.order.Documents[0].URL != "/api/v1/admin/orders/"+ref+"/documents/confirmation" {
		t.Fatalf("documents %+v", e.order.Documents)
	}
	first := get(e.casey, "/api/v1/orders/"+ref+"/documents/confirmation", 200)
	if again := get(e.casey, "/api/v1/orders/"+ref+"/documents/confirmation", 200); again != first {
		t.Error("the same document renders differently twice")
	}
	get(e.sales, "/api/v1/admin/orders/"+ref+"/documents/confirmation", 200)
	get(e.casey, "/api/v1/orders/"+ref+"/documents/invoice", 409) // not shipped yet
	get(e.northwind, "/api/v1/orders/"+ref+"/documents/confirmation", 404)
	get(e.casey, "/api/v1/orders/"+ref+"/documents/receipt", 404)
	get(e.casey, "/api/v1/admin/orders/"+ref+"/documents/confirmation", 403)

	e.post(e.fulfilment, "shipments", fmt.Sprintf(`{"carrier":"UPS","tracking_number":"1Z1","version":%d}`, e.order.Version), 201)
	c := e.customerView()
	if len(c.Documents) != 2 || c.Documents[1].Kind != ordering.Invoice || c.Documents[1].URL != "/api/v1/orders/"+ref+"/documents/invoice" {
		t.Fatalf("documents after shipping %+v", c.Documents)
	}
	get(e.casey, c.Documents[1].URL, 200)
}

func TestStaffQueueViewsExportAndBulk(t *testing.T) {
	e := newFulfilment(t) // one processing order for casey
	var refs []string
	for _, body := range []string{
		`{"items":[{"sku":"GAR-041","quantity":1}],"priority":"urgent"}`,
		`{"items":[{"sku":"POW-001","quantity":1}],"requested_delivery_date":"2099-01-01","confirm_duplicate":true}`,
	} {
		res := e.placeOrder(e.casey, uuid.NewString(), body)
		if res.Code != 201 {
			t.Fatalf("place: %d %s", res.Code, res.Body)
		}
		var o ordering.OrderView
		res.json(&o)
		refs = append(refs, o.Reference)
	}
	nw := e.placeOrder(e.northwind, uuid.NewString(), `{"items":[{"sku":"POW-004","quantity":10}]}`)
	if nw.Code != 201 {
		t.Fatalf("northwind: %d %s", nw.Code, nw.Body)
	}
	queue := func(query string, want int) []string {
		t.Helper()
		res := e.do("GET", "/api/v1/admin/orders?"+query, e.support, "")
		if res.Code != want {
			t.Fatalf("queue %s: %d %s", query, res.Code, res.Body)
		}
		var p ordering.OrderPage
		res.json(&p)
		var out []string
		for _, o := range p.Items {
			out = append(out, o.Reference)
		}
		return out
	}
	if got := queue("view=to_confirm", 200); len(got) != 3 || got[0] != refs[0] {
		t.Fatalf("to confirm: %v", got)
	}
	if got := queue("view=to_ship_today", 200); len(got) != 1 || got[0] != e.order.Reference {
		t.Fatalf("to ship today: %v", got)
	}
	if got := queue("customer=purchasing@northwind.example.com", 200); len(got) != 1 {
		t.Fatalf("by customer: %v", got)
	}
	if got := queue("customer=C000002", 200); len(got) != 1 {
		t.Fatalf("by Login ID: %v", got)
	}
	if got := queue("placed_to=2000-01-01", 200); len(got) != 0 {
		t.Fatalf("placed long ago: %v", got)
	}
	queue("view=everything", 422)
	queue("placed_from=yesterday", 422)
	queue("customer=nobody@example.com", 422)
	var staffView ordering.OrderPage
	e.do("GET", "/api/v1/admin/orders?customer=C000002", e.support, "").json(&staffView)
	if cust := staffView.Items[0].Customer; cust == nil || cust.LoginID != "C000002" || cust.Name == "" {
		t.Fatalf("customer on the queue row: %+v", cust)
	}

	// CSV: the same filter, one row per order, cells that cannot run as formulas.
	res := e.do("GET", "/api/v1/admin/orders/export?view=to_confirm", e.support, "")
	if res.Code != 200 || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", res.Code, res.Header())
	}
	rows, err := csv.NewReader(res.Body).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "reference" || rows[1][0] != refs[0] {
		t.Fatalf("export rows %v (%v)", rows, err)
	}
	if res := e.do("GET", "/api/v1/admin/orders/export", e.casey, ""); res.Code != 403 {
		t.Fatalf("customer export: %d", res.Code)
	}

	// Bulk confirm: each order on its own; one that cannot move says why.
	body := fmt.Sprintf(`{"references":[%q,%q,%q,"ORD-0000-0000"],"status":"confirmed"}`, refs[0], refs[1], e.order.Reference)
	var out ordering.BulkResults
	if res := e.do("POST", "/api/v1/admin/orders/bulk-status", e.fulfilment, body); res.Code != 200 {
		t.Fatalf("bulk by fulfilment: %d", res.Code)
	} else if res.json(&out); out.Results[0].OK {
		t.Fatalf("fulfilment may not confirm: %+v", out.Results)
	}
	res = e.do("POST", "/api/v1/admin/orders/bulk-status", e.sales, body)
	if res.Code != 200 {
		t.Fatalf("bulk: %d %s", res.Code, res.Body)
	}
	res.json(&out)
	if !out.Results[0].OK || !out.Results[1].OK || out.Results[2].OK || !strings.Contains(out.Results[2].Error, "processing cannot become confirmed") ||
		out.Results[3].OK || out.Results[3].Error != "order not found" {
		t.Fatalf("bulk results %+v", out.Results)
	}
	if got := queue("view=to_confirm", 200); len(got) != 1 {
		t.Fatalf("left to confirm: %v", got)
	}
	if res := e.do("POST", "/api/v1/admin/orders/bulk-status", e.sales, `{"references":[],"status":"confirmed"}`); res.Code != 422 {
		t.Fatalf("empty bulk: %d", res.Code)
	}
}

func TestAddressBookAndNotificationPreferences(t *testing.T) {
	e := newFulfilment(t)
	var book ordering.AddressList
	e.do("GET", "/api/v1/orders/addresses", e.casey, "").json(&book)
	if len(book.Items) != 1 {
		t.Fatalf("address book before a new address: %+v", book)
	}
	res := e.placeOrder(e.casey, uuid.NewString(), `{"items":[{"sku":"GAR-041","quantity":1}],
		"shipping_address":{"name":"Casey at work","line1":"9 Office Park","city":"Springfield","postal_code":"12345","country":"US"}}`)
	if res.Code != 201 {
		t.Fatalf("place: %d %s", res.Code, res.Body)
	}
	e.do("GET", "/api/v1/orders/addresses", e.casey, "").json(&book)
	if len(book.Items) != 2 || book.Items[1].Line1 != "9 Office Park" {
		t.Fatalf("address book: %+v", book)
	}
	if res := e.do("GET", "/api/v1/orders/addresses", e.sales, ""); res.Code != 403 {
		t.Fatalf("staff address book: %d", res.Code)
	}
	var opts ordering.CheckoutOptions
	e.do("GET", "/api/v1/orders/options", e.casey, "").json(&opts)
	if len(opts.Priorities) != 3 || opts.Priorities[1].Surcharge != 990 || opts.Priorities[2].Surcharge != 2490 || opts.PaymentTerms != nil {
		t.Fatalf("consumer checkout options %+v", opts)
	}
	e.do("GET", "/api/v1/orders/options", e.northwind, "").json(&opts)
	if opts.PaymentTerms == nil || *opts.PaymentTerms != "net_30" {
		t.Fatalf("business checkout options %+v", opts)
	}

	var prefs struct{ Email, SMS bool }
	e.do("GET", "/api/v1/me/notifications", e.casey, "").json(&prefs)
	if !prefs.Email || !prefs.SMS {
		t.Fatalf("default preferences %+v", prefs)
	}
	if res := e.do("PUT", "/api/v1/me/notifications", e.casey, `{"email":false}`); res.Code != 422 {
		t.Fatalf("half a preference: %d", res.Code)
	}
	if res := e.do("PUT", "/api/v1/me/notifications", e.casey, `{"email":false,"sms":false}`); res.Code != 200 {
		t.Fatalf("set preferences: %d %s", res.Code, res.Body)
	}
	count := func() int64 {
		var n int64
		e.a.DB.Gorm.Model(&notify.Message{}).Where("related_id = ? AND template_key = ?", e.order.Reference, notify.TplOrderStatusChanged).Count(&n)
		return n
	}
	before := count()
	e.post(e.fulfilment, "shipments", fmt.Sprintf(`{"carrier":"UPS","tracking_number":"1Z1","version":%d}`, e.order.Version), 201)
	if count() != before {
		t.Fatal("a customer who turned updates off still got one")
	}
	// This one order, though, they want by email.
	if res := e.do("PUT", "/api/v1/orders/"+e.order.Reference+"/notifications", e.northwind, `{"email":true,"sms":null}`); res.Code != 404 {
		t.Fatalf("someone else's order: %d", res.Code)
	}
	if res := e.do("PUT", "/api/v1/orders/"+e.order.Reference+"/notifications", e.casey, `{"email":true,"sms":null}`); res.Code != 200 {
		t.Fatalf("order override: %d %s", res.Code, res.Body)
	}
	var o ordering.OrderView
	e.do("GET", "/api/v1/orders/"+e.order.Reference, e.casey, "").json(&o)
	if o.Notifications.Email == nil || !*o.Notifications.Email || o.Notifications.SMS != nil {
		t.Fatalf("order notifications %+v", o.Notifications)
	}
	e.post(e.support, "status", fmt.Sprintf(`{"status":"delivered","version":%d}`, o.Version), 200)
	var channels []string
	e.a.DB.Gorm.Model(&notify.Message{}).Where("related_id = ? AND template_key = ?", e.order.Reference, notify.TplOrderStatusChanged).
		Where("body LIKE ?", "%delivered%").Pluck("channel", &channels)
	if len(channels) != 1 || channels[0] != "email" {
		t.Fatalf("delivered notice went by %v, want email only", channels)
	}
	if res := e.do("GET", "/api/v1/me/notifications", e.sales, ""); res.Code != 403 {
		t.Fatalf("staff preferences: %d", res.Code)
	}
}
