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
	"strconv"
	"strings"

	"filippo.io/age"

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/filestore"
)

// Target is where a restore goes: the configured database and file stores.
type Target struct {
	DatabaseURL string
	Media       filestore.Store // nil: media in the archive are not restored
	Uploads     filestore.Store
	PGTools     PGTools
	// Migrate brings the restored schema up to this binary's version and returns what it applied.
	Migrate func(ctx context.Context) ([]string, error)
	Log     *slog.Logger
}

// RestoreOptions name the archive and how to treat existing data.
type RestoreOptions struct {
	Archive    string
	Identities []age.Identity
	// Force replaces a database that already holds data; without it such a restore is refused.
	Force bool
	// WorkDir holds the staged database while it is checked (default: beside the archive).
	WorkDir string
}

// RestoreReport is what a restore did, for the operator to compare.
type RestoreReport struct {
	Manifest      Manifest
	ArchiveSHA256 string
	ArchiveBytes  int64
	Encrypted     bool
	CheckedSHA    bool             // the whole file matched its .sha256 file
	Touched       bool             // the database or files were changed (false: refused before)
	Before        map[string]int64 // rows in the target before (non-empty only with Force)
	Counts        map[string]int64 // rows after restoring, before migrations
	Mismatch      string           // differences from the manifest ("" when identical)
	MediaFiles    int
	UploadFiles   int
	Migrations    []string
}

// Restore checks the whole archive first (checksums, decryption, the database part itself) and
// only then replaces the database and writes the files back, then runs pending migrations. A
// damaged archive, a wrong key, a backup of the other dialect or of a newer schema, or a
// database with data (without Force) is refused before anything is touched.
func Restore(ctx context.Context, t Target, o RestoreOptions) (RestoreReport, error) {
	var rep RestoreReport
	log := t.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dialect := db.Postgres
	if strings.HasPrefix(t.DatabaseURL, "sqlite:") {
		dialect = db.SQLite
	}
	work := o.WorkDir
	if work == "" {
		work = filepath.Dir(o.Archive)
	}
	stage, err := os.MkdirTemp(work, ".restore-")
	if err != nil {
		return rep, fmt.Errorf("staging directory: %w", err)
	}
	defer os.RemoveAll(stage)

	// 1. Read and check everything; stage only the database.
	wantSHA := readSidecar(o.Archive)
	rep.CheckedSHA = wantSHA != ""
	dbFile := filepath.Join(stage, "database")
	c, err := readFile(ctx, o.Archive, o.Identities, wantSHA, func(name string, _ int64, r io.Reader) error {
		if name == pgDumpPart || name == sqlitePart {
			return writeFile(dbFile, r)
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	m := c.Manifest
	rep.Manifest, rep.ArchiveSHA256, rep.ArchiveBytes, rep.Encrypted = m, c.SHA256, c.Size, c.Encrypted
	if m.Dialect != string(dialect) {
		return rep, fmt.Errorf("this is a %s backup and the target database is %s: restore it into a %s database", m.Dialect, dialect, m.Dialect)
	}
	latest, err := LatestSchemaVersion(dialect)
	if err != nil {
		return rep, err
	}
	if m.SchemaVersion > latest {
		return rep, fmt.Errorf("the backup has schema version %d and this omsd knows up to %d: restore it with omsd %s or newer", m.SchemaVersion, latest, m.Version)
	}
	var pgRestore string
	if dialect == db.Postgres {
		var major int
		var full string
		if pgRestore, major, full, err = t.PGTools.version(ctx, "pg_restore"); err != nil {
			return rep, err
		}
		if dumpMajor, _ := strconv.Atoi(strings.Split(m.PGDumpVersion, ".")[0]); major < dumpMajor {
			return rep, fmt.Errorf("pg_restore %s cannot read a dump made by pg_dump %s: install client tools %d or newer", full, m.PGDumpVersion, dumpMajor)
		}
	}
	if err := checkDatabasePart(ctx, m, dbFile, t.PGTools); err != nil {
		return rep, err
	}

	// 2. Is there data to lose?
	before, err := targetCounts(ctx, dialect, t.DatabaseURL)
	if err != nil {
		return rep, fmt.Errorf("inspect the target database: %w", err)
	}
	for _, n := range before {
		if n > 0 {
			rep.Before = before
			if !o.Force {
				return rep, ErrNotEmpty
			}
			break
		}
	}

	// 3. Replace the database.
	rep.Touched = true
	log.Info("restore: replacing the database", "dialect", dialect, "backup", m.BackupID)
	if dialect == db.Postgres {
		err = restorePostgres(ctx, t.DatabaseURL, pgRestore, dbFile)
	} else {
		err = restoreSQLite(sqlitePath(t.DatabaseURL), dbFile)
	}
	if err != nil {
		return rep, fmt.Errorf("restore the database: %w", err)
	}
	_ = os.Remove(dbFile)

	// 4. Write the files back (the archive was checked; its hash is checked again on this pass).
	log.Info("restore: writing media and documents back", "media", m.MediaFiles, "documents", m.UploadFiles)
	_, err = readFile(ctx, o.Archive, o.Identities, c.SHA256, func(name string, _ int64, r io.Reader) error {
		switch {
		case strings.HasPrefix(name, mediaPrefix) && t.Media != nil:
			rep.MediaFiles++
			return t.Media.Put(ctx, strings.TrimPrefix(name, mediaPrefix), r)
		case strings.HasPrefix(name, uploadsPrefix) && t.Uploads != nil:
			rep.UploadFiles++
			return t.Uploads.Put(ctx, strings.TrimPrefix(name, uploadsPrefix), r)
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("restore the files: %w", err)
	}

	// 5. Compare, tidy what the snapshot caught mid-flight, migrate.
	if rep.Counts, err = targetCounts(ctx, dialect, t.DatabaseURL); err != nil {
		return rep, err
	}
	rep.Mismatch = compareCounts(m.RowCounts, rep.Counts)
	if err := afterRestore(ctx, dialect, t.DatabaseURL, filepath.Base(o.Archive), c); err != nil {
		return rep, err
	}
	if t.Migrate != nil {
		if rep.Migrations, err = t.Migrate(ctx); err != nil {
			return rep, fmt.Errorf("migrate the restored database: %w", err)
		}
	}
	return rep, nil
}

func readFile(ctx context.Context, path string, ids []age.Identity, wantSHA string, visit visitor) (checked, error) {
	f, err := os.Open(path)
	if err != nil {
		return checked{}, err
	}
	defer f.Close()
	return readArchive(ctx, f, ids, wantSHA, visit)
}

func openTarget(dialect db.Dialect, databaseURL string) (*sql.DB, error) {
	if dialect == db.Postgres {
		return sql.Open("pgx", databaseURL)
	}
	// The same time layout as the application's connections (platform/db).
	return sql.Open("sqlite", sqlitePath(databaseURL)+"?_pragma=busy_timeout(5000)&_time_format=sqlite")
}

// targetCounts counts the main tables of the target (an absent SQLite file is empty).
func targetCounts(ctx context.Context, dialect db.Dialect, databaseURL string) (map[string]int64, error) {
	if dialect == db.SQLite {
		if _, err := os.Stat(sqlitePath(databaseURL)); errors.Is(err, os.ErrNotExist) {
			return map[string]int64{}, nil
		}
	}
	d, err := openTarget(dialect, databaseURL)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return countRows(ctx, d, dialect)
}

// restorePostgres empties the public schema and loads the dump in one transaction.
func restorePostgres(ctx context.Context, databaseURL, pgRestore, dump string) error {
	d, err := sql.Open("pgx", databaseURL)
	if err != nil {
		return err
	}
	defer d.Close()
	if _, err := d.ExecContext(ctx, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"); err != nil {
		return fmt.Errorf("empty the public schema (the database user must own it): %w", err)
	}
	connURL, env, err := pgConnection(databaseURL)
	if err != nil {
		return err
	}
	return runTool(ctx, env, pgRestore, "--dbname="+connURL, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", dump)
}

// restoreSQLite puts the database file in place. The old file's WAL and shared-memory files go
// first: a stale WAL replayed onto the new file would corrupt it. No process may have the
// database open.
func restoreSQLite(path, staged string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	tmp := path + ".restoring"
	_ = os.Remove(tmp)
	if err := copyFile(staged, tmp); err != nil {
		return err
	}
	for _, p := range []string{path + "-wal", path + "-shm", path + "-journal", path} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// afterRestore settles the backups table as the snapshot caught it: the backup being restored
// was still "running" in its own snapshot, and so was anything else queued or running then. Its
// unfinished backup jobs are dropped so no replica resumes them.
func afterRestore(ctx context.Context, dialect db.Dialect, databaseURL, file string, c checked) error {
	d, err := openTarget(dialect, databaseURL)
	if err != nil {
		return err
	}
	defer d.Close()
	ok, err := tableExists(ctx, d, dialect, "backups")
	if err != nil || !ok {
		return err
	}
	q := func(s string) string {
		if dialect != db.Postgres {
			return s
		}
		for i := 1; strings.Contains(s, "?"); i++ {
			s = strings.Replace(s, "?", "$"+strconv.Itoa(i), 1)
		}
		return s
	}
	m := c.Manifest
	manifest := mustJSON(m)
	stmts := []struct {
		sql  string
		args []any
	}{
		{q("UPDATE backups SET status = 'succeeded', finished_at = ?, file_name = ?, size_bytes = ?, sha256 = ?, manifest = ?, error = '' WHERE id = ?"),
			[]any{m.CreatedAt.UTC(), file, c.Size, c.SHA256, manifest, m.BackupID.String()}},
		{q("UPDATE backups SET status = 'failed', finished_at = ?, error = 'interrupted: the database was restored from a backup taken while this ran' WHERE status IN ('queued', 'running')"),
			[]any{m.CreatedAt.UTC()}},
	}
	for _, s := range stmts {
		if _, err := d.ExecContext(ctx, s.sql, s.args...); err != nil {
			return fmt.Errorf("settle backups after restore: %w", err)
		}
	}
	if ok, _ := tableExists(ctx, d, dialect, "river_job"); ok {
		if _, err := d.ExecContext(ctx, "DELETE FROM river_job WHERE kind = 'backup' AND state NOT IN ('completed', 'cancelled', 'discarded')"); err != nil {
			return fmt.Errorf("drop interrupted backup jobs: %w", err)
		}
	}
	return nil
}
