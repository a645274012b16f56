package notify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/twilio/twilio-go/client"
)

const (
	testTwilioSID   = "AC0123456789abcdef0123456789abcdef"
	testTwilioToken = "authtoken0123456789"
)

// NewRewritingHTTPClient returns an http.Client that sends every request to base (an httptest
// server's URL) whatever scheme and host the request names. twilio-go has no base-URL option,
// so this is how the real SDK is pointed at a fake Twilio API.
func NewRewritingHTTPClient(base string, timeout time.Duration) *http.Client {
	target, err := url.Parse(base)
	if err != nil {
		panic(err)
	}
	return &http.Client{Timeout: timeout, Transport: rewriteTransport{target: target, base: http.DefaultTransport}}
}

type rewriteTransport struct {
	target *url.URL
	base   http.RoundTripper
}

func (t rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host, req.Host = t.target.Scheme, t.target.Host, t.target.Host
	return t.base.RoundTrip(req)
}

// twilioRequest is what the fake Twilio API received.
type twilioRequest struct {
	method, path, user, pass string
	basicAuth                bool
	form                     url.Values
}

// fakeTwilio is a local stand-in for api.twilio.com that answers every request with status and
// body, after delay.
type fakeTwilio struct {
	*httptest.Server
	mu       sync.Mutex
	requests []twilioRequest
}

func newFakeTwilio(t *testing.T, status int, body string, delay time.Duration) *fakeTwilio {
	t.Helper()
	f := &fakeTwilio{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		_ = r.ParseForm()
		f.mu.Lock()
		f.requests = append(f.requests, twilioRequest{method: r.Method, path: r.URL.Path, user: user, pass: pass, basicAuth: ok, form: r.PostForm})
		f.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeTwilio) only(t *testing.T) twilioRequest {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) != 1 {
		t.Fatalf("fake Twilio got %d requests, want 1", len(f.requests))
	}
	return f.requests[0]
}

func testSMS() Outgoing {
	return Outgoing{ID: uuid.New(), Channel: ChannelSMS, To: "+14155550100", Body: "Your code is 482913"}
}

func TestTwilioSendOutcomes(t *testing.T) {
	const created = `{"sid":"SM123","status":"queued","to":"+14155550100","body":"Your code is 482913"}`
	for _, tc := range []struct {
		name            string
		status          int
		body            string
		delay           time.Duration
		wantSID         string // success
		wantPermanent   bool
		wantUndelivered bool
		wantCode        string
	}{
		{name: "201 created returns the message sid", status: 201, body: created, wantSID: "SM123"},
		{name: "invalid To (21211) is undeliverable", status: 400,
			body:          `{"code":21211,"message":"invalid To","more_info":"https://www.twilio.com/docs/errors/21211","status":400}`,
			wantPermanent: true, wantUndelivered: true, wantCode: "21211"},
		{name: "unsubscribed recipient (21610) is undeliverable", status: 400,
			body:          `{"code":21610,"message":"Attempt to send to unsubscribed recipient","status":400}`,
			wantPermanent: true, wantUndelivered: true, wantCode: "21610"},
		{name: "landline (21635) is undeliverable", status: 400,
			body:          `{"code":21635,"message":"'To' number cannot be a landline","status":400}`,
			wantPermanent: true, wantUndelivered: true, wantCode: "21635"},
		{name: "bad credentials (20003) are permanent but not the recipient's fault", status: 401,
			body:          `{"code":20003,"message":"Authenticate","status":401}`,
			wantPermanent: true, wantCode: "20003"},
		{name: "unverified number on a trial account (21608) is permanent, not undeliverable", status: 400,
			body:          `{"code":21608,"message":"unverified","status":400}`,
			wantPermanent: true, wantCode: "21608"},
		{name: "503 with a Twilio error body is transient", status: 503,
			body: `{"code":20503,"message":"Service unavailable","status":503}`},
		{name: "503 with an HTML body is transient", status: 503, body: `<html>upstream unavailable</html>`},
		{name: "429 too many requests is transient", status: 429,
			body: `{"code":20429,"message":"Too Many Requests","status":429}`},
		{name: "a server slower than the timeout is transient", status: 201, body: created, delay: 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFakeTwilio(t, tc.status, tc.body, tc.delay)
			s := NewTwilioSender(TwilioConfig{AccountSID: testTwilioSID, AuthToken: testTwilioToken, FromNumber: "+15005550006"},
				NewRewritingHTTPClient(fake.URL, 200*time.Millisecond))

			start := time.Now()
			got, err := s.Send(context.Background(), testSMS())
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("Send took %v; the 200ms timeout did not hold", elapsed)
			}

			if tc.wantSID != "" {
				if err != nil {
					t.Fatalf("Send: unexpected error %v", err)
				}
				if got.ProviderID != tc.wantSID {
					t.Fatalf("receipt = %+v, want ProviderID %q", got, tc.wantSID)
				}
				return
			}
			if err == nil {
				t.Fatalf("Send succeeded with receipt %+v, want an error", got)
			}
			p, permanent := AsPermanent(err)
			if permanent != tc.wantPermanent {
				t.Fatalf("permanent = %v, want %v (error: %v)", permanent, tc.wantPermanent, err)
			}
			if !permanent {
				return
			}
			if p.Undeliverable != tc.wantUndelivered || p.Code != tc.wantCode {
				t.Errorf("PermanentError{Code: %q, Undeliverable: %v}, want {Code: %q, Undeliverable: %v}",
					p.Code, p.Undeliverable, tc.wantCode, tc.wantUndelivered)
			}
			var rest *client.TwilioRestError
			if !errors.As(err, &rest) {
				t.Errorf("the SDK's *client.TwilioRestError is not reachable through %v", err)
			}
		})
	}
}

func TestTwilioTimeoutIsReportedAsDeadline(t *testing.T) {
	fake := newFakeTwilio(t, 201, `{"sid":"SM123"}`, 2*time.Second)
	s := NewTwilioSender(TwilioConfig{AccountSID: testTwilioSID, AuthToken: testTwilioToken, FromNumber: "+15005550006"},
		NewRewritingHTTPClient(fake.URL, 200*time.Millisecond))
	_, err := s.Send(context.Background(), testSMS())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want one matching context.DeadlineExceeded", err)
	}
	if _, permanent := AsPermanent(err); permanent {
		t.Fatalf("a timeout must be transient, got %v", err)
	}
}

func TestTwilioSendStopsWhenTheCallerCancels(t *testing.T) {
	fake := newFakeTwilio(t, 201, `{"sid":"SM123"}`, 5*time.Second)
	s := NewTwilioSender(TwilioConfig{AccountSID: testTwilioSID, AuthToken: testTwilioToken, FromNumber: "+15005550006", Timeout: 10 * time.Second},
		NewRewritingHTTPClient(fake.URL, 0))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)

	start := time.Now()
	_, err := s.Send(ctx, testSMS())
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Send took %v after the caller cancelled at 100ms", elapsed)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want one matching context.Canceled", err)
	}
	if _, permanent := AsPermanent(err); permanent {
		t.Fatalf("a cancelled send must be transient, got %v", err)
	}
}

func TestTwilioConnectionRefusedIsTransient(t *testing.T) {
	fake := httptest.NewServer(http.NotFoundHandler())
	base := fake.URL
	fake.Close() // nothing listens on base any more

	s := NewTwilioSender(TwilioConfig{AccountSID: testTwilioSID, AuthToken: testTwilioToken, FromNumber: "+15005550006"},
		NewRewritingHTTPClient(base, 200*time.Millisecond))
	_, err := s.Send(context.Background(), testSMS())
	if err == nil {
		t.Fatal("Send succeeded against a closed server")
	}
	if _, permanent := AsPermanent(err); permanent {
		t.Fatalf("connection refused must be transient, got %v", err)
	}
}

func TestTwilioRequestShape(t *testing.T) {
	const callback = "https://shop.example/api/v1/webhooks/twilio/status"
	for _, tc := range []struct {
		name string
		cfg  TwilioConfig
		want map[string]string // form fields; "" means the field must be absent
	}{
		{
			name: "a From number is sent when there is no messaging service",
			cfg:  TwilioConfig{FromNumber: "+15005550006"},
			want: map[string]string{"From": "+15005550006", "MessagingServiceSid": "", "StatusCallback": ""},
		},
		{
			name: "a messaging service replaces the From number",
			cfg:  TwilioConfig{FromNumber: "+15005550006", MessagingServiceSID: "MG0123456789abcdef0123456789abcdef"},
			want: map[string]string{"From": "", "MessagingServiceSid": "MG0123456789abcdef0123456789abcdef"},
		},
		{
			name: "the status callback URL is sent when configured",
			cfg:  TwilioConfig{FromNumber: "+15005550006", StatusCallbackURL: callback},
			want: map[string]string{"From": "+15005550006", "StatusCallback": callback},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFakeTwilio(t, 201, `{"sid":"SM123"}`, 0)
			cfg := tc.cfg
			cfg.AccountSID, cfg.AuthToken = testTwilioSID, testTwilioToken
			s := NewTwilioSender(cfg, NewRewritingHTTPClient(fake.URL, time.Second))
			m := testSMS()
			if _, err := s.Send(context.Background(), m); err != nil {
				t.Fatalf("Send: %v", err)
			}

			req := fake.only(t)
			if want := "/2010-04-01/Accounts/" + testTwilioSID + "/Messages.json"; req.method != http.MethodPost || req.path != want {
				t.Errorf("request = %s %s, want POST %s", req.method, req.path, want)
			}
			if !req.basicAuth || req.user != testTwilioSID || req.pass != testTwilioToken {
				t.Errorf("basic auth = (%q, %q, %v), want the account SID and auth token", req.user, req.pass, req.basicAuth)
			}
			want := map[string]string{"To": m.To, "Body": m.Body}
			for k, v := range tc.want {
				want[k] = v
			}
			for field, v := range want {
				_, present := req.form[field]
				switch {
				case v == "" && present:
					t.Errorf("form field %s = %q, want it absent", field, req.form.Get(field))
				case v != "" && req.form.Get(field) != v:
					t.Errorf("form field %s = %q, want %q", field, req.form.Get(field), v)
				}
			}
		})
	}
}

func TestTwilioSenderName(t *testing.T) {
	if got := NewTwilioSender(TwilioConfig{}, nil).Name(); got != "twilio" {
		t.Fatalf("Name() = %q, want twilio", got)
	}
}
