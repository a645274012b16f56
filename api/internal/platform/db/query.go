package db

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Query runs st on tx's connection (the pool, a pinned connection or a transaction; tx's
// context) on PostgreSQL, straight through database/sql, and calls scan for each row (nil: the
// rows are read and dropped). GORM's statement machinery — a pass over the SQL binding each
// parameter, then its callbacks — costs more on an order's statements (a hundred and more
// parameters) than building them. st's "?" (outside string literals) become $1, $2 …, in order;
// each var is one parameter (lists must be expanded already, as Built's and InsertOf's are).
// Errors, including those raised while rows are read, are translated as GORM translates them
// (gorm.ErrDuplicatedKey …); failed (not refused: RefuseSQL) and slow statements go to GORM's
// logger, and every statement to the handle's observer (ObserveQueries).
func Query(tx *gorm.DB, st Statement, scan func(*sql.Rows) error) (err error) {
	ctx := tx.Statement.Context
	begin := time.Now()
	defer func() {
		if t, ok := tx.Dialector.(gorm.ErrorTranslator); ok && err != nil && tx.TranslateError {
			err = t.Translate(err)
		}
		if _, _, refused := Refused(err); !refused { // a refusal is an answer, not a failure
			tx.Logger.Trace(ctx, begin, func() (string, int64) { return st.SQL, -1 }, err)
		}
		if s := stateOf(tx); s != nil {
			if f := s.observe.Load(); f != nil {
				(*f)(st.SQL, time.Since(begin))
			}
		}
	}()
	sql, n := dollarParams(st.SQL)
	if n != len(st.Vars) { // a "?" that is not a parameter, or a list left unexpanded
		return fmt.Errorf("db.Query: %d placeholders for %d values", n, len(st.Vars))
	}
	rows, err := tx.Statement.ConnPool.QueryContext(ctx, sql, st.Vars...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if scan != nil {
			if err := scan(rows); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// dollarParams numbers the "?" placeholders of sql as PostgreSQL's $1, $2 …, leaving string
// literals in single quotes (a doubled quote inside one included) as they are, and says how many
// there were. Double-quoted identifiers, dollar quoting and comments are not recognised: the
// statements Query runs have none that holds a "?".
func dollarParams(sql string) (string, int) {
	var b strings.Builder
	b.Grow(len(sql) + len(sql)/8)
	n, quoted := 0, false
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case c == '\'':
			quoted = !quoted // '' inside a literal closes and reopens it: same result
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), n
}
