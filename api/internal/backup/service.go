// Package backup makes consistent backups of the database and the uploaded files (on a schedule,
// on request and from the CLI), keeps them under a retention policy in a local directory and,
// optionally, off-site in S3-compatible storage, encrypts them with age when recipients are
// configured, verifies them, and restores them.
//
// An archive holds a snapshot of the database (pg_dump's custom format on PostgreSQL, VACUUM INTO
// on SQLite), every product media file and registration document, and a manifest with the
// SHA-256 of every part and the row counts of the main tables, read from the same snapshot.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/filestore"
)

// workerTimeout bounds one backup. A running backup beats every heartbeatEvery; one silent for
// staleAfter was left by a process that stopped, and so was a request queued for queuedMax.
const (
	workerTimeout  = 6 * time.Hour
	heartbeatEvery = 30 * time.Second
	staleAfter     = 3 * time.Minute
	queuedMax      = time.Hour
	// tempMax: work directories older than this were left by crashed runs.
	tempMax = workerTimeout + time.Hour
	// failedKept is how long failed attempts stay listed (the audit log keeps them for good).
	failedKept = 30 * 24 * time.Hour
)

// JobInserter queues a job in the caller's transaction (the River client).
type JobInserter interface {
	InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Auditor records what happened (the audit log).
type Auditor interface {
	Record(ctx context.Context, tx *gorm.DB, ev audit.Event) error
}

// Notifier queues a message in the caller's transaction (the notify outbox).
type Notifier interface {
	Enqueue(ctx context.Context, tx *gorm.DB, req notify.Request) (notify.Message, error)
}

// Options configure the service. DB, DatabaseURL and Dir are required.
type Options struct {
	DB          *db.DB
	DatabaseURL string
	Dir         string          // local backup directory (created 0700)
	Media       filestore.Store // product media; nil: none
	Uploads     filestore.Store // registration documents; nil: none
	Offsite     filestore.Store // off-site copies (S3); nil: none
	Recipients  []age.Recipient // encrypt to these; none: plain archives
	Identities  []age.Identity  // lets Verify read encrypted archives; optional
	Retention   Retention
	Schedule    *Schedule // for status (next run, staleness); nil: no schedule
	PGTools     PGTools
	Jobs        JobInserter
	Audit       Auditor
	Notify      Notifier
	// AdminEmails lists who hears about failures (active admins).
	AdminEmails func(ctx context.Context) ([]string, error)
	AdminURL    string // the back office's backups page, linked in failure emails
	Product     string
	Version     string
	Commit      string
	Clock       func() time.Time
	Log         *slog.Logger
}

// Service runs, lists, verifies and prunes backups.
type Service struct {
	opt   Options
	store store
}

// NewService checks the options and creates the backup directory.
func NewService(opt Options) (*Service, error) {
	if opt.DB == nil || opt.DatabaseURL == "" || opt.Dir == "" {
		return nil, errors.New("backup: DB, DatabaseURL and Dir are required")
	}
	if err := os.MkdirAll(opt.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("create backup directory %s: %w", opt.Dir, err)
	}
	if opt.Clock == nil {
		opt.Clock = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{opt: opt, store: store{db: opt.DB.Gorm}}, nil
}

func (s *Service) now() time.Time { return s.opt.Clock().UTC() }

// Dir is the local backup directory.
func (s *Service) Dir() string { return s.opt.Dir }

// Encrypted reports whether new archives are encrypted.
func (s *Service) Encrypted() bool { return len(s.opt.Recipients) > 0 }

// RunRequest says which backup to make.
type RunRequest struct {
	Trigger Trigger
	Slot    *time.Time // scheduled backups: the schedule occurrence
	ID      *uuid.UUID // a queued row to claim (requested through the API)
	// Detached makes a backup without a row (omsd backup on a schema this binary has not
	// migrated yet: the backups table may not exist).
	Detached bool
}

// Request queues a backup for a worker (an admin asked); at most one waits or runs at a time.
func (s *Service) Request(ctx context.Context, by *uuid.UUID) (Backup, error) {
	now := s.now()
	b := Backup{ID: uuid.Must(uuid.NewV7()), Trigger: TriggerManual, Status: StatusQueued, RequestedBy: by, CreatedAt: now, Encrypted: s.Encrypted()}
	err := s.opt.DB.InTx(ctx, func(tx *gorm.DB) error {
		if _, err := s.store.failAbandoned(ctx, tx, now.Add(-staleAfter), now.Add(-queuedMax), now); err != nil {
			return err
		}
		active, err := s.store.active(ctx, tx)
		if err != nil {
			return err
		}
		if len(active) > 0 {
			return ErrBusy
		}
		if err := s.store.insert(ctx, tx, &b); err != nil {
			return err
		}
		sqlTx, err := db.SQLTx(tx)
		if err != nil {
			return err
		}
		if _, err := s.opt.Jobs.InsertTx(ctx, sqlTx, Args{BackupID: &b.ID}, &river.InsertOpts{MaxAttempts: 1}); err != nil {
			return fmt.Errorf("queue backup job: %w", err)
		}
		return s.opt.Audit.Record(ctx, tx, audit.Event{Action: "backup.requested", EntityType: "backup", EntityID: b.ID.String()})
	})
	return b, err
}

// Run makes one backup now and returns its row. A failure is recorded, audited and sent to the
// admins before Run returns it.
func (s *Service) Run(ctx context.Context, req RunRequest) (Backup, error) {
	now := s.now()
	var b Backup
	switch {
	case req.ID != nil:
		ok, err := s.store.claim(ctx, *req.ID, now)
		if err != nil {
			return b, err
		}
		if !ok {
			return b, ErrSlotTaken
		}
		if b, err = s.store.get(ctx, *req.ID); err != nil {
			return b, err
		}
	default:
		b = Backup{ID: uuid.Must(uuid.NewV7()), Trigger: req.Trigger, Slot: req.Slot, Status: StatusRunning, CreatedAt: now, StartedAt: &now, HeartbeatAt: &now}
		if !req.Detached {
			if err := s.store.insert(ctx, nil, &b); err != nil {
				return b, err
			}
		}
	}
	b.Encrypted = s.Encrypted()
	if !req.Detached {
		if n, err := s.store.failAbandoned(ctx, nil, now.Add(-staleAfter), now.Add(-queuedMax), now); err != nil {
			s.opt.Log.WarnContext(ctx, "backup: could not sweep abandoned runs", "err", err)
		} else if n > 0 {
			s.opt.Log.WarnContext(ctx, "backup: marked abandoned runs as failed", "count", n)
		}
	}
	s.removeStaleTemp()
	s.opt.Log.InfoContext(ctx, "backup started", "id", b.ID, "trigger", b.Trigger)
	stopBeat := func() {}
	if !req.Detached {
		stopBeat = s.beat(ctx, b.ID)
	}
	err := s.write(ctx, &b)
	stopBeat()
	finished := s.now()
	b.FinishedAt = &finished
	if err != nil {
		b.Status, b.Error = StatusFailed, errorText(err)
		if ctx.Err() != nil {
			b.Error = "interrupted: the process was stopped during the backup (" + b.Error + ")"
		}
		s.opt.Log.ErrorContext(ctx, "backup failed", "id", b.ID, "trigger", b.Trigger, "err", err)
		if !req.Detached {
			if serr := s.store.save(context.WithoutCancel(ctx), &b); serr != nil {
				s.opt.Log.ErrorContext(ctx, "backup: could not record the failure", "err", serr)
			}
		}
		s.alert(context.WithoutCancel(ctx), b, "backup", b.Error)
		return b, err
	}
	b.Status = StatusSucceeded
	s.opt.Log.InfoContext(ctx, "backup succeeded", "id", b.ID, "file", b.FileName, "bytes", b.SizeBytes,
		"seconds", finished.Sub(*b.StartedAt).Seconds(), "offsite", b.OffsiteKey != nil)
	if req.Detached {
		return b, nil
	}
	if err := s.store.save(ctx, &b); err != nil {
		return b, err
	}
	if b.OffsiteError != "" {
		s.alert(ctx, b, "off-site copy of the backup", b.OffsiteError)
	}
	s.syncOffsite(ctx, b.ID)
	if err := s.Prune(ctx); err != nil {
		s.opt.Log.WarnContext(ctx, "backup: pruning failed", "err", err)
	}
	return b, nil
}

// beat keeps the row's heartbeat fresh until the returned stop is called.
func (s *Service) beat(ctx context.Context, id uuid.UUID) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(heartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := s.store.heartbeat(ctx, id, s.now()); err != nil {
					s.opt.Log.WarnContext(ctx, "backup: heartbeat", "id", id, "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// errorText keeps an error readable for admins: one paragraph, bounded.
func errorText(err error) string {
	msg := err.Error()
	if len(msg) > 2000 {
		msg = msg[:2000] + "…"
	}
	return msg
}

func archiveName(b Backup) string {
	id := strings.ReplaceAll(b.ID.String(), "-", "")
	name := fmt.Sprintf("oms-backup-%s-%s.tar.gz", b.StartedAt.UTC().Format("20060102T150405Z"), id[len(id)-8:])
	if b.Encrypted {
		name += ".age"
	}
	return name
}

// write makes the archive: database snapshot first, then the files (keys are immutable and a
// file is deleted only after its row, so every file the snapshot refers to is still there unless
// someone deleted it during the backup), then the manifest. The archive appears under its final
// name only when complete, checked and synced, with a .sha256 file beside it.
func (s *Service) write(ctx context.Context, b *Backup) error {
	ctx, cancel := context.WithTimeout(ctx, workerTimeout)
	defer cancel()
	if b.StartedAt == nil {
		now := s.now()
		b.StartedAt = &now
	}
	b.FileName = archiveName(*b)
	work, err := os.MkdirTemp(s.opt.Dir, ".tmp-")
	if err != nil {
		return fmt.Errorf("backup directory: %w", err)
	}
	defer os.RemoveAll(work)

	m := Manifest{Format: ManifestFormat, BackupID: b.ID, Product: s.opt.Product, Version: s.opt.Version, Commit: s.opt.Commit,
		Dialect: string(s.opt.DB.Dialect), CreatedAt: *b.StartedAt}
	dbFile, dbPartName := filepath.Join(work, "database"), sqlitePart
	var snap dbSnapshot
	if s.opt.DB.Dialect == db.Postgres {
		dbPartName, m.DatabaseFormat = pgDumpPart, "pg_dump-custom"
		snap, err = dumpPostgres(ctx, s.opt.DB.SQL, s.opt.DatabaseURL, s.opt.PGTools, dbFile)
	} else {
		m.DatabaseFormat = "sqlite"
		snap, err = dumpSQLite(ctx, s.opt.DatabaseURL, dbFile)
	}
	if err != nil {
		return fmt.Errorf("database snapshot: %w", err)
	}
	m.RowCounts, m.SchemaVersion, m.PGDumpVersion = snap.RowCounts, snap.SchemaVersion, snap.ToolVersion

	partial := filepath.Join(work, "archive")
	f, err := os.OpenFile(partial, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	aw, err := newArchiveWriter(f, s.opt.Recipients, *b.StartedAt)
	if err != nil {
		return err
	}
	if err := aw.addFile(ctx, dbPartName, dbFile); err != nil {
		return err
	}
	if st, err := os.Stat(dbFile); err == nil {
		m.DatabaseBytes = st.Size()
	}
	_ = os.Remove(dbFile) // the archive has it; free the space
	if m.MediaFiles, m.MediaBytes, err = s.addStore(ctx, aw, s.opt.Media, mediaPrefix); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	if m.UploadFiles, m.UploadBytes, err = s.addStore(ctx, aw, s.opt.Uploads, uploadsPrefix); err != nil {
		return fmt.Errorf("uploaded documents: %w", err)
	}
	size, sum, err := aw.finish(&m)
	if err != nil {
		return fmt.Errorf("write archive: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	// Read it back before calling it a backup: a full check when it can be opened here, else
	// the whole file's hash.
	if err := s.checkWritten(ctx, partial, sum); err != nil {
		return fmt.Errorf("the archive just written does not read back: %w", err)
	}
	final := filepath.Join(s.opt.Dir, b.FileName)
	if err := os.Rename(partial, final); err != nil {
		return err
	}
	if err := writeSidecar(final, sum); err != nil {
		return err
	}
	syncDir(s.opt.Dir)
	now := s.now()
	b.SizeBytes, b.SHA256 = size, sum
	b.VerifiedAt, b.VerifyError = &now, ""
	b.VerifyLevel = "full"
	if b.Encrypted && len(s.opt.Identities) == 0 {
		b.VerifyLevel = "checksum"
	}
	manifest := mustJSON(m)
	b.Manifest = &manifest
	if s.opt.Offsite != nil {
		if err := s.upload(ctx, b.FileName); err != nil {
			b.OffsiteError = errorText(err)
		} else {
			b.OffsiteKey, b.OffsiteError = &b.FileName, ""
		}
	}
	return nil
}

// addStore adds every file of a store under prefix. A file deleted between listing and reading
// is left out (its row was deleted first).
func (s *Service) addStore(ctx context.Context, aw *archiveWriter, st filestore.Store, prefix string) (int, int64, error) {
	if st == nil {
		return 0, 0, nil
	}
	files, err := st.List(ctx, "")
	if err != nil {
		return 0, 0, err
	}
	var n int
	var total int64
	for _, info := range files {
		f, err := st.Open(ctx, info.Key)
		if errors.Is(err, filestore.ErrNotFound) {
			continue
		}
		if err != nil {
			return n, total, err
		}
		err = aw.add(ctx, prefix+info.Key, info.Size, f)
		f.Close()
		if err != nil {
			return n, total, err
		}
		n++
		total += info.Size
	}
	return n, total, nil
}

func (s *Service) checkWritten(ctx context.Context, path, sum string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if s.Encrypted() && len(s.opt.Identities) == 0 {
		got, err := hashAll(f)
		if err != nil {
			return err
		}
		if got != sum {
			return corrupt("checksum mismatch right after writing")
		}
		return nil
	}
	_, err = readArchive(ctx, f, s.opt.Identities, sum, nil)
	return err
}

func writeSidecar(archive, sum string) error {
	body := sum + "  " + filepath.Base(archive) + "\n"
	tmp := archive + ".sha256.tmp"
	if err := os.WriteFile(tmp, []byte(body), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, archive+".sha256")
}

// readSidecar returns the hash in <archive>.sha256, or "" when there is none.
func readSidecar(archive string) string {
	b, err := os.ReadFile(archive + ".sha256")
	if err != nil {
		return ""
	}
	sum, _, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	if len(sum) != 64 {
		return ""
	}
	return strings.ToLower(sum)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// removeStaleTemp deletes work directories left by runs that crashed.
func (s *Service) removeStaleTemp() {
	entries, _ := os.ReadDir(s.opt.Dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".tmp-") && !strings.HasPrefix(e.Name(), ".verify-") && !strings.HasPrefix(e.Name(), ".restore-") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > tempMax {
			_ = os.RemoveAll(filepath.Join(s.opt.Dir, e.Name()))
		}
	}
}

// upload copies an archive and its .sha256 off-site.
func (s *Service) upload(ctx context.Context, name string) error {
	path := filepath.Join(s.opt.Dir, name)
	for _, p := range []string{path, path + ".sha256"} {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = s.opt.Offsite.Put(ctx, filepath.Base(p), f)
		f.Close()
		if err != nil {
			return fmt.Errorf("off-site copy: %w", err)
		}
	}
	return nil
}

// syncOffsite copies kept backups that have no off-site copy yet (an earlier upload failed).
func (s *Service) syncOffsite(ctx context.Context, skip uuid.UUID) {
	if s.opt.Offsite == nil {
		return
	}
	rows, err := s.store.succeeded(ctx)
	if err != nil {
		return
	}
	for _, b := range rows {
		if b.ID == skip || b.OffsiteKey != nil || b.FileName == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(s.opt.Dir, b.FileName)); err != nil {
			continue
		}
		if err := s.upload(ctx, b.FileName); err != nil {
			s.opt.Log.WarnContext(ctx, "backup: off-site copy still failing", "id", b.ID, "err", err)
			return
		}
		b.OffsiteKey, b.OffsiteError = &b.FileName, ""
		if err := s.store.save(ctx, &b); err != nil {
			return
		}
	}
}

// alert writes the audit row and emails every admin, in one transaction.
func (s *Service) alert(ctx context.Context, b Backup, what, reason string) {
	at := s.now()
	if b.FinishedAt != nil {
		at = *b.FinishedAt
	}
	var emails []string
	if s.opt.Notify != nil && s.opt.AdminEmails != nil {
		var err error
		if emails, err = s.opt.AdminEmails(ctx); err != nil { // before the transaction: SQLite has one connection
			s.opt.Log.ErrorContext(ctx, "backup: could not list the admins to alert", "err", err)
		}
	}
	err := s.opt.DB.InTx(ctx, func(tx *gorm.DB) error {
		if s.opt.Audit != nil {
			action := "backup.failed"
			if what != "backup" {
				action = "backup.offsite_failed"
			}
			if err := s.opt.Audit.Record(ctx, tx, audit.Event{Action: action, EntityType: "backup", EntityID: b.ID.String(),
				After: map[string]any{"trigger": b.Trigger, "error": reason}}); err != nil {
				return err
			}
		}
		for _, to := range emails {
			if _, err := s.opt.Notify.Enqueue(ctx, tx, notify.Request{Channel: notify.ChannelEmail, To: to, Template: notify.TplBackupFailed,
				Data:        notify.BackupFailedData{What: what, At: at.Format("2006-01-02 15:04 UTC"), Trigger: string(b.Trigger), Error: reason, Link: s.opt.AdminURL},
				RelatedType: "backup", RelatedID: b.ID.String(), System: true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.opt.Log.ErrorContext(ctx, "backup: could not alert the admins", "id", b.ID, "err", err)
	}
}

// List returns backups newest first.
func (s *Service) List(ctx context.Context, before *uuid.UUID, limit int) ([]Backup, error) {
	return s.store.list(ctx, before, limit)
}

// Get returns one backup.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Backup, error) { return s.store.get(ctx, id) }

// Prune applies the retention policy: archives (local and off-site) and rows of backups it does
// not keep are deleted, newest-kept first never; failed attempts are forgotten after 30 days.
func (s *Service) Prune(ctx context.Context) error {
	rows, err := s.store.succeeded(ctx)
	if err != nil {
		return err
	}
	dated := make([]Dated, 0, len(rows))
	byID := map[uuid.UUID]Backup{}
	for _, b := range rows {
		at := b.CreatedAt
		if b.StartedAt != nil {
			at = *b.StartedAt
		}
		dated = append(dated, Dated{ID: b.ID, At: at})
		byID[b.ID] = b
	}
	_, prune := s.opt.Retention.Plan(dated)
	for _, d := range prune {
		b := byID[d.ID]
		if err := s.deleteArchive(ctx, b); err != nil {
			return err
		}
		if err := s.store.delete(ctx, b.ID); err != nil {
			return err
		}
		s.opt.Log.InfoContext(ctx, "backup pruned", "id", b.ID, "file", b.FileName, "taken", d.At)
	}
	return s.store.deleteFailedBefore(ctx, s.now().Add(-failedKept))
}

func (s *Service) deleteArchive(ctx context.Context, b Backup) error {
	if b.FileName == "" {
		return nil
	}
	path := filepath.Join(s.opt.Dir, b.FileName)
	for _, p := range []string{path, path + ".sha256"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("prune %s: %w", filepath.Base(p), err)
		}
	}
	if s.opt.Offsite != nil && b.OffsiteKey != nil {
		for _, k := range []string{*b.OffsiteKey, *b.OffsiteKey + ".sha256"} {
			if err := s.opt.Offsite.Delete(ctx, k); err != nil {
				return fmt.Errorf("prune off-site %s: %w", k, err)
			}
		}
	}
	return nil
}

// Open returns a backup's archive for download: the local file, or the off-site copy when the
// local one is gone.
func (s *Service) Open(ctx context.Context, id uuid.UUID) (Backup, io.ReadSeekCloser, error) {
	b, err := s.store.get(ctx, id)
	if err != nil {
		return b, nil, err
	}
	if b.Status != StatusSucceeded || b.FileName == "" {
		return b, nil, ErrNotDownloadable
	}
	f, err := os.Open(filepath.Join(s.opt.Dir, b.FileName))
	if err == nil {
		return b, f, nil
	}
	if s.opt.Offsite != nil && b.OffsiteKey != nil {
		of, oerr := s.opt.Offsite.Open(ctx, *b.OffsiteKey)
		if oerr == nil {
			return b, of, nil
		}
		err = oerr
	}
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, filestore.ErrNotFound) {
		return b, nil, ErrNotDownloadable
	}
	return b, nil, err
}

// Audit records an admin's action on a backup (download, for example).
func (s *Service) Audit(ctx context.Context, action string, id uuid.UUID) error {
	return s.opt.Audit.Record(ctx, nil, audit.Event{Action: action, EntityType: "backup", EntityID: id.String()})
}
