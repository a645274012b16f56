// Package dbtest gives each test its own fresh, migrated database: a temporary SQLite file by
// default, or a new PostgreSQL database when OMS_TEST_POSTGRES_URL is set (CI sets it). Every
// database is dropped when the test ends, so tests can run in parallel and leave nothing behind.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for creating test databases

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/jobs"
)

// EnvPostgresURL names the variable that switches the suite to PostgreSQL. It must point at a
// server where the user may CREATE DATABASE, e.g. postgres://postgres@127.0.0.1:5432/postgres.
const EnvPostgresURL = "OMS_TEST_POSTGRES_URL"

// New returns a fresh database with every migration (the product's and River's) applied.
func New(t testing.TB) *db.DB {
	t.Helper()
	d := NewEmpty(t)
	ctx := context.Background()
	if _, err := d.MigrateUp(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if _, err := jobs.MigrateUp(ctx, d); err != nil {
		t.Fatalf("migrate river: %v", err)
	}
	return d
}

// NewEmpty returns a fresh database with no tables at all.
func NewEmpty(t testing.TB) *db.DB {
	t.Helper()
	u := URL(t)
	d, err := db.Open(context.Background(), db.Options{URL: u})
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// URL creates a fresh empty database and returns its URL (DATABASE_URL syntax), for tests that
// start the real binary or open the database themselves.
func URL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgresURL)
	if admin == "" {
		return "sqlite:" + filepath.Join(t.TempDir(), "oms.db")
	}
	return newPostgresDatabase(t, admin)
}

// Dialect reports which database the suite runs on.
func Dialect() db.Dialect {
	if os.Getenv(EnvPostgresURL) != "" {
		return db.Postgres
	}
	return db.SQLite
}

func newPostgresDatabase(t testing.TB, adminURL string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgresURL, err)
	}
	defer admin.Close()
	// Under CI the PostgreSQL suite is mandatory: a server that does not answer fails the test.
	if err := admin.PingContext(ctx); err != nil {
		t.Fatalf("%s: cannot connect to PostgreSQL: %v", EnvPostgresURL, err)
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	name := "oms_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		a, err := sql.Open("pgx", adminURL)
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer a.Close()
		if _, err := a.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(adminURL)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgresURL, err)
	}
	u.Path = "/" + name
	return u.String()
}
