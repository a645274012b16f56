package db

import (
	"regexp"

	"gorm.io/gorm"
)

// Statement is SQL that GORM built without running it, with "?" placeholders, ready to be a part
// of a larger statement (e.g. a data-modifying WITH query: several writes in one round trip)
// while the column mapping stays the models'.
type Statement struct {
	SQL  string
	Vars []any
}

// dryRunPlaceholder matches PostgreSQL's numbered parameters in SQL that GORM built, which has
// no string literals (every value is a parameter), so a "$1" is always a parameter.
var dryRunPlaceholder = regexp.MustCompile(`\$[0-9]+`)

// Built returns the statement GORM would run for f on tx.
func Built(tx *gorm.DB, f func(*gorm.DB) *gorm.DB) Statement {
	st := f(tx.Session(&gorm.Session{DryRun: true, NewDB: true})).Statement
	return Statement{SQL: dryRunPlaceholder.ReplaceAllString(st.SQL.String(), "?"), Vars: st.Vars}
}
