package notify

import (
	"strings"
	"testing"
)

// Realistic, longest-likely values: every SMS must fit two segments with them.
var samples = map[TemplateKey]any{
	TplVerificationCode:     VerificationCodeData{Code: "482913", Minutes: 10},
	TplRegistrationApproved: RegistrationApprovedData{Name: "Alexandra Montgomery", RegistrationID: "REG-2026-000123", LoginID: "C000123", LoginURL: "https://shop.example.com/login"},
	TplRegistrationRejected: RegistrationRejectedData{Name: "Alexandra Montgomery", Reason: "We could not confirm the company registration number you gave."},
	TplOrderPlaced:          OrderPlacedData{Reference: "ORD-7K3F-9QXM", Total: "$1,234.56", TrackURL: "https://shop.example.com/t/ORD-7K3F-9QXM"},
	TplOrderStatusChanged:   OrderStatusChangedData{Reference: "ORD-7K3F-9QXM", Status: "shipped", Note: "UPS 1Z999AA10123456784", TrackURL: "https://shop.example.com/t/ORD-7K3F-9QXM"},
	TplTrackingSummary: TrackingSummaryData{Orders: []TrackedOrder{
		{"ORD-7K3F-9QXM", "shipped"}, {"ORD-2B8D-4HJK", "processing"}, {"ORD-9PQR-5TVW", "delivered"}, {"ORD-3MNB-8XYZ", "placed"},
	}, MoreURL: "https://shop.example.com/track"},
	TplTestMessage:   TestMessageData{SentBy: "Avery Admin"},
	TplPasswordReset: PasswordResetData{Code: "482913", Minutes: 15, Link: "https://shop.example.com/reset-password?code=482913&login=C000123"},
	TplBackupFailed: BackupFailedData{What: "backup", At: "2026-11-25 03:00 UTC", Trigger: "schedule",
		Error: "pg_dump failed (exit status 1): pg_dump: error: connection to server failed", Link: "https://shop.example.com/admin/backups"},
}

func TestEveryTemplateRendersWithinTwoSegments(t *testing.T) {
	tpl, err := NewTemplates("Acme Supplies")
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) != len(source) {
		t.Fatalf("%d samples for %d templates: add a sample for the new template", len(samples), len(source))
	}
	for key, data := range samples {
		t.Run(string(key), func(t *testing.T) {
			_, body, err := tpl.Render(key, ChannelSMS, data)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(body, "Acme Supplies") || strings.Contains(body, "<no value>") {
				t.Fatalf("sms: %q", body)
			}
			if n := Segments(body); n > 2 {
				t.Fatalf("sms needs %d segments (%d chars): %q", n, len(body), body)
			}
			subject, text, err := tpl.Render(key, ChannelEmail, data)
			if err != nil || subject == "" || text == "" || strings.Contains(subject+text, "<no value>") {
				t.Fatalf("email: %q / %q, %v", subject, text, err)
			}
		})
	}
}

func TestRenderRefusesWrongData(t *testing.T) {
	tpl, _ := NewTemplates("Acme")
	if _, _, err := tpl.Render(TplVerificationCode, ChannelSMS, OrderPlacedData{}); err == nil {
		t.Fatal("rendered a verification code from order data")
	}
	if _, _, err := tpl.Render("nope", ChannelSMS, nil); err == nil {
		t.Fatal("rendered an unknown template")
	}
}

func TestSegments(t *testing.T) {
	for _, tc := range []struct {
		body string
		want int
	}{
		{strings.Repeat("a", 160), 1},
		{strings.Repeat("a", 161), 2},
		{strings.Repeat("a", 306), 2},
		{strings.Repeat("a", 307), 3},
		{strings.Repeat("€", 80), 1}, // extension characters count twice: 160 septets
		{strings.Repeat("€", 81), 2}, // 162 septets
		{strings.Repeat("ж", 70), 1}, // UCS-2
		{strings.Repeat("ж", 71), 2}, // 67 per part
		{strings.Repeat("😀", 35), 1}, // surrogate pairs: 70 UTF-16 units
		{strings.Repeat("😀", 36), 2},
	} {
		if got := Segments(tc.body); got != tc.want {
			t.Errorf("Segments(%d × %q) = %d, want %d", len([]rune(tc.body)), []rune(tc.body)[0], got, tc.want)
		}
	}
}
