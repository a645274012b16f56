package ratelimit

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestOpenWithoutAURLGivesMemory(t *testing.T) {
	l, closeFn, err := Open(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := l.(*Memory); !ok {
		t.Fatalf("Open(\"\") = %T; want *Memory", l)
	}
	if err := closeFn(); err != nil {
		t.Fatalf("close: %v", err)
	}
}

func TestOpenRejectsBadURLsNamingREDIS_URLWithoutThePassword(t *testing.T) {
	for _, tc := range []struct {
		name, url, want string
	}{
		{"nothing listens", "redis://:s3cret@127.0.0.1:1/0", "cannot reach Redis"},
		{"not a URL", "redis://:s3cret@127.0.0.1:1/%zz", "not a valid URL"},
		{"wrong scheme", "http://:s3cret@127.0.0.1:6379", "invalid URL scheme"},
		{"bad database", "redis://:s3cret@127.0.0.1:6379/x", "invalid database number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			l, closeFn, err := Open(context.Background(), tc.url, nil)
			if err == nil {
				_ = closeFn()
				t.Fatalf("Open(%s) = %T; want an error", tc.url, l)
			}
			msg := err.Error()
			if !strings.Contains(msg, EnvRedisURL) || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q; want it to name %s and say %q", msg, EnvRedisURL, tc.want)
			}
			if strings.Contains(msg, "s3cret") {
				t.Errorf("error %q shows the password", msg)
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %v to fail; want it fast", took)
			}
		})
	}
}

func TestOpenWithARedisURLGivesRedis(t *testing.T) {
	client := testRedisClient(t) // skips, or fails under CI, when there is no Redis
	l, closeFn, err := Open(context.Background(), testRedisURL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := l.(*Redis)
	if !ok {
		_ = closeFn()
		t.Fatalf("Open(%s) = %T; want *Redis", testRedisURL(), l)
	}
	r.prefix = testPrefix(t, client) // keep the test's keys apart; cleaned up after closeFn
	if d, err := l.Allow(context.Background(), "k", Limit{Events: 1, Window: time.Second}); err != nil || !d.Allowed {
		t.Fatalf("Allow = %+v, %v; want allowed", d, err)
	}
	if err := closeFn(); err != nil {
		t.Fatalf("close: %v", err)
	}
}
