package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/riverqueue/river"
)

// Purger deletes the rows of one table that expired before now and says how many it deleted.
type Purger func(ctx context.Context, now time.Time) (int64, error)

// PurgeArgs asks to purge one named target.
type PurgeArgs struct {
	Target string `json:"target"`
}

func (PurgeArgs) Kind() string { return "purge_expired" }

// PurgeWorker runs the purgers registered by name.
type PurgeWorker struct {
	river.WorkerDefaults[PurgeArgs]
	targets map[string]Purger
	clock   func() time.Time
	log     *slog.Logger
}

func NewPurgeWorker(targets map[string]Purger, clock func() time.Time, log *slog.Logger) *PurgeWorker {
	return &PurgeWorker{targets: targets, clock: clock, log: log}
}

func (w *PurgeWorker) Work(ctx context.Context, job *river.Job[PurgeArgs]) error {
	purge, ok := w.targets[job.Args.Target]
	if !ok {
		return river.JobCancel(fmt.Errorf("unknown purge target %q", job.Args.Target))
	}
	n, err := purge(ctx, w.clock())
	if err != nil {
		return fmt.Errorf("purge %s: %w", job.Args.Target, err)
	}
	if n > 0 {
		w.log.InfoContext(ctx, "purged expired rows", "target", job.Args.Target, "count", n)
	}
	return nil
}

// PeriodicPurges schedules every target every interval, and once when the scheduler starts.
func PeriodicPurges(targets map[string]Purger, interval time.Duration) []*river.PeriodicJob {
	names := make([]string, 0, len(targets))
	for name := range targets {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]*river.PeriodicJob, 0, len(names))
	for _, name := range names {
		out = append(out, river.NewPeriodicJob(river.PeriodicInterval(interval),
			func() (river.JobArgs, *river.InsertOpts) { return PurgeArgs{Target: name}, nil },
			&river.PeriodicJobOpts{ID: "purge_" + name, RunOnStart: true}))
	}
	return out
}
