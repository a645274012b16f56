package httpx_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

type createReq struct {
	Name    string `json:"name" validate:"required,max=5"`
	Qty     int    `json:"qty" validate:"gte=1"`
	Address struct {
		City string `json:"city" validate:"required"`
	} `json:"address"`
}

func newServer(t *testing.T, logs io.Writer) *echo.Echo {
	t.Helper()
	log := slog.New(slog.NewJSONHandler(logs, nil))
	e := httpx.New(httpx.Options{Logger: log, Metrics: httpx.NewMetrics(prometheus.NewRegistry()), BodyLimit: 64})
	e.POST("/things", func(c echo.Context) error {
		var req createReq
		if err := httpx.Bind(c, &req); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, req)
	})
	e.GET("/panic", func(echo.Context) error { panic("secret internal state") })
	e.GET("/internal", func(echo.Context) error { return errors.New("dial tcp 10.0.0.7:5432: refused") })
	e.GET("/missing", func(echo.Context) error { return apperr.NotFound("product not found") })
	e.GET("/typed", func(echo.Context) error {
		return fmt.Errorf("reserve: %w", apperr.Conflict("out of stock: X-1").Typed("urn:oms:problem:out-of-stock", "X-1"))
	})
	e.GET("/slow-down", func(echo.Context) error { return apperr.RateLimited("too many requests", 1500*time.Millisecond) })
	e.GET("/page", func(c echo.Context) error {
		pr, err := httpx.ParsePage(c)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, pr)
	})
	return e
}

func TestErrorsAreProblems(t *testing.T) {
	long := `{"name":"` + strings.Repeat("x", 100) + `"}`
	for _, tc := range []struct {
		name, method, path, body, contentType string
		chunked                               bool
		wantStatus                            int
		wantDetail                            string
		wantFields                            []string
		wantType, wantSubject                 string
	}{
		{name: "valid", method: "POST", path: "/things", body: `{"name":"ab","qty":2,"address":{"city":"X"}}`, wantStatus: 201},
		{name: "malformed JSON", method: "POST", path: "/things", body: `{"name":`, wantStatus: 400, wantDetail: "not valid JSON"},
		{name: "trailing garbage", method: "POST", path: "/things", body: `{"name":"ab","qty":1,"address":{"city":"X"}} {}`, wantStatus: 400, wantDetail: "single JSON value"},
		{name: "empty body", method: "POST", path: "/things", body: ``, wantStatus: 400, wantDetail: "empty"},
		{name: "unknown field", method: "POST", path: "/things", body: `{"nmae":"ab"}`, wantStatus: 400, wantFields: []string{"nmae"}},
		{name: "wrong type", method: "POST", path: "/things", body: `{"name":"ab","qty":"two"}`, wantStatus: 422, wantFields: []string{"qty"}},
		{name: "rules broken", method: "POST", path: "/things", body: `{"name":"toolong","qty":0}`, wantStatus: 422, wantFields: []string{"name", "qty", "address.city"}},
		{name: "not JSON", method: "POST", path: "/things", body: `name=ab`, contentType: "application/x-www-form-urlencoded", wantStatus: 415},
		{name: "too large by length", method: "POST", path: "/things", body: long, wantStatus: 413},
		{name: "too large chunked", method: "POST", path: "/things", body: long, chunked: true, wantStatus: 413},
		{name: "unknown route", method: "POST", path: "/nope", wantStatus: 404},
		{name: "wrong method", method: "DELETE", path: "/things", wantStatus: 405},
		{name: "panic", method: "GET", path: "/panic", wantStatus: 500, wantDetail: "request_id"},
		{name: "internal error", method: "GET", path: "/internal", wantStatus: 500, wantDetail: "unexpected"},
		{name: "business not found", method: "GET", path: "/missing", wantStatus: 404, wantDetail: "product not found"},
		{name: "typed business problem", method: "GET", path: "/typed", wantStatus: 409, wantDetail: "out of stock", wantType: "urn:oms:problem:out-of-stock", wantSubject: "X-1"},
		{name: "bad page size", method: "GET", path: "/page?page_size=1000", wantStatus: 422, wantFields: []string{"page_size"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			e := newServer(t, &logs)
			var body io.Reader = strings.NewReader(tc.body)
			if tc.chunked {
				body = io.MultiReader(strings.NewReader(tc.body)) // unknown length → chunked
			}
			req := httptest.NewRequest(tc.method, tc.path, body)
			if tc.chunked {
				req.ContentLength = -1
			}
			ct := tc.contentType
			if ct == "" {
				ct = "application/json"
			}
			req.Header.Set("Content-Type", ct)
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)

			if rec.Code != tc.wantStatus {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tc.wantStatus, rec.Body)
			}
			if rec.Header().Get("X-Request-ID") == "" {
				t.Error("no X-Request-ID")
			}
			if tc.wantStatus < 400 {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != httpx.ProblemContentType {
				t.Fatalf("content type %q", got)
			}
			var p httpx.Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if p.Status != tc.wantStatus || p.Title == "" || p.RequestID != rec.Header().Get("X-Request-ID") || p.Instance != strings.Split(tc.path, "?")[0] {
				t.Fatalf("problem %+v", p)
			}
			if tc.wantType == "" {
				tc.wantType = "about:blank"
			}
			if p.Type != tc.wantType || p.Subject != tc.wantSubject {
				t.Fatalf("type %q subject %q, want %q %q", p.Type, p.Subject, tc.wantType, tc.wantSubject)
			}
			if tc.wantDetail != "" && !strings.Contains(p.Detail, tc.wantDetail) {
				t.Fatalf("detail %q lacks %q", p.Detail, tc.wantDetail)
			}
			var fields []string
			for _, f := range p.Errors {
				fields = append(fields, f.Field)
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Field)
				}
			}
			if strings.Join(fields, ",") != strings.Join(tc.wantFields, ",") {
				t.Fatalf("fields %v, want %v", fields, tc.wantFields)
			}
			for _, secret := range []string{"secret internal state", "10.0.0.7", "goroutine"} {
				if strings.Contains(rec.Body.String(), secret) {
					t.Fatalf("response leaks %q: %s", secret, rec.Body)
				}
			}
		})
	}
}

func TestPanicIsLoggedWithStack(t *testing.T) {
	var logs bytes.Buffer
	e := newServer(t, &logs)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/panic", nil))
	if !strings.Contains(logs.String(), "secret internal state") || !strings.Contains(logs.String(), "goroutine") {
		t.Fatalf("panic not logged with its stack: %s", logs.String())
	}
}

func TestRateLimitedSetsRetryAfter(t *testing.T) {
	e := newServer(t, io.Discard)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/slow-down", nil))
	if rec.Code != 429 || rec.Header().Get("Retry-After") != "2" {
		t.Fatalf("status %d Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
}

func TestRequestIDIsKeptOrMade(t *testing.T) {
	e := newServer(t, io.Discard)
	for _, tc := range []struct{ in, want string }{
		{"abc-123", "abc-123"},
		{"bad id with spaces", ""},
		{strings.Repeat("a", 65), ""},
	} {
		req := httptest.NewRequest("GET", "/missing", nil)
		req.Header.Set("X-Request-ID", tc.in)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		got := rec.Header().Get("X-Request-ID")
		if tc.want != "" && got != tc.want {
			t.Errorf("kept %q as %q", tc.in, got)
		}
		if tc.want == "" && (got == "" || got == tc.in) {
			t.Errorf("bad id %q not replaced: %q", tc.in, got)
		}
	}
}

func TestAccessLogLine(t *testing.T) {
	var logs bytes.Buffer
	e := newServer(t, &logs)
	req := httptest.NewRequest("GET", "/missing", nil)
	req.Header.Set("X-Request-ID", "trace-1")
	e.ServeHTTP(httptest.NewRecorder(), req)
	var line map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(l, `"http request"`) {
			_ = json.Unmarshal([]byte(l), &line)
		}
	}
	for k, want := range map[string]any{"request_id": "trace-1", "method": "GET", "path": "/missing", "status": float64(404)} {
		if line[k] != want {
			t.Errorf("log %s = %v, want %v (line %v)", k, line[k], want, line)
		}
	}
	if _, ok := line["latency"]; !ok {
		t.Error("no latency in access log")
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newServer(t, io.Discard)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/missing", nil))
	for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin"} {
		if got := rec.Header().Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("CSP = %q", rec.Header().Get("Content-Security-Policy"))
	}
}

func TestCORSAllowList(t *testing.T) {
	e := httpx.New(httpx.Options{Logger: slog.New(slog.DiscardHandler), Metrics: httpx.NewMetrics(prometheus.NewRegistry()), BodyLimit: 1 << 20, CORSOrigins: []string{"https://shop.example.com"}})
	e.GET("/x", func(c echo.Context) error { return c.NoContent(204) })
	for origin, allowed := range map[string]bool{"https://shop.example.com": true, "https://evil.example.com": false} {
		req := httptest.NewRequest("GET", "/x", nil)
		req.Header.Set("Origin", origin)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Errorf("origin %s allowed=%v, want %v", origin, got, allowed)
		}
	}
}

func TestNewPage(t *testing.T) {
	rows := []int{1, 2, 3}
	p := httpx.NewPage(rows, 2, func(v int) any { return v })
	if len(p.Items) != 2 || p.NextCursor == nil {
		t.Fatalf("page %+v", p)
	}
	var pos int
	if err := httpx.DecodeCursor(*p.NextCursor, &pos); err != nil || pos != 2 {
		t.Fatalf("cursor decodes to %d, %v", pos, err)
	}
	last := httpx.NewPage(rows, 5, func(v int) any { return v })
	if last.NextCursor != nil || len(last.Items) != 3 {
		t.Fatalf("last page %+v", last)
	}
	if err := httpx.DecodeCursor("!!not-a-cursor", &pos); apperr.KindOf(err) != apperr.KindInvalid {
		t.Fatalf("tampered cursor: %v", err)
	}
	empty := httpx.NewPage([]int(nil), 5, func(v int) any { return v })
	if b, _ := json.Marshal(empty); string(b) != `{"items":[],"next_cursor":null}` {
		t.Fatalf("empty page JSON %s", b)
	}
}

func TestMetricsToken(t *testing.T) {
	for _, tc := range []struct {
		token, auth string
		want        int
	}{
		{"", "", 200},
		{"s3cret", "", 401},
		{"s3cret", "Bearer wrong", 401},
		{"s3cret", "Bearer s3cret", 200},
	} {
		m := httpx.NewMetrics(prometheus.NewRegistry())
		e := httpx.New(httpx.Options{Logger: slog.New(slog.DiscardHandler), Metrics: m, BodyLimit: 1 << 20})
		e.GET("/metrics", m.Handler(tc.token))
		req := httptest.NewRequest("GET", "/metrics", nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("token %q auth %q: %d, want %d", tc.token, tc.auth, rec.Code, tc.want)
		}
		if tc.want == 200 && !strings.Contains(rec.Body.String(), "go_goroutines") {
			t.Errorf("metrics body: %.200s", rec.Body)
		}
	}
}
