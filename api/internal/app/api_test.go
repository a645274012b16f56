package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/notify"
)

const testTwilioToken = "twilio-test-auth-token"

// apiEnv drives the real router of a migrated, seeded app.
type apiEnv struct {
	t *testing.T
	a *App
}

func newAPI(t *testing.T, tweak ...func(*config.Config)) *apiEnv {
	t.Helper()
	a := newTestApp(t, tweak...)
	a.skipDemoMedia = true
	if _, err := a.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &apiEnv{t: t, a: a}
}

type response struct {
	*httptest.ResponseRecorder
	t *testing.T
}

func (r response) json(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		r.t.Fatalf("decode %s: %v", r.Body, err)
	}
}

func (e *apiEnv) do(method, path, token, body string, header ...string) response {
	e.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.a.Echo().ServeHTTP(rec, req)
	return response{rec, e.t}
}

func (e *apiEnv) login(email string) string {
	e.t.Helper()
	res := e.do("POST", "/api/v1/auth/login", "", `{"login":"`+email+`","password":"`+DemoPassword+`"}`)
	if res.Code != 200 {
		e.t.Fatalf("login %s: %d %s", email, res.Code, res.Body)
	}
	var tok auth.TokenResponse
	res.json(&tok)
	return tok.AccessToken
}

func TestLoginAndMe(t *testing.T) {
	e := newAPI(t)
	for _, tc := range []struct {
		name, body string
		want       int
		detail     string
	}{
		{"staff email and password", `{"login":"Admin@OMS.example.com","password":"` + DemoPassword + `"}`, 200, ""},
		{"wrong password", `{"login":"admin@oms.example.com","password":"nope-nope-nope"}`, 401, "the login or password is wrong"},
		{"unknown account gets the same answer", `{"login":"ghost@oms.example.com","password":"nope-nope-nope"}`, 401, "the login or password is wrong"},
		{"missing password", `{"login":"admin@oms.example.com"}`, 422, "invalid fields"},
		{"malformed", `{"login":`, 400, "not valid JSON"},
		{"mass assignment of a role is refused", `{"login":"admin@oms.example.com","password":"x","role":"admin"}`, 400, "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do("POST", "/api/v1/auth/login", "", tc.body)
			if res.Code != tc.want || !strings.Contains(res.Body.String(), tc.detail) {
				t.Fatalf("%d %s", res.Code, res.Body)
			}
			if tc.want == 200 {
				var tok auth.TokenResponse
				res.json(&tok)
				if tok.TokenType != "Bearer" || tok.ExpiresIn != 900 || tok.AccessToken == "" || res.Header().Get("Cache-Control") != "no-store" {
					t.Fatalf("token response %+v", tok)
				}
			}
			if strings.Contains(res.Body.String(), DemoPassword) {
				t.Fatal("password echoed back")
			}
		})
	}

	token := e.login("support@oms.example.com")
	res := e.do("GET", "/api/v1/me", token, "")
	var me auth.Me
	res.json(&me)
	if res.Code != 200 || me.Email != "support@oms.example.com" || me.Type != "staff" || len(me.Roles) != 1 || me.Roles[0] != "support" {
		t.Fatalf("me: %d %+v", res.Code, me)
	}
	for name, tok := range map[string]string{"no token": "", "garbage token": "abc.def.ghi"} {
		if res := e.do("GET", "/api/v1/me", tok, ""); res.Code != 401 || res.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d", name, res.Code)
		}
	}
}

func TestMessageLogIsStaffOnly(t *testing.T) {
	e := newAPI(t)
	admin, support := e.login("admin@oms.example.com"), e.login("support@oms.example.com")
	var before notify.MessagePage
	e.do("GET", "/api/v1/admin/messages?page_size=100", admin, "").json(&before)
	for _, tc := range []struct {
		name, method, path, token, body string
		want                            int
	}{
		{"anonymous list", "GET", "/api/v1/admin/messages", "", "", 401},
		{"anonymous unknown admin path", "GET", "/api/v1/admin/nope", "", "", 404},
		{"support lists", "GET", "/api/v1/admin/messages", support, "", 200},
		{"support may not send tests", "POST", "/api/v1/admin/messages/test", support, `{"channel":"sms","to":"+14155550100"}`, 403},
		{"bad channel filter", "GET", "/api/v1/admin/messages?channel=fax", admin, "", 422},
		{"bad status filter", "GET", "/api/v1/admin/messages?status=lost", admin, "", 422},
		{"bad recipient filter", "GET", "/api/v1/admin/messages?to=12", admin, "", 422},
		{"bad cursor", "GET", "/api/v1/admin/messages?cursor=%21%21", admin, "", 422},
		{"unknown message", "GET", "/api/v1/admin/messages/0190d0a0-0000-7000-8000-000000000000", admin, "", 404},
		{"test to an invalid number", "POST", "/api/v1/admin/messages/test", admin, `{"channel":"sms","to":"12"}`, 422},
		{"test on an unknown channel", "POST", "/api/v1/admin/messages/test", admin, `{"channel":"fax","to":"+14155550100"}`, 422},
		{"wrong method", "DELETE", "/api/v1/admin/messages", admin, "", 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if res := e.do(tc.method, tc.path, tc.token, tc.body); res.Code != tc.want {
				t.Fatalf("%d, want %d: %s", res.Code, tc.want, res.Body)
			}
		})
	}
	var after notify.MessagePage
	e.do("GET", "/api/v1/admin/messages?page_size=100", admin, "").json(&after)
	if len(after.Items) != len(before.Items) {
		t.Fatalf("refused requests left %d new messages", len(after.Items)-len(before.Items))
	}
}

// In demo mode an SMS queued by any feature shows up in the message log as sent within seconds.
func TestTestMessageIsSentThroughTheQueue(t *testing.T) {
	e := newAPI(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := e.a.Jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = e.a.Jobs.Stop(context.Background()) }()
	admin := e.login("admin@oms.example.com")

	res := e.do("POST", "/api/v1/admin/messages/test", admin, `{"channel":"sms","to":"(415) 555-0100"}`)
	var q notify.Queued
	res.json(&q)
	if res.Code != 202 || q.Status != notify.StatusQueued || q.To == "+14155550100" || !strings.HasSuffix(q.To, "0100") {
		t.Fatalf("%d %+v", res.Code, q)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var m notify.MessageView
		e.do("GET", "/api/v1/admin/messages/"+q.MessageID, admin, "").json(&m)
		if m.Status == notify.StatusSent {
			if m.To != "+14155550100" || !strings.Contains(m.Body, "test message sent by Avery Admin") || m.Attempts != 1 || m.SentAt == nil {
				t.Fatalf("sent message %+v", m)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("message still %s after 10s", m.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func twilioSignature(token, fullURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range keys {
		b.WriteString(k + form.Get(k))
	}
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func (e *apiEnv) twilio(path string, form url.Values, signature string) response {
	e.t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if signature != "" {
		req.Header.Set("X-Twilio-Signature", signature)
	}
	rec := httptest.NewRecorder()
	e.a.Echo().ServeHTTP(rec, req)
	return response{rec, e.t}
}

func TestTwilioWebhooks(t *testing.T) {
	e := newAPI(t)
	admin := e.login("admin@oms.example.com")
	const statusPath, inboundPath = "/api/v1/webhooks/twilio/status", "/api/v1/webhooks/twilio/inbound"
	public := e.a.cfg.PublicURL

	// A sent message for the status callbacks to talk about.
	res := e.do("POST", "/api/v1/admin/messages/test", admin, `{"channel":"sms","to":"+14155550101"}`)
	var q notify.Queued
	res.json(&q)
	if err := e.a.DB.Gorm.Model(&notify.Message{}).Where("id = ?", q.MessageID).
		Updates(map[string]any{"status": "sent", "provider": "twilio", "provider_message_id": "SM0001"}).Error; err != nil {
		t.Fatal(err)
	}
	status := func() notify.Status {
		var m notify.MessageView
		e.do("GET", "/api/v1/admin/messages/"+q.MessageID, admin, "").json(&m)
		return m.Status
	}

	delivered := url.Values{"MessageSid": {"SM0001"}, "MessageStatus": {"delivered"}, "AccountSid": {"AC123"}}
	good := twilioSignature(testTwilioToken, public+statusPath, delivered)
	tampered := url.Values{"MessageSid": {"SM0001"}, "MessageStatus": {"undelivered"}, "AccountSid": {"AC123"}}
	for _, tc := range []struct {
		name string
		form url.Values
		sig  string
	}{
		{"missing signature", delivered, ""},
		{"signed with another token", delivered, twilioSignature("other-token", public+statusPath, delivered)},
		{"signed for another URL", delivered, twilioSignature(testTwilioToken, "https://evil.example.com"+statusPath, delivered)},
		{"tampered body", tampered, good},
	} {
		if res := e.twilio(statusPath, tc.form, tc.sig); res.Code != 403 {
			t.Errorf("%s: %d %s", tc.name, res.Code, res.Body)
		}
		if st := status(); st != notify.StatusSent {
			t.Fatalf("%s changed the message to %s", tc.name, st)
		}
	}
	if res := e.twilio(statusPath, delivered, good); res.Code != 204 {
		t.Fatalf("valid callback: %d %s", res.Code, res.Body)
	}
	if st := status(); st != notify.StatusDelivered {
		t.Fatalf("after valid callback: %s", st)
	}

	// Inbound STOP opts the number out; texts to it are refused until START.
	inbound := func(from, body string) response {
		form := url.Values{"From": {from}, "Body": {body}, "To": {"+15005550006"}}
		return e.twilio(inboundPath, form, twilioSignature(testTwilioToken, public+inboundPath, form))
	}
	unsigned := e.twilio(inboundPath, url.Values{"From": {"+14155550102"}, "Body": {"STOP"}}, "bad")
	if unsigned.Code != 403 {
		t.Fatalf("unsigned inbound: %d", unsigned.Code)
	}
	res = inbound("+14155550102", " stop ")
	body, _ := io.ReadAll(res.Body)
	if res.Code != 200 || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/xml") || !strings.Contains(string(body), "<Message>You are unsubscribed") {
		t.Fatalf("STOP reply: %d %s", res.Code, body)
	}
	res = e.do("POST", "/api/v1/admin/messages/test", admin, `{"channel":"sms","to":"+14155550102"}`)
	if res.Code != http.StatusConflict || !strings.Contains(res.Body.String(), "opted out") {
		t.Fatalf("SMS to an opted-out number: %d %s", res.Code, res.Body)
	}
	if res := inbound("+14155550102", "HELP"); !strings.Contains(res.Body.String(), "Reply STOP to unsubscribe") {
		t.Fatalf("HELP reply: %s", res.Body)
	}
	if res := inbound("+14155550102", "START"); !strings.Contains(res.Body.String(), "subscribed to OMS texts again") {
		t.Fatalf("START reply: %s", res.Body)
	}
	if res := e.do("POST", "/api/v1/admin/messages/test", admin, `{"channel":"sms","to":"+14155550102"}`); res.Code != 202 {
		t.Fatalf("after START: %d %s", res.Code, res.Body)
	}
	if res := inbound("+14155550102", "hello there"); strings.Contains(res.Body.String(), "<Message>") {
		t.Fatalf("other texts get no reply yet: %s", res.Body)
	}
}

func TestSMSRateLimitAnswers429WithRetryAfter(t *testing.T) {
	e := newAPI(t)
	admin := e.login("admin@oms.example.com")
	for i := range 5 {
		if res := e.do("POST", "/api/v1/admin/messages/test", admin, `{"channel":"sms","to":"+14155550103"}`); res.Code != 202 {
			t.Fatalf("message %d: %d", i+1, res.Code)
		}
	}
	res := e.do("POST", "/api/v1/admin/messages/test", admin, `{"channel":"sms","to":"+14155550103"}`)
	if res.Code != 429 || res.Header().Get("Retry-After") == "" {
		t.Fatalf("6th SMS: %d Retry-After %q %s", res.Code, res.Header().Get("Retry-After"), res.Body)
	}
}

func TestLoginThrottling(t *testing.T) {
	e := newAPI(t)
	// Every request comes from the recorder's one client address.
	login := func(who, pw string) response {
		return e.do("POST", "/api/v1/auth/login", "", `{"login":"`+who+`","password":"`+pw+`"}`)
	}
	for i := range 10 {
		if res := login("casey@example.com", "wrong password here"); res.Code != 401 {
			t.Fatalf("failure %d: %d", i+1, res.Code)
		}
	}
	res := login("casey@example.com", DemoPassword)
	if res.Code != 429 || res.Header().Get("Retry-After") == "" || !strings.Contains(res.Body.String(), "failed logins for this account") {
		t.Fatalf("11th try, right password: %d %s", res.Code, res.Body)
	}
	// The lock is per account: another account from the same address still signs in, and a
	// success clears that account's count.
	for range 9 {
		login("sales@oms.example.com", "wrong password here")
	}
	if res := login("sales@oms.example.com", DemoPassword); res.Code != 200 {
		t.Fatalf("other account: %d %s", res.Code, res.Body)
	}
	for range 9 {
		login("sales@oms.example.com", "wrong password here")
	}
	if res := login("sales@oms.example.com", DemoPassword); res.Code != 200 {
		t.Fatalf("count not cleared by the success: %d", res.Code)
	}
	// Many accounts from one address hit the per-IP limit (50).
	for i := 0; ; i++ {
		res := login(fmt.Sprintf("nobody%d@example.com", i), "wrong password here")
		if res.Code == 429 {
			if !strings.Contains(res.Body.String(), "your network") {
				t.Fatalf("per-IP answer: %s", res.Body)
			}
			break
		}
		if i > 60 {
			t.Fatal("no per-IP limit after 60 failures")
		}
	}
}

func TestRegistrationThrottledPerIP(t *testing.T) {
	e := newAPI(t, func(c *config.Config) { c.RegistrationRateLimit = config.Rate{Events: 2, Window: time.Hour} })
	e.apply(consumer())
	e.apply(consumer())
	res := e.do("POST", "/api/v1/registrations", "", consumer().json())
	if res.Code != 429 || res.Header().Get("Retry-After") == "" {
		t.Fatalf("3rd application from one IP: %d %s", res.Code, res.Body)
	}
}
