package backup

import (
	"context"
	"math"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Report is the state of backups for the dashboard and /metrics. It is read from the database,
// so every replica reports the same, whichever one ran the backup.
type Report struct {
	LastSuccess *Backup
	// LastFailure is the newest failed backup, or the newest whose off-site copy failed.
	LastFailure *Backup
	Active      []Backup // queued or running
	Schedule    string   // "" when there is none
	NextRun     *time.Time
	// Stale: no successful backup within two schedule intervals (a day without a schedule).
	Stale     bool
	Dir       string
	Offsite   bool
	Encrypted bool
	Retention Retention
}

// Status reports the last success and failure, what runs now and when the next run is due.
func (s *Service) Status(ctx context.Context) (Report, error) {
	now := s.now()
	r := Report{Dir: s.opt.Dir, Offsite: s.opt.Offsite != nil, Encrypted: s.Encrypted(), Retention: s.opt.Retention}
	ok, found, err := s.store.last(ctx, StatusSucceeded)
	if err != nil {
		return r, err
	}
	if found {
		r.LastSuccess = &ok
	}
	failed, found, err := s.store.last(ctx, StatusFailed)
	if err != nil {
		return r, err
	}
	if found {
		r.LastFailure = &failed
	}
	offsite, found, err := s.store.lastOffsiteFailure(ctx)
	if err != nil {
		return r, err
	}
	if found && (r.LastFailure == nil || offsite.FinishedAt.After(*r.LastFailure.FinishedAt)) {
		r.LastFailure = &offsite
	}
	if r.Active, err = s.store.active(ctx, nil); err != nil {
		return r, err
	}
	maxAge := 24 * time.Hour
	if sch := s.opt.Schedule; sch != nil {
		next := sch.Next(now)
		r.Schedule, r.NextRun = sch.Spec, &next
		maxAge = 2 * sch.Interval(now)
	}
	r.Stale = r.LastSuccess == nil || now.Sub(*r.LastSuccess.FinishedAt) > maxAge
	return r, nil
}

// Collector exposes the backup state on /metrics. It reads the database at most every 15 s, so
// frequent scrapes cost nothing.
type Collector struct {
	svc *Service
	mu  sync.Mutex
	at  time.Time
	rep Report
	err error

	lastSuccess, lastSuccessAge, lastFailure, lastSize, lastDuration, running, stale *prometheus.Desc
}

func NewCollector(svc *Service) *Collector {
	d := func(name, help string) *prometheus.Desc { return prometheus.NewDesc(name, help, nil, nil) }
	return &Collector{svc: svc,
		lastSuccess:    d("oms_backup_last_success_timestamp_seconds", "When the newest successful backup finished (Unix time; 0: never)."),
		lastSuccessAge: d("oms_backup_last_success_age_seconds", "Age of the newest successful backup (+Inf: none). Alert when above the schedule interval."),
		lastFailure:    d("oms_backup_last_failure_timestamp_seconds", "When the newest failed backup (or off-site copy) finished (Unix time; 0: never)."),
		lastSize:       d("oms_backup_last_success_size_bytes", "Size of the newest successful backup archive."),
		lastDuration:   d("oms_backup_last_success_duration_seconds", "How long the newest successful backup took."),
		running:        d("oms_backup_running", "Backups queued or running now."),
		stale:          d("oms_backup_stale", "1 when no backup succeeded within two schedule intervals."),
	}
}

func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.lastSuccess, c.lastSuccessAge, c.lastFailure, c.lastSize, c.lastDuration, c.running, c.stale} {
		ch <- d
	}
}

func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	now := c.svc.now()
	if now.Sub(c.at) > 15*time.Second || c.err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c.rep, c.err = c.svc.Status(ctx)
		cancel()
		c.at = now
	}
	rep, err := c.rep, c.err
	c.mu.Unlock()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.lastSuccess, err)
		return
	}
	gauge := func(d *prometheus.Desc, v float64) { ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v) }
	if b := rep.LastSuccess; b != nil {
		gauge(c.lastSuccess, float64(b.FinishedAt.Unix()))
		gauge(c.lastSuccessAge, now.Sub(*b.FinishedAt).Seconds())
		gauge(c.lastSize, float64(b.SizeBytes))
		if b.StartedAt != nil {
			gauge(c.lastDuration, b.FinishedAt.Sub(*b.StartedAt).Seconds())
		}
	} else {
		gauge(c.lastSuccess, 0)
		gauge(c.lastSuccessAge, math.Inf(1))
	}
	if b := rep.LastFailure; b != nil {
		gauge(c.lastFailure, float64(b.FinishedAt.Unix()))
	} else {
		gauge(c.lastFailure, 0)
	}
	gauge(c.running, float64(len(rep.Active)))
	stale := 0.0
	if rep.Stale {
		stale = 1
	}
	gauge(c.stale, stale)
}
