package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/uuid"
)

func TestConsoleSenderLogsWithoutTheBody(t *testing.T) {
	for _, tc := range []struct {
		name   string
		m      Outgoing
		wantTo string
	}{
		{"an SMS", Outgoing{Channel: ChannelSMS, To: "+14155550100", Body: "Your code is 482913"}, "+1415•••0100"},
		{"an email", Outgoing{Channel: ChannelEmail, To: "alice@example.com", Subject: "Sign in",
			Body: "Your code is 482913"}, "a•••@example.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			s := NewConsoleSender("console", slog.New(slog.NewJSONHandler(&buf, nil)))
			tc.m.ID = uuid.New()

			got, err := s.Send(context.Background(), tc.m)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if want := (Receipt{ProviderID: "console-" + tc.m.ID.String()}); got != want {
				t.Errorf("receipt = %+v, want %+v", got, want)
			}

			out := buf.String()
			if strings.Count(out, "\n") != 1 {
				t.Fatalf("want exactly one log line, got %q", out)
			}
			for _, secret := range []string{"482913", tc.m.Body, tc.m.To} {
				if strings.Contains(out, secret) {
					t.Errorf("log line contains %q: %s", secret, out)
				}
			}
			var line map[string]any
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
				t.Fatalf("log line is not JSON: %v", err)
			}
			want := map[string]any{
				"channel": string(tc.m.Channel), "message_id": tc.m.ID.String(), "to": tc.wantTo,
				"body_length": float64(len(tc.m.Body)), "provider": "console",
			}
			for k, v := range want {
				if line[k] != v {
					t.Errorf("log field %s = %v, want %v", k, line[k], v)
				}
			}
		})
	}
}

func TestConsoleSenderName(t *testing.T) {
	for _, tc := range []struct{ give, want string }{{"console", "console"}, {"", "console"}, {"demo", "demo"}} {
		if got := NewConsoleSender(tc.give, nil).Name(); got != tc.want {
			t.Errorf("NewConsoleSender(%q).Name() = %q, want %q", tc.give, got, tc.want)
		}
	}
}

func TestMaskRecipient(t *testing.T) {
	for _, tc := range []struct {
		channel Channel
		to      string
		want    string
	}{
		{ChannelSMS, "+14155550100", "+1415•••0100"},
		{ChannelSMS, "+447700900123", "+4477•••0123"},
		{ChannelSMS, "+4930123", "+4•••23"}, // short numbers: at most a quarter shown at each end
		{ChannelSMS, "123", "•••"},
		{ChannelSMS, " +14155550100 ", "+1415•••0100"},
		{ChannelSMS, "", ""},
		{ChannelEmail, "alice@example.com", "a•••@example.com"},
		{ChannelEmail, "a@example.com", "a•••@example.com"},
		{ChannelEmail, "élodie@exemple.fr", "é•••@exemple.fr"},
		{ChannelEmail, `"odd@local"@example.com`, `"•••@example.com`}, // the last @ separates the domain
		{ChannelEmail, "@example.com", "•••@example.com"},
		{ChannelEmail, "not-an-address", "not-a•••ress"},
		{ChannelEmail, "", ""},
	} {
		if got := MaskRecipient(tc.channel, tc.to); got != tc.want {
			t.Errorf("MaskRecipient(%s, %q) = %q, want %q", tc.channel, tc.to, got, tc.want)
		}
	}
}
