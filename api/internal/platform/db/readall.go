package db

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// Read is one query of a batch (ReadAll) and where its rows go.
type Read struct {
	// Query adds the query's conditions to the handle it is given (without running it).
	// Nil: nothing to read.
	Query func(*gorm.DB) *gorm.DB
	// Dest is a pointer to a slice of structs, as Find takes; rows map to fields as Find maps them.
	Dest any
}

// ReadAll runs independent reads on tx (the pool or a transaction). On PostgreSQL two or more
// reads go to the server as ONE statement — one round trip instead of one per read — that
// returns each read's rows as a JSON array; they are decoded into Dest with the same
// column-to-field mapping as Find. Each read is a subquery of json_agg, which aggregates its
// rows in the order the subquery returns them (its ORDER BY: the aggregate runs over the sorted
// subquery, never in parallel for json_agg). On SQLite, in process, each read is a Find.
func ReadAll(ctx context.Context, tx *gorm.DB, reads ...Read) error {
	live := reads[:0:0]
	for _, r := range reads {
		if r.Query != nil {
			live = append(live, r)
		}
	}
	tx = tx.WithContext(ctx)
	if len(live) < 2 || tx.Dialector.Name() != "postgres" {
		for _, r := range live {
			if err := r.Query(tx).Find(r.Dest).Error; err != nil {
				return err
			}
		}
		return nil
	}
	var b strings.Builder
	var vars []any
	b.WriteString("SELECT ")
	for i, r := range live {
		st := Built(tx, func(d *gorm.DB) *gorm.DB { return r.Query(d).Find(r.Dest) })
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "(SELECT coalesce(json_agg(t), '[]')::text FROM (%s) t)", st.SQL)
		vars = append(vars, st.Vars...)
	}
	arrays := make([]string, len(live))
	dests := make([]any, len(live))
	for i := range arrays {
		dests[i] = &arrays[i]
	}
	if err := Query(tx, Statement{SQL: b.String(), Vars: vars}, func(r *sql.Rows) error { return r.Scan(dests...) }); err != nil {
		return err
	}
	for i, r := range live {
		if err := decodeRows(tx, arrays[i], r.Dest); err != nil {
			return fmt.Errorf("decode read %d: %w", i, err)
		}
	}
	return nil
}

// decodeRows fills dest (a pointer to a slice of structs) from a JSON array of row objects keyed
// by column name.
func decodeRows(tx *gorm.DB, array string, dest any) error {
	slice := reflect.ValueOf(dest)
	if slice.Kind() != reflect.Pointer || slice.Elem().Kind() != reflect.Slice || slice.Elem().Type().Elem().Kind() != reflect.Struct {
		return fmt.Errorf("dest must point to a slice of structs, not %T", dest)
	}
	slice = slice.Elem()
	elemType := slice.Type().Elem()
	stmt := &gorm.Statement{DB: tx}
	if err := stmt.Parse(reflect.New(elemType).Interface()); err != nil {
		return err
	}
	// json_agg(t) writes every row's columns in the same order, so each key's field is looked
	// up once, by position, from the first row.
	var fields []*schema.Field
	out := reflect.MakeSlice(slice.Type(), 0, 8)
	ctx := tx.Statement.Context
	err := eachRow([]byte(array), func() { out = reflect.Append(out, reflect.New(elemType).Elem()) }, func(i int, column string, raw []byte) error {
		if i == len(fields) {
			f := stmt.Schema.LookUpField(column)
			if f != nil && !f.Readable {
				f = nil
			}
			fields = append(fields, f)
		}
		f := fields[i]
		if f == nil {
			return nil
		}
		if err := decodeValue(f.ReflectValueOf(ctx, out.Index(out.Len()-1)), raw); err != nil {
			return fmt.Errorf("column %s: %w", column, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slice.Set(out)
	return nil
}

// eachRow walks a JSON array of flat objects as json_agg writes them, calling row at each object
// and field for each of its members (i: the member's position in its object). A member's value
// is handed over raw: a string with its quotes, a number, true, false, null, or a nested object
// or array whole. Only the first row's keys are materialised as strings.
func eachRow(data []byte, row func(), field func(i int, key string, raw []byte) error) error {
	p := 0
	ws := func() {
		for p < len(data) && (data[p] == ' ' || data[p] == '\n' || data[p] == '\t' || data[p] == '\r') {
			p++
		}
	}
	expect := func(c byte) error {
		ws()
		if p >= len(data) || data[p] != c {
			return fmt.Errorf("decode rows: want %q at byte %d", c, p)
		}
		p++
		return nil
	}
	// value returns the end of the JSON value that starts at p.
	value := func() (int, error) {
		switch q := p; {
		case q >= len(data):
			return 0, errors.New("decode rows: truncated")
		case data[q] == '"':
			for q++; q < len(data); q++ {
				switch data[q] {
				case '\\':
					q++
				case '"':
					return q + 1, nil
				}
			}
			return 0, errors.New("decode rows: unterminated string")
		case data[q] == '{' || data[q] == '[':
			depth, inString := 0, false
			for ; q < len(data); q++ {
				c := data[q]
				switch {
				case inString && c == '\\':
					q++
				case c == '"':
					inString = !inString
				case inString:
				case c == '{' || c == '[':
					depth++
				case c == '}' || c == ']':
					if depth--; depth == 0 {
						return q + 1, nil
					}
				}
			}
			return 0, errors.New("decode rows: unterminated object")
		default:
			for q < len(data) && data[q] != ',' && data[q] != '}' && data[q] != ']' && data[q] != ' ' && data[q] != '\n' {
				q++
			}
			return q, nil
		}
	}
	var keys []string
	if err := expect('['); err != nil {
		return err
	}
	for n := 0; ; n++ {
		ws()
		if p < len(data) && data[p] == ']' {
			return nil
		}
		if n > 0 {
			if err := expect(','); err != nil {
				return err
			}
		}
		if err := expect('{'); err != nil {
			return err
		}
		row()
		for i := 0; ; i++ {
			ws()
			if p < len(data) && data[p] == '}' {
				p++
				break
			}
			if i > 0 {
				if err := expect(','); err != nil {
					return err
				}
				ws()
			}
			end, err := value()
			if err != nil {
				return err
			}
			if i == len(keys) {
				k, err := jsonKey(data[p:end])
				if err != nil {
					return err
				}
				keys = append(keys, k)
			}
			p = end
			if err := expect(':'); err != nil {
				return err
			}
			ws()
			if end, err = value(); err != nil {
				return err
			}
			if err := field(i, keys[i], data[p:end]); err != nil {
				return err
			}
			p = end
		}
	}
}

// jsonKey unquotes an object key: column names need no unescaping, so encoding/json (which first
// validates its whole input) is only asked about keys with a backslash.
func jsonKey(raw []byte) (string, error) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var k string
	if err := json.Unmarshal(raw, &k); err != nil {
		return "", fmt.Errorf("decode rows: key: %w", err)
	}
	return k, nil
}

var (
	timeType  = reflect.TypeFor[time.Time]()
	uuidType  = reflect.TypeFor[uuid.UUID]()
	bytesType = reflect.TypeFor[[]byte]()
)

// decodeValue sets v from one JSON value as PostgreSQL renders a column: the common kinds
// directly (this runs for every column of every row), anything else through encoding/json.
func decodeValue(v reflect.Value, raw json.RawMessage) error {
	if string(raw) == "null" {
		v.SetZero()
		return nil
	}
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		if err := decodeValue(p.Elem(), raw); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	unquoted := func() (string, bool) {
		if len(raw) < 2 || raw[0] != '"' || strings.IndexByte(string(raw), '\\') >= 0 {
			return "", false
		}
		return string(raw[1 : len(raw)-1]), true
	}
	switch {
	case v.Type() == timeType:
		s, ok := unquoted()
		if !ok {
			break
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(t.Local())) // as pgx scans a timestamptz
		return nil
	case v.Type() == uuidType:
		s, ok := unquoted()
		if !ok {
			break
		}
		id, err := uuid.Parse(s)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(id))
		return nil
	case v.Type() == bytesType:
		// bytea: PostgreSQL's JSON has it as text in hex format ("\\x0a1b…").
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		b, err := hex.DecodeString(strings.TrimPrefix(s, `\x`))
		if err != nil {
			return err
		}
		v.SetBytes(b)
		return nil
	case v.Kind() == reflect.String:
		if s, ok := unquoted(); ok {
			v.SetString(s)
			return nil
		}
	case v.Kind() >= reflect.Int && v.Kind() <= reflect.Int64:
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			return err
		}
		v.SetInt(n)
		return nil
	case v.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(string(raw))
		if err != nil {
			return err
		}
		v.SetBool(b)
		return nil
	}
	return json.Unmarshal(raw, v.Addr().Interface())
}
