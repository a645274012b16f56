package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"mime/quotedprintable"
	"net"
	"net/http/httptest"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/google/uuid"
)

// fakeSMTP is a real SMTP server (go-smtp) on 127.0.0.1 that records what it receives and answers
// with the errors it is told to.
type fakeSMTP struct {
	addr string // host:port

	// Behaviour, set before the first connection.
	user, pass       string        // when set, AUTH PLAIN is offered and required
	mailErr, rcptErr error         // answers to MAIL FROM and RCPT TO
	dataErr          error         // answer after the message content
	dataDelay        time.Duration // stall before answering the content

	mu   sync.Mutex
	got  []receivedMail
	auth []string // user names that authenticated
}

type receivedMail struct {
	from string
	to   []string
	data []byte
	tls  bool
}

type smtpMode int

const (
	smtpPlain       smtpMode = iota // no TLS at all
	smtpStartTLS                    // offers STARTTLS
	smtpImplicitTLS                 // TLS from the first byte (smtps)
)

// startFakeSMTP starts f and returns the CA pool that trusts its certificate.
func startFakeSMTP(t *testing.T, f *fakeSMTP, mode smtpMode) *x509.CertPool {
	t.Helper()
	cert, roots := testCertificate(t)
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &fakeSMTPSession{srv: f, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tlsConfig := &tls.Config{Certificates: []tls.Certificate{cert}}
	switch mode {
	case smtpStartTLS:
		srv.TLSConfig = tlsConfig
	case smtpImplicitTLS:
		l = tls.NewListener(l, tlsConfig)
	}
	f.addr = l.Addr().String()
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return roots
}

// testCertificate borrows httptest's certificate (valid for 127.0.0.1) and a pool trusting it.
func testCertificate(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	hs := httptest.NewTLSServer(nil)
	defer hs.Close()
	roots := x509.NewCertPool()
	roots.AddCert(hs.Certificate())
	return hs.TLS.Certificates[0], roots
}

func (f *fakeSMTP) received() []receivedMail {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]receivedMail(nil), f.got...)
}

func (f *fakeSMTP) authentications() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.auth)
}

type fakeSMTPSession struct {
	srv    *fakeSMTP
	conn   *smtp.Conn
	authed bool
	cur    receivedMail
}

func (s *fakeSMTPSession) AuthMechanisms() []string {
	if s.srv.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *fakeSMTPSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.srv.user || pass != s.srv.pass {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		s.srv.mu.Lock()
		s.srv.auth = append(s.srv.auth, user)
		s.srv.mu.Unlock()
		return nil
	}), nil
}

func (s *fakeSMTPSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	if s.srv.mailErr != nil {
		return s.srv.mailErr
	}
	s.cur = receivedMail{from: from}
	return nil
}

func (s *fakeSMTPSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.srv.rcptErr != nil {
		return s.srv.rcptErr
	}
	s.cur.to = append(s.cur.to, to)
	return nil
}

func (s *fakeSMTPSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	time.Sleep(s.srv.dataDelay)
	if s.srv.dataErr != nil {
		return s.srv.dataErr
	}
	s.cur.data = data
	_, s.cur.tls = s.conn.TLSConnectionState()
	s.srv.mu.Lock()
	s.srv.got = append(s.srv.got, s.cur)
	s.srv.mu.Unlock()
	return nil
}

func (s *fakeSMTPSession) Reset()        { s.cur = receivedMail{} }
func (s *fakeSMTPSession) Logout() error { return nil }

func testEmail() Outgoing {
	return Outgoing{
		ID: uuid.New(), Channel: ChannelEmail, To: "alice@example.com", Subject: "Your sign-in code",
		Body: "Hello Alice,\n\nYour code is 482913. Café opens at 9.\n",
	}
}

func newTestSMTPSender(t *testing.T, rawURL string, roots *x509.CertPool) *SMTPSender {
	t.Helper()
	s, err := NewSMTPSender(SMTPConfig{URL: rawURL, From: "Shop <no-reply@shop.example>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("NewSMTPSender(%q): %v", rawURL, err)
	}
	s.rootCAs = roots
	return s
}

func TestSMTPDeliversTheMessage(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mode    smtpMode
		auth    bool
		url     string // HOST stands for the server's host:port
		wantTLS bool
	}{
		{name: "plain relay without TLS", mode: smtpPlain, url: "smtp://HOST?tls=none"},
		{name: "AUTH PLAIN with the URL's credentials", mode: smtpPlain, auth: true, url: "smtp://mailer:s3cr%2Ft@HOST?tls=none"},
		{name: "STARTTLS is used when offered", mode: smtpStartTLS, auth: true, url: "smtp://mailer:s3cr%2Ft@HOST", wantTLS: true},
		{name: "tls=required with STARTTLS", mode: smtpStartTLS, url: "smtp://HOST?tls=required", wantTLS: true},
		{name: "smtps is TLS from the first byte", mode: smtpImplicitTLS, auth: true, url: "smtps://mailer:s3cr%2Ft@HOST", wantTLS: true},
		{name: "opportunistic TLS falls back to plain when not offered", mode: smtpPlain, url: "smtp://HOST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := &fakeSMTP{}
			if tc.auth {
				srv.user, srv.pass = "mailer", "s3cr/t"
			}
			roots := startFakeSMTP(t, srv, tc.mode)
			s := newTestSMTPSender(t, strings.ReplaceAll(tc.url, "HOST", srv.addr), roots)
			m := testEmail()

			got, err := s.Send(context.Background(), m)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			wantID := "<" + m.ID.String() + "@shop.example>"
			if got.ProviderID != wantID {
				t.Errorf("receipt = %+v, want ProviderID %q", got, wantID)
			}

			mails := srv.received()
			if len(mails) != 1 {
				t.Fatalf("server received %d messages, want 1", len(mails))
			}
			rcv := mails[0]
			if rcv.from != "no-reply@shop.example" || len(rcv.to) != 1 || rcv.to[0] != m.To {
				t.Errorf("envelope = MAIL FROM %q RCPT TO %q, want no-reply@shop.example and %q", rcv.from, rcv.to, m.To)
			}
			if rcv.tls != tc.wantTLS {
				t.Errorf("message travelled over TLS = %v, want %v", rcv.tls, tc.wantTLS)
			}
			if n := srv.authentications(); tc.auth && n != 1 {
				t.Errorf("server saw %d authentications, want 1", n)
			}

			msg, err := netmail.ReadMessage(strings.NewReader(string(rcv.data)))
			if err != nil {
				t.Fatalf("parse received message: %v\n%s", err, rcv.data)
			}
			for header, want := range map[string]string{
				"Message-Id":       wantID,
				"X-Oms-Message-Id": m.ID.String(),
				"Subject":          m.Subject,
				"To":               "<" + m.To + ">",
				"From":             `"Shop" <no-reply@shop.example>`,
			} {
				if got := msg.Header.Get(header); got != want {
					t.Errorf("header %s = %q, want %q", header, got, want)
				}
			}
			if ct := msg.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type = %q, want text/plain", ct)
			}
			var body io.Reader = msg.Body
			if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
				body = quotedprintable.NewReader(msg.Body)
			}
			b, err := io.ReadAll(body)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(string(b), "\r\n", "\n"); got != m.Body {
				t.Errorf("body = %q, want %q", got, m.Body)
			}
		})
	}
}

func TestSMTPFailures(t *testing.T) {
	for _, tc := range []struct {
		name            string
		srv             *fakeSMTP // nil: a server that accepts everything
		mode            smtpMode
		url             string // HOST stands for the server's host:port; default smtp://HOST?tls=none
		untrusted       bool   // the client does not trust the server's certificate
		wantPermanent   bool
		wantUndelivered bool
		wantCode        string
	}{
		{name: "550 to RCPT TO is undeliverable",
			srv:           &fakeSMTP{rcptErr: &smtp.SMTPError{Code: 550, Message: "no such user"}},
			wantPermanent: true, wantUndelivered: true, wantCode: "550"},
		{name: "550 5.1.1 to RCPT TO is undeliverable",
			srv:           &fakeSMTP{rcptErr: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unknown"}},
			wantPermanent: true, wantUndelivered: true, wantCode: "550"},
		{name: "553 to RCPT TO is undeliverable",
			srv:           &fakeSMTP{rcptErr: &smtp.SMTPError{Code: 553, Message: "mailbox name not allowed"}},
			wantPermanent: true, wantUndelivered: true, wantCode: "553"},
		{name: "relaying denied (554 5.7.1) is our problem, not the recipient's",
			srv:           &fakeSMTP{rcptErr: &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Relay access denied"}},
			wantPermanent: true, wantCode: "554"},
		{name: "550 5.7.1 policy rejection is not undeliverable",
			srv:           &fakeSMTP{rcptErr: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "sender blocked"}},
			wantPermanent: true, wantCode: "550"},
		{name: "553 to MAIL FROM rejects our sender, not the recipient",
			srv:           &fakeSMTP{mailErr: &smtp.SMTPError{Code: 553, EnhancedCode: smtp.EnhancedCode{5, 1, 8}, Message: "sender address rejected"}},
			wantPermanent: true, wantCode: "553"},
		{name: "554 after the content (spam) is permanent, not undeliverable",
			srv:           &fakeSMTP{dataErr: &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "looks like spam"}},
			wantPermanent: true, wantCode: "554"},
		{name: "unknown mailbox reported after the content (5.1.1) is undeliverable",
			srv:           &fakeSMTP{dataErr: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unknown"}},
			wantPermanent: true, wantUndelivered: true, wantCode: "550"},
		{name: "451 to RCPT TO is transient",
			srv: &fakeSMTP{rcptErr: &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}}},
		{name: "452 after the content is transient",
			srv: &fakeSMTP{dataErr: &smtp.SMTPError{Code: 452, Message: "insufficient storage"}}},
		{name: "wrong password (535) is permanent, not undeliverable",
			srv: &fakeSMTP{user: "mailer", pass: "right"}, url: "smtp://mailer:wrong@HOST?tls=none",
			wantPermanent: true, wantCode: "535"},
		{name: "tls=required refuses a server without STARTTLS (transient)",
			url: "smtp://HOST?tls=required"},
		{name: "a STARTTLS certificate we do not trust is not downgraded to plain text",
			mode: smtpStartTLS, url: "smtp://HOST", untrusted: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := tc.srv
			if srv == nil {
				srv = &fakeSMTP{}
			}
			roots := startFakeSMTP(t, srv, tc.mode)
			if tc.untrusted {
				roots = nil
			}
			rawURL := "smtp://HOST?tls=none"
			if tc.url != "" {
				rawURL = tc.url
			}
			s := newTestSMTPSender(t, strings.ReplaceAll(rawURL, "HOST", srv.addr), roots)

			got, err := s.Send(context.Background(), testEmail())
			if err == nil {
				t.Fatalf("Send succeeded with receipt %+v, want an error", got)
			}
			if n := len(srv.received()); n != 0 {
				t.Errorf("server accepted %d messages, want none", n)
			}
			p, permanent := AsPermanent(err)
			if permanent != tc.wantPermanent {
				t.Fatalf("permanent = %v, want %v (error: %v)", permanent, tc.wantPermanent, err)
			}
			if permanent && (p.Undeliverable != tc.wantUndelivered || p.Code != tc.wantCode) {
				t.Errorf("PermanentError{Code: %q, Undeliverable: %v}, want {Code: %q, Undeliverable: %v} (error: %v)",
					p.Code, p.Undeliverable, tc.wantCode, tc.wantUndelivered, err)
			}
			if strings.Contains(err.Error(), "wrong") {
				t.Errorf("error text contains the password: %v", err)
			}
		})
	}
}

func TestSMTPServerDownIsTransient(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close() // nothing listens on addr any more

	s := newTestSMTPSender(t, "smtp://"+addr+"?tls=none", nil)
	_, err = s.Send(context.Background(), testEmail())
	if err == nil {
		t.Fatal("Send succeeded with no server")
	}
	if _, permanent := AsPermanent(err); permanent {
		t.Fatalf("connection refused must be transient, got %v", err)
	}
}

func TestSMTPSendStopsAtTheContextDeadline(t *testing.T) {
	srv := &fakeSMTP{dataDelay: 3 * time.Second}
	startFakeSMTP(t, srv, smtpPlain)
	s := newTestSMTPSender(t, "smtp://"+srv.addr+"?tls=none", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()

	start := time.Now()
	_, err := s.Send(ctx, testEmail())
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Send took %v with a 300ms deadline", elapsed)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want one matching context.DeadlineExceeded", err)
	}
	if _, permanent := AsPermanent(err); permanent {
		t.Fatalf("a timeout must be transient, got %v", err)
	}
}

func TestSMTPInvalidRecipientIsUndeliverable(t *testing.T) {
	srv := &fakeSMTP{}
	startFakeSMTP(t, srv, smtpPlain)
	s := newTestSMTPSender(t, "smtp://"+srv.addr+"?tls=none", nil)
	m := testEmail()
	m.To = "not an address"
	_, err := s.Send(context.Background(), m)
	p, ok := AsPermanent(err)
	if !ok || !p.Undeliverable {
		t.Fatalf("error = %v, want an undeliverable PermanentError", err)
	}
}

func TestNewSMTPSenderRejectsBadConfig(t *testing.T) {
	const from = "no-reply@shop.example"
	for _, tc := range []struct {
		name, url, from string
		wantVar         string // the variable the error must name
		secret          string // must not appear in the error
	}{
		{name: "missing URL", url: "", from: from, wantVar: "SMTP_URL"},
		{name: "wrong scheme", url: "https://user:hunter2@mail.example.com", from: from, wantVar: "SMTP_URL", secret: "hunter2"},
		{name: "no host", url: "smtp://", from: from, wantVar: "SMTP_URL"},
		{name: "bad percent-escape in the password", url: "smtp://user:hun%zzter2@mail.example.com", from: from, wantVar: "SMTP_URL", secret: "zzter2"},
		{name: "unescaped slash in a numeric password", url: "smtp://user:1234/5678@mail.example.com", from: from, wantVar: "SMTP_URL", secret: "5678"},
		{name: "unescaped question mark in the password", url: "smtp://user:12?tls=x9y8@mail.example.com", from: from, wantVar: "SMTP_URL", secret: "x9y8"},
		{name: "unescaped hash in the password", url: "smtp://user:12#x9y8@mail.example.com", from: from, wantVar: "SMTP_URL", secret: "x9y8"},
		{name: "port out of range", url: "smtp://user:hunter2@mail.example.com:99999", from: from, wantVar: "SMTP_URL", secret: "hunter2"},
		{name: "user without password", url: "smtp://user@mail.example.com", from: from, wantVar: "SMTP_URL"},
		{name: "unknown tls mode", url: "smtp://user:hunter2@mail.example.com?tls=sometimes", from: from, wantVar: "SMTP_URL", secret: "hunter2"},
		{name: "unknown parameter", url: "smtp://mail.example.com?timeout=5", from: from, wantVar: "SMTP_URL"},
		{name: "smtps with tls=none", url: "smtps://mail.example.com?tls=none", from: from, wantVar: "SMTP_URL"},
		{name: "password in clear text to a remote host", url: "smtp://user:hunter2@mail.example.com?tls=none", from: from, wantVar: "SMTP_URL", secret: "hunter2"},
		{name: "missing From", url: "smtp://mail.example.com", from: " ", wantVar: "SMTP_FROM"},
		{name: "From is not an address", url: "smtp://mail.example.com", from: "shop", wantVar: "SMTP_FROM"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewSMTPSender(SMTPConfig{URL: tc.url, From: tc.from})
			if err == nil {
				t.Fatalf("NewSMTPSender accepted URL %q From %q: %+v", tc.url, tc.from, s)
			}
			if !strings.Contains(err.Error(), tc.wantVar) {
				t.Errorf("error %q does not name %s", err, tc.wantVar)
			}
			if tc.secret != "" && strings.Contains(err.Error(), tc.secret) {
				t.Errorf("error %q reveals %q", err, tc.secret)
			}
		})
	}
}

func TestNewSMTPSenderReadsTheURL(t *testing.T) {
	for _, tc := range []struct {
		url                string
		wantHost           string
		wantPort           int
		wantUser, wantPass string
		wantImplicitTLS    bool
		wantPolicy         string
	}{
		{url: "smtp://mail.example.com", wantHost: "mail.example.com", wantPort: 587, wantPolicy: "TLSOpportunistic"},
		{url: "smtp://u:p%2F%3Fw@mail.example.com:2525?tls=required", wantHost: "mail.example.com", wantPort: 2525,
			wantUser: "u", wantPass: "p/?w", wantPolicy: "TLSMandatory"},
		{url: "smtp://localhost:1025?tls=none", wantHost: "localhost", wantPort: 1025, wantPolicy: "NoTLS"},
		{url: "smtp://u:p@[::1]:25?tls=none", wantHost: "::1", wantPort: 25, wantUser: "u", wantPass: "p", wantPolicy: "NoTLS"},
		{url: "smtps://u:p@mail.example.com", wantHost: "mail.example.com", wantPort: 465, wantUser: "u", wantPass: "p",
			wantImplicitTLS: true, wantPolicy: "TLSOpportunistic"},
	} {
		t.Run(tc.url, func(t *testing.T) {
			s, err := NewSMTPSender(SMTPConfig{URL: tc.url, From: "Shop <no-reply@shop.example>"})
			if err != nil {
				t.Fatalf("NewSMTPSender: %v", err)
			}
			if s.host != tc.wantHost || s.port != tc.wantPort || s.user != tc.wantUser || s.pass != tc.wantPass ||
				s.implicitTLS != tc.wantImplicitTLS || s.policy.String() != tc.wantPolicy {
				t.Errorf("got host %q port %d user %q pass %q implicitTLS %v policy %s",
					s.host, s.port, s.user, s.pass, s.implicitTLS, s.policy)
			}
			if s.fromDomain != "shop.example" || s.Name() != "smtp" {
				t.Errorf("fromDomain = %q, Name() = %q", s.fromDomain, s.Name())
			}
		})
	}
}
