package ratelimit

import (
	"context"
	"sync"
	"time"
)

const (
	// sweepInterval is how often (by the limiter's clock) an Allow call also drops idle keys.
	sweepInterval = time.Minute
	// minSweepSize is the smallest key count that triggers a sweep by size; above it the map may
	// grow to twice the keys that were live after the last sweep before it is swept again, which
	// keeps sweeping O(1) per call amortised while bounding the map by the live keys.
	minSweepSize = 1024
)

// Memory is a Limiter for one process. It is safe for concurrent use and starts no goroutine:
// idle keys are dropped by sweeps that Allow runs every minute, or sooner when the number of keys
// has doubled since the last sweep, so memory stays proportional to the keys active within
// their windows. There is nothing to close.
type Memory struct {
	clock func() time.Time

	mu        sync.Mutex
	keys      map[string]*attempts
	nextSweep time.Time
	sweepSize int
}

// attempts is one key's log: the times of allowed attempts still inside the window, oldest first.
type attempts struct {
	times []time.Time
	// window is the longest window this key was asked about: the key is idle, and swept, once
	// its newest attempt has left it.
	window time.Duration
}

var _ Limiter = (*Memory)(nil)

// NewMemory returns an in-process limiter reading time from clock (time.Now when nil).
func NewMemory(clock func() time.Time) *Memory {
	if clock == nil {
		clock = time.Now
	}
	return &Memory{clock: clock, keys: make(map[string]*attempts), sweepSize: minSweepSize}
}

// Allow implements Limiter.
func (m *Memory) Allow(_ context.Context, key string, limit Limit) (Decision, error) {
	if err := limit.validate(); err != nil {
		return Decision{}, err
	}
	now := m.clock()

	m.mu.Lock()
	defer m.mu.Unlock()
	m.maybeSweep(now)

	a := m.keys[key]
	if a == nil {
		a = &attempts{}
		m.keys[key] = a
	}
	a.window = max(a.window, limit.Window)
	a.prune(now, limit.Window)

	n := len(a.times)
	if n >= limit.Events {
		// The attempt that must leave the window before one more fits. n can exceed Events
		// when a key is asked about with a smaller limit than before.
		free := a.times[n-limit.Events].Add(limit.Window)
		return Decision{RetryAfter: free.Sub(now)}, nil
	}
	a.times = append(a.times, now)
	return Decision{Allowed: true, Remaining: limit.Events - n - 1}, nil
}

// Reset implements Limiter.
func (m *Memory) Reset(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.keys, key)
	return nil
}

// prune drops the attempts that have left a window ending at now. It copies rather than
// reslicing so the backing array does not keep growing at the front.
func (a *attempts) prune(now time.Time, window time.Duration) {
	i := 0
	for i < len(a.times) && !now.Before(a.times[i].Add(window)) {
		i++
	}
	if i > 0 {
		a.times = a.times[:copy(a.times, a.times[i:])]
	}
}

func (m *Memory) maybeSweep(now time.Time) {
	if now.Before(m.nextSweep) && len(m.keys) < m.sweepSize {
		return
	}
	for k, a := range m.keys {
		if len(a.times) == 0 || !now.Before(a.times[len(a.times)-1].Add(a.window)) {
			delete(m.keys, k)
		}
	}
	m.nextSweep = now.Add(sweepInterval)
	m.sweepSize = max(minSweepSize, 2*len(m.keys))
}
