package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/filestore"
	"github.com/openoms/oms/api/internal/platform/filestore/fakes3"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestBackupHoldsTheDatabaseTheFilesAndAManifest(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	b := f.run(TriggerCLI)
	raw := mustRead(t, f.archive(b))
	if b.Status != StatusSucceeded || b.SizeBytes != int64(len(raw)) || b.SHA256 != sha(raw) || b.VerifyLevel != "full" || b.VerifiedAt == nil {
		t.Fatalf("row %+v", b)
	}
	if side := string(mustRead(t, f.archive(b)+".sha256")); side != b.SHA256+"  "+b.FileName+"\n" {
		t.Fatalf(".sha256 file %q", side)
	}
	if !strings.HasPrefix(b.FileName, "oms-backup-20261125T030000Z-") || !strings.HasSuffix(b.FileName, ".tar.gz") {
		t.Fatalf("file name %s", b.FileName)
	}
	m := b.ParsedManifest()
	latest, _ := LatestSchemaVersion(f.d.Dialect)
	if m.Format != 1 || m.BackupID != b.ID || m.Dialect != string(f.d.Dialect) || m.SchemaVersion != latest || m.Version != "test" || m.Commit != "abc" {
		t.Fatalf("manifest %+v", m)
	}
	if m.RowCounts["staff_users"] != 3 || m.RowCounts["categories"] != 3 || m.RowCounts["audit_log"] != 3 || m.RowCounts["orders"] != 0 || len(m.RowCounts) != len(MainTables) {
		t.Fatalf("row counts %v", m.RowCounts)
	}
	if m.MediaFiles != 3 || m.UploadFiles != 3 || len(m.Parts) != 7 || m.DatabaseBytes == 0 {
		t.Fatalf("files %d/%d, parts %d", m.MediaFiles, m.UploadFiles, len(m.Parts))
	}
	if f.d.Dialect == db.Postgres && (m.PGDumpVersion == "" || m.Parts[0].Name != pgDumpPart) {
		t.Fatalf("postgres part %+v, pg_dump %q", m.Parts[0], m.PGDumpVersion)
	}
	// What the archive holds is what the stores hold, byte for byte.
	want := map[string]string{}
	for k, v := range files(t, f.media) {
		want[mediaPrefix+k] = v
	}
	for k, v := range files(t, f.uploads) {
		want[uploadsPrefix+k] = v
	}
	got := map[string]string{}
	if _, err := readArchive(bg, bytes.NewReader(raw), nil, b.SHA256, func(name string, _ int64, r io.Reader) error {
		if name != pgDumpPart && name != sqlitePart {
			body, err := io.ReadAll(r)
			got[name] = string(body)
			return err
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("archive files %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s differs in the archive", k)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(f.dir, ".*")); len(left) > 0 {
		t.Fatalf("work files left: %v", left)
	}
	if res, err := f.svc.Verify(bg, b.ID); err != nil || !res.OK || res.Level != "full" || res.Parts != 7 {
		t.Fatalf("verify %+v %v", res, err)
	}
}

func TestOffsiteCopies(t *testing.T) {
	t.Parallel()
	o := fakes3.Start(t, "oms-backups")
	o.Prefix = "backups/prod"
	s3, err := filestore.NewS3(o)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, func(opt *Options) { opt.Offsite = s3; opt.Retention = Retention{Daily: 1} })
	first := f.run(TriggerSchedule)
	if first.OffsiteKey == nil || *first.OffsiteKey != first.FileName || first.OffsiteError != "" {
		t.Fatalf("off-site %v %q", first.OffsiteKey, first.OffsiteError)
	}
	remote := files(t, s3)
	if remote[first.FileName] != string(mustRead(t, f.archive(first))) || !strings.HasPrefix(remote[first.FileName+".sha256"], first.SHA256) {
		t.Fatalf("remote copy differs: %d keys", len(remote))
	}
	// Download falls back to the off-site copy when the local file is gone.
	if err := os.Remove(f.archive(first)); err != nil {
		t.Fatal(err)
	}
	_, rc, err := f.svc.Open(bg, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(rc)
	rc.Close()
	if sha(body) != first.SHA256 {
		t.Fatal("off-site download differs")
	}
	if res, err := f.svc.Verify(bg, first.ID); err != nil || !res.OK {
		t.Fatalf("verify from off-site: %+v %v", res, err)
	}

	// A failing off-site copy keeps the local backup, alerts, and is retried after the next backup.
	f.svc.opt.Offsite = unreachable{s3}
	f.clock.Set(f.clock.Now().Add(24 * time.Hour))
	second := f.run(TriggerSchedule)
	if second.Status != StatusSucceeded || second.OffsiteKey != nil || second.OffsiteError == "" {
		t.Fatalf("second: %s %v %q", second.Status, second.OffsiteKey, second.OffsiteError)
	}
	if acts := f.audit.actions(); acts[len(acts)-1] != "backup.offsite_failed" || len(f.audit.emails) != 2 {
		t.Fatalf("audit %v, emails %d", acts, len(f.audit.emails))
	}
	if rep, _ := f.svc.Status(bg); rep.LastFailure == nil || rep.LastFailure.ID != second.ID {
		t.Fatalf("status does not report the off-site failure: %+v", rep.LastFailure)
	}
	f.svc.opt.Offsite = s3
	f.clock.Set(f.clock.Now().Add(time.Hour)) // same day: daily retention keeps only the newest
	third := f.run(TriggerSchedule)
	remote = files(t, s3)
	if _, ok := remote[third.FileName]; !ok {
		t.Fatal("third backup not copied")
	}
	if _, ok := remote[first.FileName]; ok {
		t.Fatal("pruned backup still off-site")
	}
	if _, ok := remote[second.FileName]; ok {
		t.Fatal("second backup (pruned) still off-site")
	}
}

// unreachable is an off-site store that refuses every write (its server is down).
type unreachable struct{ filestore.Store }

func (unreachable) Put(context.Context, string, io.Reader) error {
	return errors.New("dial tcp 198.51.100.1:443: connect: connection refused")
}

func TestAFailedBackupIsRecordedAuditedAndSentToTheAdmins(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	want := "copy the SQLite database"
	if f.d.Dialect == db.Postgres {
		f.svc.opt.PGTools = PGTools{BinDir: filepath.Join(t.TempDir(), "no-such-dir")}
		want = "pg_dump not found"
	} else {
		f.svc.opt.DatabaseURL = "sqlite:" + blocker + "/x.db" // a file cannot hold a directory
		want = "not a directory"
	}
	b, err := f.svc.Run(bg, RunRequest{Trigger: TriggerSchedule})
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err %v, want %q", err, want)
	}
	got, gerr := f.svc.Get(bg, b.ID)
	if gerr != nil || got.Status != StatusFailed || !strings.Contains(got.Error, want) || got.FinishedAt == nil {
		t.Fatalf("row %+v %v", got, gerr)
	}
	if f.d.Dialect == db.Postgres && !strings.Contains(got.Error, "OMS_BACKUP_PG_BIN_DIR") {
		t.Fatalf("the error does not say how to fix it: %s", got.Error)
	}
	if acts := f.audit.actions(); len(acts) != 1 || acts[0] != "backup.failed" {
		t.Fatalf("audit %v", acts)
	}
	if len(f.audit.emails) != 2 {
		t.Fatalf("emails %+v", f.audit.emails)
	}
	for i, to := range []string{"boss@example.com", "ops@example.com"} {
		e := f.audit.emails[i]
		d, _ := e.Data.(notify.BackupFailedData)
		if e.To != to || e.Channel != notify.ChannelEmail || e.Template != notify.TplBackupFailed || !e.System ||
			!strings.Contains(d.Error, want) || d.Link != "https://shop.example.com/admin/backups" || e.RelatedID != b.ID.String() {
			t.Fatalf("email %d: %+v", i, e)
		}
	}
	if entries, _ := os.ReadDir(f.dir); len(entries) != 0 {
		t.Fatalf("a failed backup left files: %v", entries)
	}
	rep, err := f.svc.Status(bg)
	if err != nil || rep.LastFailure == nil || rep.LastFailure.ID != b.ID || rep.LastSuccess != nil || !rep.Stale {
		t.Fatalf("status %+v %v", rep, err)
	}
}

func TestPGDumpOlderThanTheServerIsRefused(t *testing.T) {
	t.Parallel()
	if dbtest.Dialect() != db.Postgres {
		t.Skip("PostgreSQL only")
	}
	bin := t.TempDir()
	script := "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n"
	if err := os.WriteFile(filepath.Join(bin, "pg_dump"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, func(o *Options) { o.PGTools = PGTools{BinDir: bin} })
	_, err := f.svc.Run(bg, RunRequest{Trigger: TriggerCLI})
	if err == nil || !strings.Contains(err.Error(), "pg_dump 9.6 cannot dump a PostgreSQL 15 server") {
		t.Fatalf("err %v", err)
	}
}

func TestRequestQueuesOneBackupAtATime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	admin := uuid.New()
	q, err := f.svc.Request(bg, &admin)
	if err != nil || q.Status != StatusQueued || *q.RequestedBy != admin {
		t.Fatalf("request %+v %v", q, err)
	}
	if _, err := f.svc.Request(bg, &admin); !errors.Is(err, ErrBusy) {
		t.Fatalf("second request: %v", err)
	}
	b, err := f.svc.Run(bg, RunRequest{Trigger: TriggerManual, ID: &q.ID})
	if err != nil || b.ID != q.ID || b.Status != StatusSucceeded || b.Trigger != TriggerManual {
		t.Fatalf("run %+v %v", b, err)
	}
	if _, err := f.svc.Run(bg, RunRequest{Trigger: TriggerManual, ID: &q.ID}); !errors.Is(err, ErrSlotTaken) {
		t.Fatalf("a second worker took the same request: %v", err)
	}
	if acts := f.audit.actions(); len(acts) != 1 || acts[0] != "backup.requested" {
		t.Fatalf("audit %v", acts)
	}
	// A row left running by a process that died blocks requests only until its heartbeat is stale.
	old := f.clock.Now().Add(-10 * time.Minute)
	beat := f.clock.Now().Add(-time.Minute)
	stuck := Backup{ID: uuid.Must(uuid.NewV7()), Trigger: TriggerSchedule, Status: StatusRunning, CreatedAt: old, StartedAt: &old, HeartbeatAt: &beat}
	if err := f.svc.store.insert(bg, nil, &stuck); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Request(bg, &admin); !errors.Is(err, ErrBusy) {
		t.Fatalf("request while a backup beats: %v", err)
	}
	f.clock.Set(f.clock.Now().Add(3 * time.Minute))
	if _, err := f.svc.Request(bg, &admin); err != nil {
		t.Fatalf("request after an abandoned run: %v", err)
	}
	if got, _ := f.svc.Get(bg, stuck.ID); got.Status != StatusFailed || !strings.Contains(got.Error, "abandoned") {
		t.Fatalf("abandoned row %+v", got)
	}
}

func TestStatusAndMetrics(t *testing.T) {
	t.Parallel()
	sched, err := ParseSchedule("0 3 * * *")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, func(o *Options) { o.Schedule = sched })
	gather := func() map[string]float64 {
		reg := prometheus.NewRegistry()
		reg.MustRegister(NewCollector(f.svc))
		mfs, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, mf := range mfs {
			out[mf.GetName()] = value(mf.GetMetric()[0])
		}
		return out
	}
	m := gather()
	if m["oms_backup_last_success_timestamp_seconds"] != 0 || m["oms_backup_stale"] != 1 || m["oms_backup_last_success_age_seconds"] < 1e300 {
		t.Fatalf("before any backup: %v", m)
	}
	b := f.run(TriggerSchedule)
	f.clock.Set(f.clock.Now().Add(90 * time.Minute))
	m = gather()
	if m["oms_backup_last_success_timestamp_seconds"] != float64(b.FinishedAt.Unix()) || m["oms_backup_last_success_age_seconds"] != 5400 ||
		m["oms_backup_stale"] != 0 || m["oms_backup_last_success_size_bytes"] != float64(b.SizeBytes) || m["oms_backup_running"] != 0 {
		t.Fatalf("after a backup: %v", m)
	}
	rep, err := f.svc.Status(bg)
	if err != nil || rep.Schedule != "0 3 * * *" || !rep.NextRun.Equal(time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)) || rep.Stale {
		t.Fatalf("status %+v %v", rep, err)
	}
	f.clock.Set(f.clock.Now().Add(49 * time.Hour))
	if rep, _ := f.svc.Status(bg); !rep.Stale {
		t.Fatal("not stale two days after the last backup of a daily schedule")
	}
}

func value(m *dto.Metric) float64 {
	if g := m.GetGauge(); g != nil {
		return g.GetValue()
	}
	return m.GetCounter().GetValue()
}

func TestParseSchedule(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		spec string
		next string // RFC 3339; "" means no schedule; "error" a parse error
	}{
		{"0 3 * * *", "2026-11-26T03:00:00Z"},
		{"@daily", "2026-11-26T00:00:00Z"},
		{"@every 6h", "2026-11-25T16:00:00Z"},
		{"30 */4 * * 1-5", "2026-11-25T12:30:00Z"},
		{"CRON_TZ=Europe/Berlin 0 3 * * *", "2026-11-26T02:00:00Z"},
		{"off", ""},
		{"", ""},
		{"every day", "error"},
		{"61 * * * *", "error"},
	} {
		s, err := ParseSchedule(tc.spec)
		switch {
		case tc.next == "error":
			if err == nil {
				t.Errorf("%q parsed", tc.spec)
			}
		case tc.next == "":
			if s != nil || err != nil {
				t.Errorf("%q: %v %v", tc.spec, s, err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.spec, err)
		case s.Next(at).Format(time.RFC3339) != tc.next:
			t.Errorf("%q: next %s, want %s", tc.spec, s.Next(at).Format(time.RFC3339), tc.next)
		}
	}
}
