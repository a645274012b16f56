package db

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// refusedCode is the SQLSTATE of oms_refuse (migration 00017).
const refusedCode = "OMS01"

// RefuseSQL is the expression that ends the running PostgreSQL statement, and with it everything
// the statement wrote, as Refused reports it: kind and subject are SQL expressions.
func RefuseSQL(kind, subject string) string { return "oms_refuse(" + kind + ", " + subject + ")" }

// Refused reports whether err is a refusal raised by RefuseSQL, and its kind and subject.
func Refused(err error) (kind, subject string, ok bool) {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == refusedCode {
		return pg.Message, pg.Detail, true
	}
	return "", "", false
}
