package db

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

func TestOnlyFailedOrSlowStatementsAreLogged(t *testing.T) {
	var out bytes.Buffer
	d, err := Open(context.Background(), Options{URL: "sqlite:" + filepath.Join(t.TempDir(), "x.db"), Logger: slog.New(slog.NewJSONHandler(&out, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.Gorm.Raw("SELECT 1").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Fatalf("a fast good statement was logged: %s", out.String())
	}
	if err := d.Gorm.Exec("SELECT * FROM no_such_table").Error; err == nil {
		t.Fatal("expected an error")
	}
	if !strings.Contains(out.String(), "no_such_table") {
		t.Fatalf("a failed statement was not logged: %q", out.String())
	}
}
