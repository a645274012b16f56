package db

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// registerTypes runs on every new PostgreSQL connection: it teaches the connection's type map
// the Go types pgx would otherwise encode the slow way (see also pgarrays.go).
func registerTypes(ctx context.Context, c *pgx.Conn) error {
	registerPQArrays(c.TypeMap())
	return registerUUID(ctx, c)
}

// registerUUID teaches a connection's type map to send a uuid.UUID as the 16 bytes it is.
// Without it pgx sees a driver.Valuer and takes the slow road on every UUID parameter: Value()
// formats the 36-character text, pgx parses it back, then encodes it (about a tenth of order
// placement's CPU, all garbage). Values for non-uuid parameters (e.g. compared with text) still
// fall through to Value().
func registerUUID(_ context.Context, c *pgx.Conn) error {
	m := c.TypeMap()
	m.TryWrapEncodePlanFuncs = append([]pgtype.TryWrapEncodePlanFunc{tryWrapUUID}, m.TryWrapEncodePlanFuncs...)
	return nil
}

// tryWrapUUID wraps a uuid.UUID or a non-nil *uuid.UUID (pgx handles nil pointers before this).
func tryWrapUUID(value any) (pgtype.WrappedEncodePlanNextSetter, any, bool) {
	switch u := value.(type) {
	case uuid.UUID:
		return &uuidEncodePlan{}, pgtype.UUID{Bytes: u, Valid: true}, true
	case *uuid.UUID:
		if u != nil {
			return &uuidEncodePlan{}, pgtype.UUID{Bytes: *u, Valid: true}, true
		}
	}
	return nil, nil, false
}

type uuidEncodePlan struct{ next pgtype.EncodePlan }

func (p *uuidEncodePlan) SetNext(next pgtype.EncodePlan) { p.next = next }

func (p *uuidEncodePlan) Encode(value any, buf []byte) ([]byte, error) {
	u, ok := value.(uuid.UUID)
	if !ok {
		u = *value.(*uuid.UUID)
	}
	return p.next.Encode(pgtype.UUID{Bytes: u, Valid: true}, buf)
}
