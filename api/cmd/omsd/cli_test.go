package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/platform/dbtest"
)

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func TestConfigAndUsageErrorsExitTwo(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"bad address", map[string]string{"OMS_HTTP_ADDR": "nonsense"}, []string{"serve"}, "OMS_HTTP_ADDR"},
		{"bad database URL", map[string]string{"DATABASE_URL": "mysql://x"}, []string{"migrate", "up"}, "DATABASE_URL"},
		{"missing JWT secret outside demo", map[string]string{"DATABASE_URL": "sqlite:" + t.TempDir() + "/x.db"}, []string{"serve"}, "OMS_JWT_SECRET"},
		{"short JWT secret", map[string]string{"OMS_JWT_SECRET": "short"}, []string{"serve"}, "OMS_JWT_SECRET"},
		{"unknown command", nil, []string{"frobnicate"}, "unknown command"},
		{"unknown flag", nil, []string{"serve", "--nope"}, "flag provided but not defined"},
		{"serve with an argument", nil, []string{"serve", "now"}, `omsd serve: unexpected argument "now"`},
		{"migrate without direction", nil, []string{"migrate"}, "usage: omsd migrate"},
		{"admin without create", nil, []string{"admin"}, "usage: omsd admin create"},
		{"admin create without email", nil, []string{"admin", "create", "--name", "A", "--password", "long enough password"}, "--email and --name are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.env, "", tc.args...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("stderr lacks %q: %s", tc.want, r.stderr)
			}
		})
	}
}

func TestConfigErrorIsOneLine(t *testing.T) {
	r := runCLI(t, map[string]string{"OMS_LOG_LEVEL": "loud"}, "", "serve")
	if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, "OMS_LOG_LEVEL") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestMigrateSeedAndAdmin(t *testing.T) {
	env := map[string]string{"DATABASE_URL": dbtest.URL(t), "OMS_LOG_LEVEL": "error", "OMS_DATA_DIR": t.TempDir()}

	r := runCLI(t, env, "", "migrate", "status")
	if r.code != 0 || !strings.Contains(r.stdout, "\npending ") {
		t.Fatalf("status before: %d %s %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "", "migrate", "up")
	if r.code != 0 || !strings.Contains(r.stdout, "applied 00001_init.sql") || !strings.Contains(r.stdout, "applied river") {
		t.Fatalf("up: %d %s %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "", "migrate", "status")
	if r.code != 0 || !strings.Contains(r.stdout, "all migrations applied") || strings.Contains("\n"+r.stdout, "\npending ") {
		t.Fatalf("status after: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r = runCLI(t, env, "", "migrate", "up"); !strings.Contains(r.stdout, "up to date") {
		t.Fatalf("second up: %s", r.stdout)
	}

	for range 2 {
		r = runCLI(t, env, "", "seed-demo")
		if r.code != 0 || !strings.Contains(r.stdout, "admin@oms.example.com") {
			t.Fatalf("seed-demo: %d %s %s", r.code, r.stdout, r.stderr)
		}
	}

	r = runCLI(t, env, "", "admin", "create", "--email", "Boss@Example.com", "--name", "The Boss", "--password", "a long enough password")
	if r.code != 0 || !strings.Contains(r.stdout, "created admin boss@example.com") {
		t.Fatalf("admin create: %d %s %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "typed on stdin pw\n", "admin", "create", "--email", "second@example.com", "--name", "Second")
	if r.code != 0 {
		t.Fatalf("admin create with stdin password: %d %s", r.code, r.stderr)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"duplicate email", []string{"--email", "boss@example.com", "--name", "Again", "--password", "a long enough password"}, "already exists"},
		{"short password", []string{"--email", "x@example.com", "--name", "X", "--password", "short"}, "password"},
		{"bad email", []string{"--email", "nope", "--name", "X", "--password", "a long enough password"}, "email"},
	} {
		r = runCLI(t, env, "", append([]string{"admin", "create"}, tc.args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d stderr %s", tc.name, r.code, r.stderr)
		}
	}
}

func TestHelpExitsZero(t *testing.T) {
	if r := runCLI(t, nil, "", "serve", "-h"); r.code != 0 || !strings.Contains(r.stderr, "DATABASE_URL") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r := runCLI(t, nil, "", "help"); r.code != 0 || !strings.Contains(r.stdout, "seed-demo") {
		t.Fatalf("exit %d: %s", r.code, r.stdout)
	}
}
