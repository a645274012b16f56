package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrationFiles embed.FS

// Migrations returns the embedded SQL migrations of one dialect.
func Migrations(d Dialect) (fs.FS, error) {
	return fs.Sub(migrationFiles, "migrations/"+string(d))
}

// MigrationState is one migration and whether it has been applied.
type MigrationState struct {
	Version int64
	Name    string
	Applied bool
}

func (d *DB) migrator() (*goose.Provider, error) {
	files, err := Migrations(d.Dialect)
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	dialect := goose.DialectSQLite3
	if d.Dialect == Postgres {
		dialect = goose.DialectPostgres
		// Several replicas may start at once; an advisory lock lets exactly one migrate.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	// Note: never Close the provider, it would close the shared pool.
	p, err := goose.NewProvider(dialect, d.SQL, files, opts...)
	if err != nil {
		return nil, fmt.Errorf("load %s migrations: %w", d.Dialect, err)
	}
	return p, nil
}

// MigrateUp applies every pending migration and returns the names of those it applied.
func (d *DB) MigrateUp(ctx context.Context) ([]string, error) {
	p, err := d.migrator()
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate %s: %w", d.Dialect, err)
	}
	names := make([]string, 0, len(results))
	for _, r := range results {
		names = append(names, r.Source.Path)
	}
	return names, nil
}

// MigrationStatus lists every known migration with its state.
func (d *DB) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	p, err := d.migrator()
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	out := make([]MigrationState, 0, len(st))
	for _, s := range st {
		out = append(out, MigrationState{Version: s.Source.Version, Name: s.Source.Path, Applied: s.State == goose.StateApplied})
	}
	return out, nil
}

// HasPendingMigrations reports whether the schema is behind the binary.
func (d *DB) HasPendingMigrations(ctx context.Context) (bool, error) {
	p, err := d.migrator()
	if err != nil {
		return false, err
	}
	return p.HasPending(ctx)
}
