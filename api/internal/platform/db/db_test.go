package db_test

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

func TestMigrateFromEmptyDatabase(t *testing.T) {
	d := dbtest.NewEmpty(t)
	ctx := context.Background()

	pending, err := d.HasPendingMigrations(ctx)
	if err != nil || !pending {
		t.Fatalf("empty database: pending = %v, %v; want true", pending, err)
	}
	applied, err := d.MigrateUp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	files := migrationNames(t, d.Dialect)
	if !slices.Equal(applied, files) {
		t.Fatalf("applied %v, want every file %v", applied, files)
	}
	status, err := d.MigrationStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range status {
		if !s.Applied {
			t.Errorf("%s not applied", s.Name)
		}
	}
	again, err := d.MigrateUp(ctx)
	if err != nil || len(again) != 0 {
		t.Fatalf("second run applied %v, %v; want nothing", again, err)
	}
	if pending, _ := d.HasPendingMigrations(ctx); pending {
		t.Fatal("still pending after MigrateUp")
	}
}

// Every migration exists for both dialects under the same name, so the schema cannot drift.
func TestDialectsHaveTheSameMigrationFiles(t *testing.T) {
	pg, lite := migrationNames(t, db.Postgres), migrationNames(t, db.SQLite)
	if len(pg) == 0 {
		t.Fatal("no migrations embedded")
	}
	if !slices.Equal(pg, lite) {
		t.Fatalf("postgres %v\nsqlite   %v", pg, lite)
	}
}

func TestSQLitePragmas(t *testing.T) {
	if dbtest.Dialect() != db.SQLite {
		t.Skip("SQLite-only pragmas")
	}
	d := dbtest.NewEmpty(t)
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000"} {
		var got string
		if err := d.SQL.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if strings.ToLower(got) != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func TestOpenRejectsUnknownScheme(t *testing.T) {
	if _, err := db.Open(context.Background(), db.Options{URL: "mysql://x"}); err == nil {
		t.Fatal("want error")
	}
}

func TestOpenDoesNotLeakPassword(t *testing.T) {
	_, err := db.Open(context.Background(), db.Options{URL: "postgres://u:s3cr3t-pw@127.0.0.1:1/x?sslmode=disable&connect_timeout=1"})
	if err == nil {
		t.Fatal("want connection error")
	}
	if strings.Contains(err.Error(), "s3cr3t-pw") {
		t.Fatalf("password leaked: %v", err)
	}
}

func migrationNames(t *testing.T, d db.Dialect) []string {
	t.Helper()
	files, err := db.Migrations(d)
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	return names
}
