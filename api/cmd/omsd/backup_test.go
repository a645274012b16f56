package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/openoms/oms/api/internal/platform/dbtest"
)

func TestBackupAndRestoreCommands(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"DATABASE_URL": dbtest.URL(t), "OMS_LOG_LEVEL": "error", "OMS_DATA_DIR": data}
	if r := runCLI(t, env, "", "admin", "create", "--email", "boss@example.com", "--name", "The Boss", "--password", "a long enough password"); r.code != 0 {
		t.Fatalf("admin create: %d %s", r.code, r.stderr)
	}
	r := runCLI(t, env, "", "backup")
	if r.code != 0 || !strings.Contains(r.stdout, "backup written: "+filepath.Join(data, "backups")) || !regexp.MustCompile(`staff_users +1\n`).MatchString(r.stdout) {
		t.Fatalf("backup: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	archive := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(r.stdout, "\n", 2)[0], "backup written: "))
	if _, err := os.Stat(archive); err != nil {
		t.Fatal(err)
	}

	r = runCLI(t, env, "", "restore", archive)
	if r.code != 1 || !strings.Contains(r.stderr, "refused, nothing was changed") || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("restore over data: %d %s", r.code, r.stderr)
	}
	// Flags may follow the file.
	r = runCLI(t, env, "", "restore", archive, "--force")
	if r.code != 0 || !strings.Contains(r.stdout, "restore complete") || !regexp.MustCompile(`staff_users +1 +1  ok`).MatchString(r.stdout) {
		t.Fatalf("forced restore: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}

	damaged := filepath.Join(t.TempDir(), "damaged.tar.gz")
	b, _ := os.ReadFile(archive)
	if err := os.WriteFile(damaged, b[:len(b)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, env, "", "restore", "--force", damaged)
	if r.code != 1 || !strings.Contains(r.stderr, "refused, nothing was changed") || !strings.Contains(r.stderr, "damaged") {
		t.Fatalf("damaged archive: %d %s", r.code, r.stderr)
	}
}

func TestEncryptedBackupNeedsItsKeyToRestore(t *testing.T) {
	key, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "oms-backup.key")
	if err := os.WriteFile(keyFile, []byte("# created: today\n"+key.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	env := map[string]string{"DATABASE_URL": dbtest.URL(t), "OMS_LOG_LEVEL": "error", "OMS_DATA_DIR": data, "OMS_BACKUP_AGE_RECIPIENTS": key.Recipient().String()}
	if r := runCLI(t, env, "", "migrate", "up"); r.code != 0 {
		t.Fatalf("migrate: %s", r.stderr)
	}
	r := runCLI(t, env, "", "backup")
	if r.code != 0 || !strings.Contains(r.stdout, ".tar.gz.age") || !strings.Contains(r.stdout, "encrypted true") {
		t.Fatalf("backup: %d %s %s", r.code, r.stdout, r.stderr)
	}
	archive := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(r.stdout, "\n", 2)[0], "backup written: "))
	if r = runCLI(t, env, "", "restore", "--force", archive); r.code != 1 || !strings.Contains(r.stderr, "--identity") {
		t.Fatalf("restore without the key: %d %s", r.code, r.stderr)
	}
	if r = runCLI(t, env, "", "restore", "--force", "--identity", keyFile, archive); r.code != 0 || !strings.Contains(r.stdout, "restore complete") {
		t.Fatalf("restore with the key: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// The key may come from the environment (OMS_BACKUP_AGE_IDENTITY or its _FILE) instead.
	env["OMS_BACKUP_AGE_IDENTITY_FILE"] = keyFile
	if r = runCLI(t, env, "", "restore", "--force", archive); r.code != 0 {
		t.Fatalf("restore with the key from the environment: %d %s", r.code, r.stderr)
	}
}

func TestBackupCommandUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"restore without a file", nil, []string{"restore"}, "usage: omsd restore FILE"},
		{"restore with two files", nil, []string{"restore", "a", "b"}, `unexpected argument "b"`},
		{"restore with a missing identity file", nil, []string{"restore", "a", "--identity", "/nonexistent/key.txt"}, "--identity"},
		{"backup with an argument", nil, []string{"backup", "now"}, `unexpected argument "now"`},
		{"a bad schedule", map[string]string{"DATABASE_URL": "sqlite:" + t.TempDir() + "/x.db", "OMS_BACKUP_SCHEDULE": "at three"}, []string{"backup"}, "OMS_BACKUP_SCHEDULE"},
		{"a private key as recipient", map[string]string{"DATABASE_URL": "sqlite:" + t.TempDir() + "/x.db", "OMS_BACKUP_AGE_RECIPIENTS": "AGE-SECRET-KEY-1QQQ"}, []string{"backup"}, "give the public key"},
		{"an off-site bucket without an endpoint", map[string]string{"OMS_BACKUP_S3_BUCKET": "oms-backups"}, []string{"backup"}, "OMS_S3_ENDPOINT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.env, "", tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d, stderr %s; want 2 and %q", r.code, r.stderr, tc.want)
			}
		})
	}
}
