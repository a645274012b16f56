// Package db opens the relational database (PostgreSQL or embedded pure-Go SQLite) through GORM,
// runs the versioned SQL migrations and offers the transaction helper every store uses.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the SQL dialect; migration folders are named after it.
type Dialect string

const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// DB is the open database: GORM for stores, the underlying *sql.DB for River and migrations.
type DB struct {
	Gorm    *gorm.DB
	SQL     *sql.DB
	Dialect Dialect
}

// Options configure Open. Zero pool sizes choose per-dialect defaults.
type Options struct {
	URL             string
	MaxOpenConns    int
	MaxIdleConns    int
	ConnMaxLifetime time.Duration
	Logger          *slog.Logger
}

// Open connects to the database named by opts.URL ("postgres://…" or "sqlite:path") and checks
// that it answers.
func Open(ctx context.Context, opts Options) (*DB, error) {
	var (
		dialector gorm.Dialector
		dialect   Dialect
		pgConn    *sql.DB // closed here if GORM cannot start on it
	)
	switch {
	case strings.HasPrefix(opts.URL, "sqlite:"):
		dsn, err := sqliteDSN(strings.TrimPrefix(opts.URL, "sqlite:"))
		if err != nil {
			return nil, err
		}
		dialector, dialect = sqlite.Open(dsn), SQLite
	case strings.HasPrefix(opts.URL, "postgres://"), strings.HasPrefix(opts.URL, "postgresql://"):
		cfg, err := pgx.ParseConfig(opts.URL)
		if err != nil {
			return nil, fmt.Errorf("open postgres database: %w", redactErr(err, opts.URL))
		}
		pgConn = stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(registerTypes))
		dialector, dialect = postgres.New(postgres.Config{Conn: pgConn}), Postgres
	default:
		return nil, errors.New("open database: unsupported URL scheme (want postgres:// or sqlite:)")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	const slowQuery = 250 * time.Millisecond
	g, err := gorm.Open(dialector, &gorm.Config{
		Logger: quietLogger{slow: slowQuery, Interface: logger.NewSlogLogger(log, logger.Config{
			SlowThreshold:             slowQuery,
			IgnoreRecordNotFoundError: true,
			LogLevel:                  logger.Warn,
			ParameterizedQueries:      true, // never log values: they may be personal data
		})},
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		if pgConn != nil {
			_ = pgConn.Close()
		}
		return nil, fmt.Errorf("open %s database: %w", dialect, redactErr(err, opts.URL))
	}
	if err := g.Use(&handleState{}); err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	open, idle := opts.MaxOpenConns, opts.MaxIdleConns
	if open == 0 {
		open = 20
		if dialect == SQLite {
			// One connection serialises writers in the process, so SQLite never answers
			// SQLITE_BUSY under load; River's SQLite driver asks for the same.
			open = 1
		}
	}
	if idle == 0 || idle > open {
		idle = open
	}
	sqlDB.SetMaxOpenConns(open)
	sqlDB.SetMaxIdleConns(idle)
	if opts.ConnMaxLifetime > 0 {
		sqlDB.SetConnMaxLifetime(opts.ConnMaxLifetime)
	}
	d := &DB{Gorm: g, SQL: sqlDB, Dialect: dialect}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := d.Ping(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dialect, redactErr(err, opts.URL))
	}
	return d, nil
}

// sqliteDSN turns a file path into a DSN with the pragmas the product relies on: WAL for
// concurrent readers, a busy timeout instead of instant SQLITE_BUSY, enforced foreign keys, and
// BEGIN IMMEDIATE so a transaction that will write takes the write lock up front.
func sqliteDSN(path string) (string, error) {
	file, query, _ := strings.Cut(path, "?")
	if dir := filepath.Dir(file); dir != "" && file != ":memory:" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return "", fmt.Errorf("create database directory %s: %w", dir, err)
		}
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("sqlite options %q: %w", query, err)
	}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(5000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return file + "?" + q.Encode(), nil
}

// redactErr keeps a password in the URL out of error messages.
func redactErr(err error, rawURL string) error {
	u, perr := url.Parse(rawURL)
	if perr != nil || u.User == nil {
		return err
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		return errors.New(strings.ReplaceAll(err.Error(), pw, "xxxxx"))
	}
	return err
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.SQL.PingContext(ctx) }

// Close closes the pool.
func (d *DB) Close() error { return d.SQL.Close() }

// InTx runs fn in one transaction: committed when fn returns nil, rolled back otherwise. A use
// case spans one transaction; stores receive the tx handle.
func (d *DB) InTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return d.Gorm.WithContext(ctx).Transaction(fn)
}

// SQLTx returns the *sql.Tx under a GORM transaction so that River can insert a job in the same
// transaction as the business change (the outbox rule).
func SQLTx(tx *gorm.DB) (*sql.Tx, error) {
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, errors.New("db: not inside a transaction")
	}
	return sqlTx, nil
}
