package idempotency

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// PurgeArgs is the periodic job that removes expired keys.
type PurgeArgs struct{}

func (PurgeArgs) Kind() string { return "idempotency_purge_expired" }

// PurgeWorker works PurgeArgs jobs.
type PurgeWorker struct {
	river.WorkerDefaults[PurgeArgs]
	store *Store
	clock func() time.Time
	log   *slog.Logger
}

func NewPurgeWorker(store *Store, clock func() time.Time, log *slog.Logger) *PurgeWorker {
	return &PurgeWorker{store: store, clock: clock, log: log}
}

func (w *PurgeWorker) Work(ctx context.Context, _ *river.Job[PurgeArgs]) error {
	n, err := w.store.PurgeExpired(ctx, w.clock())
	if err != nil {
		return err
	}
	if n > 0 {
		w.log.InfoContext(ctx, "purged expired idempotency keys", "count", n)
	}
	return nil
}

// PeriodicPurge schedules the purge every interval, and once when the scheduler starts.
func PeriodicPurge(interval time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return PurgeArgs{}, nil },
		&river.PeriodicJobOpts{ID: PurgeArgs{}.Kind(), RunOnStart: true})
}
