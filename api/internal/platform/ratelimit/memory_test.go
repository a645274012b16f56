package ratelimit

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestMemoryDropsIdleKeys(t *testing.T) {
	clock := newFakeClock()
	m := NewMemory(clock.Now)
	ctx := context.Background()
	short := Limit{Events: 3, Window: time.Second}
	long := Limit{Events: 3, Window: time.Hour}

	for i := range 100 {
		m.Allow(ctx, fmt.Sprintf("short-%d", i), short)
	}
	m.Allow(ctx, "long", long)
	if got := len(m.keys); got != 101 {
		t.Fatalf("%d keys tracked; want 101", got)
	}

	// A minute on, the next call sweeps: the short-window keys are idle, the long one is not.
	clock.Advance(sweepInterval)
	m.Allow(ctx, "new", short)
	if got := len(m.keys); got != 2 {
		t.Fatalf("after the sweep %d keys tracked (%v); want 2 (long, new)", got, keysOf(m))
	}
	if d, _ := m.Allow(ctx, "long", long); d.Remaining != 1 {
		t.Fatalf("the live key lost its attempts in the sweep: %+v", d)
	}
}

func TestMemoryStaysBoundedWhenManyKeysArriveWithinAMinute(t *testing.T) {
	clock := newFakeClock()
	m := NewMemory(clock.Now)
	ctx := context.Background()
	limit := Limit{Events: 1, Window: time.Millisecond}

	// A spray of one-off keys (say, spoofed logins), each idle a moment later. No minute passes,
	// so only the size trigger can sweep.
	peak := 0
	for i := range 20 * minSweepSize {
		m.Allow(ctx, fmt.Sprintf("k-%d", i), limit)
		clock.Advance(time.Millisecond)
		peak = max(peak, len(m.keys))
	}
	if peak > minSweepSize {
		t.Fatalf("map grew to %d keys with at most one live; want at most %d", peak, minSweepSize)
	}
}

func TestMemoryResetFreesTheKey(t *testing.T) {
	m := NewMemory(nil)
	ctx := context.Background()
	m.Allow(ctx, "k", Limit{Events: 1, Window: time.Hour})
	if err := m.Reset(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.keys["k"]; ok {
		t.Fatal("Reset kept the key in memory")
	}
}

func keysOf(m *Memory) []string {
	var ks []string
	for k := range m.keys {
		ks = append(ks, k)
	}
	return ks
}
