package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// There is no Docker engine on the build machines, so docker-compose.yml is checked by loading it
// with the Compose specification's own parser and asserting what a deployment relies on.
func TestComposeFile(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	load := func(env map[string]string) (*types.Project, error) {
		return loader.LoadWithContext(context.Background(), types.ConfigDetails{
			WorkingDir:  root,
			ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(root, "docker-compose.yml")}},
			Environment: env,
		}, func(o *loader.Options) { o.SetProjectName("oms", true) })
	}

	if _, err := load(map[string]string{}); err == nil || !strings.Contains(err.Error(), "OMS_JWT_SECRET") {
		t.Fatalf("compose must refuse to start without OMS_JWT_SECRET, got %v", err)
	}
	p, err := load(map[string]string{"OMS_JWT_SECRET": strings.Repeat("x", 64)})
	if err != nil {
		t.Fatal(err)
	}
	db, err := p.GetService("db")
	if err != nil {
		t.Fatal(err)
	}
	app, err := p.GetService("app")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(db.Image, "postgres:") {
		t.Errorf("db image %q", db.Image)
	}
	for name, svc := range map[string]types.ServiceConfig{"db": db, "app": app} {
		if svc.HealthCheck == nil || len(svc.HealthCheck.Test) == 0 || svc.HealthCheck.Disable {
			t.Errorf("%s has no health check", name)
		}
	}
	if !slices.ContainsFunc(app.HealthCheck.Test, func(s string) bool { return strings.Contains(s, "/readyz") }) {
		t.Errorf("app health check %v does not probe /readyz", app.HealthCheck.Test)
	}
	if dep, ok := app.DependsOn["db"]; !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("app must wait for a healthy db: %+v", app.DependsOn)
	}
	if len(app.Ports) != 1 || app.Ports[0].Target != 8080 || app.Ports[0].Published != "8080" {
		t.Errorf("app ports %+v", app.Ports)
	}
	if app.Build == nil || app.Build.Dockerfile != "deploy/Dockerfile" {
		t.Errorf("app build %+v", app.Build)
	}
	if _, err := os.Stat(filepath.Join(root, "deploy", "Dockerfile")); err != nil {
		t.Error(err)
	}
	env := app.Environment
	if u := env["DATABASE_URL"]; u == nil || !strings.Contains(*u, "@db:5432/") {
		t.Errorf("DATABASE_URL %v does not point at the db service", u)
	}
	for _, k := range []string{"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"} {
		if v, ok := env[k]; !ok || v == nil || *v != "" {
			t.Errorf("%s must be present and empty", k)
		}
	}
	if len(db.Volumes) == 0 || db.Volumes[0].Target != "/var/lib/postgresql/data" {
		t.Errorf("db volumes %+v", db.Volumes)
	}
	if _, ok := p.Volumes["pgdata"]; !ok {
		t.Error("named volume pgdata missing")
	}
}

func TestDockerfileShape(t *testing.T) {
	b, err := os.ReadFile("../../../deploy/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(b)
	for _, want := range []string{"AS spa", "npm ci", "CGO_ENABLED=0 go build", "postgresql17-client", "USER oms", "./api/cmd/omsd"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}
