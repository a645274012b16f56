package db_test

import (
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

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
	sql := `WITH ins AS (INSERT INTO refuse_things VALUES (1), (2) RETURNING n)
		SELECT ` + db.RefuseSQL("'too many'", "(n + 5)::text") + ` AS x FROM ins WHERE ? AND n = 2`
	for _, tc := range []struct {
		name        string
		refuse      bool
		direct      bool // through db.Query, not GORM
		wantRows    int64
		wantSubject string
	}{
		{"refused", true, false, 0, "7"},
		{"refused, through db.Query", true, true, 0, "7"},
		{"not refused", false, false, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d.Gorm.Exec("DELETE FROM refuse_things")
			var err error
			if tc.direct {
				err = db.Query(d.Gorm, db.Statement{SQL: sql, Vars: []any{tc.refuse}}, nil)
			} else {
				var rows []struct{ X *string }
				err = d.Gorm.Raw(sql, tc.refuse).Find(&rows).Error
			}
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
	dup := db.Query(d.Gorm, db.Statement{SQL: "INSERT INTO refuse_things VALUES (?), (?)", Vars: []any{2, 2}}, nil)
	if _, _, ok := db.Refused(dup); !errors.Is(dup, gorm.ErrDuplicatedKey) || ok {
		t.Fatalf("a unique violation (%v) is translated as GORM does, and is not a refusal", dup)
	}
	if err := db.Query(d.Gorm, db.Statement{SQL: "SELECT ? WHERE '?' <> ''", Vars: nil}, nil); err == nil {
		t.Fatal("a placeholder without a value ran")
	}
}
