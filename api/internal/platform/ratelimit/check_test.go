package ratelimit

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

func TestCheck(t *testing.T) {
	limit := Limit{Events: 5, Window: 15 * time.Minute}

	t.Run("allowed attempts pass", func(t *testing.T) {
		m := NewMemory(newFakeClock().Now)
		for i := range limit.Events {
			if err := Check(context.Background(), m, "login:ip:192.0.2.1", limit, "login attempts"); err != nil {
				t.Fatalf("attempt %d: %v; want nil", i+1, err)
			}
		}
	})

	t.Run("a denial is a RateLimited business error with RetryAfter", func(t *testing.T) {
		clock := newFakeClock()
		m := NewMemory(clock.Now)
		ctx := context.Background()
		for range limit.Events {
			_ = Check(ctx, m, "k", limit, "login attempts")
		}
		clock.Advance(time.Minute + 30*time.Second)
		err := Check(ctx, m, "k", limit, "login attempts")
		ae, ok := apperr.As(err)
		if !ok || ae.Kind != apperr.KindRateLimited {
			t.Fatalf("error %v; want an apperr of kind rate_limited", err)
		}
		if ae.RetryAfter != 13*time.Minute+30*time.Second {
			t.Errorf("RetryAfter = %v; want 13m30s", ae.RetryAfter)
		}
		if want := "too many login attempts; try again in 14 minutes"; ae.Message != want {
			t.Errorf("message %q; want %q", ae.Message, want)
		}
	})

	t.Run("a limiter failure is returned wrapped, not as a business error", func(t *testing.T) {
		client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialerRetries: 1})
		defer client.Close()
		err := Check(context.Background(), NewRedis(client, ""), "k", limit, "login attempts")
		if err == nil {
			t.Fatal("no error from a limiter that cannot reach Redis")
		}
		if k := apperr.KindOf(err); k != apperr.KindInternal {
			t.Errorf("kind %v; want internal, so the caller chooses to fail open or closed", k)
		}
		if !strings.Contains(err.Error(), "login attempts") {
			t.Errorf("error %q does not say which limit failed", err)
		}
	})

	t.Run("an invalid limit is an error, not a denial", func(t *testing.T) {
		err := Check(context.Background(), NewMemory(nil), "k", Limit{}, "requests")
		if !errors.Is(err, ErrInvalidLimit) {
			t.Fatalf("error %v; want ErrInvalidLimit", err)
		}
	})
}

func TestHumanDurationRoundsUp(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{time.Microsecond, "1 second"},
		{time.Second, "1 second"},
		{1500 * time.Millisecond, "2 seconds"},
		{59 * time.Second, "59 seconds"},
		{59*time.Second + time.Millisecond, "1 minute"},
		{time.Minute, "1 minute"},
		{61 * time.Second, "2 minutes"},
		{15 * time.Minute, "15 minutes"},
		{2 * time.Hour, "120 minutes"},
	} {
		if got := humanDuration(tc.d); got != tc.want {
			t.Errorf("humanDuration(%v) = %q; want %q", tc.d, got, tc.want)
		}
	}
}
