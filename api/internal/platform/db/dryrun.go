package db

import (
	"strings"

	"gorm.io/gorm"
)

// Statement is SQL that GORM built without running it, with "?" placeholders, ready to be a part
// of a larger statement (e.g. a data-modifying WITH query: several writes in one round trip)
// while the column mapping stays the models'.
type Statement struct {
	SQL  string
	Vars []any
}

// Built returns the statement GORM would run for f on tx.
func Built(tx *gorm.DB, f func(*gorm.DB) *gorm.DB) Statement {
	st := f(tx.Session(&gorm.Session{DryRun: true, NewDB: true})).Statement
	return Statement{SQL: questionMarks(st.SQL.String()), Vars: st.Vars}
}

// questionMarks turns PostgreSQL's numbered parameters ($1, $2 …) back into GORM's "?". SQL that
// GORM built has no string literals (every value is a parameter), so a "$1" is always a
// parameter. (A loop, not a regexp: it runs on every part of every order's statements.)
func questionMarks(sql string) string {
	if !strings.Contains(sql, "$") {
		return sql
	}
	var b strings.Builder
	b.Grow(len(sql))
	for i := 0; i < len(sql); i++ {
		if sql[i] == '$' && i+1 < len(sql) && sql[i+1] >= '0' && sql[i+1] <= '9' {
			b.WriteByte('?')
			for i+1 < len(sql) && sql[i+1] >= '0' && sql[i+1] <= '9' {
				i++
			}
			continue
		}
		b.WriteByte(sql[i])
	}
	return b.String()
}
