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

// harness is one Limiter implementation under test and the fake clock it reads. Redis reads it
// too (instead of the server's TIME, which TestRedisUsesTheServerClock covers), so the shared
// scenarios are exact and never sleep.
type harness struct {
	limiter Limiter
	clock   *fakeClock
}

func memoryHarness(t *testing.T) harness {
	clock := newFakeClock()
	return harness{limiter: NewMemory(clock.Now), clock: clock}
}

func redisHarness(t *testing.T) harness {
	client := testRedisClient(t)
	clock := newFakeClock()
	r := NewRedis(client, testPrefix(t, client))
	r.now = clock.Now
	return harness{limiter: r, clock: clock}
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
	if err := ping(context.Background(), *opts); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: Redis is required under CI=true: %v", EnvRedisURL, err)
		}
		t.Skipf("%s: no Redis to test against (set CI=true to make this a failure): %v", EnvRedisURL, err)
	}
	client := redis.NewClient(opts)
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
