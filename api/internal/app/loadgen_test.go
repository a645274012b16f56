package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// load is what one load run measured.
type load struct {
	Requests int
	Errors   int
	Elapsed  time.Duration
	P50      time.Duration
	P95      time.Duration
	P99      time.Duration
	// CPU per request while saturating: this process (server and load generator alike) and
	// every local PostgreSQL process; zero when PostgreSQL's processes cannot be seen.
	CPUSelf, CPUDatabase time.Duration
}

func (l load) Rate() float64 { return float64(l.Requests) / l.Elapsed.Seconds() }

func (l load) String() string {
	s := fmt.Sprintf("%8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  errors %d/%d", l.Rate(),
		ms(l.P50), ms(l.P95), ms(l.P99), l.Errors, l.Requests)
	if l.CPUDatabase > 0 {
		s += fmt.Sprintf("  CPU/req %.2f ms (Go %.2f + PostgreSQL %.2f)", ms(l.CPUSelf+l.CPUDatabase), ms(l.CPUSelf), ms(l.CPUDatabase))
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// saturate runs fn from `workers` goroutines back to back for d: the maximum throughput. It
// also measures the CPU each request costs, which on a CPU-bound machine sets that throughput
// but, unlike it, hardly moves when the machine's speed does (other tenants, frequency).
func saturate(workers int, d time.Duration, fn func() error) load {
	self0, db0 := selfCPU(), databaseCPU()
	var lat [][]time.Duration = make([][]time.Duration, workers)
	var errs atomic.Int64
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				t0 := time.Now()
				if err := fn(); err != nil {
					errs.Add(1)
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		})
	}
	wg.Wait()
	l := summarize(slices.Concat(lat...), int(errs.Load()), time.Since(start))
	if db1 := databaseCPU(); db0 > 0 && l.Requests > 0 {
		l.CPUSelf = (selfCPU() - self0) / time.Duration(l.Requests)
		l.CPUDatabase = (db1 - db0) / time.Duration(l.Requests)
	}
	return l
}

// databaseCPU is the CPU time of every PostgreSQL process on this host (backends, WAL writer,
// checkpointer…) that this process can see; 0 when none (the database runs elsewhere).
func databaseCPU() time.Duration {
	entries, _ := os.ReadDir("/proc")
	var total time.Duration
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil {
			if t, ok := procCPU(pid); ok {
				total += t
			}
		}
	}
	return total
}

// paced sends requests at a fixed rate for d (open loop: a slow answer does not delay the next
// request), so latency is measured at a known load rather than at saturation.
func paced(rate float64, d time.Duration, fn func() error) load {
	interval := time.Duration(float64(time.Second) / rate)
	var mu sync.Mutex
	var lat []time.Duration
	var errs atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for next := start; next.Before(start.Add(d)); next = next.Add(interval) {
		time.Sleep(time.Until(next))
		wg.Go(func() {
			t0 := time.Now()
			if err := fn(); err != nil {
				errs.Add(1)
			}
			el := time.Since(t0)
			mu.Lock()
			lat = append(lat, el)
			mu.Unlock()
		})
	}
	wg.Wait()
	return summarize(lat, int(errs.Load()), time.Since(start))
}

func summarize(lat []time.Duration, errs int, elapsed time.Duration) load {
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(float64(len(lat))*p))]
	}
	return load{Requests: len(lat), Errors: errs, Elapsed: elapsed, P50: pct(0.50), P95: pct(0.95), P99: pct(0.99)}
}

// getter returns a function that GETs url with an optional bearer token and expects 200.
func getter(client *http.Client, url, token string) func() error {
	return requester(client, "GET", url, token, nil)
}

// requester returns a function that sends one request (with body(), when given, as JSON and an
// optional bearer token), reads the whole answer and expects 200.
func requester(client *http.Client, method, url, token string, body func() []byte) func() error {
	return func() error {
		var payload io.Reader
		if body != nil {
			payload = bytes.NewReader(body())
		}
		req, _ := http.NewRequestWithContext(context.Background(), method, url, payload)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if _, err := io.Copy(io.Discard, res.Body); err != nil {
			return err
		}
		if res.StatusCode != 200 {
			return fmt.Errorf("status %d", res.StatusCode)
		}
		return nil
	}
}

// compare measures the subject and the reference in the same run: each at saturation, then
// each paced at half of its own maximum rate, and reports both and their ratio.
func compare(b *testing.B, name string, workers int, d time.Duration, subject, reference func() error) (sub, ref, subHalf, refHalf load) {
	b.Helper()
	for range 50 { // warm caches and connection pools
		_ = subject()
		_ = reference()
	}
	ref = saturate(workers, d, reference)
	sub = saturate(workers, d, subject)
	refHalf = paced(ref.Rate()/2, d, reference)
	subHalf = paced(sub.Rate()/2, d, subject)
	b.Logf("\n%-22s max   %s\n%-22s max   %s\n%-22s ½max  %s\n%-22s ½max  %s\nratio %s / reference at max: %.2f",
		name, sub, "reference", ref, name, subHalf, "reference", refHalf, name, sub.Rate()/ref.Rate())
	b.ReportMetric(sub.Rate(), "req/s")
	b.ReportMetric(ref.Rate(), "ref-req/s")
	b.ReportMetric(sub.Rate()/ref.Rate(), "ratio")
	if sub.CPUDatabase > 0 && ref.CPUDatabase > 0 {
		// What the ratio would be with the machine to itself and CPU the only limit.
		cpuRatio := float64(ref.CPUSelf+ref.CPUDatabase) / float64(sub.CPUSelf+sub.CPUDatabase)
		b.Logf("CPU per request at max: %s %.2f ms, reference %.2f ms: ratio %.2f", name,
			ms(sub.CPUSelf+sub.CPUDatabase), ms(ref.CPUSelf+ref.CPUDatabase), cpuRatio)
		b.ReportMetric(cpuRatio, "cpu-ratio")
	}
	b.ReportMetric(ms(subHalf.P99), "p99-ms@half")
	return
}
