package backup

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/jobs"
)

// instance is one more "app instance" on the fixture's database: its own connection pool,
// backup service and River client.
func (f *fixture) instance(t *testing.T, sched *Schedule) (*Service, *jobs.Client) {
	t.Helper()
	d, err := db.Open(bg, db.Options{URL: f.url})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	opt := f.svc.opt
	opt.DB = d
	svc, err := NewService(opt)
	if err != nil {
		t.Fatal(err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, NewWorker(svc, slog.New(slog.DiscardHandler)))
	var periodic []*river.PeriodicJob
	if sched != nil {
		periodic = append(periodic, PeriodicJob(sched))
	}
	c, err := jobs.NewClient(d, jobs.Options{Workers: workers, PeriodicJobs: periodic, PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return svc, c
}

func (f *fixture) scheduled(t *testing.T) []Backup {
	t.Helper()
	var rows []Backup
	if err := f.d.Gorm.Where("trigger = ?", TriggerSchedule).Order("slot").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// Two app instances on one database, each with the schedule and a worker: every slot is backed
// up exactly once (River schedules on its elected leader only; the unique slot row is the guard).
func TestScheduledBackupRunsAtMostOncePerSlotWithTwoInstances(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(o *Options) { o.Clock = time.Now; o.Retention = Retention{} })
	sched, err := ParseSchedule("@every 1s")
	if err != nil {
		t.Fatal(err)
	}
	_, a := f.instance(t, sched)
	_, b := f.instance(t, sched)
	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	for _, c := range []*jobs.Client{a, b} {
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(15 * time.Second)
	for len(f.scheduled(t)) < 3 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	stopCtx, stop := context.WithTimeout(bg, 20*time.Second)
	defer stop()
	for _, c := range []*jobs.Client{a, b} {
		if err := c.Stop(stopCtx); err != nil {
			t.Fatal(err)
		}
	}
	rows := f.scheduled(t)
	if len(rows) < 3 {
		t.Fatalf("%d scheduled backups in 15 s of a 1 s schedule", len(rows))
	}
	slots := map[time.Time]bool{}
	for _, r := range rows {
		if r.Slot == nil || slots[*r.Slot] {
			t.Fatalf("slot %v backed up twice or missing", r.Slot)
		}
		slots[*r.Slot] = true
		if r.Status != StatusSucceeded {
			t.Fatalf("backup of slot %v: %s %s", r.Slot, r.Status, r.Error)
		}
		if _, err := os.Stat(f.archive(r)); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(f.dir)
	if len(entries) != 2*len(rows) { // archive + .sha256 each
		t.Fatalf("%d files for %d backups", len(entries), len(rows))
	}
}

// The same slot handed to both instances' workers at once (a leadership change, a duplicate
// job) makes one backup; the loser finishes its job quietly.
func TestOneSlotTwoWorkersOneBackup(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(o *Options) { o.Retention = Retention{} })
	svcA, _ := f.instance(t, nil)
	svcB, _ := f.instance(t, nil)
	slot := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i, svc := range []*Service{svcA, svcB, svcA, svcB} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			job := &river.Job[Args]{JobRow: &rivertype.JobRow{ScheduledAt: slot.Add(time.Duration(i) * time.Millisecond)}}
			errs[i] = NewWorker(svc, slog.New(slog.DiscardHandler)).Work(bg, job)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
	}
	rows := f.scheduled(t)
	if len(rows) != 1 || !rows[0].Slot.Equal(slot) || rows[0].Status != StatusSucceeded {
		t.Fatalf("rows %+v", rows)
	}
	if entries, _ := os.ReadDir(f.dir); len(entries) != 2 {
		t.Fatalf("%d files", len(entries))
	}
}
