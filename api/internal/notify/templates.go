package notify

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"unicode/utf16"
)

// TemplateKey names one kind of message. Every message the product sends has a key here, so
// wording lives in one place.
type TemplateKey string

const (
	TplVerificationCode     TemplateKey = "verification_code"
	TplRegistrationApproved TemplateKey = "registration_approved"
	TplRegistrationRejected TemplateKey = "registration_rejected"
	TplOrderPlaced          TemplateKey = "order_placed"
	TplOrderStatusChanged   TemplateKey = "order_status_changed"
	TplTrackingSummary      TemplateKey = "tracking_summary"
	TplTestMessage          TemplateKey = "test_message"
	TplPasswordReset        TemplateKey = "password_reset"
	TplBackupFailed         TemplateKey = "backup_failed"
)

// Data for each template; {{brand}} in a template is the seller's short name.
type (
	VerificationCodeData struct {
		Code    string
		Minutes int
	}
	RegistrationApprovedData struct {
		Name, RegistrationID, LoginID, LoginURL string
	}
	RegistrationRejectedData struct {
		Name, Reason string
	}
	OrderPlacedData struct {
		Reference, Total, TrackURL string
	}
	OrderStatusChangedData struct {
		Reference, Status, Note, TrackURL string
	}
	TrackingSummaryData struct {
		Orders  []TrackedOrder
		MoreURL string // set when not every order fits
	}
	TrackedOrder struct {
		Reference, Status string
	}
	TestMessageData struct {
		SentBy string
	}
	PasswordResetData struct {
		Code, Link string
		Minutes    int
	}
	// BackupFailedData tells admins that a backup (or its off-site copy) failed.
	BackupFailedData struct {
		What, At, Trigger, Error, Link string
	}
)

// source holds the wording: an SMS body (kept within two segments for realistic data) and an
// email subject and body. Plain text only.
var source = map[TemplateKey]struct{ sms, subject, email string }{
	TplVerificationCode: {
		sms:     `{{brand}} code: {{.Code}}. It expires in {{.Minutes}} minutes. Never share it.`,
		subject: `Your {{brand}} verification code: {{.Code}}`,
		email: `Your verification code is {{.Code}}.

Enter it on the registration page within {{.Minutes}} minutes. Nobody from {{brand}} will ever ask you for it.
If you did not start a registration, ignore this message.`,
	},
	TplRegistrationApproved: {
		sms:     `{{brand}}: welcome, {{.Name}}! Registration ID {{.RegistrationID}}, Login ID {{.LoginID}}. Log in: {{.LoginURL}}`,
		subject: `Your {{brand}} account is ready`,
		email: `Hello {{.Name}},

your registration is approved.

Registration ID: {{.RegistrationID}}
Login ID:        {{.LoginID}}

Log in with your Login ID (or email) and the password you chose: {{.LoginURL}}`,
	},
	TplRegistrationRejected: {
		sms:     `{{brand}}: we could not approve your registration. Reason: {{.Reason}}`,
		subject: `Your {{brand}} registration`,
		email: `Hello {{.Name}},

we could not approve your registration.

Reason: {{.Reason}}

Reply to this email if you think this is a mistake.`,
	},
	TplOrderPlaced: {
		sms:     `{{brand}}: order {{.Reference}} received, total {{.Total}}. Track it: {{.TrackURL}}`,
		subject: `Order {{.Reference}} received`,
		email: `Thank you for your order.

Reference: {{.Reference}}
Total:     {{.Total}}

Track it any time: {{.TrackURL}}`,
	},
	TplOrderStatusChanged: {
		sms:     `{{brand}}: order {{.Reference}} is now {{.Status}}.{{if .Note}} {{.Note}}{{end}} {{.TrackURL}}`,
		subject: `Order {{.Reference}}: {{.Status}}`,
		email: `Your order {{.Reference}} is now {{.Status}}.
{{if .Note}}
{{.Note}}
{{end}}
Track it: {{.TrackURL}}`,
	},
	TplTrackingSummary: {
		sms:     `{{brand}} orders:{{range .Orders}} {{.Reference}} {{.Status}};{{end}}{{if .MoreURL}} More: {{.MoreURL}}{{end}}`,
		subject: `Your {{brand}} orders`,
		email: `The status of your orders:
{{range .Orders}}
{{.Reference}}: {{.Status}}{{end}}
{{if .MoreURL}}
All of them: {{.MoreURL}}{{end}}`,
	},
	TplPasswordReset: {
		sms:     `{{brand}} password reset code: {{.Code}}. It expires in {{.Minutes}} minutes. If you did not ask for it, ignore this.`,
		subject: `Reset your {{brand}} password`,
		email: `Someone (we hope you) asked to reset the password of your {{brand}} account.

Your code: {{.Code}}
Or open this link: {{.Link}}

It works for {{.Minutes}} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
	},
	TplBackupFailed: {
		sms:     `{{brand}}: {{.What}} failed at {{.At}}. Details: {{.Link}}`,
		subject: `{{brand}}: {{.What}} failed`,
		email: `The {{.What}} ({{.Trigger}}) failed at {{.At}}:

{{.Error}}

Until a backup succeeds, the newest good backup is older than your schedule promises. See the backups
page, fix the cause and run a backup now: {{.Link}}`,
	},
	TplTestMessage: {
		sms:     `{{brand}} test message sent by {{.SentBy}}. If you got this, SMS works.`,
		subject: `{{brand}} test message`,
		email:   `This is a test message sent by {{.SentBy}}. If you got this, email works.`,
	},
}

// Templates renders messages.
type Templates struct {
	sms   map[TemplateKey]*template.Template
	subj  map[TemplateKey]*template.Template
	email map[TemplateKey]*template.Template
}

// NewTemplates parses every template once; brand is the seller's short name used in texts.
func NewTemplates(brand string) (*Templates, error) {
	t := &Templates{sms: map[TemplateKey]*template.Template{}, subj: map[TemplateKey]*template.Template{}, email: map[TemplateKey]*template.Template{}}
	for key, src := range source {
		for dst, text := range map[*map[TemplateKey]*template.Template]string{&t.sms: src.sms, &t.subj: src.subject, &t.email: src.email} {
			tpl, err := template.New(string(key)).Option("missingkey=error").
				Funcs(template.FuncMap{"brand": func() string { return brand }}).Parse(text)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", key, err)
			}
			(*dst)[key] = tpl
		}
	}
	return t, nil
}

// Render returns the subject (email only) and body of a message; data is the key's *Data type.
func (t *Templates) Render(key TemplateKey, ch Channel, data any) (subject, body string, err error) {
	exec := func(set map[TemplateKey]*template.Template) (string, error) {
		tpl, ok := set[key]
		if !ok {
			return "", fmt.Errorf("unknown message template %q", key)
		}
		var b bytes.Buffer
		if err := tpl.Execute(&b, data); err != nil {
			return "", fmt.Errorf("render %s: %w", key, err)
		}
		return strings.TrimSpace(b.String()), nil
	}
	if ch == ChannelSMS {
		body, err = exec(t.sms)
		return "", body, err
	}
	if subject, err = exec(t.subj); err != nil {
		return "", "", err
	}
	body, err = exec(t.email)
	return subject, body, err
}

// gsm7 is the GSM 03.38 basic character set; gsm7Ext characters take two septets.
const (
	gsm7    = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Ext = "^{}\\[~]|€\f"
)

// Segments returns how many SMS segments body needs: GSM-7 when every character allows it
// (160 per single message, 153 per part), UCS-2 otherwise (70, or 67 per part).
func Segments(body string) int {
	septets, isGSM := 0, true
	for _, r := range body {
		switch {
		case strings.ContainsRune(gsm7, r):
			septets++
		case strings.ContainsRune(gsm7Ext, r):
			septets += 2
		default:
			isGSM = false
		}
	}
	if isGSM {
		if septets <= 160 {
			return 1
		}
		return (septets + 152) / 153
	}
	units := len(utf16.Encode([]rune(body)))
	if units <= 70 {
		return 1
	}
	return (units + 66) / 67
}
