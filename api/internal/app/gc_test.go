package app

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	for _, tc := range []struct {
		name, gogc string
		want       int
	}{
		{"GOGC unset: the server's default", "", GCPercent},
		{"GOGC set: left to the runtime", "50", 150},
	} {
		t.Run(tc.name, func(t *testing.T) {
			restore := TuneGC(func(k string) string {
				if k == "GOGC" {
					return tc.gogc
				}
				return ""
			})
			if got := debug.SetGCPercent(-1); got != tc.want {
				t.Errorf("GC percent %d, want %d", got, tc.want)
			}
			debug.SetGCPercent(tc.want) // SetGCPercent(-1) above switched the collector off
			restore()
			if got := debug.SetGCPercent(150); got != 150 {
				t.Errorf("restored to %d, want 150", got)
			}
		})
	}
}
