package app

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/ordering"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/live"
	"github.com/openoms/oms/api/internal/tracking"
)

// trackingEnv: casey has two orders, Northwind one.
type trackingEnv struct {
	*apiEnv
	casey, northwind, sales string
	mine                    []string
	theirs                  string
}

func newTracking(t *testing.T) *trackingEnv {
	e := &trackingEnv{apiEnv: newAPI(t)}
	e.casey = e.loginAs("casey@example.com", DemoPassword)
	e.northwind = e.loginAs("purchasing@northwind.example.com", DemoPassword)
	e.sales = e.login("sales@oms.example.com")
	e.setStock(e.login("admin@oms.example.com"), "GAR-041", 50)
	place := func(token, body string) string {
		res := e.placeOrder(token, uuid.NewString(), body)
		if res.Code != 201 {
			t.Fatalf("place: %d %s", res.Code, res.Body)
		}
		var o ordering.OrderView
		res.json(&o)
		return o.Reference
	}
	e.mine = []string{
		place(e.casey, `{"items":[{"sku":"GAR-041","quantity":1}],"priority":"express"}`),
		place(e.casey, `{"items":[{"sku":"GAR-041","quantity":2}]}`),
	}
	e.theirs = place(e.northwind, `{"items":[{"sku":"POW-004","quantity":10}]}`)
	return e
}

func (e *trackingEnv) track(token, path, body string, want int) tracking.ResultView {
	e.t.Helper()
	res := e.do("POST", path, token, body)
	if res.Code != want {
		e.t.Fatalf("POST %s %s: %d, want %d: %s", path, body, res.Code, want, res.Body)
	}
	var r tracking.ResultView
	if want == 200 {
		res.json(&r)
	}
	return r
}

func refsJSON(refs ...string) string {
	b, _ := json.Marshal(refs)
	return string(b)
}

func TestTrackManyOrders(t *testing.T) {
	e := newTracking(t)
	missing := "ORD-0000-0000"
	body := fmt.Sprintf(`{"references":%s}`, refsJSON(strings.ToLower(e.mine[1]), e.theirs, missing, e.mine[0], e.mine[1]))
	r := e.track(e.casey, "/api/v1/tracking", body, 200)
	if len(r.Items) != 2 || r.Items[0].Reference != e.mine[1] || r.Items[1].Reference != e.mine[0] {
		t.Fatalf("items %+v", r.Items)
	}
	if strings.Join(r.NotFound, ",") != e.theirs+","+missing {
		t.Fatalf("not found %v", r.NotFound)
	}
	express := r.Items[1]
	if express.Priority != ordering.Express || express.Promise.DispatchBy == "" || express.Promise.DeliverBy < express.Promise.DispatchBy ||
		!strings.Contains(express.Next, "confirm") || len(express.Events) != 1 || express.Items[0].SKU != "GAR-041" {
		t.Fatalf("tracking %+v", express)
	}

	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprintf("ORD-0000-%04d", i)
	}
	e.track(e.casey, "/api/v1/tracking", fmt.Sprintf(`{"references":%s}`, refsJSON(many...)), 422)
	e.track(e.casey, "/api/v1/tracking", `{"references":[]}`, 422)
	e.track(e.casey, "/api/v1/tracking", `{"references":["hello"]}`, 422)
	e.track(e.sales, "/api/v1/tracking", body, 403)
	e.track("", "/api/v1/tracking", body, 401)

	// One order's timeline; someone else's is not found.
	var one tracking.Tracking
	if res := e.do("GET", "/api/v1/orders/"+e.mine[0]+"/tracking", e.casey, ""); res.Code != 200 {
		t.Fatalf("one: %d %s", res.Code, res.Body)
	} else {
		res.json(&one)
	}
	if one.Reference != e.mine[0] || one.Status != ordering.Placed {
		t.Fatalf("one %+v", one)
	}
	if res := e.do("GET", "/api/v1/orders/"+e.theirs+"/tracking", e.casey, ""); res.Code != 404 {
		t.Fatalf("someone else's tracking: %d", res.Code)
	}

	// The board: open orders only.
	if res := e.do("POST", "/api/v1/orders/"+e.mine[1]+"/cancel", e.casey, ""); res.Code != 200 {
		t.Fatalf("cancel: %d", res.Code)
	}
	var board tracking.ResultView
	e.do("GET", "/api/v1/tracking/board", e.casey, "").json(&board)
	if len(board.Items) != 1 || board.Items[0].Reference != e.mine[0] {
		t.Fatalf("board %+v", board.Items)
	}
}

func TestGuestLookup(t *testing.T) {
	e := newTracking(t)
	refs := refsJSON(e.mine[0], e.theirs)
	r := e.track("", "/api/v1/tracking/lookup", fmt.Sprintf(`{"references":%s,"email":"Casey@Example.com"}`, refs), 200)
	if len(r.Items) != 1 || r.Items[0].Reference != e.mine[0] || len(r.NotFound) != 1 {
		t.Fatalf("right email: %+v", r)
	}
	r = e.track("", "/api/v1/tracking/lookup", fmt.Sprintf(`{"references":%s,"phone":"(415) 555-0123"}`, refs), 200)
	if len(r.Items) != 1 {
		t.Fatalf("right phone: %+v", r)
	}
	// A wrong contact, or one nobody has, looks exactly like "no such orders".
	for _, contact := range []string{`"email":"purchasing@northwind.example.com"`, `"email":"nobody@example.com"`, `"phone":"+14155550999"`} {
		r = e.track("", "/api/v1/tracking/lookup", fmt.Sprintf(`{"references":%s,%s}`, refsJSON(e.mine[0]), contact), 200)
		if len(r.Items) != 0 || len(r.NotFound) != 1 || r.NotFound[0] != e.mine[0] {
			t.Fatalf("%s: %+v", contact, r)
		}
	}
	e.track("", "/api/v1/tracking/lookup", fmt.Sprintf(`{"references":%s}`, refs), 422)
	// The guest view has no prices or addresses.
	res := e.do("POST", "/api/v1/tracking/lookup", "", fmt.Sprintf(`{"references":%s,"email":"casey@example.com"}`, refs))
	if strings.Contains(res.Body.String(), "Howard") || strings.Contains(res.Body.String(), "amount") {
		t.Fatalf("guest view leaks: %s", res.Body)
	}
	// 20 lookups per 10 minutes per IP: this is the 6th; 15 more pass, then 429.
	for i := range 14 {
		e.track("", "/api/v1/tracking/lookup", fmt.Sprintf(`{"references":%s,"email":"x%d@example.com"}`, refs, i), 200)
	}
	res = e.do("POST", "/api/v1/tracking/lookup", "", fmt.Sprintf(`{"references":%s,"email":"casey@example.com"}`, refs))
	if res.Code != 429 || res.Header().Get("Retry-After") == "" {
		t.Fatalf("throttled: %d %s", res.Code, res.Body)
	}
}

// redirect sends every request to a local server (the fake Twilio API).
type redirect struct{ target *url.URL }

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host, req.Host = r.target.Scheme, r.target.Host, r.target.Host
	return http.DefaultTransport.RoundTrip(req)
}

// fakeTwilioAPI records the messages twilio-go posts and answers like Twilio.
type fakeTwilioAPI struct {
	mu    sync.Mutex
	forms []url.Values
}

func (f *fakeTwilioAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	f.forms = append(f.forms, r.PostForm)
	n := len(f.forms)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(201)
	_, _ = fmt.Fprintf(w, `{"sid":"SM%030d","status":"queued"}`, n)
}

func (f *fakeTwilioAPI) sent() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values(nil), f.forms...)
}

func TestStatusSMSOnRequest(t *testing.T) {
	e := newTracking(t)
	fake := &fakeTwilioAPI{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	e.a.senders[notify.ChannelSMS] = notify.NewTwilioSender(notify.TwilioConfig{AccountSID: "AC" + strings.Repeat("0", 32), AuthToken: "fakeTwilioAuthToken0123",
		FromNumber: "+14155550000"}, &http.Client{Transport: redirect{target}, Timeout: 5 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := e.a.Jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = e.a.Jobs.Stop(context.Background()) }()

	// A number in the request is never used: the request is refused outright.
	if res := e.do("POST", "/api/v1/tracking/sms", e.casey, fmt.Sprintf(`{"references":%s,"to":"+14155550999"}`, refsJSON(e.mine...))); res.Code != 400 {
		t.Fatalf("a body with a phone number: %d %s", res.Code, res.Body)
	}
	if res := e.do("POST", "/api/v1/tracking/sms", e.casey, fmt.Sprintf(`{"references":%s}`, refsJSON(e.theirs))); res.Code != 404 {
		t.Fatalf("someone else's orders only: %d %s", res.Code, res.Body)
	}
	res := e.do("POST", "/api/v1/tracking/sms", e.casey, fmt.Sprintf(`{"references":%s}`, refsJSON(e.mine[0], e.theirs, e.mine[1])))
	if res.Code != 202 {
		t.Fatalf("sms: %d %s", res.Code, res.Body)
	}
	var sms tracking.SMSView
	res.json(&sms)
	if sms.To == "+14155550123" || !strings.HasSuffix(sms.To, "0123") {
		t.Fatalf("to %q is not masked", sms.To)
	}
	var form url.Values
	deadline := time.Now().Add(10 * time.Second)
	for form == nil {
		for _, f := range fake.sent() {
			if strings.Contains(f.Get("Body"), "orders:") {
				form = f
			}
		}
		if time.Now().After(deadline) {
			var ms []notify.Message
			e.a.DB.Gorm.Where("template_key = ?", notify.TplTrackingSummary).Find(&ms)
			t.Fatalf("no status text reached Twilio; got %v; queued %+v", fake.sent(), ms)
		}
		time.Sleep(50 * time.Millisecond)
	}
	body := form.Get("Body")
	if form.Get("To") != "+14155550123" || !strings.Contains(body, e.mine[0]+" placed") || !strings.Contains(body, e.mine[1]+" placed") ||
		strings.Contains(body, e.theirs) || notify.Segments(body) > 2 {
		t.Fatalf("sent %v", form)
	}
	// Staff find it in the message log of the order.
	var log notify.MessagePage
	e.do("GET", "/api/v1/admin/messages?order="+e.mine[1], e.login("admin@oms.example.com"), "").json(&log)
	found := false
	for _, m := range log.Items {
		found = found || m.Template == string(notify.TplTrackingSummary)
	}
	if !found {
		t.Fatalf("status text not in the order's message log: %+v", log.Items)
	}

	// The number opts out: the next request says so.
	stop := url.Values{"From": {"+14155550123"}, "Body": {"STOP"}}
	if res := e.twilio("/api/v1/webhooks/twilio/inbound", stop, twilioSignature(testTwilioToken, e.a.cfg.PublicURL+"/api/v1/webhooks/twilio/inbound", stop)); res.Code != 200 {
		t.Fatalf("STOP: %d", res.Code)
	}
	res = e.do("POST", "/api/v1/tracking/sms", e.casey, fmt.Sprintf(`{"references":%s}`, refsJSON(e.mine[0])))
	if res.Code != 409 || !strings.Contains(res.Body.String(), "STOP") && !strings.Contains(strings.ToLower(res.Body.String()), "opted out") {
		t.Fatalf("opted out: %d %s", res.Code, res.Body)
	}
	// An opted-out number does not stop the customer ordering: the notice goes by email only.
	placed := e.placeOrder(e.casey, uuid.NewString(), `{"items":[{"sku":"GAR-041","quantity":1}],"confirm_duplicate":true}`)
	if placed.Code != 201 {
		t.Fatalf("ordering after STOP: %d %s", placed.Code, placed.Body)
	}
	var after ordering.OrderView
	placed.json(&after)
	var channels []string
	e.a.DB.Gorm.Model(&notify.Message{}).Where("related_id = ?", after.Reference).Pluck("channel", &channels)
	if len(channels) != 1 || channels[0] != "email" {
		t.Fatalf("notice after STOP went by %v", channels)
	}
	// Three requests an hour per customer (the refused one counted too).
	res = e.do("POST", "/api/v1/tracking/sms", e.casey, fmt.Sprintf(`{"references":%s}`, refsJSON(e.mine[0])))
	if res.Code != 202 && res.Code != 409 {
		t.Fatalf("third: %d %s", res.Code, res.Body)
	}
	if res := e.do("POST", "/api/v1/tracking/sms", e.casey, fmt.Sprintf(`{"references":%s}`, refsJSON(e.mine[0]))); res.Code != 429 {
		t.Fatalf("fourth: %d %s", res.Code, res.Body)
	}
}

func TestInboundStatusText(t *testing.T) {
	e := newTracking(t)
	const path = "/api/v1/webhooks/twilio/inbound"
	text := func(from, body string, signed bool) string {
		t.Helper()
		form := url.Values{"From": {from}, "Body": {body}}
		sig := ""
		if signed {
			sig = twilioSignature(testTwilioToken, e.a.cfg.PublicURL+path, form)
		}
		res := e.twilio(path, form, sig)
		if !signed {
			if res.Code != 403 {
				t.Fatalf("unsigned: %d", res.Code)
			}
			return ""
		}
		if res.Code != 200 {
			t.Fatalf("inbound: %d %s", res.Code, res.Body)
		}
		return res.Body.String()
	}
	reply := text("+14155550123", "status "+strings.ToLower(e.mine[0])+" "+e.theirs, true)
	if !strings.Contains(reply, e.mine[0]+" placed") || !strings.Contains(reply, e.theirs+" not found") || strings.Contains(reply, "POW-004") {
		t.Fatalf("reply %s", reply)
	}
	if reply := text("+14155550123", "STATUS", true); !strings.Contains(reply, e.mine[0]) || !strings.Contains(reply, e.mine[1]) {
		t.Fatalf("open orders reply %s", reply)
	}
	if reply := text("+14155550999", "STATUS "+e.mine[0], true); strings.Contains(reply, e.mine[0]) || !strings.Contains(reply, "could not find") {
		t.Fatalf("stranger's reply %s", reply)
	}
	text("+14155550123", "STATUS "+e.mine[0], false)
	if reply := text("+14155550123", "hello there", true); strings.Contains(reply, "<Message>") {
		t.Fatalf("small talk answered: %s", reply)
	}
}

// TestLiveUpdates: a customer's open event stream hears about a status change staff make.
func TestLiveUpdates(t *testing.T) {
	e := newTracking(t)
	srv := httptest.NewServer(e.a.Echo())
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if e.a.DB.Dialect == db.Postgres {
		go live.Listen(ctx, e.a.cfg.DatabaseURL, e.a.hub, slog.New(slog.DiscardHandler))
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/tracking/stream", nil)
	req.Header.Set("Authorization", "Bearer "+e.casey)
	req.Header.Set("Accept", "text/event-stream")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream: %d %s", res.StatusCode, res.Header)
	}
	events := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- data
			}
		}
		close(events)
	}()
	// On PostgreSQL the listener connects on its own time: wait until a probe gets through.
	topic := tracking.Topic(e.customerID("casey@example.com"))
	for ready := false; !ready; {
		_ = e.a.publisher.Publish(ctx, topic, []byte(`{"probe":true}`))
		select {
		case <-events:
			ready = true
		case <-time.After(300 * time.Millisecond):
		case <-time.After(10 * time.Second):
			t.Fatal("the stream never heard the probe")
		}
	}
	if res := e.do("POST", "/api/v1/admin/orders/"+e.mine[0]+"/status", e.sales, `{"status":"confirmed"}`); res.Code != 200 {
		t.Fatalf("confirm: %d %s", res.Code, res.Body)
	}
	select {
	case data := <-events:
		var n struct {
			Reference string
			Status    ordering.Status
		}
		if err := json.Unmarshal([]byte(data), &n); err != nil || n.Reference != e.mine[0] || n.Status != ordering.Confirmed {
			t.Fatalf("event %s (%v)", data, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no live update within 10s")
	}
	// A new order is heard too (on PostgreSQL its notice goes out with the order's own statement).
	placed := e.placeOrder(e.casey, uuid.NewString(), `{"items":[{"sku":"HAN-009","quantity":1}],"confirm_duplicate":true}`)
	var o ordering.OrderView
	if placed.Code != 201 {
		t.Fatalf("place: %d %s", placed.Code, placed.Body)
	}
	placed.json(&o)
	select {
	case data := <-events:
		var n struct {
			Reference string
			Status    ordering.Status
		}
		if err := json.Unmarshal([]byte(data), &n); err != nil || n.Reference != o.Reference || n.Status != ordering.Placed {
			t.Fatalf("event %s (%v), want %s placed", data, err, o.Reference)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no live update for the new order within 10s")
	}
	// Another customer's stream hears nothing of it; staff cannot open one.
	if res := e.do("GET", "/api/v1/tracking/stream", e.sales, "", "Accept", "text/event-stream"); res.Code != 403 {
		t.Fatalf("staff stream: %d", res.Code)
	}
}

func (e *apiEnv) customerID(email string) uuid.UUID {
	e.t.Helper()
	c, err := e.a.Customers.ForLogin(context.Background(), email)
	if err != nil {
		e.t.Fatal(err)
	}
	return c.ID
}

// The customer-only endpoints of orders and tracking refuse staff (403) and guests (401), and a
// customer gets 404 for someone else's order, before reading anything.
func TestCustomerOnlyEndpointsRefuseOthers(t *testing.T) {
	e := newTracking(t)
	ref := e.mine[0]
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/api/v1/orders/options", ""},
		{"GET", "/api/v1/orders/addresses", ""},
		{"GET", "/api/v1/orders/" + ref + "/tracking", ""},
		{"GET", "/api/v1/orders/" + ref + "/documents/confirmation", ""},
		{"PUT", "/api/v1/orders/" + ref + "/notifications", `{"email":true,"sms":null}`},
		{"POST", "/api/v1/orders/" + ref + "/returns", `{"reason":"x","lines":[{"sku":"GAR-041","quantity":1}]}`},
		{"POST", "/api/v1/tracking", `{"references":["` + ref + `"]}`},
		{"GET", "/api/v1/tracking/board", ""},
		{"POST", "/api/v1/tracking/sms", `{"references":["` + ref + `"]}`},
		{"GET", "/api/v1/me/notifications", ""},
	} {
		if res := e.do(c.method, c.path, e.sales, c.body); res.Code != 403 {
			t.Errorf("staff %s %s: %d", c.method, c.path, res.Code)
		}
		if res := e.do(c.method, c.path, "", c.body); res.Code != 401 {
			t.Errorf("guest %s %s: %d", c.method, c.path, res.Code)
		}
		if strings.Contains(c.path, ref) {
			if res := e.do(c.method, c.path, e.northwind, c.body); res.Code != 404 {
				t.Errorf("another customer %s %s: %d", c.method, c.path, res.Code)
			}
		}
	}
}
