package backup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/robfig/cron/v3"

	"github.com/google/uuid"
)

// Args is the backup job: a scheduled run (no BackupID) or an admin's queued request.
type Args struct {
	BackupID *uuid.UUID `json:"backup_id,omitempty"`
}

func (Args) Kind() string { return "backup" }

// Worker runs backup jobs. River inserts periodic jobs only on its elected leader, so one replica
// schedules them; the unique slot row makes a slot run at most once even if a leadership change
// or a retry queues it twice.
type Worker struct {
	river.WorkerDefaults[Args]
	svc *Service
	log *slog.Logger
}

func NewWorker(svc *Service, log *slog.Logger) *Worker { return &Worker{svc: svc, log: log} }

// Timeout lets a large backup run for hours (the client's default is minutes).
func (w *Worker) Timeout(*river.Job[Args]) time.Duration { return workerTimeout }

// Work makes the backup. A failure is recorded and sent to the admins by Run; the job itself
// is not retried (MaxAttempts 1): the next slot, or an admin, tries again.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	req := RunRequest{Trigger: TriggerSchedule, ID: job.Args.BackupID}
	if req.ID == nil {
		slot := SlotOf(job.JobRow)
		req.Slot = &slot
	}
	_, err := w.svc.Run(ctx, req)
	if errors.Is(err, ErrSlotTaken) {
		w.log.InfoContext(ctx, "backup: slot already taken by another run", "slot", req.Slot, "id", req.ID)
		return nil
	}
	if err != nil {
		return river.JobCancel(err) // recorded and alerted; do not retry within the slot
	}
	return nil
}

// SlotOf is the schedule occurrence a periodic job was inserted for: River sets a periodic job's
// scheduled_at to the occurrence it fires for, the same on every replica.
func SlotOf(job *rivertype.JobRow) time.Time { return job.ScheduledAt.UTC().Truncate(time.Second) }

// Schedule is a parsed OMS_BACKUP_SCHEDULE: five-field cron (minute hour day month weekday, UTC
// unless it starts with CRON_TZ=Area/City) or a descriptor (@daily, @hourly, @every 6h).
type Schedule struct {
	Spec  string
	sched cron.Schedule
}

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule reads a schedule; "" or "off" means none (nil, nil).
func ParseSchedule(spec string) (*Schedule, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" || strings.EqualFold(spec, "off") {
		return nil, nil
	}
	full := spec
	if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") {
		full = "CRON_TZ=UTC " + spec
	}
	s, err := cronParser.Parse(full)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w", spec, err)
	}
	return &Schedule{Spec: spec, sched: s}, nil
}

// Next is the first occurrence after t.
func (s *Schedule) Next(t time.Time) time.Time { return s.sched.Next(t).UTC() }

// Interval estimates the time between occurrences around t (for staleness).
func (s *Schedule) Interval(t time.Time) time.Duration {
	a := s.sched.Next(t)
	return s.sched.Next(a).Sub(a)
}

// PeriodicJob schedules backups. Uniqueness by state keeps a slow backup from piling up jobs:
// while one is waiting or running, the next occurrence is skipped.
func PeriodicJob(s *Schedule) *river.PeriodicJob {
	return river.NewPeriodicJob(s, func() (river.JobArgs, *river.InsertOpts) {
		return Args{}, &river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
			rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
			rivertype.JobStateRetryable, rivertype.JobStateScheduled,
		}}}
	}, &river.PeriodicJobOpts{ID: "backup"})
}
