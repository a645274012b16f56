package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/db"
)

// VerifyResult is what checking one archive found.
type VerifyResult struct {
	OK        bool
	Level     string // full | checksum
	Error     string
	CheckedAt time.Time
	Parts     int
	Bytes     int64
}

// Verify reads a backup's archive end to end and records the result. Level "full": every part's
// SHA-256 against the manifest, the compression and encryption layers, and the database itself
// (SQLite: integrity_check and row counts; PostgreSQL: pg_restore reads its table of contents).
// An encrypted archive without an identity configured here gets level "checksum": the whole
// file's SHA-256 against the one recorded when it was made.
func (s *Service) Verify(ctx context.Context, id uuid.UUID) (VerifyResult, error) {
	b, rc, err := s.Open(ctx, id)
	if err != nil {
		return VerifyResult{}, err
	}
	defer rc.Close()
	res := VerifyResult{Level: "full"}
	var problem error
	if b.Encrypted && len(s.opt.Identities) == 0 {
		res.Level = "checksum"
		sum, err := hashAll(rc)
		switch {
		case err != nil:
			problem = corrupt("reading the archive: %v", err)
		case sum != b.SHA256:
			problem = corrupt("the file's SHA-256 is %s, the backup recorded %s", sum, b.SHA256)
		}
		res.Bytes = b.SizeBytes
	} else {
		var c checked
		c, problem = s.verifyFull(ctx, rc, b.SHA256)
		res.Parts, res.Bytes = len(c.Manifest.Parts), c.Size
	}
	if problem != nil && !errors.Is(problem, ErrCorrupt) && !errors.Is(problem, ErrWrongKey) {
		return res, problem // could not check (disk, database), not a verdict on the archive
	}
	res.CheckedAt = s.now()
	res.OK = problem == nil
	if problem != nil {
		res.Error = errorText(problem)
	}
	b.VerifiedAt, b.VerifyLevel, b.VerifyError = &res.CheckedAt, res.Level, res.Error
	if err := s.store.save(ctx, &b); err != nil {
		return res, err
	}
	err = s.opt.Audit.Record(ctx, nil, audit.Event{Action: "backup.verified", EntityType: "backup", EntityID: b.ID.String(),
		After: map[string]any{"ok": res.OK, "level": res.Level, "error": res.Error}})
	return res, err
}

// verifyFull streams the archive, staging only the database part to check it.
func (s *Service) verifyFull(ctx context.Context, r io.Reader, wantSHA string) (checked, error) {
	work, err := os.MkdirTemp(s.opt.Dir, ".verify-")
	if err != nil {
		return checked{}, err
	}
	defer os.RemoveAll(work)
	dbFile := filepath.Join(work, "database")
	c, err := readArchive(ctx, r, s.opt.Identities, wantSHA, func(name string, _ int64, r io.Reader) error {
		if name != pgDumpPart && name != sqlitePart {
			return nil
		}
		return writeFile(dbFile, r)
	})
	if err != nil {
		return c, err
	}
	return c, checkDatabasePart(ctx, c.Manifest, dbFile, s.opt.PGTools)
}

// checkDatabasePart opens the staged database the way a restore would.
func checkDatabasePart(ctx context.Context, m Manifest, path string, tools PGTools) error {
	if m.Dialect == string(db.Postgres) {
		p, err := tools.path("pg_restore")
		if err != nil {
			return err
		}
		if err := runTool(ctx, os.Environ(), p, "--list", "--file="+os.DevNull, path); err != nil {
			return corrupt("the database dump does not read: %v", err)
		}
		return nil
	}
	d, err := openSQLiteFile(path)
	if err != nil {
		return err
	}
	defer d.Close()
	var result string
	if err := d.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return corrupt("the database copy does not open: %v", err)
	}
	if result != "ok" {
		return corrupt("the database copy fails SQLite's integrity check: %s", result)
	}
	counts, err := countRows(ctx, d, db.SQLite)
	if err != nil {
		return corrupt("the database copy: %v", err)
	}
	if diff := compareCounts(m.RowCounts, counts); diff != "" {
		return corrupt("row counts differ from the manifest: %s", diff)
	}
	return nil
}

// compareCounts describes the differences ("" when equal).
func compareCounts(want, got map[string]int64) string {
	var diffs []string
	for _, t := range MainTables {
		w, wok := want[t]
		g, gok := got[t]
		if wok != gok || w != g {
			diffs = append(diffs, fmt.Sprintf("%s %d≠%d", t, w, g))
		}
	}
	return strings.Join(diffs, ", ")
}

func writeFile(path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func hashAll(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
