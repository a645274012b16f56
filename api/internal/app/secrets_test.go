package app

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A whole registration, with messages really going through the queue and every log line at
// debug level captured, leaves no password, code or token in the logs.
func TestNoSecretsInLogs(t *testing.T) {
	var logs lockedBuffer
	a, err := New(context.Background(), testConfig(t), slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Build{}, testSPA)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	a.skipDemoMedia = true
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := a.Jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = a.Jobs.Stop(context.Background()) }()
	e := &apiEnv{t: t, a: a}

	ap := consumer()
	id, token := e.apply(ap)
	emailCode, smsCode := e.code(ap.Email), e.code(ap.Phone)
	st := e.verifyBoth(ap, id, token)
	var tok map[string]any
	e.customerLogin(*st.LoginID, ap.Password).json(&tok)
	e.customerLogin(*st.LoginID, "a wrong password typed here")
	time.Sleep(1500 * time.Millisecond) // let the send jobs log

	out := logs.String()
	if !strings.Contains(out, "message sent to console") {
		t.Fatal("the messages were not sent through the queue; the test proves nothing")
	}
	for name, secret := range map[string]string{
		"password": ap.Password, "wrong password": "a wrong password typed here", "application token": token,
		"email code": emailCode, "sms code": smsCode, "access token": tok["access_token"].(string), "refresh token": tok["refresh_token"].(string),
		"demo password": DemoPassword,
	} {
		if strings.Contains(out, secret) {
			t.Errorf("the %s appears in the logs", name)
		}
	}
}
