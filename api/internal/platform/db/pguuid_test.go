package db

import (
	"bytes"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

func TestUUIDEncodesAsItsBytes(t *testing.T) {
	m := pgtype.NewMap()
	m.TryWrapEncodePlanFuncs = append([]pgtype.TryWrapEncodePlanFunc{tryWrapUUID}, m.TryWrapEncodePlanFuncs...)
	u := uuid.Must(uuid.NewV7())
	for _, tc := range []struct {
		name   string
		oid    uint32
		format int16
		value  any
		want   []byte
	}{
		{"uuid parameter, binary", pgtype.UUIDOID, pgtype.BinaryFormatCode, u, u[:]},
		{"pointer to uuid", pgtype.UUIDOID, pgtype.BinaryFormatCode, &u, u[:]},
		{"uuid parameter, text", pgtype.UUIDOID, pgtype.TextFormatCode, u, []byte(u.String())},
		{"text parameter", pgtype.TextOID, pgtype.BinaryFormatCode, u, []byte(u.String())},
		{"nil pointer is NULL", pgtype.UUIDOID, pgtype.BinaryFormatCode, (*uuid.UUID)(nil), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := m.Encode(tc.oid, tc.format, tc.value, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("encoded %q, want %q", got, tc.want)
			}
			if tc.want == nil {
				return
			}
			if _, direct := m.PlanEncode(tc.oid, tc.format, tc.value).(*uuidEncodePlan); !direct && tc.oid == pgtype.UUIDOID && tc.format == pgtype.BinaryFormatCode {
				t.Fatalf("plan %T: the uuid does not take the direct road", m.PlanEncode(tc.oid, tc.format, tc.value))
			}
		})
	}
}
