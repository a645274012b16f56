package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

const defaultSMTPTimeout = 30 * time.Second

// SMTPConfig configures the SMTP email provider.
type SMTPConfig struct {
	// URL is SMTP_URL: smtp://user:pass@host:port (port 587 by default) upgrades with STARTTLS when
	// the server offers it; add ?tls=required to refuse a server that does not, or ?tls=none to
	// never use TLS (a local relay). smtps://user:pass@host:port (port 465 by default) is TLS from
	// the first byte. User name and password are optional and must be percent-encoded.
	URL string
	// From is SMTP_FROM: "Shop <no-reply@example.com>" or a bare address.
	From string
	// Timeout bounds each step of the SMTP conversation (default 30s).
	Timeout time.Duration
}

// SettingError names the setting (SMTP_URL or SMTP_FROM) that is wrong; it never holds a password.
type SettingError struct{ Var, Msg string }

func (e *SettingError) Error() string { return e.Var + ": " + e.Msg }

// SMTPSender sends plain-text email through an SMTP relay with go-mail.
type SMTPSender struct {
	host        string
	port        int
	user, pass  string
	implicitTLS bool
	policy      mail.TLSPolicy
	from        string // as configured, display name included
	fromDomain  string // right of the @, for Message-IDs
	timeout     time.Duration
	rootCAs     *x509.CertPool // nil: the system roots; tests trust their own certificate
}

// NewSMTPSender validates cfg and returns an SMTP provider. Errors name SMTP_URL or SMTP_FROM and
// never contain the password.
func NewSMTPSender(cfg SMTPConfig) (*SMTPSender, error) {
	s := &SMTPSender{timeout: cfg.Timeout}
	if s.timeout <= 0 {
		s.timeout = defaultSMTPTimeout
	}
	if err := s.parseURL(cfg.URL); err != nil {
		return nil, err
	}
	from := strings.TrimSpace(cfg.From)
	if from == "" {
		return nil, &SettingError{Var: "SMTP_FROM", Msg: "is required"}
	}
	addr, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, &SettingError{Var: "SMTP_FROM", Msg: fmt.Sprintf("%q is not an email address: %v", from, err)}
	}
	s.from = from
	s.fromDomain = addr.Address[strings.LastIndexByte(addr.Address, '@')+1:]
	return s, nil
}

// parseURL reads SMTP_URL. A password with an unescaped '/', '?' or '#' makes the URL parser
// split it into host, port, path, query or fragment, so no part of the URL is ever echoed in an
// error: it may be a piece of the password.
func (s *SMTPSender) parseURL(raw string) error {
	if strings.TrimSpace(raw) == "" {
		return &SettingError{Var: "SMTP_URL", Msg: "is required"}
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return &SettingError{Var: "SMTP_URL", Msg: "is not a valid URL (percent-encode special characters in the user name and password)"}
	}
	switch u.Scheme {
	case "smtp":
		s.port = mail.DefaultPortTLS
	case "smtps":
		s.port, s.implicitTLS = mail.DefaultPortSSL, true
	default:
		return &SettingError{Var: "SMTP_URL", Msg: "must start with smtp:// or smtps://"}
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return &SettingError{Var: "SMTP_URL", Msg: "has no host (expected smtp://user:pass@host:port)"}
	}
	if (u.Path != "" && u.Path != "/") || u.Fragment != "" || u.RawFragment != "" {
		return &SettingError{Var: "SMTP_URL", Msg: "must not have a path or fragment (percent-encode '/', '?' and '#' in the password)"}
	}
	s.host = u.Hostname()
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return &SettingError{Var: "SMTP_URL", Msg: "port must be a number from 1 to 65535"}
		}
		s.port = n
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
		if s.user == "" || s.pass == "" {
			return &SettingError{Var: "SMTP_URL", Msg: "needs both a user name and a password, or neither"}
		}
	}

	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return &SettingError{Var: "SMTP_URL", Msg: "has a malformed query"}
	}
	for k := range q {
		if k != "tls" {
			return &SettingError{Var: "SMTP_URL", Msg: "has an unknown parameter (only tls=required|none is supported)"}
		}
	}
	s.policy = mail.TLSOpportunistic
	switch mode := q.Get("tls"); {
	case s.implicitTLS && mode != "" && mode != "required":
		return &SettingError{Var: "SMTP_URL", Msg: "smtps:// always uses TLS; use smtp:// for tls=none"}
	case mode == "" || mode == "opportunistic":
	case mode == "required":
		s.policy = mail.TLSMandatory
	case mode == "none":
		s.policy = mail.NoTLS
		// go-mail refuses to send a password in clear text except to the local host; say so now
		// rather than on the first message.
		if s.user != "" && !isLocalSMTPHost(s.host) {
			return &SettingError{Var: "SMTP_URL", Msg: "a password is only sent without TLS (tls=none) to localhost"}
		}
	default:
		return &SettingError{Var: "SMTP_URL", Msg: "tls must be required, opportunistic or none"}
	}
	return nil
}

func isLocalSMTPHost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// Name implements Sender.
func (s *SMTPSender) Name() string { return "smtp" }

// Send implements Sender. Each send is its own SMTP session: notifications are few, and a fresh
// connection cannot be a stale one.
func (s *SMTPSender) Send(ctx context.Context, m Outgoing) (Receipt, error) {
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := msg.From(s.from); err != nil {
		return Receipt{}, &PermanentError{Code: "invalid_from", Err: fmt.Errorf("smtp: SMTP_FROM: %w", err)}
	}
	if err := msg.To(m.To); err != nil {
		return Receipt{}, &PermanentError{Code: "invalid_address", Undeliverable: true, Err: fmt.Errorf("smtp: recipient: %w", err)}
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	messageID := m.ID.String() + "@" + s.fromDomain
	msg.SetMessageIDWithValue(messageID) // go-mail adds the angle brackets
	msg.SetGenHeader(mail.Header("X-OMS-Message-ID"), m.ID.String())

	c, release, err := s.client(ctx)
	if err != nil {
		return Receipt{}, fmt.Errorf("smtp: client: %w", err)
	}
	err = c.DialAndSendWithContext(ctx, msg)
	release()
	// Once the server has accepted the content, a later failure (RSET, QUIT) must not lead to a
	// second copy on retry.
	if err != nil && !msg.IsDelivered() {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return Receipt{}, fmt.Errorf("smtp: %w (%v)", ctxErr, err)
		}
		return Receipt{}, classifySMTPError(err)
	}
	return Receipt{ProviderID: "<" + messageID + ">"}, nil
}

// client builds a go-mail client for one send. go-mail only uses ctx to dial; after that it
// relies on per-command deadlines. Our dialer closes the connection when ctx ends so that a
// cancelled job stops at once; release ends that watch.
func (s *SMTPSender) client(ctx context.Context) (*mail.Client, func(), error) {
	var watches []func() bool
	release := func() {
		for _, stop := range watches {
			stop()
		}
	}
	tlsConfig := &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12, RootCAs: s.rootCAs}
	dial := func(dialCtx context.Context, network, _ string) (net.Conn, error) {
		// go-mail's address is host:port unbracketed, which breaks IPv6; build our own.
		addr := net.JoinHostPort(s.host, strconv.Itoa(s.port))
		d := &net.Dialer{}
		var conn net.Conn
		var err error
		if s.implicitTLS {
			// Return the *tls.Conn itself: go-mail's PLAIN/LOGIN auth checks for it.
			conn, err = (&tls.Dialer{NetDialer: d, Config: tlsConfig}).DialContext(dialCtx, network, addr)
		} else {
			conn, err = d.DialContext(dialCtx, network, addr)
		}
		if err != nil {
			return nil, err
		}
		watches = append(watches, context.AfterFunc(ctx, func() { _ = conn.Close() }))
		return conn, nil
	}

	opts := []mail.Option{
		mail.WithPort(s.port),
		mail.WithTimeout(s.timeout),
		mail.WithTLSConfig(tlsConfig),
		mail.WithDialContextFunc(dial),
	}
	if s.implicitTLS {
		opts = append(opts, mail.WithSSL()) // our dialer did the handshake; go-mail must not STARTTLS
	} else {
		opts = append(opts, mail.WithTLSPolicy(s.policy))
	}
	if s.user != "" {
		opts = append(opts,
			mail.WithOpportunisticSMTPAuth(mail.SMTPAuthPlain, mail.SMTPAuthLogin), // else the strongest offered
			mail.WithUsername(s.user), mail.WithPassword(s.pass))
	}
	c, err := mail.NewClient(s.host, opts...)
	if err != nil {
		return nil, release, err
	}
	return c, release, nil
}

// classifySMTPError sorts a go-mail error. A 5xx reply is permanent; it is undeliverable when it
// is about the recipient's mailbox: 550/551/553 to RCPT TO (unless the enhanced code says it is
// a policy decision, X.7.*, e.g. relaying denied or our reputation), or an enhanced code naming a
// bad or disabled mailbox at any step (X.1.1, X.1.2, X.1.3, X.1.6, X.1.10, X.2.1). A 5xx to MAIL
// FROM, AUTH or DATA is our problem (sender, credentials, content), not the recipient's. 4xx
// replies and everything without a reply (network, TLS, timeouts) are transient.
func classifySMTPError(err error) error {
	var sendErr *mail.SendError
	if errors.As(err, &sendErr) {
		code := sendErr.ErrorCode()
		if code/100 != 5 {
			return fmt.Errorf("smtp: %w", err)
		}
		return &PermanentError{
			Code:          strconv.Itoa(code),
			Undeliverable: smtpRecipientRejected(sendErr.Reason, code, sendErr.EnhancedStatusCode()),
			Err:           err,
		}
	}
	// Before any message: greeting, EHLO, STARTTLS, AUTH. These are not SendErrors.
	var reply *textproto.Error
	if errors.As(err, &reply) && reply.Code/100 == 5 {
		return &PermanentError{Code: strconv.Itoa(reply.Code), Err: err}
	}
	return fmt.Errorf("smtp: %w", err)
}

func smtpRecipientRejected(reason mail.SendErrReason, code int, enhanced string) bool {
	var class, subject, detail int
	if _, err := fmt.Sscanf(enhanced, "%d.%d.%d", &class, &subject, &detail); err == nil {
		switch {
		case subject == 1 && (detail == 1 || detail == 2 || detail == 3 || detail == 6 || detail == 10):
			return true
		case subject == 2 && detail == 1:
			return true
		case subject == 7:
			return false
		}
	}
	return reason == mail.ErrSMTPRcptTo && (code == 550 || code == 551 || code == 553)
}
