// Package ratelimit counts attempts per key in a sliding window: at most Limit.Events attempts in
// any period of length Limit.Window. It is plumbing — callers choose the keys ("login:ip:…",
// "login:account:…") and the limits; this package knows no business rule.
//
// # Algorithm
//
// Both implementations keep a sliding-window log: the time of every allowed attempt still inside
// the window. An attempt is allowed when fewer than Events attempts were allowed in the last
// Window; it is then recorded. A denied attempt is not recorded, so a client that keeps retrying
// while blocked does not extend its own block. When denied, RetryAfter is exactly how long until
// the oldest attempt that matters leaves the window.
//
// We chose the log over GCRA (or a token bucket) because it enforces the limit as stated — never
// more than Events in any Window — which is what login throttling needs ("5 attempts per 15
// minutes" means five, not five plus a trickle), and because its RetryAfter is easy to explain to
// a user. The cost is memory proportional to Events per active key, which is small for the limits
// this is meant for (tens of events); use a different tool for limits of many thousands per key.
//
// # Implementations
//
//   - Memory: in one process; for a single replica, tests, and development. With several
//     replicas each counts on its own, so a client may get Events per replica.
//   - Redis: shared by every replica; one Lua script per call keeps it atomic. It uses the Redis
//     server's clock (TIME), so replicas with skewed clocks still agree.
//
// Open picks one from a REDIS_URL-style setting.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Limit is at most Events allowed attempts in any period of length Window.
type Limit struct {
	Events int
	Window time.Duration
}

// Decision is the answer to one attempt.
type Decision struct {
	// Allowed reports whether the attempt may proceed; an allowed attempt has been counted.
	Allowed bool
	// Remaining is how many more attempts would be allowed right now (0 when denied).
	Remaining int
	// RetryAfter is how long until the next attempt would be allowed; 0 when allowed.
	RetryAfter time.Duration
}

// Limiter decides whether an attempt identified by key is within its limit.
type Limiter interface {
	// Allow counts the attempt if it is within limit and reports the decision. A denied attempt
	// is not counted. An error means the limiter could not decide (e.g. Redis is down).
	Allow(ctx context.Context, key string, limit Limit) (Decision, error)
	// Reset forgets every attempt recorded for key, e.g. the failed logins of an account once it
	// logs in successfully.
	Reset(ctx context.Context, key string) error
}

// ErrInvalidLimit is returned (wrapped) for a Limit with Events < 1 or Window < 1 ms: a
// programming error, never a client's.
var ErrInvalidLimit = errors.New("ratelimit: invalid limit")

func (l Limit) validate() error {
	if l.Events < 1 || l.Window < time.Millisecond {
		return fmt.Errorf("%w: %d events per %s (need at least 1 event per 1ms)", ErrInvalidLimit, l.Events, l.Window)
	}
	return nil
}

// Check asks l about one attempt and turns the answer into an error for a use case:
//
//   - allowed → nil;
//   - denied → apperr.RateLimited("too many <what>; try again in N minutes", RetryAfter), which
//     the HTTP layer answers with 429 and Retry-After;
//   - the limiter failed → that error, wrapped (an internal error, not a business one).
//
// Check does not choose between failing open and failing closed: that is the caller's decision,
// made with errors.Is/apperr.KindOf on the result. Returning the error as is fails closed (the
// request gets a 500) — right for login throttling, where an outage must not switch brute-force
// protection off. Logging it and carrying on fails open — right for limits that only protect
// capacity, where availability matters more.
//
// what names the attempts in plural, e.g. "login attempts".
func Check(ctx context.Context, l Limiter, key string, limit Limit, what string) error {
	d, err := l.Allow(ctx, key, limit)
	if err != nil {
		return fmt.Errorf("rate limit for %s: %w", what, err)
	}
	if d.Allowed {
		return nil
	}
	return apperr.RateLimited("too many "+what+"; try again in "+humanDuration(d.RetryAfter), d.RetryAfter)
}

// humanDuration rounds d up, so a user who waits as long as told is never refused again: whole
// seconds below a minute, whole minutes from there on.
func humanDuration(d time.Duration) string {
	if s := int(math.Ceil(d.Seconds())); s < 60 {
		return plural(s, "second")
	}
	return plural(int(math.Ceil(d.Minutes())), "minute")
}

func plural(n int, unit string) string {
	if n < 1 {
		n = 1
	}
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
