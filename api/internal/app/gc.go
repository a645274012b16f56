package app

import "runtime/debug"

// GCPercent is the collector's target (GOGC) the server runs with unless GOGC is set. Its live
// heap is small (tens of MB), so at Go's default of 100 the collector ran every few milliseconds
// under load; at 300 Go's CPU per order fell by ≈ 10 % in BenchmarkOrderPlace
// (docs/benchmarks.md), for a heap that peaks at about four times the live data. GOMEMLIMIT, if
// set, still caps it.
const GCPercent = 300

// TuneGC applies GCPercent unless the operator chose GOGC, and returns what restores the
// previous setting.
func TuneGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(GCPercent)
	return func() { debug.SetGCPercent(prev) }
}
