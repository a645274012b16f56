package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/openoms/oms/api/internal/app"
	"github.com/openoms/oms/api/internal/backup"
)

// backup makes a backup now, in this process (the server need not run).
func (e env) backup(args []string) int {
	fs, l := e.flags("backup")
	cfg, code, ok := e.parseNoArgs("backup", fs, l, args)
	if !ok {
		return code
	}
	a, _, err := e.open(cfg)
	if err != nil {
		return e.fail(err)
	}
	defer a.Close()
	b, err := a.BackupNow(e.ctx)
	if err != nil {
		return e.fail(fmt.Errorf("backup failed: %w", err))
	}
	m := b.ParsedManifest()
	w := e.stdout
	fmt.Fprintf(w, "backup written: %s\n", filepath.Join(a.Backups.Dir(), b.FileName))
	fmt.Fprintf(w, "  size      %s\n  sha256    %s\n  encrypted %v\n", bytesText(b.SizeBytes), b.SHA256, b.Encrypted)
	switch {
	case b.OffsiteKey != nil:
		fmt.Fprintln(w, "  off-site  copied")
	case b.OffsiteError != "":
		fmt.Fprintf(w, "  off-site  FAILED: %s\n", b.OffsiteError)
	}
	fmt.Fprintf(w, "  database  %s, schema %d, %s\n", m.Dialect, m.SchemaVersion, bytesText(m.DatabaseBytes))
	fmt.Fprintf(w, "  files     %d media (%s), %d documents (%s)\n", m.MediaFiles, bytesText(m.MediaBytes), m.UploadFiles, bytesText(m.UploadBytes))
	printCounts(w, m.RowCounts, nil)
	if b.OffsiteError != "" {
		return exitFailed
	}
	return exitOK
}

// restore verifies an archive and restores it into the configured database and file stores.
func (e env) restore(args []string) int {
	fs, l := e.flags("restore")
	force := fs.Bool("force", false, "replace a database that already holds data")
	identity := fs.String("identity", "", "age identity file (AGE-SECRET-KEY-1…) that opens an encrypted archive (default: $OMS_BACKUP_AGE_IDENTITY)")
	// FILE may stand before, between or after the flags.
	var file string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		if file != "" {
			fmt.Fprintf(e.stderr, "omsd restore: unexpected argument %q\n", fs.Arg(0))
			return exitUsage
		}
		file, args = fs.Arg(0), fs.Args()[1:]
	}
	if file == "" {
		fmt.Fprintln(e.stderr, "usage: omsd restore FILE [--force] [--identity KEYFILE] [flags]")
		return exitUsage
	}
	cfg, err := l.Load()
	if err != nil {
		fmt.Fprintln(e.stderr, "omsd:", err)
		return exitUsage
	}
	o := backup.RestoreOptions{Archive: file, Force: *force}
	if *identity != "" {
		f, err := os.Open(*identity)
		if err != nil {
			fmt.Fprintln(e.stderr, "omsd restore: --identity:", err)
			return exitUsage
		}
		o.Identities, err = backup.ParseIdentities(f)
		f.Close()
		if err != nil {
			fmt.Fprintln(e.stderr, "omsd restore: --identity:", err)
			return exitUsage
		}
	}
	rep, err := app.Restore(e.ctx, cfg, e.logger(cfg), o)
	if err != nil {
		if !rep.Touched {
			fmt.Fprintln(e.stderr, "omsd restore: refused, nothing was changed:", err)
			if errors.Is(err, backup.ErrNotEmpty) {
				fmt.Fprintln(e.stderr, "rows in the target database now:")
				printCounts(e.stderr, rep.Before, nil)
			}
			return exitFailed
		}
		fmt.Fprintln(e.stderr, "omsd restore: FAILED after the database was changed:", err)
		fmt.Fprintln(e.stderr, "the database may be incomplete; fix the cause and run the restore again with --force")
		return exitFailed
	}
	m := rep.Manifest
	w := e.stdout
	check := "contents checked against the manifest"
	if rep.CheckedSHA {
		check = "file matches its .sha256; " + check
	}
	fmt.Fprintf(w, "archive   %s (%s, sha256 %s)\n          %s\n", file, bytesText(rep.ArchiveBytes), rep.ArchiveSHA256, check)
	fmt.Fprintf(w, "backup    %s taken %s by omsd %s (%s), %s schema %d\n", m.BackupID, m.CreatedAt.Format("2006-01-02 15:04:05 UTC"), m.Version, m.Commit, m.Dialect, m.SchemaVersion)
	fmt.Fprintf(w, "restored  database, %d media files, %d documents\n", rep.MediaFiles, rep.UploadFiles)
	printCounts(w, m.RowCounts, rep.Counts)
	if len(rep.Migrations) > 0 {
		fmt.Fprintf(w, "migrations applied after the restore: %s\n", strings.Join(rep.Migrations, ", "))
	} else {
		fmt.Fprintln(w, "no migrations pending")
	}
	if rep.Mismatch != "" {
		fmt.Fprintln(e.stderr, "omsd restore: row counts differ from the backup's manifest:", rep.Mismatch)
		return exitFailed
	}
	fmt.Fprintln(w, "restore complete: every row count matches the backup")
	return exitOK
}

// printCounts prints a table of row counts, and a second column to compare when got is set.
func printCounts(w io.Writer, want, got map[string]int64) {
	tables := make([]string, 0, len(want))
	for t := range want {
		tables = append(tables, t)
	}
	for t := range got {
		if _, ok := want[t]; !ok {
			tables = append(tables, t)
		}
	}
	sort.Strings(tables)
	if got == nil {
		fmt.Fprintf(w, "  %-26s %10s\n", "table", "rows")
		for _, t := range tables {
			fmt.Fprintf(w, "  %-26s %10d\n", t, want[t])
		}
		return
	}
	fmt.Fprintf(w, "  %-26s %10s %10s\n", "table", "backup", "restored")
	for _, t := range tables {
		mark := "ok"
		if want[t] != got[t] {
			mark = "DIFFERENT"
		}
		fmt.Fprintf(w, "  %-26s %10d %10d  %s\n", t, want[t], got[t], mark)
	}
}

func bytesText(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
