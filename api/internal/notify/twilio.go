package notify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
	twilioapi "github.com/twilio/twilio-go/rest/api/v2010"
)

const defaultTwilioTimeout = 10 * time.Second

// TwilioConfig configures the Twilio SMS provider.
type TwilioConfig struct {
	AccountSID string
	AuthToken  string
	// FromNumber is the sender (E.164) used when MessagingServiceSID is empty.
	FromNumber string
	// MessagingServiceSID, when set, lets Twilio pick the sender from the service's pool.
	MessagingServiceSID string
	// StatusCallbackURL receives Twilio's delivery status callbacks; empty sends none.
	StatusCallbackURL string
	// Timeout bounds one send, connection included (default 10s).
	Timeout time.Duration
}

// TwilioSender sends SMS through Twilio's Messages API with the official SDK.
type TwilioSender struct {
	cfg     TwilioConfig
	http    *http.Client
	timeout time.Duration
}

// NewTwilioSender returns a Twilio provider. httpClient may be nil; tests pass one whose transport
// points at a fake Twilio API. A send is bounded by the shorter of cfg.Timeout and
// httpClient.Timeout (10s when neither is set).
func NewTwilioSender(cfg TwilioConfig, httpClient *http.Client) *TwilioSender {
	timeout := cfg.Timeout
	if httpClient != nil && httpClient.Timeout > 0 && (timeout <= 0 || httpClient.Timeout < timeout) {
		timeout = httpClient.Timeout
	}
	if timeout <= 0 {
		timeout = defaultTwilioTimeout
	}
	if httpClient == nil {
		httpClient = &http.Client{
			Timeout: timeout,
			// As the SDK's own default client: a redirect is an answer, not something to follow.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return &TwilioSender{cfg: cfg, http: httpClient, timeout: timeout}
}

// Name implements Sender.
func (s *TwilioSender) Name() string { return "twilio" }

// Send implements Sender.
func (s *TwilioSender) Send(ctx context.Context, m Outgoing) (Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()

	params := &twilioapi.CreateMessageParams{}
	params.SetTo(m.To)
	params.SetBody(m.Body)
	if s.cfg.MessagingServiceSID != "" {
		params.SetMessagingServiceSid(s.cfg.MessagingServiceSID)
	} else {
		params.SetFrom(s.cfg.FromNumber)
	}
	if s.cfg.StatusCallbackURL != "" {
		params.SetStatusCallback(s.cfg.StatusCallbackURL)
	}

	api, call := s.restClient(ctx)
	resp, err := api.Api.CreateMessage(params)
	if err != nil {
		return Receipt{}, classifyTwilioError(err, call.status)
	}
	if resp.Sid == nil || *resp.Sid == "" {
		return Receipt{}, errors.New("twilio: message accepted without a sid")
	}
	return Receipt{ProviderID: *resp.Sid}, nil
}

// restClient builds an SDK client for one send. twilio-go v1.31 builds its requests with
// context.Background(), so the only way to make a send obey ctx (job cancellation, deadline) is a
// transport that puts ctx on the request; that is why the client is per call (it is cheap: no
// connections are owned by it, the http.Client's transport is shared).
func (s *TwilioSender) restClient(ctx context.Context) (*twilio.RestClient, *twilioCall) {
	call := &twilioCall{ctx: ctx, base: s.http.Transport}
	if call.base == nil {
		call.base = http.DefaultTransport
	}
	hc := *s.http
	hc.Transport = call
	hc.Timeout = 0 // ctx carries the deadline; http.Client's own timer would be lost on the swapped context

	c := &client.Client{Credentials: client.NewCredentials(s.cfg.AccountSID, s.cfg.AuthToken), HTTPClient: &hc}
	c.SetAccountSid(s.cfg.AccountSID)
	return twilio.NewRestClientWithParams(twilio.ClientParams{Client: c}), call
}

// twilioCall is the transport of one send: it attaches the send's context and remembers the HTTP
// status, which the SDK does not expose when an error body is not Twilio's JSON.
type twilioCall struct {
	ctx    context.Context
	base   http.RoundTripper
	status int
}

func (t *twilioCall) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req.WithContext(t.ctx))
	if resp != nil {
		t.status = resp.StatusCode
	}
	return resp, err
}

// twilioUndeliverable are the Messages API error codes that are about the recipient, so retrying
// or fixing our account will not deliver this message:
//
//	21211 invalid 'To' phone number
//	21214 'To' phone number cannot be reached
//	21217 phone number does not appear to be valid
//	21401 invalid phone number
//	21407 this phone number type does not support SMS
//	21408 sending to the 'To' number's region is not enabled
//	21421 phone number is invalid
//	21610 the recipient replied STOP (unsubscribed) to this sender
//	21612 the 'To' number cannot be reached from this sender
//	21614 'To' number is not a valid mobile number
//	21635 'To' number is a landline
//
// Other 4xx codes (20003 authentication, 21606 'From' not SMS-capable, 21608 unverified number on
// a trial account, …) are our configuration and need a person, not a different recipient.
var twilioUndeliverable = map[int]bool{
	21211: true, 21214: true, 21217: true, 21401: true, 21407: true, 21408: true,
	21421: true, 21610: true, 21612: true, 21614: true, 21635: true,
}

// classifyTwilioError turns an SDK error into a PermanentError or a transient error.
// httpStatus is the status the transport saw (0 when no response arrived); it stands in for a
// Status missing from the error body.
func classifyTwilioError(err error, httpStatus int) error {
	var rest *client.TwilioRestError
	if !errors.As(err, &rest) {
		// No response (network, timeout, cancelled context) or an error body that is not Twilio's
		// JSON (a proxy's HTML page): retry.
		return fmt.Errorf("twilio: %w", err)
	}
	status := rest.Status
	if status == 0 {
		status = httpStatus
	}
	switch {
	case status == http.StatusTooManyRequests || status >= 500 || rest.Code == 20429:
		return fmt.Errorf("twilio: %w", err)
	case twilioUndeliverable[rest.Code]:
		return &PermanentError{Code: strconv.Itoa(rest.Code), Undeliverable: true, Err: err}
	default:
		return &PermanentError{Code: strconv.Itoa(rest.Code), Err: err}
	}
}
