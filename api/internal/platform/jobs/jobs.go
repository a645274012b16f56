// Package jobs runs the background job queue (River) on the same database as the business data,
// so a job is inserted in the same transaction as the change that caused it. One client type,
// river.Client[*sql.Tx], serves both dialects through River's database/sql drivers.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/openoms/oms/api/internal/platform/db"
)

// Client is the job queue client used by every domain.
type Client = river.Client[*sql.Tx]

func driver(d *db.DB) riverdriver.Driver[*sql.Tx] {
	if d.Dialect == db.SQLite {
		return riversqlite.New(d.SQL)
	}
	return riverdatabasesql.New(d.SQL)
}

func migrator(d *db.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	m, err := rivermigrate.New(driver(d), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("river migrator: %w", err)
	}
	return m, nil
}

// MigrateUp applies River's own schema migrations and returns the versions it applied.
func MigrateUp(ctx context.Context, d *db.DB) ([]string, error) {
	m, err := migrator(d)
	if err != nil {
		return nil, err
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("migrate river schema: %w", err)
	}
	names := make([]string, 0, len(res.Versions))
	for _, v := range res.Versions {
		names = append(names, fmt.Sprintf("river %03d %s", v.Version, v.Name))
	}
	return names, nil
}

// MigrationState is one River schema version and whether it is applied.
type MigrationState struct {
	Version int
	Name    string
	Applied bool
}

// MigrationStatus lists River's schema versions and which are applied.
func MigrationStatus(ctx context.Context, d *db.DB) ([]MigrationState, error) {
	m, err := migrator(d)
	if err != nil {
		return nil, err
	}
	existing, err := m.ExistingVersions(ctx)
	if err != nil {
		return nil, fmt.Errorf("river migration status: %w", err)
	}
	applied := make(map[int]bool, len(existing))
	for _, e := range existing {
		applied[e.Version] = true
	}
	all := m.AllVersions()
	out := make([]MigrationState, 0, len(all))
	for _, v := range all {
		out = append(out, MigrationState{Version: v.Version, Name: v.Name, Applied: applied[v.Version]})
	}
	return out, nil
}

// HasPendingMigrations reports whether River's schema is behind this binary.
func HasPendingMigrations(ctx context.Context, d *db.DB) (bool, error) {
	st, err := MigrationStatus(ctx, d)
	if err != nil {
		return false, err
	}
	for _, s := range st {
		if !s.Applied {
			return true, nil
		}
	}
	return false, nil
}

// Options configure the client. Workers and periodic jobs are registered by the composition root.
type Options struct {
	Workers      *river.Workers
	PeriodicJobs []*river.PeriodicJob
	Logger       *slog.Logger
	// PollInterval is how often workers look for new jobs; the database/sql drivers have no
	// LISTEN/NOTIFY, so this bounds pickup latency.
	PollInterval time.Duration
	// MaxWorkers per process on the default queue.
	MaxWorkers int
}

// NewClient builds a job client that can both insert and work jobs.
func NewClient(d *db.DB, opts Options) (*Client, error) {
	if opts.PollInterval < 100*time.Millisecond {
		opts.PollInterval = time.Second
	}
	if opts.MaxWorkers == 0 {
		opts.MaxWorkers = 10
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	c, err := river.NewClient(driver(d), &river.Config{
		Workers:           opts.Workers,
		PeriodicJobs:      opts.PeriodicJobs,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.MaxWorkers}},
		Logger:            opts.Logger,
		PollOnly:          true,
		FetchPollInterval: opts.PollInterval,
		FetchCooldown:     opts.PollInterval / 2,
		JobTimeout:        5 * time.Minute,
		SoftStopTimeout:   20 * time.Second,
	})
	if err != nil {
		return nil, fmt.Errorf("job client: %w", err)
	}
	return c, nil
}
