package ratelimit

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// w is the window of the shared scenarios: short, because against Redis the test really waits.
const w = 300 * time.Millisecond

// step is one call in a scenario.
type step struct {
	after     time.Duration // time to let pass before this call
	key       string        // "a" when empty
	reset     bool          // call Reset(key) instead of Allow
	allowed   bool
	remaining int
	retry     time.Duration // expected RetryAfter when denied, on an ideal timeline
}

func TestLimiterScenarios(t *testing.T) {
	for _, tc := range []struct {
		name  string
		limit Limit
		steps []step
	}{
		{"allows up to the limit, counting down what remains", Limit{3, w}, []step{
			{allowed: true, remaining: 2},
			{allowed: true, remaining: 1},
			{allowed: true, remaining: 0},
		}},
		{"denies the attempt over the limit until the oldest leaves the window", Limit{3, w}, []step{
			{allowed: true, remaining: 2},
			{allowed: true, remaining: 1},
			{allowed: true, remaining: 0},
			{allowed: false, retry: w},
			{after: w / 3, allowed: false, retry: w - w/3},
		}},
		{"allows the full limit again once the window has passed", Limit{3, w}, []step{
			{allowed: true, remaining: 2},
			{allowed: true, remaining: 1},
			{allowed: true, remaining: 0},
			{allowed: false, retry: w},
			{after: w, allowed: true, remaining: 2},
			{allowed: true, remaining: 1},
			{allowed: true, remaining: 0},
			{allowed: false, retry: w},
		}},
		{"does not count denied attempts", Limit{2, w}, []step{
			{allowed: true, remaining: 1},
			{allowed: true, remaining: 0},
			{after: w / 4, allowed: false, retry: w - w/4},
			{after: w / 4, allowed: false, retry: w / 2},
			// Counted, the two denials (at w/4 and w/2) would still fill the window here.
			{after: w/2 + w/8, allowed: true, remaining: 1},
			{allowed: true, remaining: 0},
		}},
		{"slides: each attempt frees its slot one window after it was made", Limit{2, w}, []step{
			{allowed: true, remaining: 1},
			{after: w / 2, allowed: true, remaining: 0},
			{after: w / 4, allowed: false, retry: w / 4},
			{after: w/4 + w/8, allowed: true, remaining: 0}, // the first has left; the second has not
			{allowed: false, retry: w/2 - w/8},
		}},
		{"keeps keys independent", Limit{1, w}, []step{
			{key: "a", allowed: true},
			{key: "b", allowed: true},
			{key: "a", allowed: false, retry: w},
			{key: "b", allowed: false, retry: w},
			{key: "c", allowed: true},
		}},
		{"Reset forgets the attempts of that key only", Limit{2, w}, []step{
			{key: "a", allowed: true, remaining: 1},
			{key: "a", allowed: true, remaining: 0},
			{key: "b", allowed: true, remaining: 1},
			{key: "a", allowed: false, retry: w},
			{key: "a", reset: true},
			{key: "a", allowed: true, remaining: 1},
			{key: "b", allowed: true, remaining: 0},
			{key: "b", allowed: false, retry: w},
		}},
		{"Reset of a key never seen is not an error", Limit{1, w}, []step{
			{key: "unknown", reset: true},
			{key: "unknown", allowed: true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			forEachLimiter(t, func(t *testing.T, h harness) {
				ctx := context.Background()
				for i, s := range tc.steps {
					if s.after > 0 {
						h.wait(s.after)
					}
					key := s.key
					if key == "" {
						key = "a"
					}
					if s.reset {
						if err := h.limiter.Reset(ctx, key); err != nil {
							t.Fatalf("step %d: Reset(%q): %v", i, key, err)
						}
						continue
					}
					got, err := h.limiter.Allow(ctx, key, tc.limit)
					if err != nil {
						t.Fatalf("step %d: Allow(%q): %v", i, key, err)
					}
					if got.Allowed != s.allowed || got.Remaining != s.remaining {
						t.Fatalf("step %d: Allow(%q) = allowed %v, remaining %d; want allowed %v, remaining %d",
							i, key, got.Allowed, got.Remaining, s.allowed, s.remaining)
					}
					checkRetryAfter(t, i, got, s.retry, h.drift())
				}
			})
		})
	}
}

// checkRetryAfter compares RetryAfter with its ideal value: exactly for Memory; for Redis it may
// be shorter by the time the test ran late (drift), plus the microsecond rounding of scores.
func checkRetryAfter(t *testing.T, i int, got Decision, want, drift time.Duration) {
	t.Helper()
	if got.Allowed {
		if got.RetryAfter != 0 {
			t.Fatalf("step %d: allowed with RetryAfter %v; want 0", i, got.RetryAfter)
		}
		return
	}
	const rounding = 2 * time.Microsecond
	lo, hi := want-drift-rounding, want+rounding
	if drift == 0 {
		lo, hi = want, want
	}
	if got.RetryAfter <= 0 || got.RetryAfter > w || got.RetryAfter < lo || got.RetryAfter > hi {
		t.Fatalf("step %d: denied with RetryAfter %v; want %v (between %v and %v, never above the window %v)",
			i, got.RetryAfter, want, lo, hi, w)
	}
}

func TestLimiterConcurrentCallersNeverExceedTheLimit(t *testing.T) {
	forEachLimiter(t, func(t *testing.T, h harness) {
		const callers, events = 50, 10
		limit := Limit{Events: events, Window: time.Minute}
		var allowed atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range callers {
			wg.Go(func() {
				<-start
				d, err := h.limiter.Allow(context.Background(), "shared", limit)
				if err != nil {
					t.Errorf("Allow: %v", err)
					return
				}
				if d.Allowed {
					allowed.Add(1)
				}
			})
		}
		close(start)
		wg.Wait()
		if got := allowed.Load(); got != events {
			t.Fatalf("%d concurrent callers with a limit of %d: %d allowed; want exactly %d", callers, events, got, events)
		}
	})
}

func TestLimiterRejectsAnInvalidLimit(t *testing.T) {
	forEachLimiter(t, func(t *testing.T, h harness) {
		for _, limit := range []Limit{
			{Events: 0, Window: time.Minute},
			{Events: -1, Window: time.Minute},
			{Events: 5, Window: 0},
			{Events: 5, Window: time.Microsecond},
		} {
			if _, err := h.limiter.Allow(context.Background(), "k", limit); !errors.Is(err, ErrInvalidLimit) {
				t.Errorf("Allow with %+v: error %v; want ErrInvalidLimit", limit, err)
			}
		}
	})
}

func TestRedisReplicasShareOneLimit(t *testing.T) {
	// Two clients stand for two replicas of the API using the same Redis and prefix.
	a := testRedisClient(t)
	prefix := testPrefix(t, a)
	b := testRedisClient(t)
	replicas := []Limiter{NewRedis(a, prefix), NewRedis(b, prefix)}

	const callers, events = 50, 10
	limit := Limit{Events: events, Window: time.Minute}
	var allowed atomic.Int32
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			d, err := replicas[i%2].Allow(context.Background(), "login:ip:192.0.2.1", limit)
			if err != nil {
				t.Errorf("Allow: %v", err)
			} else if d.Allowed {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if got := allowed.Load(); got != events {
		t.Fatalf("%d callers over two replicas with a limit of %d: %d allowed; want %d", callers, events, got, events)
	}
}

func TestRedisKeysArePrefixedAndExpireWithTheirWindow(t *testing.T) {
	client := testRedisClient(t)
	prefix := testPrefix(t, client)
	l := NewRedis(client, prefix)
	ctx := context.Background()

	if _, err := l.Allow(ctx, "login:account:ana@example.com", Limit{Events: 5, Window: 15 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	key := prefix + "login:account:ana@example.com"
	ttl, err := client.PTTL(ctx, key).Result()
	if err != nil {
		t.Fatal(err)
	}
	if ttl <= 14*time.Minute || ttl > 15*time.Minute {
		t.Fatalf("TTL of %s = %v; want just under the 15m window", key, ttl)
	}
	if n, err := client.ZCard(ctx, key).Result(); err != nil || n != 1 {
		t.Fatalf("ZCARD %s = %d, %v; want 1 attempt", key, n, err)
	}

	if err := l.Reset(ctx, "login:account:ana@example.com"); err != nil {
		t.Fatal(err)
	}
	if n, err := client.Exists(ctx, key).Result(); err != nil || n != 0 {
		t.Fatalf("EXISTS %s after Reset = %d, %v; want 0", key, n, err)
	}
}

func TestRedisDefaultPrefix(t *testing.T) {
	if got := NewRedis(redis.NewClient(&redis.Options{}), "").prefix; got != DefaultPrefix {
		t.Fatalf("prefix = %q; want %q", got, DefaultPrefix)
	}
}

func TestRedisReportsAnUnreachableServer(t *testing.T) {
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialerRetries: 1})
	defer client.Close()
	l := NewRedis(client, "")
	if _, err := l.Allow(context.Background(), "k", Limit{1, time.Minute}); err == nil {
		t.Fatal("Allow against a closed port: no error")
	}
	if err := l.Reset(context.Background(), "k"); err == nil {
		t.Fatal("Reset against a closed port: no error")
	}
}
