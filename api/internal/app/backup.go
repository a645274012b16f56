package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/backup"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/filestore"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/jobs"
)

// newBackups builds the backup service, registers its worker and, when a schedule is set, its
// periodic job (River inserts periodic jobs on the elected leader only: one replica at a time).
func (a *App) newBackups(workers *river.Workers, build Build) error {
	cfg := a.cfg
	sched, err := backup.ParseSchedule(cfg.BackupSchedule)
	if err != nil {
		return &config.Error{Var: "OMS_BACKUP_SCHEDULE", Msg: err.Error() + ` (want e.g. "0 3 * * *", @daily or off)`}
	}
	if sched != nil && sched.Interval(a.clock()) < time.Minute {
		return &config.Error{Var: "OMS_BACKUP_SCHEDULE", Msg: "backups at most once a minute"}
	}
	recipients, err := backup.ParseRecipients(cfg.BackupAgeRecipients)
	if err != nil {
		return &config.Error{Var: "OMS_BACKUP_AGE_RECIPIENTS", Msg: err.Error()}
	}
	ids, err := backupIdentities(cfg)
	if err != nil {
		return err
	}
	offsite, err := backupOffsite(cfg)
	if err != nil {
		return err
	}
	uploads, err := filestore.NewLocal(filepath.Join(cfg.DataDir, "uploads"))
	if err != nil {
		return err
	}
	log := a.log.With("component", "backup")
	a.Backups, err = backup.NewService(backup.Options{
		DB: a.DB, DatabaseURL: cfg.DatabaseURL, Dir: backupDir(cfg), Media: a.Media.Files(), Uploads: uploads, Offsite: offsite,
		Recipients: recipients, Identities: ids, Schedule: sched, PGTools: backup.PGTools{BinDir: cfg.BackupPGBinDir},
		Retention: backup.Retention{Daily: cfg.BackupKeepDaily, Weekly: cfg.BackupKeepWeekly, Monthly: cfg.BackupKeepMonthly},
		Jobs:      a.Jobs, Audit: a.Audit, Notify: a.Notify, AdminEmails: a.adminEmails, AdminURL: cfg.PublicURL + "/admin/backups",
		Product: ProductName, Version: build.Version, Commit: build.Commit, Clock: a.clock, Log: log,
	})
	if err != nil {
		return err
	}
	river.AddWorker(workers, backup.NewWorker(a.Backups, log))
	if sched != nil {
		a.Jobs.PeriodicJobs().Add(backup.PeriodicJob(sched))
	}
	return nil
}

// backupRoutes serves backups to admins and their state on /metrics.
func (a *App) backupRoutes(admins *httpx.Routes, reg *prometheus.Registry) {
	backup.NewHandler(a.Backups, actorID).Register(admins)
	reg.MustRegister(backup.NewCollector(a.Backups))
}

func backupDir(cfg config.Config) string {
	if cfg.BackupDir != "" {
		return cfg.BackupDir
	}
	return filepath.Join(cfg.DataDir, "backups") // config.Load sets it; a Config built in code may not
}

func backupIdentities(cfg config.Config) ([]backup.Identity, error) {
	if cfg.BackupAgeIdentity == "" {
		return nil, nil
	}
	ids, err := backup.ParseIdentities(strings.NewReader(cfg.BackupAgeIdentity))
	if err != nil {
		return nil, &config.Error{Var: "OMS_BACKUP_AGE_IDENTITY", Msg: "not an age identity (AGE-SECRET-KEY-1…)"}
	}
	return ids, nil
}

func backupOffsite(cfg config.Config) (filestore.Store, error) {
	if cfg.BackupS3Bucket == "" {
		return nil, nil
	}
	s, err := filestore.NewS3(filestore.S3Options{
		Endpoint: cfg.S3Endpoint, Region: cfg.S3Region, AccessKeyID: cfg.S3AccessKeyID, SecretAccessKey: cfg.S3SecretAccessKey,
		UseSSL: cfg.S3UseSSL, Bucket: cfg.BackupS3Bucket, Prefix: cfg.BackupS3Prefix,
	})
	if err != nil {
		return nil, &config.Error{Var: "OMS_BACKUP_S3_BUCKET", Msg: err.Error()}
	}
	return s, nil
}

// adminEmails lists the active admins, who hear about failed backups.
func (a *App) adminEmails(ctx context.Context) ([]string, error) {
	staff, err := a.Staff.ListStaff(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range staff {
		if u.Role == auth.RoleAdmin && u.DisabledAt == nil {
			out = append(out, u.Email)
		}
	}
	return out, nil
}

// BackupNow makes a backup in this process (omsd backup). On a schema this binary has not
// migrated yet, the backup is made without a row (the backups table may not exist).
func (a *App) BackupNow(ctx context.Context) (backup.Backup, error) {
	pending, err := a.DB.HasPendingMigrations(ctx)
	if err != nil {
		return backup.Backup{}, err
	}
	return a.Backups.Run(ctx, backup.RunRequest{Trigger: backup.TriggerCLI, Detached: pending})
}

// Restore restores an archive into the configured database and media stores (omsd restore),
// then migrates the schema to this binary's version and records the restore in the audit log.
// No server may use the database meanwhile.
func Restore(ctx context.Context, cfg config.Config, log *slog.Logger, o backup.RestoreOptions) (backup.RestoreReport, error) {
	media, err := mediaStore(cfg)
	if err != nil {
		return backup.RestoreReport{}, err
	}
	uploads, err := filestore.NewLocal(filepath.Join(cfg.DataDir, "uploads"))
	if err != nil {
		return backup.RestoreReport{}, err
	}
	if len(o.Identities) == 0 {
		if o.Identities, err = backupIdentities(cfg); err != nil {
			return backup.RestoreReport{}, err
		}
	}
	var migrated *db.DB
	defer func() {
		if migrated != nil {
			_ = migrated.Close()
		}
	}()
	rep, err := backup.Restore(ctx, backup.Target{
		DatabaseURL: cfg.DatabaseURL, Media: media, Uploads: uploads, PGTools: backup.PGTools{BinDir: cfg.BackupPGBinDir}, Log: log,
		Migrate: func(ctx context.Context) ([]string, error) {
			d, err := db.Open(ctx, db.Options{URL: cfg.DatabaseURL, Logger: log})
			if err != nil {
				return nil, err
			}
			migrated = d
			applied, err := d.MigrateUp(ctx)
			if err != nil {
				return applied, err
			}
			river, err := jobs.MigrateUp(ctx, d)
			return append(applied, river...), err
		},
	}, o)
	if err != nil {
		return rep, err
	}
	m := rep.Manifest
	err = audit.New(migrated.Gorm, time.Now).Record(ctx, nil, audit.Event{Action: "backup.restored", EntityType: "backup", EntityID: m.BackupID.String(),
		After: map[string]any{"archive": filepath.Base(o.Archive), "sha256": rep.ArchiveSHA256, "taken_at": m.CreatedAt, "version": m.Version, "forced": o.Force}})
	if err != nil {
		return rep, fmt.Errorf("record the restore in the audit log: %w", err)
	}
	return rep, nil
}
