package idempotency_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/idempotency"
	"github.com/openoms/oms/api/internal/platform/jobs"
)

// The periodic purge runs through the real job queue on the suite's database (SQLite, or
// PostgreSQL in CI) and removes expired keys only.
func TestPeriodicPurgeRunsThroughTheQueue(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	now := time.Now().UTC()
	rows := []idempotency.Key{
		{ID: uuid.Must(uuid.NewV7()), Scope: "c1", IdemKey: "expired-1", RequestHash: "h", CreatedAt: now.Add(-48 * time.Hour), ExpiresAt: now.Add(-24 * time.Hour)},
		{ID: uuid.Must(uuid.NewV7()), Scope: "c1", IdemKey: "expired-2", RequestHash: "h", CreatedAt: now.Add(-25 * time.Hour), ExpiresAt: now.Add(-time.Minute)},
		{ID: uuid.Must(uuid.NewV7()), Scope: "c1", IdemKey: "live", RequestHash: "h", CreatedAt: now, ExpiresAt: now.Add(24 * time.Hour)},
	}
	if err := d.Gorm.Create(&rows).Error; err != nil {
		t.Fatal(err)
	}

	targets := map[string]jobs.Purger{"idempotency_keys": idempotency.NewStore(d.Gorm).PurgeExpired}
	workers := river.NewWorkers()
	river.AddWorker(workers, jobs.NewPurgeWorker(targets, time.Now, slog.New(slog.DiscardHandler)))
	client, err := jobs.NewClient(d, jobs.Options{
		Workers:      workers,
		PeriodicJobs: jobs.PeriodicPurges(targets, time.Hour),
		PollInterval: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	completed, cancelSub := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancelSub()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = client.Stop(ctx) }()

	select {
	case ev := <-completed:
		if ev.Kind != river.EventKindJobCompleted || ev.Job.Kind != (jobs.PurgeArgs{}).Kind() {
			t.Fatalf("unexpected job event %s for %s", ev.Kind, ev.Job.Kind)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("periodic purge job did not run within 30s")
	}

	var left []idempotency.Key
	if err := d.Gorm.Order("idem_key").Find(&left).Error; err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].IdemKey != "live" {
		t.Fatalf("left %d keys %v, want only the live one", len(left), left)
	}
}

func TestPurgeExpiredInBatches(t *testing.T) {
	d := dbtest.New(t)
	now := time.Now().UTC()
	rows := make([]idempotency.Key, 0, 2500)
	for i := range 2500 {
		rows = append(rows, idempotency.Key{ID: uuid.Must(uuid.NewV7()), Scope: "s", IdemKey: uuid.NewString(), RequestHash: "h", CreatedAt: now, ExpiresAt: now.Add(-time.Duration(i+1) * time.Second)})
	}
	if err := d.Gorm.CreateInBatches(&rows, 200).Error; err != nil {
		t.Fatal(err)
	}
	n, err := idempotency.NewStore(d.Gorm).PurgeExpired(context.Background(), now)
	if err != nil || n != 2500 {
		t.Fatalf("purged %d, %v; want 2500", n, err)
	}
}
