package db_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

// A refusal ends the statement that raises it: nothing the statement wrote stays, even outside a
// transaction, and Refused reads back what was refused; other errors are not refusals.
func TestRefusalUndoesTheWholeStatement(t *testing.T) {
	if dbtest.Dialect() != db.Postgres {
		t.Skip("oms_refuse is PostgreSQL's")
	}
	d := dbtest.New(t)
	if err := d.Gorm.Exec("CREATE TABLE refuse_things (n int PRIMARY KEY)").Error; err != nil {
		t.Fatal(err)
	}
	count := func() (n int64) {
		d.Gorm.Raw("SELECT count(*) FROM refuse_things").Scan(&n)
		return
	}
	for _, tc := range []struct {
		name        string
		refuse      bool
		wantRows    int64
		wantSubject string
	}{
		{"refused", true, 0, "7"},
		{"not refused", false, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rows []struct{ X *string }
			err := d.Gorm.Raw(`WITH ins AS (INSERT INTO refuse_things VALUES (1), (2) RETURNING n)
				SELECT `+db.RefuseSQL("'too many'", "(n + 5)::text")+` AS x FROM ins WHERE ? AND n = 2`, tc.refuse).Find(&rows).Error
			kind, subject, ok := db.Refused(err)
			if tc.refuse != ok || subject != tc.wantSubject || (ok && kind != "too many") {
				t.Fatalf("Refused(%v) = %q, %q, %v", err, kind, subject, ok)
			}
			if n := count(); n != tc.wantRows {
				t.Fatalf("%d rows stayed, want %d", n, tc.wantRows)
			}
		})
	}
	if _, _, ok := db.Refused(fmt.Errorf("wrapped: %w", errors.New("other"))); ok {
		t.Fatal("a plain error is not a refusal")
	}
	dup := d.Gorm.Exec("INSERT INTO refuse_things VALUES (1)").Error
	if _, _, ok := db.Refused(dup); dup == nil || ok {
		t.Fatalf("a unique violation (%v) is not a refusal", dup)
	}
}
