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

// w is the window of the shared scenarios.
const w = time.Minute

// step is one call in a scenario.
type step struct {
	after     time.Duration // time to let pass before this call
	key       string        // "a" when empty
	reset     bool          // call Reset(key) instead of Allow
	allowed   bool
	remaining int
	retry     time.Duration // expected RetryAfter when denied
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
		{"frees the slot exactly one window after the attempt", Limit{1, w}, []step{
			{allowed: true},
			{after: w - time.Microsecond, allowed: false, retry: time.Microsecond},
			{after: time.Microsecond, allowed: true},
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
					h.clock.Advance(s.after)
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
					want := Decision{Allowed: s.allowed, Remaining: s.remaining, RetryAfter: s.retry}
					if got != want {
						t.Fatalf("step %d: Allow(%q) = %+v; want %+v", i, key, got, want)
					}
				}
			})
		})
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

func TestLimiterASmallerLimitCountsEarlierAttempts(t *testing.T) {
	forEachLimiter(t, func(t *testing.T, h harness) {
		ctx := context.Background()
		for range 4 {
			if _, err := h.limiter.Allow(ctx, "k", Limit{Events: 10, Window: time.Minute}); err != nil {
				t.Fatal(err)
			}
			h.clock.Advance(time.Second)
		}
		// Attempts at 0s, 1s, 2s, 3s; now 4s. With a limit of 2, one more fits once only one
		// is left: when the one at 2s leaves, at 62s.
		d, err := h.limiter.Allow(ctx, "k", Limit{Events: 2, Window: time.Minute})
		if err != nil || d.Allowed || d.RetryAfter != 58*time.Second {
			t.Fatalf("Allow = %+v, %v; want denied with RetryAfter 58s", d, err)
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

func TestRedisUsesTheServerClock(t *testing.T) {
	// The one test on real time: what the other Redis tests replace with a fake clock.
	client := testRedisClient(t)
	l := NewRedis(client, testPrefix(t, client))
	ctx := context.Background()
	const window = 200 * time.Millisecond
	limit := Limit{Events: 1, Window: window}

	if d, err := l.Allow(ctx, "k", limit); err != nil || !d.Allowed {
		t.Fatalf("first attempt: %+v, %v; want allowed", d, err)
	}
	d, err := l.Allow(ctx, "k", limit)
	if err != nil || d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > window {
		t.Fatalf("second attempt: %+v, %v; want denied with 0 < RetryAfter <= %v", d, err, window)
	}
	time.Sleep(d.RetryAfter + 10*time.Millisecond)
	if d, err := l.Allow(ctx, "k", limit); err != nil || !d.Allowed {
		t.Fatalf("after waiting RetryAfter: %+v, %v; want allowed", d, err)
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
