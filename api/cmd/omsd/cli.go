package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/openoms/oms/api/internal/app"
	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/platform/jobs"
	"github.com/openoms/oms/frontend"
)

// Exit codes: 1 for a failure while working, 2 for a usage or configuration error.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

const usage = `omsd — Order Management System

Usage:
  omsd [serve] [flags]                 run the API, the web app and the job workers (default)
  omsd migrate up|status [flags]       apply or list database migrations
  omsd seed-demo [flags]               create demo accounts and data (safe to re-run)
  omsd admin create --email E --name N [--password P]
                                       create a staff admin (password read from stdin if omitted)
  omsd backup [flags]                  back up the database and uploaded files now
  omsd restore FILE [--force] [--identity KEYFILE] [flags]
                                       verify a backup archive, then restore it (stop every server first)
  omsd version                         print the version

Every command takes the configuration flags below; each one can also be set by its environment
variable, and a flag wins over the variable. Run "omsd serve -h" to list them.
`

type env struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run is main without process globals, so tests drive the CLI directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return e.serve(args)
	case "migrate":
		return e.migrate(args)
	case "seed-demo":
		return e.seedDemo(args)
	case "admin":
		return e.admin(args)
	case "backup":
		return e.backup(args)
	case "restore":
		return e.restore(args)
	case "version":
		fmt.Fprintf(stdout, "omsd %s (%s)\n", version, commit)
		return exitOK
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "omsd: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// flags builds a flag set with every configuration setting bound to it.
func (e env) flags(name string) (*flag.FlagSet, *config.Loader) {
	fs := flag.NewFlagSet("omsd "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs, config.Bind(fs, e.getenv)
}

// parse parses args and loads the configuration. When ok is false the command stops with code
// (0 after -h, 2 for a bad flag or setting).
func (e env) parse(fs *flag.FlagSet, l *config.Loader, args []string) (cfg config.Config, code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config.Config{}, exitOK, false
		}
		return config.Config{}, exitUsage, false
	}
	cfg, err := l.Load()
	if err != nil {
		fmt.Fprintln(e.stderr, "omsd:", err)
		return config.Config{}, exitUsage, false
	}
	return cfg, exitOK, true
}

// parseNoArgs is parse for a command that takes flags only.
func (e env) parseNoArgs(name string, fs *flag.FlagSet, l *config.Loader, args []string) (config.Config, int, bool) {
	cfg, code, ok := e.parse(fs, l, args)
	if ok && fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "omsd %s: unexpected argument %q\n", name, fs.Arg(0))
		return config.Config{}, exitUsage, false
	}
	return cfg, code, ok
}

func (e env) logger(cfg config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(e.stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(e.stderr, opts))
}

func (e env) open(cfg config.Config) (*app.App, *slog.Logger, error) {
	log := e.logger(cfg)
	a, err := app.New(e.ctx, cfg, log, app.Build{Version: version, Commit: commit}, frontend.Dist())
	return a, log, err
}

// openMigrated opens the app and brings its schema up to date, for commands that write data.
func (e env) openMigrated(cfg config.Config) (*app.App, error) {
	a, _, err := e.open(cfg)
	if err != nil {
		return nil, err
	}
	if _, err := a.Migrate(e.ctx); err != nil {
		_ = a.Close()
		return nil, err
	}
	return a, nil
}

func (e env) fail(err error) int {
	fmt.Fprintln(e.stderr, "omsd:", err)
	var ce *config.Error
	if errors.As(err, &ce) {
		return exitUsage
	}
	return exitFailed
}

func (e env) serve(args []string) int {
	fs, l := e.flags("serve")
	cfg, code, ok := e.parseNoArgs("serve", fs, l, args)
	if !ok {
		return code
	}
	if cfg.Demo && cfg.JWTSecret == "" {
		secret, err := app.DemoJWTSecret(cfg.DataDir)
		if err != nil {
			return e.fail(err)
		}
		cfg.JWTSecret = secret
	}
	if err := cfg.RequireJWTSecret(); err != nil {
		return e.fail(err)
	}
	defer app.TuneGC(e.getenv)()
	a, log, err := e.open(cfg)
	if err != nil {
		return e.fail(err)
	}
	applied, err := a.Migrate(e.ctx)
	if err != nil {
		_ = a.Close()
		return e.fail(err)
	}
	if len(applied) > 0 {
		log.Info("migrations applied", "count", len(applied))
	}
	var logins []app.DemoLogin
	if cfg.Demo {
		if logins, err = a.SeedDemo(e.ctx); err != nil {
			_ = a.Close()
			return e.fail(err)
		}
	}
	addr, err := a.Listen()
	if err != nil {
		_ = a.Close()
		return e.fail(err)
	}
	if cfg.Demo {
		printDemoBanner(e.stdout, cfg, addr.String(), logins)
	}
	if err := a.Serve(e.ctx); err != nil {
		return e.fail(err)
	}
	return exitOK
}

func printDemoBanner(w io.Writer, cfg config.Config, addr string, logins []app.DemoLogin) {
	base := cfg.PublicURL
	if strings.HasPrefix(cfg.HTTPAddr, ":") || strings.HasSuffix(cfg.HTTPAddr, ":0") {
		_, port, _ := strings.Cut(addr[strings.LastIndex(addr, ":"):], ":")
		base = "http://localhost:" + port
	}
	fmt.Fprintf(w, "\n  %s — DEMO MODE (demo data, generated secret; not for production)\n\n", app.ProductName)
	fmt.Fprintf(w, "  Shop:         %s/\n", base)
	fmt.Fprintf(w, "  Back office:  %s/admin\n", base)
	fmt.Fprintf(w, "  API docs:     %s/swagger/index.html\n", base)
	fmt.Fprintf(w, "  Health:       %s/healthz\n\n", base)
	fmt.Fprintf(w, "  Demo logins (password %q):\n", app.DemoPassword)
	for _, l := range logins {
		fmt.Fprintf(w, "    %-22s %s\n", l.Role, l.Login)
	}
	fmt.Fprintln(w)
}

func (e env) migrate(args []string) int {
	if len(args) == 0 || (args[0] != "up" && args[0] != "status") {
		fmt.Fprintln(e.stderr, "usage: omsd migrate up|status [flags]")
		return exitUsage
	}
	sub := args[0]
	fs, l := e.flags("migrate " + sub)
	cfg, code, ok := e.parse(fs, l, args[1:])
	if !ok {
		return code
	}
	a, _, err := e.open(cfg)
	if err != nil {
		return e.fail(err)
	}
	defer a.Close()
	if sub == "up" {
		applied, err := a.Migrate(e.ctx)
		for _, name := range applied {
			fmt.Fprintln(e.stdout, "applied", name)
		}
		if err != nil {
			return e.fail(err)
		}
		if len(applied) == 0 {
			fmt.Fprintln(e.stdout, "database is up to date")
		}
		return exitOK
	}
	st, err := a.DB.MigrationStatus(e.ctx)
	if err != nil {
		return e.fail(err)
	}
	pending := 0
	for _, s := range st {
		fmt.Fprintf(e.stdout, "%-8s %s\n", state(s.Applied, &pending), s.Name)
	}
	rst, err := jobs.MigrationStatus(e.ctx, a.DB)
	if err != nil {
		return e.fail(err)
	}
	for _, s := range rst {
		fmt.Fprintf(e.stdout, "%-8s river %03d %s\n", state(s.Applied, &pending), s.Version, s.Name)
	}
	if pending > 0 {
		fmt.Fprintf(e.stdout, "%d pending: run \"omsd migrate up\"\n", pending)
	} else {
		fmt.Fprintln(e.stdout, "all migrations applied")
	}
	return exitOK
}

func state(applied bool, pending *int) string {
	if applied {
		return "applied"
	}
	*pending++
	return "pending"
}

func (e env) seedDemo(args []string) int {
	fs, l := e.flags("seed-demo")
	cfg, code, ok := e.parse(fs, l, args)
	if !ok {
		return code
	}
	a, err := e.openMigrated(cfg)
	if err != nil {
		return e.fail(err)
	}
	defer a.Close()
	logins, err := a.SeedDemo(e.ctx)
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "demo data ready; every demo account's password is %q\n", app.DemoPassword)
	for _, l := range logins {
		fmt.Fprintf(e.stdout, "  %-22s %s\n", l.Role, l.Login)
	}
	return exitOK
}

func (e env) admin(args []string) int {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(e.stderr, "usage: omsd admin create --email E --name N [--password P]")
		return exitUsage
	}
	fs, l := e.flags("admin create")
	email := fs.String("email", "", "admin's email (their login)")
	name := fs.String("name", "", "admin's full name")
	password := fs.String("password", "", "password (≥ 12 characters); read from stdin when omitted, which keeps it out of the process list")
	cfg, code, ok := e.parse(fs, l, args[1:])
	if !ok {
		return code
	}
	if *email == "" || *name == "" {
		fmt.Fprintln(e.stderr, "omsd admin create: --email and --name are required")
		return exitUsage
	}
	if *password == "" {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(e.stderr, "omsd admin create: give --password or write the password on stdin")
			return exitUsage
		}
		*password = strings.TrimRight(line, "\r\n")
	}
	a, err := e.openMigrated(cfg)
	if err != nil {
		return e.fail(err)
	}
	defer a.Close()
	u, err := a.Staff.CreateStaff(e.ctx, auth.NewStaff{Email: *email, Name: *name, Password: *password, Role: auth.RoleAdmin})
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "created admin %s (%s)\n", u.Email, u.ID)
	return exitOK
}
