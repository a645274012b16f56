package db

import (
	"database/sql/driver"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// InsertOf returns the INSERT that GORM's Create builds for rows (a pointer to a model, or a
// slice of models or of pointers to them), with "?" placeholders, like Built. For models Create
// treats plainly — no hooks, no database defaults it would leave out, no serializers, no unix
// timestamps — it writes the statement itself from the model's schema: every column the model
// maps, in GORM's order, each row's values as GORM passes them (a zero CreatedAt or UpdatedAt set
// to now, in the row too, as Create does). That is a fraction of the work of GORM's dry run,
// which an order pays for six inserts. Anything else goes through the dry run.
// TestInsertOfIsCreate and TestOrderInsertsAreGORMsCreates compare the two.
func InsertOf(tx *gorm.DB, rows any) Statement {
	rv := reflect.Indirect(reflect.ValueOf(rows))
	n, first := 1, rv
	if rv.Kind() == reflect.Slice {
		if n = rv.Len(); n == 0 {
			return Built(tx, func(d *gorm.DB) *gorm.DB { return d.Create(rows) })
		}
		first = reflect.Indirect(rv.Index(0))
	}
	p := planInsert(tx, first.Addr().Interface())
	if p == nil {
		return Built(tx, func(d *gorm.DB) *gorm.DB { return d.Create(rows) })
	}
	var b strings.Builder
	b.Grow(len(p.prefix) + n*(len(p.row)+1))
	b.WriteString(p.prefix)
	vars := make([]any, 0, n*len(p.fields))
	ctx := tx.Statement.Context
	var now *time.Time // one time for the whole statement, as Create takes
	for i := range n {
		row := rv
		if rv.Kind() == reflect.Slice {
			row = reflect.Indirect(rv.Index(i))
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.row)
		for _, f := range p.fields {
			v, zero := f.ValueOf(ctx, row)
			if zero && (f.AutoCreateTime > 0 || f.AutoUpdateTime > 0) {
				if now == nil {
					t := tx.NowFunc()
					now = &t
				}
				if err := f.Set(ctx, row, *now); err == nil {
					v, _ = f.ValueOf(ctx, row)
				}
			}
			vars = append(vars, v)
		}
	}
	return Statement{SQL: b.String(), Vars: vars}
}

// PlainInsert reports whether InsertOf writes the INSERT for model (a pointer to one) itself.
func PlainInsert(tx *gorm.DB, model any) bool { return planInsert(tx, model) != nil }

// insertPlan is InsertOf's per-model work: the statement's start ("INSERT INTO t (a,b) VALUES "),
// one row's placeholders ("(?,?)") and the fields, in column order.
type insertPlan struct {
	prefix, row string
	fields      []*schema.Field
}

// handleState is what this package keeps on a database handle that Open returns (a GORM plugin,
// so it lives and dies with the handle): InsertOf's plans, and the observer of Query's statements.
type handleState struct {
	plans   sync.Map // *schema.Schema → *insertPlan, or nil for "use GORM"
	observe atomic.Pointer[func(sql string, took time.Duration)]
}

func (*handleState) Name() string              { return "oms:db" }
func (*handleState) Initialize(*gorm.DB) error { return nil }

func stateOf(tx *gorm.DB) *handleState {
	s, _ := tx.Config.Plugins[(*handleState).Name(nil)].(*handleState)
	return s
}

// ObserveQueries calls f after each statement Query runs on g's handle (tests and benchmarks
// count statements with GORM callbacks, which Query does not run). nil stops it.
func ObserveQueries(g *gorm.DB, f func(sql string, took time.Duration)) {
	if s := stateOf(g); s != nil {
		if f == nil {
			s.observe.Store(nil)
		} else {
			s.observe.Store(&f)
		}
	}
}

// planInsert returns model's plan, or nil when Create does more than insert the values as they
// are.
func planInsert(tx *gorm.DB, model any) *insertPlan {
	stmt := &gorm.Statement{DB: tx}
	if err := stmt.Parse(model); err != nil {
		return nil
	}
	state := stateOf(tx)
	if state != nil {
		if p, ok := state.plans.Load(stmt.Schema); ok {
			return p.(*insertPlan)
		}
	}
	p := newInsertPlan(tx, stmt.Schema)
	if state != nil {
		state.plans.Store(stmt.Schema, p)
	}
	return p
}

var (
	valuerType     = reflect.TypeFor[driver.Valuer]()
	gormValuerType = reflect.TypeFor[gorm.Valuer]()
)

func newInsertPlan(tx *gorm.DB, s *schema.Schema) *insertPlan {
	if s.BeforeCreate || s.BeforeSave || s.AfterCreate || s.AfterSave || len(s.CreateClauses) > 0 {
		return nil
	}
	p := &insertPlan{}
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	tx.Dialector.QuoteTo(&b, s.Table)
	b.WriteString(" (")
	for _, name := range s.DBNames {
		f := s.FieldsByDBName[name]
		if !f.Creatable {
			continue
		}
		t := f.FieldType
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		bytes := t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8
		valuer := t.Implements(valuerType) || reflect.PointerTo(t).Implements(valuerType)
		gormValuer := t.Implements(gormValuerType) || reflect.PointerTo(t).Implements(gormValuerType)
		switch {
		case f.HasDefaultValue || f.DefaultValueInterface != nil, // left out, or replaced, when zero
			f.Serializer != nil, gormValuer, // values GORM computes
			(f.AutoCreateTime > 0 || f.AutoUpdateTime > 0) && f.DataType != schema.Time,   // unix times
			(t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && !bytes && !valuer: // expanded as a list
			return nil
		}
		if len(p.fields) > 0 {
			b.WriteByte(',')
		}
		tx.Dialector.QuoteTo(&b, name)
		p.fields = append(p.fields, f)
	}
	b.WriteString(") VALUES ")
	p.prefix = b.String()
	p.row = "(" + strings.TrimSuffix(strings.Repeat("?,", len(p.fields)), ",") + ")"
	return p
}
