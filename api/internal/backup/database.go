package backup

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for the restore session

	"github.com/openoms/oms/api/internal/platform/db"
)

// dbSnapshot is what dumping the database learned, all from the same snapshot as the dump.
type dbSnapshot struct {
	RowCounts     map[string]int64
	SchemaVersion int64
	ToolVersion   string // pg_dump's version
}

// PGTools finds pg_dump and pg_restore: in BinDir when set (e.g. /usr/lib/postgresql/16/bin),
// else on PATH.
type PGTools struct{ BinDir string }

func (t PGTools) path(name string) (string, error) {
	p := name
	if t.BinDir != "" {
		p = filepath.Join(t.BinDir, name)
	}
	found, err := exec.LookPath(p)
	if err != nil {
		return "", fmt.Errorf("%s not found (%s): install the PostgreSQL client tools of your server's major version or newer "+
			"(Debian/Ubuntu: apt-get install postgresql-client-16), or point OMS_BACKUP_PG_BIN_DIR at them", name, where(t.BinDir))
	}
	return found, nil
}

func where(dir string) string {
	if dir == "" {
		return "looked on PATH"
	}
	return "looked in " + dir
}

var toolVersion = regexp.MustCompile(`\(PostgreSQL\) (\d+)(?:\.(\d+))?`)

// version runs "<tool> --version" and returns its major version and the full version string.
func (t PGTools) version(ctx context.Context, name string) (string, int, string, error) {
	p, err := t.path(name)
	if err != nil {
		return "", 0, "", err
	}
	out, err := exec.CommandContext(ctx, p, "--version").Output()
	if err != nil {
		return "", 0, "", fmt.Errorf("%s --version: %w", p, err)
	}
	m := toolVersion.FindSubmatch(out)
	if m == nil {
		return "", 0, "", fmt.Errorf("%s --version printed %q: not a PostgreSQL tool", p, strings.TrimSpace(string(out)))
	}
	major, _ := strconv.Atoi(string(m[1]))
	full := string(m[1])
	if len(m[2]) > 0 {
		full += "." + string(m[2])
	}
	return p, major, full, nil
}

// pgConnection splits a database URL into one without the password (command lines are visible
// to every user of the host) and the environment that carries the password instead.
func pgConnection(rawURL string) (string, []string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", nil, errors.New("invalid database URL")
	}
	env := os.Environ()
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
		}
	}
	return u.String(), env, nil
}

// runTool runs a PostgreSQL tool and returns the tail of its error output on failure.
func runTool(ctx context.Context, env []string, path string, args ...string) error {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{b: &stderr, max: 8 << 10}
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if lines := strings.Split(msg, "\n"); len(lines) > 5 {
			msg = strings.Join(lines[len(lines)-5:], "\n")
		}
		return fmt.Errorf("%s failed (%v): %s", filepath.Base(path), err, msg)
	}
	return nil
}

type limitedBuffer struct {
	b   *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// dumpPostgres writes a pg_dump custom-format archive of the database to dest. The row counts
// and schema version are read in a repeatable-read transaction whose snapshot pg_dump shares
// (--snapshot), so the manifest describes exactly the data in the dump, however busy the
// database is.
func dumpPostgres(ctx context.Context, pool *sql.DB, databaseURL string, tools PGTools, dest string) (dbSnapshot, error) {
	var snap dbSnapshot
	dump, major, full, err := tools.version(ctx, "pg_dump")
	if err != nil {
		return snap, err
	}
	conn, err := pool.Conn(ctx)
	if err != nil {
		return snap, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return snap, err
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	var serverNum int
	if err := tx.QueryRowContext(ctx, "SELECT current_setting('server_version_num')::int").Scan(&serverNum); err != nil {
		return snap, fmt.Errorf("server version: %w", err)
	}
	if server := serverNum / 10000; major < server {
		return snap, fmt.Errorf("pg_dump %s cannot dump a PostgreSQL %d server: install the client tools of version %d or newer (or set OMS_BACKUP_PG_BIN_DIR)", full, server, server)
	}
	var snapshot string
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snapshot); err != nil {
		return snap, fmt.Errorf("export snapshot: %w", err)
	}
	if snap.RowCounts, err = countRows(ctx, tx, db.Postgres); err != nil {
		return snap, err
	}
	if snap.SchemaVersion, err = schemaVersion(ctx, tx); err != nil {
		return snap, err
	}
	connURL, env, err := pgConnection(databaseURL)
	if err != nil {
		return snap, err
	}
	if err := runTool(ctx, env, dump, "--format=custom", "--snapshot="+snapshot, "--file="+dest, "--dbname="+connURL); err != nil {
		return snap, err
	}
	snap.ToolVersion = full
	return snap, nil
}

// dumpSQLite copies the database with VACUUM INTO, a consistent snapshot taken on a connection
// of its own: in WAL mode it reads while the application keeps writing. Counts come from the copy.
func dumpSQLite(ctx context.Context, databaseURL, dest string) (dbSnapshot, error) {
	var snap dbSnapshot
	src, err := db.Open(ctx, db.Options{URL: databaseURL, MaxOpenConns: 1})
	if err != nil {
		return snap, err
	}
	_, err = src.SQL.ExecContext(ctx, "VACUUM INTO ?", dest)
	if cerr := src.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return snap, fmt.Errorf("copy the SQLite database: %w", err)
	}
	copyDB, err := openSQLiteFile(dest)
	if err != nil {
		return snap, err
	}
	defer copyDB.Close()
	if snap.RowCounts, err = countRows(ctx, copyDB, db.SQLite); err != nil {
		return snap, err
	}
	snap.SchemaVersion, err = schemaVersion(ctx, copyDB)
	return snap, err
}

// openSQLiteFile opens a database file for reading only (the copy must stay as it was hashed).
func openSQLiteFile(path string) (*sql.DB, error) {
	d, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	d.SetMaxOpenConns(1)
	return d, nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// countRows counts the main tables that exist (an older schema may lack some).
func countRows(ctx context.Context, q querier, dialect db.Dialect) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range MainTables {
		ok, err := tableExists(ctx, q, dialect, t)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		var n int64
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}

func tableExists(ctx context.Context, q querier, dialect db.Dialect, table string) (bool, error) {
	var ok bool
	var err error
	if dialect == db.Postgres {
		err = q.QueryRowContext(ctx, "SELECT to_regclass($1) IS NOT NULL", table).Scan(&ok)
	} else {
		var n int
		err = q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n)
		ok = n > 0
	}
	if err != nil {
		return false, fmt.Errorf("look for table %s: %w", table, err)
	}
	return ok, nil
}

// schemaVersion is the newest applied product migration (goose's table; 0 when none).
func schemaVersion(ctx context.Context, q querier) (int64, error) {
	var v sql.NullInt64
	err := q.QueryRowContext(ctx, "SELECT MAX(version_id) FROM goose_db_version WHERE is_applied").Scan(&v)
	if err != nil {
		if strings.Contains(err.Error(), "goose_db_version") {
			return 0, nil // never migrated
		}
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v.Int64, nil
}

// LatestSchemaVersion is the newest migration this binary carries for the dialect.
func LatestSchemaVersion(dialect db.Dialect) (int64, error) {
	files, err := db.Migrations(dialect)
	if err != nil {
		return 0, err
	}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		if v, err := strconv.ParseInt(num, 10, 64); err == nil && v > latest {
			latest = v
		}
	}
	return latest, nil
}

// sqlitePath is the file of a "sqlite:path?options" URL.
func sqlitePath(databaseURL string) string {
	p, _, _ := strings.Cut(strings.TrimPrefix(databaseURL, "sqlite:"), "?")
	return p
}

// copyFile copies src to dst (created with mode 0600), synced to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
