package ratelimit

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultPrefix starts every key the Redis limiter writes.
const DefaultPrefix = "oms:rl:"

// allowScript is the sliding-window log on a sorted set, atomic because Redis runs a script
// without interleaving other commands: every replica's calls for a key are serialised.
//
// Scores are microseconds of the Redis server's clock (TIME), so replicas whose clocks disagree
// still share one timeline; TIME inside a script needs Redis ≥ 5 (scripts replicate their
// effects). Microseconds since 1970 stay below 2^53, so the Lua numbers and the sorted-set
// scores (both doubles) hold them exactly.
//
// KEYS[1] the log; ARGV: events, window (µs), key TTL (ms), a unique member for this attempt,
// and optionally the time (µs since 1970) to use instead of TIME — only tests pass it.
// Returns {allowed 0/1, remaining, retry after (µs)}.
var allowScript = redis.NewScript(`
local key = KEYS[1]
local events = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local now
if ARGV[5] then
  now = tonumber(ARGV[5])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end

redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local n = redis.call('ZCARD', key)
if n < events then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, ttl)
  return {1, events - n - 1, 0}
end
local oldest = redis.call('ZRANGE', key, n - events, n - events, 'WITHSCORES')
return {0, 0, tonumber(oldest[2]) + window - now}
`)

// Redis is a Limiter shared by every replica that uses the same Redis and prefix. Each Allow is
// one EVALSHA (the script is loaded on first use). A key's log expires one window after its
// newest attempt, so Redis keeps no dead keys.
type Redis struct {
	client *redis.Client
	prefix string
	// now, when set, replaces the server's clock; tests set it to move time without sleeping.
	now func() time.Time
}

var _ Limiter = (*Redis)(nil)

// NewRedis returns a limiter storing its logs under prefix (DefaultPrefix when empty). The
// caller owns client and closes it.
func NewRedis(client *redis.Client, prefix string) *Redis {
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return &Redis{client: client, prefix: prefix}
}

// Allow implements Limiter.
func (r *Redis) Allow(ctx context.Context, key string, limit Limit) (Decision, error) {
	if err := limit.validate(); err != nil {
		return Decision{}, err
	}
	window := limit.Window.Microseconds()
	ttl := (limit.Window + time.Millisecond - 1).Milliseconds() // round up: never expire early
	// Two attempts in the same microsecond need distinct members, or the second would overwrite
	// the first and go uncounted.
	member := strconv.FormatUint(rand.Uint64(), 36)

	args := []any{limit.Events, window, ttl, member}
	if r.now != nil {
		args = append(args, r.now().UnixMicro())
	}
	res, err := allowScript.Run(ctx, r.client, []string{r.prefix + key}, args...).Int64Slice()
	if err != nil {
		return Decision{}, fmt.Errorf("ratelimit: redis: %w", err)
	}
	if len(res) != 3 {
		return Decision{}, fmt.Errorf("ratelimit: redis: unexpected script reply %v", res)
	}
	return Decision{
		Allowed:    res[0] == 1,
		Remaining:  int(res[1]),
		RetryAfter: time.Duration(res[2]) * time.Microsecond,
	}, nil
}

// Reset implements Limiter.
func (r *Redis) Reset(ctx context.Context, key string) error {
	if err := r.client.Del(ctx, r.prefix+key).Err(); err != nil {
		return fmt.Errorf("ratelimit: redis: %w", err)
	}
	return nil
}
