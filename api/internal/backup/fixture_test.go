package backup

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/filestore"
	"github.com/openoms/oms/api/internal/platform/jobs"
)

var bg = context.Background()

// fixture is a migrated database with a few rows, media and documents, and a backup service
// whose audit log and admin emails are recorded in memory.
type fixture struct {
	t       *testing.T
	url     string
	d       *db.DB
	dir     string
	media   *filestore.Local
	uploads *filestore.Local
	audit   *recorder
	svc     *Service
	clock   *testClock
}

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// recorder stands in for the audit log and the notify outbox.
type recorder struct {
	mu     sync.Mutex
	events []audit.Event
	emails []notify.Request
}

func (r *recorder) Record(_ context.Context, _ *gorm.DB, ev audit.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	return nil
}

func (r *recorder) Enqueue(_ context.Context, _ *gorm.DB, req notify.Request) (notify.Message, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.emails = append(r.emails, req)
	return notify.Message{}, nil
}

func (r *recorder) actions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Action)
	}
	return out
}

// noJobs accepts queued jobs without a queue (tests run them with Run).
type noJobs struct{}

func (noJobs) InsertTx(context.Context, *sql.Tx, river.JobArgs, *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	return &rivertype.JobInsertResult{}, nil
}

// TestMain removes the migrated SQLite template the tests copy.
func TestMain(m *testing.M) {
	code := m.Run()
	if template.dir != "" {
		_ = os.RemoveAll(template.dir)
	}
	os.Exit(code)
}

// template is one migrated SQLite database, copied for each test: migrating a new file takes
// most of a test's time under the race detector (pure-Go SQLite).
var template struct {
	once sync.Once
	dir  string
	file string
	err  error
}

// migratedURL returns a fresh database with every migration applied.
func migratedURL(t *testing.T) string {
	t.Helper()
	url := dbtest.URL(t)
	if dbtest.Dialect() != db.SQLite {
		d := openMigrated(t, url)
		_ = d.Close()
		return url
	}
	template.once.Do(func() {
		if template.dir, template.err = os.MkdirTemp("", "backup-test-"); template.err != nil {
			return
		}
		template.file = filepath.Join(template.dir, "template.db")
		d, err := db.Open(bg, db.Options{URL: "sqlite:" + template.file})
		if err != nil {
			template.err = err
			return
		}
		defer d.Close()
		if _, template.err = d.MigrateUp(bg); template.err == nil {
			_, template.err = jobs.MigrateUp(bg, d)
		}
		if template.err == nil {
			_, template.err = d.SQL.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
	})
	if template.err != nil {
		t.Fatal(template.err)
	}
	if err := copyFile(template.file, strings.TrimPrefix(url, "sqlite:")); err != nil {
		t.Fatal(err)
	}
	return url
}

func openMigrated(t *testing.T, url string) *db.DB {
	t.Helper()
	d, err := db.Open(bg, db.Options{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if _, err := d.MigrateUp(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := jobs.MigrateUp(bg, d); err != nil {
		t.Fatal(err)
	}
	return d
}

func newFixture(t *testing.T, tweak ...func(*Options)) *fixture {
	t.Helper()
	f := &fixture{t: t, url: migratedURL(t), dir: filepath.Join(t.TempDir(), "backups"), audit: &recorder{},
		clock: &testClock{now: time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)}}
	f.d = openMigrated(t, f.url)
	var err error
	if f.media, err = filestore.NewLocal(filepath.Join(t.TempDir(), "media")); err != nil {
		t.Fatal(err)
	}
	if f.uploads, err = filestore.NewLocal(filepath.Join(t.TempDir(), "uploads")); err != nil {
		t.Fatal(err)
	}
	f.seed(3)
	opt := Options{DB: f.d, DatabaseURL: f.url, Dir: f.dir, Media: f.media, Uploads: f.uploads,
		Retention: Retention{Daily: 7, Weekly: 4, Monthly: 12}, Jobs: noJobs{}, Audit: f.audit, Notify: f.audit,
		AdminEmails: func(context.Context) ([]string, error) { return []string{"boss@example.com", "ops@example.com"}, nil },
		AdminURL:    "https://shop.example.com/admin/backups", Product: "OMS", Version: "test", Commit: "abc", Clock: f.clock.Now}
	for _, fn := range tweak {
		fn(&opt)
	}
	if f.svc, err = NewService(opt); err != nil {
		t.Fatal(err)
	}
	return f
}

// seed adds n staff users, categories and audit rows, and a media file and a document per n.
func (f *fixture) seed(n int) {
	f.t.Helper()
	now := time.Now().UTC()
	for i := range n {
		tag := strings.ReplaceAll(uuid.NewString(), "-", "")[:10]
		if err := f.d.Gorm.Exec("INSERT INTO staff_users (id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'admin', 'x', ?, ?)",
			uuid.Must(uuid.NewV7()), "u"+tag+"@example.com", "User "+tag, now, now).Error; err != nil {
			f.t.Fatal(err)
		}
		if err := f.d.Gorm.Exec("INSERT INTO categories (id, slug, name, position, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)",
			uuid.Must(uuid.NewV7()), "c-"+tag, "Category "+tag, now, now).Error; err != nil {
			f.t.Fatal(err)
		}
		if err := audit.New(f.d.Gorm, time.Now).Record(bg, nil, audit.Event{Action: "test.seed", EntityType: "test", EntityID: tag}); err != nil {
			f.t.Fatal(err)
		}
		if err := f.media.Put(bg, fmt.Sprintf("img/%s-%d.jpg", tag, i), strings.NewReader(strings.Repeat("jpeg "+tag, 100+i))); err != nil {
			f.t.Fatal(err)
		}
		if err := f.uploads.Put(bg, fmt.Sprintf("registrations/%s/doc.pdf", tag), strings.NewReader("%PDF-1.4 "+tag)); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *fixture) run(trigger Trigger) Backup {
	f.t.Helper()
	b, err := f.svc.Run(bg, RunRequest{Trigger: trigger})
	if err != nil {
		f.t.Fatalf("backup: %v", err)
	}
	return b
}

func (f *fixture) archive(b Backup) string { return filepath.Join(f.dir, b.FileName) }

// files returns every file of a store with its content.
func files(t *testing.T, s filestore.Store) map[string]string {
	t.Helper()
	list, err := s.List(bg, "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, info := range list {
		rc, err := s.Open(bg, info.Key)
		if err != nil {
			t.Fatal(err)
		}
		b, err := readAllClose(rc)
		if err != nil {
			t.Fatal(err)
		}
		out[info.Key] = string(b)
	}
	return out
}

func readAllClose(rc filestore.File) ([]byte, error) {
	defer rc.Close()
	return io.ReadAll(rc)
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
