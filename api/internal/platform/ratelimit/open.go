package ratelimit

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/redis/go-redis/v9"
)

// EnvRedisURL names the setting Open reads its URL from, so that errors point at it.
const EnvRedisURL = "REDIS_URL"

// pingTimeout bounds the start-up check of a Redis URL.
const pingTimeout = 5 * time.Second

// Open returns the limiter a deployment asked for, and a func that releases it:
//
//   - "" → Memory, reading clock (time.Now when nil): right for a single replica;
//   - redis://, rediss:// or unix:// (go-redis URL syntax, e.g. redis://:pass@host:6379/0) →
//     Redis with DefaultPrefix, after one PING (no retries) that must answer within 5 s. The
//     Redis limiter reads the Redis server's clock, not clock.
//
// Errors name REDIS_URL and show the URL with its password redacted.
func Open(ctx context.Context, redisURL string, clock func() time.Time) (Limiter, func() error, error) {
	if redisURL == "" {
		return NewMemory(clock), func() error { return nil }, nil
	}
	u, err := url.Parse(redisURL)
	if err != nil {
		// url.Parse's error repeats the whole URL, password included.
		return nil, nil, fmt.Errorf("%s: not a valid URL", EnvRedisURL)
	}
	opts, err := redis.ParseURL(redisURL)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s: %w", EnvRedisURL, u.Redacted(), err)
	}
	if err := ping(ctx, *opts); err != nil {
		return nil, nil, fmt.Errorf("%s %s: cannot reach Redis: %w", EnvRedisURL, u.Redacted(), err)
	}
	client := redis.NewClient(opts)
	return NewRedis(client, DefaultPrefix), client.Close, nil
}

// ping checks once that Redis answers, with a client of its own that does not retry: the
// limiter's client keeps go-redis's retries (a few seconds of dial and command retries against
// a refused port), which would only delay a start-up error.
func ping(ctx context.Context, opts redis.Options) error {
	opts.MaxRetries = -1
	opts.DialerRetries = 1
	probe := redis.NewClient(&opts)
	defer probe.Close()
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	return probe.Ping(ctx).Err()
}
