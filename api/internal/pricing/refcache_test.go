package pricing

import (
	"errors"
	"testing"
	"time"
)

func TestTTLValue(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	var c ttlValue[int]
	loads := 0
	load := func(v int) func() (int, error) {
		return func() (int, error) { loads++; return v, nil }
	}
	steps := []struct {
		name      string
		at        time.Time
		clear     bool
		loadValue int
		want      int
		wantLoads int
	}{
		{"first use loads", t0, false, 1, 1, 1},
		{"fresh: cached", t0.Add(time.Second), false, 2, 1, 1},
		{"expired: loads again", t0.Add(refsTTL + time.Second), false, 3, 3, 2},
		{"cleared: loads again", t0.Add(refsTTL + 2*time.Second), true, 4, 4, 3},
	}
	for _, s := range steps {
		if s.clear {
			c.clear()
		}
		got, err := c.get(s.at, load(s.loadValue))
		if err != nil || got != s.want || loads != s.wantLoads {
			t.Fatalf("%s: got %d (%v) after %d loads, want %d after %d", s.name, got, err, loads, s.want, s.wantLoads)
		}
	}

	// A change cleared the cache while a load was under way: that load's (older) answer is
	// returned to its caller but not kept.
	at := t0.Add(time.Hour)
	got, _ := c.get(at, func() (int, error) { c.clear(); return 5, nil })
	if got != 5 {
		t.Fatalf("racing load returned %d", got)
	}
	if got, _ := c.get(at.Add(time.Second), load(6)); got != 6 {
		t.Fatalf("after a load raced with a clear: %d, want a fresh load (6)", got)
	}

	// A failed load keeps nothing.
	var d ttlValue[int]
	if _, err := d.get(at, func() (int, error) { return 0, errors.New("down") }); err == nil {
		t.Fatal("want the load's error")
	}
	if got, _ := d.get(at.Add(time.Second), load(7)); got != 7 {
		t.Fatalf("after a failed load: %d", got)
	}
}
