package backup

import (
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/openoms/oms/api/internal/platform/httpx"
)

// The routes with the platform's middleware and error handling; roles are app's middleware,
// tested there.
func newRouter(f *fixture) *echo.Echo {
	e := httpx.New(httpx.Options{Logger: slog.New(slog.DiscardHandler), Metrics: httpx.NewMetrics(prometheus.NewRegistry()), BodyLimit: 1 << 20})
	admin := uuid.New()
	NewHandler(f.svc, func(echo.Context) *uuid.UUID { return &admin }).Register(httpx.NewRoutes(e.Group("/api/v1")).Group("/admin"))
	return e
}

func TestHandlers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := newRouter(f)
	done := f.run(TriggerCLI)
	archive := mustRead(t, f.archive(done))
	vars := map[string]string{"{DONE}": done.ID.String()}
	expand := func(s string) string {
		for k, v := range vars {
			s = strings.ReplaceAll(s, k, v)
		}
		return s
	}
	// Scenarios run in order; later ones use ids earlier ones saved.
	for _, tc := range []struct {
		name, method, path string
		header             []string
		status             int
		want               []string // substrings of the body
		save               string   // remember the response's id as this placeholder
	}{
		{name: "list", method: "GET", path: "/api/v1/admin/backups", status: 200,
			want: []string{`"id":"{DONE}"`, `"status":"succeeded"`, `"trigger":"cli"`, `"download_url":"/api/v1/admin/backups/{DONE}/download"`, `"row_counts":{`, `"staff_users":3`, `"media_files":3`, `"next_cursor":null`, `"verification":{"checked_at":`, `"ok":true`}},
		{name: "bad page size", method: "GET", path: "/api/v1/admin/backups?page_size=0", status: 422, want: []string{`"field":"page_size"`}},
		{name: "back up now", method: "POST", path: "/api/v1/admin/backups", status: 202, want: []string{`"status":"queued"`, `"trigger":"manual"`, `"requested_by":"`, `"download_url":null`}, save: "{QUEUED}"},
		{name: "only one at a time", method: "POST", path: "/api/v1/admin/backups", status: 409, want: []string{"already queued or running"}},
		{name: "the queued one", method: "GET", path: "/api/v1/admin/backups/{QUEUED}", status: 200, want: []string{`"status":"queued"`}},
		{name: "status", method: "GET", path: "/api/v1/admin/backups/status", status: 200,
			want: []string{`"last_success":{"id":"{DONE}"`, `"last_success_age_seconds":0`, `"last_failure":null`, `"active":[{"id":"{QUEUED}"`, `"schedule":null`, `"stale":false`, `"retention":{"daily":7,"weekly":4,"monthly":12}`, `"encrypted":false`}},
		{name: "download of a queued backup", method: "GET", path: "/api/v1/admin/backups/{QUEUED}/download", status: 409, want: []string{"no archive"}},
		{name: "verify a queued backup", method: "POST", path: "/api/v1/admin/backups/{QUEUED}/verify", status: 409},
		{name: "unknown backup", method: "GET", path: "/api/v1/admin/backups/" + uuid.NewString(), status: 404, want: []string{"backup not found"}},
		{name: "not an id", method: "GET", path: "/api/v1/admin/backups/nope/download", status: 404},
		{name: "verify", method: "POST", path: "/api/v1/admin/backups/{DONE}/verify", status: 200,
			want: []string{`"ok":true`, `"level":"full"`, `"parts":7`, `"backup":{"id":"{DONE}"`}},
		{name: "download", method: "GET", path: "/api/v1/admin/backups/{DONE}/download", status: 200},
		{name: "resume a download", method: "GET", path: "/api/v1/admin/backups/{DONE}/download", header: []string{"Range", "bytes=10-19"}, status: 206},
		{name: "wrong method", method: "DELETE", path: "/api/v1/admin/backups/{DONE}", status: 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, expand(tc.path), nil)
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			for _, w := range tc.want {
				if w = expand(w); !strings.Contains(rec.Body.String(), w) {
					t.Fatalf("body lacks %s: %s", w, rec.Body)
				}
			}
			if tc.save != "" {
				var v struct{ ID string }
				_ = json.Unmarshal(rec.Body.Bytes(), &v)
				vars[tc.save] = v.ID
			}
			switch tc.name {
			case "back up now":
				if rec.Header().Get("Location") != "/api/v1/admin/backups/"+vars[tc.save] {
					t.Fatalf("Location %q", rec.Header().Get("Location"))
				}
			case "download":
				h := rec.Header()
				if rec.Body.String() != string(archive) || h.Get("Content-Type") != "application/gzip" ||
					h.Get("Content-Disposition") != `attachment; filename=`+done.FileName || h.Get("X-Checksum-SHA256") != done.SHA256 || h.Get("Cache-Control") != "no-store" {
					t.Fatalf("download: %d bytes, headers %v", rec.Body.Len(), h)
				}
			case "resume a download":
				if rec.Body.String() != string(archive[10:20]) {
					t.Fatal("range differs")
				}
			}
		})
	}
	want := []string{"backup.requested", "backup.verified", "backup.downloaded", "backup.downloaded"}
	if got := f.audit.actions(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("audit %v, want %v", got, want)
	}
	// A damaged archive verifies as not ok (200: the check ran) and the result is kept.
	bad := append([]byte(nil), archive...)
	bad[len(bad)/2] ^= 0xff
	if err := os.WriteFile(f.archive(done), bad, 0o600); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/admin/backups/"+done.ID.String()+"/verify", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"ok":false`) || !strings.Contains(rec.Body.String(), "damaged") {
		t.Fatalf("damaged: %d %s", rec.Code, rec.Body)
	}
}
