package db

import (
	"bytes"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/lib/pq"
)

func TestPQArraysEncodeAsTheirContents(t *testing.T) {
	plain := pgtype.NewMap()
	m := pgtype.NewMap()
	registerPQArrays(m)
	registerPQArrays(m) // twice: a codec is wrapped once
	now := time.Now().UTC().Truncate(time.Microsecond)
	var nilStrings []string
	for _, tc := range []struct {
		name    string
		oid     uint32
		wrapped any
		plain   any
	}{
		{"strings", pgtype.TextArrayOID, pq.Array([]string{"a", "b,c", `"d"`}), []string{"a", "b,c", `"d"`}},
		{"int64s", pgtype.Int8ArrayOID, pq.Array([]int64{1, -2}), []int64{1, -2}},
		{"bytes", pgtype.ByteaArrayOID, pq.Array([][]byte{[]byte("x"), nil}), [][]byte{[]byte("x"), nil}},
		{"generic: times", pgtype.TimestamptzArrayOID, pq.Array([]time.Time{now, now.Add(time.Hour)}), []time.Time{now, now.Add(time.Hour)}},
		{"generic: int16s", pgtype.Int2ArrayOID, pq.Array([]int16{3, 4}), []int16{3, 4}},
		// The same Go type (pq.GenericArray) with other contents for the same column type.
		{"generic: int16s into int8[]", pgtype.Int8ArrayOID, pq.Array([]int16{5}), []int64{5}},
		{"generic: int32s into int8[]", pgtype.Int8ArrayOID, pq.Array([]int32{6}), []int64{6}},
		{"nil slice is NULL", pgtype.TextArrayOID, pq.Array(nilStrings), nilStrings},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := plain.Encode(tc.oid, pgtype.BinaryFormatCode, tc.plain, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.Encode(tc.oid, pgtype.BinaryFormatCode, tc.wrapped, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
				t.Fatalf("encoded %x, want %x", got, want)
			}
			if _, direct := m.PlanEncode(tc.oid, pgtype.BinaryFormatCode, tc.wrapped).(pqArrayEncodePlan); !direct {
				t.Fatalf("plan %T: the array does not take the direct road", m.PlanEncode(tc.oid, pgtype.BinaryFormatCode, tc.wrapped))
			}
		})
	}
	// Slices that are not lib/pq's still go through the array codec itself.
	if got, err := m.Encode(pgtype.TextArrayOID, pgtype.BinaryFormatCode, []string{"z"}, nil); err != nil || len(got) == 0 {
		t.Fatalf("plain slice: %x %v", got, err)
	}
}
