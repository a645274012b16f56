package app

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openoms/oms/api/internal/backup"
	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

// fingerprint hashes a sorted dump of every main table (and the tables that hang off them),
// so two databases with the same fingerprint hold the same rows, value for value.
func fingerprint(t *testing.T, d *sql.DB) map[string]string {
	t.Helper()
	tables := append([]string{"product_specs", "stock_movements", "catalog_products", "price_list_items", "cart_items",
		"shipment_lines", "return_lines", "registration_documents", "verification_codes", "offer_redemptions", "tax_rates"}, backup.MainTables...)
	out := map[string]string{}
	for _, table := range tables {
		q := "SELECT * FROM " + table + " ORDER BY 1"
		if table == "audit_log" {
			q = "SELECT * FROM audit_log WHERE action <> 'backup.restored' ORDER BY 1" // a restore records itself
		}
		rows, err := d.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var line strings.Builder
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				if tm, ok := v.(time.Time); ok {
					v = tm.UTC().Format(time.RFC3339Nano)
				}
				fmt.Fprintf(&line, "%s=%v\x1f", cols[i], v)
			}
			lines = append(lines, line.String())
		}
		rows.Close()
		sort.Strings(lines) // tables without a unique first column have no stable order
		sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		out[table] = fmt.Sprintf("%d rows %s", len(lines), hex.EncodeToString(sum[:])[:16])
	}
	return out
}

// tree hashes every file under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func equalMaps(a, b map[string]string) string {
	var diffs []string
	for k, v := range a {
		if b[k] != v {
			diffs = append(diffs, fmt.Sprintf("%s: %q ≠ %q", k, v, b[k]))
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, k+": only after")
		}
	}
	return strings.Join(diffs, "; ")
}

// wipe destroys the installation's data: the database's every table and the file directories.
func wipe(t *testing.T, cfg config.Config) {
	t.Helper()
	if strings.HasPrefix(cfg.DatabaseURL, "sqlite:") {
		p := strings.TrimPrefix(cfg.DatabaseURL, "sqlite:")
		for _, f := range []string{p, p + "-wal", p + "-shm"} {
			if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				t.Fatal(err)
			}
		}
	} else {
		d, err := sql.Open("pgx", cfg.DatabaseURL)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.Exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
			t.Fatal(err)
		}
		d.Close()
	}
	for _, dir := range []string{"media", "uploads"} {
		if err := os.RemoveAll(filepath.Join(cfg.DataDir, dir)); err != nil {
			t.Fatal(err)
		}
	}
}

func reopen(t *testing.T, cfg config.Config) *App {
	t.Helper()
	a, err := New(context.Background(), cfg, slog.New(slog.DiscardHandler), Build{Version: "test", Commit: "abc"}, testSPA)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	return a
}

// The restore drill: real data (customers, products with media, orders, a registration with a
// document) → backup → wipe everything → restore → the same rows, value for value, and the same
// files, byte for byte; the restored shop works.
func TestRestoreDrill(t *testing.T) {
	e := newAPI(t)
	ctx := context.Background()
	admin := e.login("admin@oms.example.com")
	sales := e.login("sales@oms.example.com")
	casey := e.loginAs("casey@example.com", DemoPassword)
	p := e.productFor(catalog.B2C)
	for i := range 2 {
		if res := e.mediaUpload("/api/v1/admin/products/"+p.ID+"/images", sales, map[string]string{"alt": "Photo"}, "a.jpg", photo(t, 700+i, 500)); res.Code != 201 {
			t.Fatalf("image: %d %s", res.Code, res.Body)
		}
	}
	id, token := e.apply(business())
	if res := e.upload(id, token, "certificate.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")); res.Code != 201 {
		t.Fatalf("document: %d %s", res.Code, res.Body)
	}
	var refs []string
	for i, items := range []string{`[{"sku":"POW-001","quantity":2},{"sku":"HAN-009","quantity":1}]`, `[{"sku":"` + p.SKU + `","quantity":1}]`, `[{"sku":"HAN-010","quantity":3}]`} {
		res := e.placeOrder(casey, fmt.Sprintf("drill-%d", i), `{"items":`+items+`,"priority":"express"}`)
		if res.Code != 201 {
			t.Fatalf("order %d: %d %s", i, res.Code, res.Body)
		}
		var o struct{ Reference string }
		res.json(&o)
		refs = append(refs, o.Reference)
	}
	if res := e.do("POST", "/api/v1/admin/orders/"+refs[0]+"/status", admin, `{"status":"confirmed","note":"checked"}`); res.Code != 200 {
		t.Fatalf("confirm: %d %s", res.Code, res.Body)
	}

	cfg := e.a.cfg
	rowsBefore := fingerprint(t, e.a.DB.SQL)
	mediaBefore, uploadsBefore := tree(t, filepath.Join(cfg.DataDir, "media")), tree(t, filepath.Join(cfg.DataDir, "uploads"))
	if len(mediaBefore) < 4 || len(uploadsBefore) != 1 {
		t.Fatalf("%d media files, %d documents before", len(mediaBefore), len(uploadsBefore))
	}
	b, err := e.a.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(e.a.Backups.Dir(), b.FileName)
	if m := b.ParsedManifest(); m.RowCounts["orders"] != 3 || m.RowCounts["order_lines"] != 4 || m.RowCounts["order_events"] != 4 || m.MediaFiles != len(mediaBefore) || m.UploadFiles != 1 {
		t.Fatalf("manifest %+v", m)
	}
	if err := e.a.Close(); err != nil {
		t.Fatal(err)
	}

	wipe(t, cfg)
	if n := len(tree(t, filepath.Join(cfg.DataDir, "media"))); n != 0 {
		t.Fatalf("%d media files after the wipe", n)
	}
	start := time.Now()
	rep, err := Restore(ctx, cfg, slog.New(slog.DiscardHandler), backup.RestoreOptions{Archive: archive})
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	t.Logf("restore drill on %s: backup %d bytes, restored in %s", dbtest.Dialect(), b.SizeBytes, time.Since(start).Round(time.Millisecond))
	if rep.Mismatch != "" || !rep.CheckedSHA || rep.MediaFiles != len(mediaBefore) || rep.UploadFiles != 1 {
		t.Fatalf("report %+v", rep)
	}

	a := reopen(t, cfg)
	if diff := equalMaps(rowsBefore, fingerprint(t, a.DB.SQL)); diff != "" {
		t.Fatalf("restored rows differ: %s", diff)
	}
	if diff := equalMaps(mediaBefore, tree(t, filepath.Join(cfg.DataDir, "media"))); diff != "" {
		t.Fatalf("restored media differ: %s", diff)
	}
	if diff := equalMaps(uploadsBefore, tree(t, filepath.Join(cfg.DataDir, "uploads"))); diff != "" {
		t.Fatalf("restored documents differ: %s", diff)
	}
	if pending, err := a.PendingMigrations(ctx); err != nil || pending {
		t.Fatalf("pending migrations after restore: %v %v", pending, err)
	}
	// The restored shop works: logins, orders, the restore in the audit log, the backup listed.
	r := &apiEnv{t: t, a: a}
	casey = r.loginAs("casey@example.com", DemoPassword)
	if res := r.do("GET", "/api/v1/orders/"+refs[0]+"/tracking", casey, ""); res.Code != 200 || !strings.Contains(res.Body.String(), `"status":"confirmed"`) {
		t.Fatalf("tracking after restore: %d %s", res.Code, res.Body)
	}
	admin = r.login("admin@oms.example.com")
	if res := r.do("GET", "/api/v1/admin/audit?action=backup.restored", admin, ""); res.Code != 200 || !strings.Contains(res.Body.String(), b.ID.String()) {
		t.Fatalf("audit: %d %s", res.Code, res.Body)
	}
	if res := r.do("GET", "/api/v1/admin/backups/"+b.ID.String(), admin, ""); res.Code != 200 || !strings.Contains(res.Body.String(), `"status":"succeeded"`) {
		t.Fatalf("the restored backup's row: %d %s", res.Code, res.Body)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// Now the database has data: a second restore needs --force.
	if _, err := Restore(ctx, cfg, slog.New(slog.DiscardHandler), backup.RestoreOptions{Archive: archive}); !errors.Is(err, backup.ErrNotEmpty) {
		t.Fatalf("restore over data without force: %v", err)
	}
}

// A backup taken while customers place orders restores to a consistent state: every order has
// its lines and events, and reserved stock is exactly what the restored orders reserve.
func TestBackupWhileOrdersArePlaced(t *testing.T) {
	e := newAPI(t)
	ctx := context.Background()
	admin := e.login("admin@oms.example.com")
	casey := e.loginAs("casey@example.com", DemoPassword)
	for _, sku := range []string{"POW-001", "HAN-009", "HAN-010"} {
		e.setStock(admin, sku, 100000)
	}
	var placed atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := fmt.Sprintf(`{"items":[{"sku":"HAN-010","quantity":%d},{"sku":"POW-001","quantity":1},{"sku":"HAN-009","quantity":2}],"confirm_duplicate":true}`, 1+i%3)
				res := e.placeOrder(casey, fmt.Sprintf("busy-%d-%d", w, i), body)
				if res.Code != 201 {
					t.Errorf("order: %d %s", res.Code, res.Body)
					return
				}
				placed.Add(1)
			}
		})
	}
	for placed.Load() < 10 {
		time.Sleep(5 * time.Millisecond)
	}
	b, err := e.a.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	atBackup := placed.Load()
	for placed.Load() < atBackup+10 {
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	inBackup := b.ParsedManifest().RowCounts["orders"]
	t.Logf("%d orders in the backup; %d placed in all", inBackup, placed.Load())
	if inBackup < 10 || inBackup >= placed.Load() {
		t.Fatalf("%d orders in the backup of %d: not taken while orders were placed", inBackup, placed.Load())
	}

	// Restore into another, empty installation.
	cfg := e.a.cfg
	cfg.DatabaseURL, cfg.DataDir = dbtest.URL(t), t.TempDir()
	rep, err := Restore(ctx, cfg, slog.New(slog.DiscardHandler), backup.RestoreOptions{Archive: filepath.Join(e.a.Backups.Dir(), b.FileName)})
	if err != nil || rep.Mismatch != "" {
		t.Fatalf("restore: %v %q", err, rep.Mismatch)
	}
	d, err := db.Open(ctx, db.Options{URL: cfg.DatabaseURL})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var orders, broken, reservedDiff int64
	q := func(sql string, dst *int64) {
		t.Helper()
		if err := d.SQL.QueryRow(sql).Scan(dst); err != nil {
			t.Fatal(err)
		}
	}
	q("SELECT count(*) FROM orders", &orders)
	q(`SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.line_no = 3)
		OR NOT EXISTS (SELECT 1 FROM order_events v WHERE v.order_id = o.id)`, &broken)
	q(`SELECT count(*) FROM products p WHERE p.stock_reserved <> (SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l WHERE l.product_id = p.id)`, &reservedDiff)
	if orders != inBackup || broken != 0 || reservedDiff != 0 {
		t.Fatalf("restored %d orders (backup says %d), %d without all lines or an event, %d products whose reservations do not add up", orders, inBackup, broken, reservedDiff)
	}
}

// Admins back up through the API (the job runs on the queue), see it in the list and on
// /metrics; nobody else may; a failed backup reaches every admin by email and the audit log.
func TestBackupsThroughTheAPI(t *testing.T) {
	e := newAPI(t, func(c *config.Config) { c.BackupSchedule = "0 3 * * *" })
	ctx, cancel := context.WithCancel(context.Background())
	if err := e.a.Jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		sctx, c := context.WithTimeout(context.Background(), 10*time.Second)
		defer c()
		_ = e.a.Jobs.Stop(sctx)
	})
	admin := e.login("admin@oms.example.com")
	for who, token := range map[string]string{"sales": e.login("sales@oms.example.com"), "support": e.login("support@oms.example.com"),
		"customer": e.loginAs("casey@example.com", DemoPassword), "guest": ""} {
		want := 403
		if who == "guest" {
			want = 401
		}
		for _, call := range [][2]string{{"GET", "/api/v1/admin/backups"}, {"POST", "/api/v1/admin/backups"}, {"GET", "/api/v1/admin/backups/status"}} {
			if res := e.do(call[0], call[1], token, ""); res.Code != want {
				t.Errorf("%s %s %s: %d, want %d", who, call[0], call[1], res.Code, want)
			}
		}
	}
	res := e.do("POST", "/api/v1/admin/backups", admin, "")
	if res.Code != 202 {
		t.Fatalf("back up now: %d %s", res.Code, res.Body)
	}
	var v backup.View
	res.json(&v)
	deadline := time.Now().Add(20 * time.Second)
	for v.Status != backup.StatusSucceeded && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		e.do("GET", "/api/v1/admin/backups/"+v.ID, admin, "").json(&v)
		if v.Status == backup.StatusFailed {
			t.Fatalf("backup failed: %s", v.Error)
		}
	}
	if v.Status != backup.StatusSucceeded || v.DownloadURL == nil || v.Manifest == nil || v.Manifest.RowCounts["products"] == 0 {
		t.Fatalf("backup %+v", v)
	}
	if res := e.do("GET", *v.DownloadURL, admin, ""); res.Code != 200 || int64(res.Body.Len()) != v.SizeBytes {
		t.Fatalf("download: %d, %d bytes", res.Code, res.Body.Len())
	}
	var st backup.StatusView
	e.do("GET", "/api/v1/admin/backups/status", admin, "").json(&st)
	if st.LastSuccess == nil || st.LastSuccess.ID != v.ID || st.Stale || st.Schedule == nil || *st.Schedule != "0 3 * * *" || st.NextRunAt == nil {
		t.Fatalf("status %+v", st)
	}
	metrics := e.do("GET", "/metrics", "", "").Body.String()
	if !strings.Contains(metrics, "oms_backup_stale 0") || !strings.Contains(metrics, "oms_backup_last_success_timestamp_seconds 1") {
		t.Fatalf("metrics lack the backup: %s", grepLines(metrics, "oms_backup"))
	}

	// Break the backup directory: the next backup fails, and the admins hear of it.
	dir := e.a.Backups.Dir()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := e.a.BackupNow(context.Background()); err == nil {
		t.Fatal("a backup into a file succeeded")
	}
	var m struct {
		Items []struct{ To, Subject, Body, Template string }
	}
	e.do("GET", "/api/v1/admin/messages?channel=email&to=admin@oms.example.com", admin, "").json(&m)
	if len(m.Items) == 0 || m.Items[0].Template != "backup_failed" || !strings.Contains(m.Items[0].Body, "not a directory") || !strings.Contains(m.Items[0].Body, "/admin/backups") {
		t.Fatalf("admin email: %+v", m.Items)
	}
	if res := e.do("GET", "/api/v1/admin/audit?action=backup.failed", admin, ""); !strings.Contains(res.Body.String(), `"trigger":"cli"`) {
		t.Fatalf("audit: %s", res.Body)
	}
	e.do("GET", "/api/v1/admin/backups/status", admin, "").json(&st)
	if st.LastFailure == nil || !strings.Contains(st.LastFailure.Error, "not a directory") {
		t.Fatalf("status after the failure %+v", st.LastFailure)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
