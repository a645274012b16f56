package ratelimit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// fakeClock is a clock tests move by hand; safe for concurrent use.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// harness is one Limiter implementation under test and a way to let time pass for it.
type harness struct {
	limiter Limiter
	// wait lets d pass: the fake clock moves for Memory; the test sleeps for Redis, whose
	// limiter reads the Redis server's clock.
	wait func(d time.Duration)
	// drift is how far real time has run ahead of the time the test asked for (always 0 for
	// Memory): a Redis RetryAfter may be that much shorter than on an ideal timeline.
	drift func() time.Duration
}

func memoryHarness(t *testing.T) harness {
	clock := newFakeClock()
	return harness{
		limiter: NewMemory(clock.Now),
		wait:    clock.Advance,
		drift:   func() time.Duration { return 0 },
	}
}

func redisHarness(t *testing.T) harness {
	client := testRedisClient(t)
	start := time.Now()
	var asked time.Duration
	return harness{
		limiter: NewRedis(client, testPrefix(t, client)),
		wait: func(d time.Duration) {
			asked += d
			time.Sleep(d)
		},
		drift: func() time.Duration { return time.Since(start) - asked },
	}
}

// forEachLimiter runs test against Memory and against Redis, each built fresh for the subtest.
func forEachLimiter(t *testing.T, test func(t *testing.T, h harness)) {
	t.Helper()
	for _, impl := range []struct {
		name string
		new  func(t *testing.T) harness
	}{
		{"memory", memoryHarness},
		{"redis", redisHarness},
	} {
		t.Run(impl.name, func(t *testing.T) {
			t.Parallel()
			test(t, impl.new(t))
		})
	}
}

// testRedisURL is REDIS_URL, or the local server the build machines run.
func testRedisURL() string {
	if u := os.Getenv(EnvRedisURL); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/0"
}

// testRedisClient connects to the test Redis, closed at cleanup. When Redis does not answer the
// test is skipped — except under CI=true, where the Redis tests are mandatory and it fails.
func testRedisClient(t *testing.T) *redis.Client {
	t.Helper()
	opts, err := redis.ParseURL(testRedisURL())
	if err != nil {
		t.Fatalf("%s: %v", EnvRedisURL, err)
	}
	client := redis.NewClient(opts)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := client.Ping(ctx).Err(); err != nil {
		_ = client.Close()
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: Redis is required under CI=true: %v", EnvRedisURL, err)
		}
		t.Skipf("%s: no Redis to test against (set CI=true to make this a failure): %v", EnvRedisURL, err)
	}
	t.Cleanup(func() { _ = client.Close() })
	return client
}

// testPrefix returns a key prefix no other test uses, and deletes its keys at cleanup.
func testPrefix(t *testing.T, client *redis.Client) string {
	t.Helper()
	var b [8]byte
	_, _ = rand.Read(b[:])
	prefix := "oms:rltest:" + hex.EncodeToString(b[:]) + ":"
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		iter := client.Scan(ctx, 0, prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			if err := client.Del(ctx, iter.Val()).Err(); err != nil {
				t.Errorf("clean up %s: %v", iter.Val(), err)
			}
		}
		if err := iter.Err(); err != nil {
			t.Errorf("clean up %s*: %v", prefix, err)
		}
	})
	return prefix
}
