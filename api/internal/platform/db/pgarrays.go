package db

import (
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/lib/pq"
)

// River's database/sql driver wraps every array parameter in one of lib/pq's array types. Left
// to pgx, such a value is a driver.Valuer whose text ("{a,b}") cannot go into the binary array
// format pgx asks for: pgx builds an error, parses the text back and encodes the result — half of
// a job insert's CPU. pqArrayCodec hands pgx the slice inside instead.

// arrayOIDs are the array types River's queries send.
var arrayOIDs = []uint32{
	pgtype.TextArrayOID, pgtype.VarcharArrayOID, pgtype.Int2ArrayOID, pgtype.Int4ArrayOID, pgtype.Int8ArrayOID,
	pgtype.BoolArrayOID, pgtype.ByteaArrayOID, pgtype.TimestamptzArrayOID, pgtype.TimestampArrayOID,
	pgtype.JSONArrayOID, pgtype.JSONBArrayOID, pgtype.UUIDArrayOID, pgtype.Float8ArrayOID,
}

// registerPQArrays wraps the codecs of arrayOIDs in m.
func registerPQArrays(m *pgtype.Map) {
	for _, oid := range arrayOIDs {
		if t, ok := m.TypeForOID(oid); ok {
			if _, done := t.Codec.(pqArrayCodec); !done {
				m.RegisterType(&pgtype.Type{Name: t.Name, OID: t.OID, Codec: pqArrayCodec{t.Codec}})
			}
		}
	}
}

// pqArrayCodec is an array codec that also encodes lib/pq's array types, by their contents.
type pqArrayCodec struct{ pgtype.Codec }

func (c pqArrayCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := pqArrayElems(value); ok {
		return pqArrayEncodePlan{m: m, oid: oid, format: format}
	}
	return c.Codec.PlanEncode(m, oid, format, value)
}

// pqArrayEncodePlan encodes the contents through the map on every call: plans are remembered per
// Go type, and the one pq.GenericArray type holds slices of any element type.
type pqArrayEncodePlan struct {
	m      *pgtype.Map
	oid    uint32
	format int16
}

func (p pqArrayEncodePlan) Encode(value any, buf []byte) ([]byte, error) {
	inner, _ := pqArrayElems(value)
	return p.m.Encode(p.oid, p.format, inner, buf)
}

// pqArrayElems is the slice (or the pointer to one) a lib/pq array holds.
func pqArrayElems(value any) (any, bool) {
	switch a := value.(type) {
	case pq.GenericArray:
		return a.A, true
	case *pq.StringArray:
		return (*[]string)(a), true
	case *pq.Int64Array:
		return (*[]int64)(a), true
	case *pq.Int32Array:
		return (*[]int32)(a), true
	case *pq.BoolArray:
		return (*[]bool)(a), true
	case *pq.Float64Array:
		return (*[]float64)(a), true
	case *pq.ByteaArray:
		return (*[][]byte)(a), true
	}
	return nil, false
}
