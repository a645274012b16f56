package app

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkMiddlewareChain measures the fixed cost every API request pays (request ID, logging,
// metrics, recover, security headers, body limit, gzip) on the cheapest endpoint.
func BenchmarkMiddlewareChain(b *testing.B) {
	a := newTestApp(b)
	req := httptest.NewRequest("GET", "/api/v1/version", nil)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			a.Echo().ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Errorf("status %d", rec.Code)
			}
		}
	})
}
